// lint --fix / --diff (src/lint/fix.cpp): what is fixed, what is left alone,
// idempotence, and the real corpus: fixing a copy of every file keeps what
// replay compares and leaves no finding of the fixed rules.
#include "corpus_files.hpp"
#include "go_tools.hpp"
#include "lint/fix.hpp"
#include "lint/lint.hpp"
#include "run_cassette.hpp"
#include "temp_dir.hpp"
#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

using namespace cassette;
using testing_support::Outcome;
using testing_support::read_file;
using testing_support::run_cassette;
using testing_support::TempDir;
using testing_support::write_file;

namespace {

// Every fixable finding at once: content_length, ids, host, proto, a header
// name, and two suppressions (one alone on its line) that suppress nothing.
const char* k_broken = "---\n"
                       "version: 2\n"
                       "interactions:\n"
                       "    - id: 3\n"
                       "      request:\n"
                       "        proto: HTTP/1.1\n"
                       "        proto_major: 1\n"
                       "        proto_minor: 1\n"
                       "        content_length: 5\n"
                       "        host: old.example.com\n"
                       "        body: abc\n"
                       "        headers:\n"
                       "            x-request-id:\n"
                       "                - \"7\"\n"
                       "            # cassette: ignore[status]\n"
                       "            X-Trace:\n"
                       "                - t\n"
                       "        url: https://api.example.com/v1/items\n"
                       "        method: POST\n"
                       "      response:\n"
                       "        proto: HTTP/2.0\n"
                       "        proto_major: 1\n"
                       "        proto_minor: 1\n"
                       "        content_length: 99\n"
                       "        body: '{\"ok\":true}'\n"
                       "        headers:\n"
                       "            content-type:\n"
                       "                - application/json\n"
                       "            Content-Type:\n"
                       "                - text/plain\n"
                       "        status: 200 OK  # cassette: ignore[url]\n"
                       "        code: 200\n"
                       "        duration: 10ms\n"
                       "    - id: 3\n"
                       "      request:\n"
                       "        body: \"\"\n"
                       "        url: https://api.example.com/v1/items\n"
                       "        method: GET\n"
                       "      response:\n"
                       "        content_length: -1\n"
                       "        body: chunked body\n"
                       "        status: 200 OK\n"
                       "        code: 200\n"
                       "        duration: 10ms\n";

} // namespace

TEST_SUITE("lint fix") {

TEST_CASE("--fix fixes every fixable finding, keeps every other byte, and a second run changes nothing") {
    TempDir dir("fix");
    const std::string file = dir / "c.yaml";
    write_file(file, k_broken);
    Outcome before = run_cassette({"lint", file});
    CHECK(before.out.find("[content-length]") != std::string::npos);

    Outcome f = run_cassette({"lint", "--fix", file});
    CAPTURE(f.out);
    CAPTURE(f.err);
    const std::string fixed = read_file(file);
    CAPTURE(fixed);
    CHECK(fixed.find("content_length: 3\n") != std::string::npos);
    CHECK(fixed.find("content_length: 11\n") != std::string::npos);
    CHECK(fixed.find("content_length: -1\n") != std::string::npos); // unknown length stays
    CHECK(fixed.find("    - id: 0\n") != std::string::npos);
    CHECK(fixed.find("    - id: 1\n") != std::string::npos);
    CHECK(fixed.find("host: api.example.com\n") != std::string::npos);
    CHECK(fixed.find("proto: HTTP/1.1\n        proto_major: 1\n        proto_minor: 1\n        content_length: 11") !=
          std::string::npos);
    CHECK(fixed.find("X-Request-Id:") != std::string::npos);
    // Renaming would make a duplicate key: left as it is, still reported.
    CHECK(fixed.find("content-type:") != std::string::npos);
    CHECK(fixed.find("cassette: ignore") == std::string::npos);
    CHECK(fixed.find("            X-Trace:") != std::string::npos);
    CHECK(fixed.find("        status: 200 OK\n") != std::string::npos);
    // 2 content_length, 2 id findings (order, repeat), host, proto, a header
    // name, 2 suppressions; the duplicate-making name remains.
    // Only the fixed lines changed: same number of lines but the removed comment line.
    CHECK(std::count(fixed.begin(), fixed.end(), '\n') + 1 == std::count(k_broken, k_broken + std::strlen(k_broken), '\n'));
    CHECK(f.err.find("fixed, 1 remaining\n") != std::string::npos);
    CHECK(f.err.substr(f.err.rfind('\n', f.err.size() - 2) + 1) == "9 fixed, 1 remaining\n");
    CHECK(f.out.find("[header-name]") != std::string::npos);

    Outcome again = run_cassette({"lint", "--fix", file});
    CHECK(read_file(file) == fixed);
    CHECK(again.err.find("0 fixed, 1 remaining") != std::string::npos);
    CHECK(run_cassette({"lint", "--diff", file}).out.empty());
}

TEST_CASE("--diff prints the fixes and writes nothing; exit 1 when there are some") {
    TempDir dir("fix-diff");
    const std::string file = dir / "c.yaml";
    write_file(file, k_broken);
    Outcome d = run_cassette({"lint", "--diff", file});
    CHECK(d.code == 1);
    CHECK(read_file(file) == k_broken);
    CHECK(d.out.find("--- a/" + file) != std::string::npos);
    CHECK(d.out.find("\n-        host: old.example.com\n") != std::string::npos);
    CHECK(d.out.find("\n+        host: api.example.com\n") != std::string::npos);
    CHECK(d.out.find("-            # cassette: ignore[status]\n") != std::string::npos);
    CHECK(d.err.find("9 fixable, 1 remaining") != std::string::npos);
}

TEST_CASE("secrets are not fixed: the message points to redact") {
    TempDir dir("fix-secret");
    const std::string file = dir / "c.yaml";
    std::string text = k_broken;
    text.replace(text.find("- t\n"), 3, "- Bearer ghp_0123456789abcdefghijABCDEFGHIJ012345");
    text.replace(text.find("X-Trace"), 7, "Authorization");
    write_file(file, text);
    Outcome f = run_cassette({"lint", "--fix", file});
    CHECK(f.code == 1);
    CHECK(read_file(file).find("ghp_0123456789abcdefghijABCDEFGHIJ012345") != std::string::npos);
    CHECK(f.err.find("'cassette redact FILE...' replaces them") != std::string::npos);
    CHECK(f.out.find("[secret]") != std::string::npos);
}

TEST_CASE("fixable is declared per rule: --explain and the JSON output say so") {
    CHECK(run_cassette({"lint", "--explain", "content-length"}).out.find("fixable by `lint --fix`") != std::string::npos);
    CHECK(run_cassette({"lint", "--explain", "secret"}).out.find("fixable") == std::string::npos);
    TempDir dir("fix-json");
    write_file(dir / "c.yaml", k_broken);
    Outcome j = run_cassette({"lint", "--format", "json", dir / "c.yaml"});
    CHECK(j.out.find("\"fixable\": true") != std::string::npos);
    size_t fixable = 0;
    for (const lint::Rule* r : lint::all_rules()) fixable += r->fixable;
    CHECK(fixable == 7);
}

TEST_CASE("corpus: --fix on a copy of every real file keeps method, URL and bodies, and is clean for the fixed rules") {
    if (!testing_support::shared_corpus_present()) return;
    TempDir dir("fix-corpus");
    size_t files = 0, changed = 0;
    const std::string fixed_rules = "content-length,id,host,proto,header-name,unused-suppression";
    for (const std::string& f : testing_support::sample_and_corpus_files()) {
        if (f.find("/corpus/real/") == std::string::npos) continue;
        CAPTURE(f);
        const std::string copy = dir / (std::to_string(files++) + ".yaml");
        std::filesystem::copy_file(f, copy);
        const std::string original = read_file(copy);
        run_cassette({"lint", "--fix", "--select", fixed_rules, copy});
        const std::string after = read_file(copy);
        if (after == original) continue;
        ++changed;
        yaml::ReadResult a = yaml::read_cassette(original, f), b = yaml::read_cassette(after, f);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        REQUIRE(a.cassette->interactions.size() == b.cassette->interactions.size());
        for (size_t i = 0; i < a.cassette->interactions.size(); ++i) {
            const Interaction& x = a.cassette->interactions[i];
            const Interaction& y = b.cassette->interactions[i];
            CHECK(x.request.method.str() == y.request.method.str());
            CHECK(x.request.url.str() == y.request.url.str());
            CHECK(x.request.body.str() == y.request.body.str());
            CHECK(x.response.body.str() == y.response.body.str());
            CHECK(x.response.code.str() == y.response.code.str());
        }
        Outcome l = run_cassette({"lint", "--select", fixed_rules, copy});
        CHECK(l.out.find("[content-length]") == std::string::npos);
        CHECK(l.out.find("[id]") == std::string::npos);
        CHECK(l.out.find("[host]") == std::string::npos);
        CHECK(l.out.find("[proto]") == std::string::npos);
    }
    MESSAGE("--fix changed " << changed << " of " << files << " real corpus files");
    CHECK(files >= 40);
    CHECK(changed >= 1);
}

} // TEST_SUITE
