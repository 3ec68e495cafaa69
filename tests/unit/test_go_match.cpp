// `cassette match` against the real go-vcr v1 (Debian's
// golang-github-dnaeon-go-vcr-dev 1.2.0): tests/go/govcrmatch loads the
// cassettes with go-vcr's cassette.Load and replays each request through
// Cassette.GetInteraction; the interaction each request gets must be the
// one `cassette match --matcher v1 --format json` names. Skipped where Go or
// the go-vcr package is missing.
#include "corpus_files.hpp"
#include "go_tools.hpp"
#include "run_cassette.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

using testing_support::go_tool;
using testing_support::run_process;

namespace {

std::optional<std::string> govcrmatch() {
    if (!std::filesystem::exists("/usr/share/gocode/src/github.com/dnaeon/go-vcr/cassette/cassette.go")) {
        MESSAGE("skipped: golang-github-dnaeon-go-vcr-dev (go-vcr 1.2.0) is not installed");
        return std::nullopt;
    }
    auto tool = go_tool("govcrmatch");
    if (!tool) MESSAGE("skipped: Go not available, govcrmatch not built");
    return tool;
}

// One line per request: the interaction go-vcr replays, "-" or "E".
std::vector<std::string> go_answer(const std::string& tool, const std::string& cassette, const std::string& requests,
                                   bool repeat, bool* loaded) {
    std::vector<std::string> argv{tool};
    if (repeat) argv.push_back("--repeat");
    argv.push_back(cassette);
    argv.push_back(requests);
    auto r = run_process(argv);
    *loaded = r.exit_code == 0;
    std::vector<std::string> lines;
    std::string line;
    for (char c : r.out) {
        if (c == '\n') {
            lines.push_back(line);
            line.clear();
        } else {
            line += c;
        }
    }
    return lines;
}

std::vector<std::string> our_answer(const std::string& cassette, const std::string& requests, bool repeat,
                                    bool* refused = nullptr) {
    std::vector<std::string> args{"match", cassette, "--requests", requests, "--matcher", "v1", "--format", "json"};
    if (repeat) args.push_back("--repeat");
    auto o = testing_support::run_cassette(args);
    std::vector<std::string> lines;
    if (refused) *refused = o.code == 2;
    if (o.code == 2) {
        if (!refused) MESSAGE("cassette match failed: " << o.err);
        return lines;
    }
    auto doc = nlohmann::json::parse(o.out, nullptr, false);
    if (!doc.is_object()) return lines;
    for (const auto& r : doc["results"]) {
        if (r.contains("error")) lines.push_back("E");
        else if (r["replays"].is_null()) lines.push_back("-");
        else lines.push_back(std::to_string(r["replays"].get<size_t>()));
    }
    return lines;
}

std::string v1_cassette(const std::vector<std::pair<std::string, std::string>>& requests) {
    std::string s = "---\nversion: 1\ninteractions:\n";
    for (const auto& [method, url] : requests) {
        s += "- request:\n    body: \"\"\n    form: {}\n    headers: {}\n    url: '" + url + "'\n    method: " + method +
             "\n  response:\n    body: ok\n    headers: {}\n    status: 200 OK\n    code: 200\n    duration: 1ms\n";
    }
    return s;
}

} // namespace

TEST_CASE("match: go-vcr v1's replay (GetInteraction + DefaultMatcher) on generated cassettes") {
    auto tool = govcrmatch();
    if (!tool) return;
    testing_support::TempDir dir("match-go");
    // URLs whose URL.String() differs from the text (scheme case, a space in
    // the path, an empty query), ones it keeps, and one url.Parse refuses.
    const std::vector<std::string> urls = {
        "https://api.example.com/v1/items",     "https://api.example.com/v1/items?page=2",
        "https://api.example.com/v1/items?",    "HTTPS://api.example.com/v1/items",
        "https://api.example.com/v1/a b",       "https://api.example.com/v1/a%20b",
        "https://api.example.com/~user/%7Eme",  "https://API.example.com/v1/items#top",
        "https://api.example.com/q?x=a b&y=%zz", "http://exa mple.com/",
        "https://api.example.com/v1/items/",    "https://user:pass@api.example.com/v1",
    };
    const std::vector<std::string> methods = {"GET", "POST", "get", "DELETE"};
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    auto next = [&](size_t n) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        return size_t(seed % n);
    };
    size_t compared = 0, replayed = 0;
    for (int round = 0; round < 40; ++round) {
        std::vector<std::pair<std::string, std::string>> recorded, sent;
        const size_t n = 1 + next(8), m = 1 + next(10);
        for (size_t k = 0; k < n; ++k) recorded.push_back({methods[next(2)], urls[next(urls.size())]});
        for (size_t k = 0; k < m; ++k) sent.push_back({methods[next(methods.size())], urls[next(urls.size())]});
        testing_support::write_file(dir / "c.yaml", v1_cassette(recorded));
        testing_support::write_file(dir / "r.yaml", v1_cassette(sent));
        for (bool repeat : {false, true}) {
            CAPTURE(round);
            CAPTURE(repeat);
            bool loaded = false;
            const auto go = go_answer(*tool, dir / "c.yaml", dir / "r.yaml", repeat, &loaded);
            REQUIRE(loaded);
            const auto ours = our_answer(dir / "c.yaml", dir / "r.yaml", repeat);
            CHECK(ours == go);
            ++compared;
            for (const auto& a : go) replayed += a != "-" && a != "E";
        }
    }
    MESSAGE("go-vcr v1 differential: " << compared << " replays compared, " << replayed << " requests replayed");
}

TEST_CASE("match: go-vcr v1's replay on the real corpus (each file against itself and the next one)") {
    auto tool = govcrmatch();
    if (!tool) return;
    std::vector<std::string> files;
    for (const auto& f : testing_support::sample_and_corpus_files())
        if (f.find("/corpus/real/") != std::string::npos) files.push_back(f);
    if (files.empty()) {
        MESSAGE("skipped: ../shared/corpus/real is not there");
        return;
    }
    size_t compared = 0, skipped = 0;
    for (size_t k = 0; k < files.size(); ++k) {
        for (const auto& requests : {files[k], files[(k + 1) % files.size()]}) {
            CAPTURE(files[k]);
            CAPTURE(requests);
            bool loaded = false;
            const auto go = go_answer(*tool, files[k], requests, false, &loaded);
            if (!loaded) {
                ++skipped; // go-vcr v1's yaml.v2 refuses the file: nothing to compare
                continue;
            }
            bool refused = false;
            const auto ours = our_answer(files[k], requests, false, &refused);
            if (refused) {
                ++skipped; // not a go-vcr cassette for cassette (another recorder's): nothing to compare
                continue;
            }
            CHECK(ours == go);
            ++compared;
        }
    }
    MESSAGE("go-vcr v1 differential over the corpus: " << compared << " pairs compared, " << skipped
                                                       << " skipped (not loadable by go-vcr v1 or refused)");
    CHECK(compared > 0);
}
