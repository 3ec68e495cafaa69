#include "lint/lint.hpp"
#include "lint/output.hpp"

#include <doctest/doctest.h>

using namespace cassette;
using namespace cassette::lint;

namespace {

const char* k_good = "---\nversion: 2\ninteractions:\n    - id: 0\n      request:\n        url: https://x.example/\n"
                     "        method: GET\n      response:\n        status: 200 OK\n        code: 200\n";

std::vector<std::string> rules_of(const FileResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.findings) out.push_back(d.rule + "@" + std::to_string(d.where.line) + ":" + std::to_string(d.where.column));
    return out;
}

} // namespace

TEST_SUITE("lint::lint") {

TEST_CASE("suppression comments: own line, line above, lists, not ours") {
    auto s = find_suppressions("a: 1 # cassette: ignore[status, url]\n  # cassette: ignore\nb: 2\n"
                               "c: 'x # cassette: ignore[url]'\nd: x#cassette: ignore[url]\n# cassette: ignored\n");
    REQUIRE(s.size() == 3); // the quoted one is dropped later, against the model
    CHECK(s[0].where.line == 1);
    CHECK(s[0].where.column == 6);
    CHECK(s[0].target_line == 1);
    CHECK(s[0].rules == std::vector<std::string>{"status", "url"});
    CHECK(s[0].rule_marks[1].column == 33);
    CHECK(s[1].target_line == 3);
    CHECK(s[1].rules.empty());
    CHECK(s[2].where.line == 4);
}

TEST_CASE("a good cassette has no findings; a bad one is sorted by position") {
    Settings all = make_settings(nullptr, {}, {});
    CHECK(lint_source(k_good, "g.yaml", all).findings.empty());
    std::string bad = k_good;
    bad.replace(bad.find("code: 200"), 9, "code: 404");
    bad.replace(bad.find("method: GET"), 11, "method: G T");
    CHECK(rules_of(lint_source(bad, "b.yaml", all)) == std::vector<std::string>{"method@7:17", "status@9:17"});
}

TEST_CASE("a suppressed finding is gone; the suppression is then used") {
    std::string bad = k_good;
    bad.replace(bad.find("        code: 200"), 17, "        code: 404 # cassette: ignore[status]");
    bad.replace(bad.find("        status: 200 OK"), 22, "        # cassette: ignore[status]\n        status: 200 OK");
    Settings all = make_settings(nullptr, {}, {});
    // The status finding sits on the `status` line, which the comment above covers.
    CHECK(rules_of(lint_source(bad, "b.yaml", all)) == std::vector<std::string>{"unused-suppression@11:38"});
}

TEST_CASE("select turns on off-by-default rules; ignore and config turn off") {
    Settings sel = make_settings(nullptr, {"format"}, {});
    CHECK(rules_of(lint_source("version: 2\ninteractions: []\n", "f.yaml", sel)) == std::vector<std::string>{"format@1:1"});
    auto cfg = config::parse_config("lint:\n  rules:\n    empty: error\n    version: off\n", "c.yaml");
    REQUIRE(cfg);
    Settings s = make_settings(&*cfg, {}, {});
    FileResult r = lint_source("interactions: []\n", "e.yaml", s);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "empty");
    CHECK(r.findings[0].severity == Severity::Error);
    CHECK(lint_source("interactions: []\n", "e.yaml", make_settings(&*cfg, {}, {"empty"})).findings.empty());
}

TEST_CASE("a syntax error runs only the reader's rules") {
    Settings all = make_settings(nullptr, {}, {});
    CHECK(rules_of(lint_source("version: 2\ninteractions: [\n", "s.yaml", all)) == std::vector<std::string>{"syntax@3:1"});
}

TEST_CASE("configuration checks against the registry") {
    auto cfg = config::parse_config("lint:\n  rules:\n    body-size: {maxx: 1MiB}\n", "c.yaml");
    REQUIRE(cfg);
    auto problem = [](const config::Config& c) {
        auto r = validate_config(c);
        return r ? std::string() : format_diagnostic(r.error());
    };
    CHECK(problem(*cfg) == std::string("c.yaml:3:23: error: rule `body-size` has no option `maxx` (did you mean `max`?) [config]"));
    cfg = config::parse_config("lint:\n  rules:\n    url: {max: 1}\n", "c.yaml");
    CHECK(problem(*cfg) == std::string("c.yaml:3:16: error: rule `url` has no option `max` (it takes only `level`) [config]"));
}

TEST_CASE("every rule documents itself with examples") {
    for (const Rule* r : all_rules()) {
        CAPTURE(r->id);
        std::string e = explain(*r);
        CHECK(e.find("Failing") != std::string::npos);
        CHECK(e.find("Passing") != std::string::npos);
        CHECK(std::string(r->summary).size() > 10);
    }
    CHECK(path_to_uri("a b/c.yaml") == "a%20b/c.yaml");
    CHECK(path_to_uri("/abs/x.yaml") == "file:///abs/x.yaml");
}

} // TEST_SUITE
