// Baselines (src/baseline/): request identities, field paths, and whole
// runs of `lint --write-baseline` / `--baseline` and `redact --check
// --baseline` over a cassette that then goes through what happens to
// cassettes (lines shift, fmt --pretty-json, re-ordering, a re-record).
#include "baseline/baseline.hpp"
#include "corpus_files.hpp"
#include "go_tools.hpp"
#include "run_cassette.hpp"
#include "temp_dir.hpp"
#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

using namespace cassette;
using testing_support::Outcome;
using testing_support::read_file;
using testing_support::run_cassette;
using testing_support::TempDir;
using testing_support::write_file;

namespace {

constexpr const char* k_token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
constexpr const char* k_other_token = "ghp_9876543210abcdefghijABCDEFGHIJ543210";

// Two interactions; findings: a secret header, a content_length that is
// not the body's length, a misspelt key, a non-canonical header name.
std::string cassette_text(const std::string& token = k_token, const std::string& ts = "1733342400",
                          bool swapped = false) {
    const std::string first = "    - id: 0\n"
                              "      request:\n"
                              "        proto: HTTP/1.1\n"
                              "        proto_major: 1\n"
                              "        proto_minor: 1\n"
                              "        content_length: 0\n"
                              "        host: api.github.com\n"
                              "        body: \"\"\n"
                              "        headers:\n"
                              "            Authorization:\n"
                              "                - Bearer " + token + "\n"
                              "        url: https://api.github.com/repos/o/r/issues?page=2&_ts=" + ts + "\n"
                              "        method: GET\n"
                              "      response:\n"
                              "        proto: HTTP/1.1\n"
                              "        proto_major: 1\n"
                              "        proto_minor: 1\n"
                              "        content_length: 99\n"
                              "        body: '{\"a\":1}'\n"
                              "        headers:\n"
                              "            Content-Type:\n"
                              "                - application/json\n"
                              "        status: 200 OK\n"
                              "        code: 200\n"
                              "        duration: 10ms\n";
    const std::string second = "    - id: 1\n"
                               "      request:\n"
                               "        proto: HTTP/1.1\n"
                               "        proto_major: 1\n"
                               "        proto_minor: 1\n"
                               "        content_length: 0\n"
                               "        host: api.github.com\n"
                               "        body: \"\"\n"
                               "        headers:\n"
                               "            x-custom:\n"
                               "                - a\n"
                               "        url: https://api.github.com/user?nonce=" + ts + "abc\n"
                               "        method: GET\n"
                               "        colour: blue\n"
                               "      response:\n"
                               "        proto: HTTP/1.1\n"
                               "        proto_major: 1\n"
                               "        proto_minor: 1\n"
                               "        content_length: 2\n"
                               "        body: '{}'\n"
                               "        headers: {}\n"
                               "        status: 200 OK\n"
                               "        code: 200\n"
                               "        duration: 10ms\n";
    auto renumber = [](std::string s, int id) { return s.replace(s.find("id: "), 5, "id: " + std::to_string(id)); };
    return "---\nversion: 2\ninteractions:\n" + (swapped ? renumber(second, 0) + renumber(first, 1) : first + second);
}

struct Repo {
    TempDir dir{"baseline"};
    std::string file() const { return dir / "c.yaml"; }
    std::string baseline() const { return dir / ".cassette-baseline.json"; }
    Outcome lint() const { return run_cassette({"lint", "--baseline", baseline(), file()}); }
};

std::vector<std::string> rules_in(const std::string& out) {
    // The rule of each finding line: its last "[...]".
    std::vector<std::string> rules;
    size_t start = 0;
    for (size_t end; (end = out.find('\n', start)) != std::string::npos; start = end + 1) {
        const std::string line = out.substr(start, end - start);
        const size_t open = line.rfind(" [");
        if (open != std::string::npos && line.back() == ']') rules.push_back(line.substr(open + 2, line.size() - open - 3));
    }
    return rules;
}

} // namespace

TEST_SUITE("baseline") {

TEST_CASE("request identity: volatile and credential query values normalised, the rest kept") {
    using baseline::normalize_url;
    CHECK(normalize_url("HTTPS://API.Example.com:443/v1/Items?page=2&ts=1733342400&b=1") ==
          "https://api.example.com/v1/Items?b=1&page=2&ts=*");
    CHECK(normalize_url("https://a.example/x?b=2&a=1") == normalize_url("https://a.example/x?a=1&b=2"));
    CHECK(normalize_url("https://a.example/x?since=2026-12-04T20:00:00Z") == "https://a.example/x?since=*");
    CHECK(normalize_url("https://a.example/x?t=1733342400123") == "https://a.example/x?t=*");
    CHECK(normalize_url("https://a.example/x?X-Amz-Signature=abc&X-Amz-Date=20261204T000000Z") ==
          "https://a.example/x?X-Amz-Date=*&X-Amz-Signature=*");
    CHECK(normalize_url("https://a.example/x?page_token=CAEQ&cursor=abc&_=1") ==
          "https://a.example/x?_=*&cursor=*&page_token=*");
    CHECK(normalize_url("https://a.example/x?api_key=sk-live-abc123") == "https://a.example/x?api_key=*");
    CHECK(normalize_url("https://user:pw@a.example:8080/x#frag") == "https://a.example:8080/x");
    // What tells requests apart is kept.
    CHECK(normalize_url("https://a.example/x?page=2") != normalize_url("https://a.example/x?page=3"));
    CHECK(normalize_url("https://a.example/items/1") != normalize_url("https://a.example/items/2"));
    CHECK(normalize_url("not a url at all") == "not a url at all");
}

TEST_CASE("request display: no query values, credential-like path segments masked") {
    CHECK(baseline::request_display("GET", "https://api.example.com/v1/items?page=2&ts=1") ==
          "GET api.example.com/v1/items?page&ts");
    CHECK(baseline::request_display("POST", "https://hooks.slack.com/services/T0AAAA1AA/B0AAAA1AA/abcdefghijklmnopqrstuvwx") ==
          "POST hooks.slack.com/services/*/*/*");
}

TEST_CASE("field paths from positions: header values, canonical names, fields, unknown keys") {
    const std::string text = cassette_text();
    yaml::ReadResult r = yaml::read_cassette(SourceText(text), "c.yaml");
    REQUIRE(r.ok());
    const Cassette& c = *r.cassette;
    const Interaction& i0 = c.interactions[0];
    const Interaction& i1 = c.interactions[1];
    CHECK(baseline::field_path(c, 0, i0.request.headers.entries[0].values[0].span.begin.offset) ==
          "request.headers.Authorization[0]");
    CHECK(baseline::field_path(c, 0, i0.response.content_length.value.span.begin.offset) == "response.content_length");
    CHECK(baseline::field_path(c, 0, i0.response.content_length.key.begin.offset) == "response.content_length");
    CHECK(baseline::field_path(c, 1, i1.request.headers.entries[0].name.span.begin.offset) == "request.headers.X-Custom");
    CHECK(baseline::field_path(c, 1, i1.request.extra[0].key.span.begin.offset) == "request.colour");
    CHECK(baseline::field_path(c, 0, i0.id.value.span.begin.offset) == "id");
    CHECK(baseline::field_path(c, std::nullopt, c.version.value.span.begin.offset) == "version");
}

TEST_CASE("a secret without its value (another recorder's file) is keyed by a hash, never its message") {
    Diagnostic d;
    d.rule = "secret";
    d.where = Mark{3, 5, 40};
    d.message = "OpenAI API key in interactions[0].request.headers.Authorization (sk-p…3oPl)";
    const std::vector<std::string> ids = baseline::identify(nullptr, {d});
    REQUIRE(ids.size() == 1);
    CHECK(ids[0].find("sk-p") == std::string::npos);
    const baseline::Baseline b = baseline::Baseline::create();
    const baseline::Entry e = b.entry("c.yaml", "secret", ids[0]);
    CHECK(e.what.empty());
    CHECK(e.value.size() == 16);
    Diagnostic other = d;
    other.message = "OpenAI API key in interactions[0].request.headers.Authorization (sk-p…9XyZ)";
    CHECK(b.entry("c.yaml", "secret", baseline::identify(nullptr, {other})[0]).key() != e.key());
}

TEST_CASE("the baseline file: sorted, one entry per line, no secret, salt kept by a rewrite") {
    Repo repo;
    write_file(repo.file(), cassette_text());
    Outcome before = run_cassette({"lint", repo.file()});
    CHECK(before.code == 1);
    const size_t findings = rules_in(before.out).size();
    CHECK(findings >= 4);

    Outcome w = run_cassette({"lint", "--write-baseline", repo.baseline(), repo.file()});
    CHECK(w.code == 0);
    CHECK(w.out.empty());
    CHECK(w.err.find("wrote") != std::string::npos);
    const std::string text = read_file(repo.baseline());
    CHECK(text.find(k_token) == std::string::npos);
    CHECK(text.find(std::string(k_token).substr(4, 16)) == std::string::npos);
    CHECK(text.find("1733342400") == std::string::npos); // no query value either
    size_t lines = size_t(std::count(text.begin(), text.end(), '\n'));
    CAPTURE(text);
    CAPTURE(before.out);
    CHECK(lines == findings + 6); // {, version, salt, entries: [, one per finding, ], }
    CHECK(text.find("\"path\":\"request.headers.Authorization\"") != std::string::npos);
    CHECK(text.find("\"path\":\"response.content_length\"") != std::string::npos);
    CHECK(text.find("\"path\":\"request.colour\"") != std::string::npos);

    // Written again with nothing changed: byte for byte the same (salt kept, sorted).
    CHECK(run_cassette({"lint", "--write-baseline", repo.baseline(), repo.file()}).code == 0);
    CHECK(read_file(repo.baseline()) == text);

    Outcome l = repo.lint();
    CHECK(l.code == 0);
    CHECK(l.out.empty());
    CHECK(l.err.find(std::to_string(findings) + " known findings in the baseline") != std::string::npos);
}

TEST_CASE("entries survive line shifts, fmt, fmt --pretty-json, re-ordering and a re-record") {
    Repo repo;
    write_file(repo.file(), cassette_text());
    REQUIRE(run_cassette({"lint", "--write-baseline", repo.baseline(), repo.file()}).code == 0);

    SUBCASE("lines shift") {
        std::string t = cassette_text();
        t.insert(t.find("version"), "# recorded by TestIssues\n# against the real API\n\n");
        write_file(repo.file(), t);
    }
    SUBCASE("fmt") {
        write_file(repo.file(), cassette_text());
        REQUIRE(run_cassette({"fmt", repo.file()}).code == 0);
    }
    SUBCASE("fmt --pretty-json") {
        REQUIRE(run_cassette({"fmt", "--pretty-json", repo.file()}).code == 0);
        REQUIRE(read_file(repo.file()) != cassette_text());
    }
    SUBCASE("interactions re-ordered") { write_file(repo.file(), cassette_text(k_token, "1733342400", true)); }
    SUBCASE("a re-record with new timestamps and nonces") { write_file(repo.file(), cassette_text(k_token, "1764878400")); }

    Outcome l = repo.lint();
    CAPTURE(l.out);
    CAPTURE(read_file(repo.file()));
    // fmt --pretty-json makes content_length true: that entry is stale, a note.
    for (const std::string& rule : rules_in(l.out)) CHECK(rule == "unused-baseline");
    CHECK(l.code == 0);
}

TEST_CASE("a changed secret is a new finding; the old entry is reported as stale") {
    Repo repo;
    write_file(repo.file(), cassette_text());
    REQUIRE(run_cassette({"lint", "--write-baseline", repo.baseline(), repo.file()}).code == 0);
    write_file(repo.file(), cassette_text(k_other_token));
    Outcome l = repo.lint();
    CAPTURE(l.out);
    CHECK(l.code == 1);
    CHECK(rules_in(l.out) == std::vector<std::string>{"unused-baseline", "secret"});
    CHECK(l.out.find("baseline entry for `secret` at request.headers.Authorization of GET api.github.com/repos/o/r/issues?page&_ts matches nothing") !=
          std::string::npos);
    CHECK(l.out.find(k_other_token) == std::string::npos);

    // redact --check reads the same baseline: the new secret counts.
    Outcome r = run_cassette({"redact", "--check", "--baseline", repo.baseline(), repo.file()});
    CHECK(r.code == 1);
    CHECK(r.err.find("[unused-baseline]") != std::string::npos);

    // --write-baseline takes the new one and drops the stale one.
    Outcome w = run_cassette({"lint", "--write-baseline", repo.baseline(), repo.file()});
    CHECK(w.err.find("1 stale dropped") != std::string::npos);
    CHECK(repo.lint().out.empty());
    CHECK(run_cassette({"redact", "--check", "--baseline", repo.baseline(), repo.file()}).code == 0);
}

TEST_CASE("a fixed finding leaves a stale note, which fails nothing; a new finding fails") {
    Repo repo;
    write_file(repo.file(), cassette_text());
    REQUIRE(run_cassette({"lint", "--write-baseline", repo.baseline(), repo.file()}).code == 0);
    std::string t = cassette_text();
    t.replace(t.find("colour: blue"), 12, "method: GET"); // hmm: a duplicate key is a new (error) finding
    write_file(repo.file(), t);
    Outcome l = repo.lint();
    CAPTURE(l.out);
    CHECK(l.code == 1);
    CHECK(rules_in(l.out) == std::vector<std::string>{"unused-baseline", "duplicate-key"});

    t = cassette_text();
    t.erase(t.find("        colour: blue\n"), 21);
    write_file(repo.file(), t);
    l = repo.lint();
    CHECK(l.code == 0);
    CHECK(rules_in(l.out) == std::vector<std::string>{"unused-baseline"});
    CHECK(run_cassette({"lint", "--strict", "--baseline", repo.baseline(), repo.file()}).code == 0);
}

TEST_CASE("the configuration's baseline key, relative to the configuration file") {
    Repo repo;
    write_file(repo.file(), cassette_text());
    REQUIRE(run_cassette({"lint", "--write-baseline", repo.baseline(), repo.file()}).code == 0);
    write_file(repo.dir / ".cassette.yaml", "baseline: .cassette-baseline.json\n");
    CHECK(run_cassette({"lint", repo.file()}).code == 0);
    CHECK(run_cassette({"redact", "--check", repo.file()}).code == 0);
    write_file(repo.dir / ".cassette.yaml", "baseline: missing.json\n");
    Outcome m = run_cassette({"lint", repo.file()});
    CHECK(m.code == 2);
    CHECK(m.err.find("missing.json: error: no such file") != std::string::npos);
}

TEST_CASE("a broken baseline file is an error, exit 2") {
    Repo repo;
    write_file(repo.file(), cassette_text());
    write_file(repo.baseline(), "{\"cassette_baseline\": 1, \"salt\": \"ab\", \"entries\": [{\"rule\": \"x\"}]}");
    Outcome l = repo.lint();
    CHECK(l.code == 2);
    CHECK(l.err.find(": error: entry 0: `file` and `rule` are required [baseline]") != std::string::npos);
    write_file(repo.baseline(), "not json");
    CHECK(repo.lint().code == 2);
    CHECK(run_cassette({"redact", "--baseline", repo.baseline(), repo.file()}).code == 2); // without --check
}

TEST_CASE("corpus: every finding of the real files is still known after fmt --pretty-json of a copy") {
    // What a team does: record the baseline, then reformat every cassette.
    // Nothing may come back as new; entries fmt made stale are notes.
    TempDir dir("baseline-corpus");
    std::vector<std::string> copies;
    size_t k = 0;
    for (const std::string& f : testing_support::sample_and_corpus_files()) {
        if (f.find("/corpus/real/") == std::string::npos && f.find("samples/") == std::string::npos) continue;
        const std::string copy = dir / (std::to_string(k++) + ".yaml");
        std::filesystem::copy_file(f, copy);
        copies.push_back(copy);
    }
    const std::string b = dir / ".cassette-baseline.json";
    std::vector<std::string> args = {"lint", "--write-baseline", b};
    args.insert(args.end(), copies.begin(), copies.end());
    REQUIRE(run_cassette(args).code == 0);
    const std::string text = read_file(b);
    const size_t entries = size_t(std::count(text.begin(), text.end(), '\n')) - 6;
    if (testing_support::shared_corpus_present()) CHECK(entries > 50);

    std::vector<std::string> fmt = {"fmt", "--pretty-json"};
    for (const std::string& c : copies) {
        fmt.push_back(c);
    }
    run_cassette(fmt); // files fmt refuses (other recorders) stay as they were
    std::vector<std::string> check = {"lint", "--baseline", b};
    check.insert(check.end(), copies.begin(), copies.end());
    Outcome l = run_cassette(check);
    size_t stale = 0;
    for (const std::string& rule : rules_in(l.out)) {
        CHECK(rule == "unused-baseline");
        stale += rule == "unused-baseline";
    }
    CHECK(l.code == 0);
    MESSAGE(entries << " baseline entries over " << copies.size() << " files; " << stale
                    << " made stale by fmt --pretty-json");
    CHECK(stale * 10 < entries);
}

TEST_CASE("in a git repository: baseline written at the root, used from a sub-folder through .cassette.yaml") {
    TempDir dir("baseline-git");
    const std::string bin = std::string(CASSETTE_BINARY_DIR) + "/cassette";
    auto sh = [&](const std::string& cmd) {
        return testing_support::run_process({"/bin/sh", "-c", "cd '" + dir.path + "' && " + cmd});
    };
    if (sh("git init -q . && git config user.email t@example.com && git config user.name t").exit_code != 0) {
        MESSAGE("git is not available: skipped");
        return;
    }
    std::filesystem::create_directories(dir / "testdata/api");
    write_file(dir / "testdata/api/c.yaml", cassette_text());
    write_file(dir / ".cassette.yaml", "baseline: .cassette-baseline.json\n");
    CHECK(sh(bin + " lint --write-baseline .cassette-baseline.json testdata").exit_code == 0);
    CHECK(read_file(dir / ".cassette-baseline.json").find("\"file\":\"testdata/api/c.yaml\"") != std::string::npos);
    CHECK(sh("git add -A && git commit -qm baseline").exit_code == 0);

    // From a sub-folder: the configuration is found upwards, the baseline
    // next to it, and the file is named relative to the baseline.
    testing_support::RunResult l = sh("cd testdata/api && " + bin + " lint .");
    CHECK(l.exit_code == 0);
    CHECK(l.out.empty());
    CHECK(sh("cd testdata && " + bin + " redact --check api").exit_code == 0);

    // A re-record that sends the same requests, with a new secret.
    write_file(dir / "testdata/api/c.yaml", cassette_text(k_other_token, "1764878400", true));
    l = sh("cd testdata/api && " + bin + " lint c.yaml");
    CHECK(l.exit_code == 1);
    CHECK(rules_in(l.out) == std::vector<std::string>{"unused-baseline", "secret"});
    CHECK(sh("git diff --quiet -- .cassette-baseline.json").exit_code == 0);
}

} // TEST_SUITE
