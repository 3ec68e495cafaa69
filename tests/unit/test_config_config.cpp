#include "config/config.hpp"

#include "util/suggest.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace cassette;
using namespace cassette::config;

namespace {

std::string error_of(const std::string& text) {
    auto c = parse_config(text, ".cassette.yaml");
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().rule == "config");
    return format_diagnostic(c.error());
}

std::string message_of(const diag::Result<Config>& c) { return c ? "" : format_diagnostic(c.error()); }

} // namespace

TEST_SUITE("config::config") {

TEST_CASE("a full configuration is read into every section") {
    const std::string text = R"(lint:
  rules:
    body-size: {level: warning, max: 2MiB}
    format: error
    secret: off
    url:
  ignore: ["testdata/legacy/**", "*.gen.yaml"]
redact:
  placeholder: REDACTED
  headers: [X-Api-Key]
  query: [token]
  form: [password]
  json: [$.access_token]
  patterns:
    - {id: internal-token, regex: 'itk_[A-Za-z0-9]{20}'}
  allow: [not-a-secret]
  allow_patterns: ['^test-']
  disable: [generic-high-entropy]
diff:
  ignore_headers: [Date]
  ignore_json_paths: [$.created_at]
)";
    auto c = parse_config(text, "x.yaml");
    REQUIRE_MESSAGE(c, message_of(c));
    CHECK(c->path == "x.yaml");
    REQUIRE(c->lint.rules.count("body-size"));
    const RuleConfig& bs = c->lint.rules.at("body-size");
    CHECK(bs.level == Severity::Warning);
    CHECK_FALSE(bs.off);
    CHECK(bs.options.at("max") == "2MiB");
    CHECK(bs.where.line == 3);
    CHECK(bs.where.column == 5);
    CHECK(bs.option_marks.at("max").line == 3);
    CHECK(c->lint.rules.at("format").level == Severity::Error);
    CHECK(c->lint.rules.at("secret").off);
    CHECK(c->lint.rules.at("url").level == std::nullopt);
    CHECK(c->lint.ignore == std::vector<std::string>{"testdata/legacy/**", "*.gen.yaml"});
    CHECK(c->redact.placeholder == "REDACTED");
    CHECK(c->redact.headers == std::vector<std::string>{"X-Api-Key"});
    REQUIRE(c->redact.patterns.size() == 1);
    CHECK(c->redact.patterns[0].id == "internal-token");
    CHECK(c->redact.patterns[0].regex == "itk_[A-Za-z0-9]{20}");
    CHECK(c->redact.allow_patterns == std::vector<std::string>{"^test-"});
    CHECK(c->redact.disable == std::vector<std::string>{"generic-high-entropy"});
    CHECK(c->diff.ignore_headers == std::vector<std::string>{"Date"});
    CHECK(c->diff.ignore_json_paths == std::vector<std::string>{"$.created_at"});
}

TEST_CASE("an empty file and empty sections are the defaults") {
    auto c = parse_config("", "e.yaml");
    REQUIRE(c);
    CHECK(c->lint.rules.empty());
    auto d = parse_config("lint:\nredact:\ndiff:\n", "e.yaml");
    REQUIRE(d);
    CHECK(d->redact.headers.empty());
}

TEST_CASE("errors are file:line:col, 1-based, with a suggestion for unknown keys") {
    CHECK(error_of("lint:\n  rules: {}\nredcat:\n  headers: []\n") ==
          ".cassette.yaml:3:1: error: unknown top-level key `redcat` (did you mean `redact`?) [config]");
    CHECK(error_of("redact:\n  heders: [a]\n") ==
          ".cassette.yaml:2:3: error: unknown `redact` key `heders` (did you mean `headers`?) [config]");
    CHECK(error_of("diff:\n  nothing_like_it: []\n") == ".cassette.yaml:2:3: error: unknown `diff` key `nothing_like_it` [config]");
    CHECK(error_of("lint:\n  rules:\n    url: warn\n") ==
          ".cassette.yaml:3:10: error: level must be error, warning or off, found `warn` (did you mean `warning`?) [config]");
    CHECK(error_of("redact:\n  headers: X-Api-Key\n") ==
          ".cassette.yaml:2:12: error: redact.headers must be a list, found `X-Api-Key` [config]");
    CHECK(error_of("diff:\n  ignore_headers: []\n  ignore_headers: []\n") ==
          ".cassette.yaml:3:3: error: `ignore_headers` is already defined in this mapping [config]");
    CHECK(error_of("- a\n") ==
          ".cassette.yaml:1:1: error: the configuration must be a mapping with `lint`, `redact` and `diff` [config]");
}

TEST_CASE("bad regular expressions and patterns are refused where they are") {
    CHECK(error_of("redact:\n  patterns:\n    - {id: x, regex: 'a(b'}\n").rfind(
              ".cassette.yaml:3:22: error: invalid regular expression (RE2 syntax): missing )", 0) == 0);
    CHECK(error_of("redact:\n  patterns:\n    - {id: x}\n") ==
          ".cassette.yaml:3:7: error: a pattern needs a non-empty `id` and `regex` [config]");
    CHECK(error_of("redact:\n  allow_patterns: ['[z-a]']\n").rfind(".cassette.yaml:2:20: error: invalid regular", 0) == 0);
}

TEST_CASE("YAML syntax errors carry yaml-cpp's position, made 1-based") {
    std::string err = error_of("lint:\n  rules: {a: b\n");
    CHECK(err.rfind(".cassette.yaml:", 0) == 0);
    CHECK(err.find(": 0:") == std::string::npos);
}

TEST_CASE("a missing file is an error without position") {
    auto r = load_config("/nonexistent/.cassette.yaml");
    REQUIRE_FALSE(r);
    CHECK(format_diagnostic(r.error()) == "/nonexistent/.cassette.yaml: error: cannot read the configuration file [config]");
}

TEST_CASE("sizes take binary and decimal units") {
    CHECK(parse_size("1MiB") == 1048576u);
    CHECK(parse_size("512KiB") == 524288u);
    CHECK(parse_size("2MB") == 2000000u);
    CHECK(parse_size("10kB") == 10000u);
    CHECK(parse_size("1500") == 1500u);
    CHECK(parse_size("1 GiB") == 1073741824u);
    CHECK_FALSE(parse_size(""));
    CHECK_FALSE(parse_size("MiB"));
    CHECK_FALSE(parse_size("1mib"));
    CHECK_FALSE(parse_size("-1"));
    CHECK_FALSE(parse_size("99999999999999999999"));
}

TEST_CASE("globs: segments, ** and bare names") {
    CHECK(glob_match("testdata/legacy/**", "testdata/legacy/a/b.yaml"));
    CHECK(glob_match("testdata/legacy/", "testdata/legacy/b.yaml"));
    CHECK_FALSE(glob_match("testdata/legacy/**", "testdata/other/b.yaml"));
    CHECK(glob_match("*.gen.yaml", "x/y/z.gen.yaml"));
    CHECK(glob_match("legacy", "x/legacy/z.yaml"));
    CHECK_FALSE(glob_match("*.gen.yaml", "x/y/z.yaml"));
    CHECK(glob_match("a/*/c.yaml", "a/b/c.yaml"));
    CHECK_FALSE(glob_match("a/*/c.yaml", "a/b/x/c.yaml"));
    CHECK(glob_match("**/c.yaml", "c.yaml"));
    CHECK(glob_match("./a/c?.y[a-z]ml", "a/c1.yaml"));
    CHECK_FALSE(glob_match("a/c[!0-9].yaml", "a/c1.yaml"));
}

TEST_CASE("find_config walks up and stops at the repository root") {
    namespace fs = std::filesystem;
    fs::path root = fs::temp_directory_path() / ("cassette-config-test-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "repo" / ".git");
    fs::create_directories(root / "repo" / "a" / "b");
    std::ofstream(root / ".cassette.yaml") << "lint: {}\n"; // above the repository: never used
    CHECK_FALSE(find_config((root / "repo" / "a" / "b").string()));
    std::ofstream(root / "repo" / "a" / ".cassette.yaml") << "lint: {}\n";
    auto found = find_config((root / "repo" / "a" / "b").string());
    REQUIRE(found);
    CHECK(fs::path(*found) == root / "repo" / "a" / ".cassette.yaml");
    fs::remove_all(root);
}

} // TEST_SUITE

TEST_SUITE("util::suggest") {

TEST_CASE("nearest key within a third of the word") {
    CHECK(util::edit_distance("heders", "headers") == 1);
    CHECK(util::edit_distance("", "abc") == 3);
    CHECK(util::nearest("heders", {"body", "headers", "url"}) == std::string("headers"));
    CHECK_FALSE(util::nearest("zzz", {"body", "headers", "url"}));
    CHECK(util::did_you_mean("metod", {"method"}) == " (did you mean `method`?)");
    CHECK(util::did_you_mean("x", {"method"}) == "");
}

} // TEST_SUITE

TEST_SUITE("config::Checks") {
TEST_CASE("redact.disable is checked in the loader, with its position; custom ids count") {
    Checks checks;
    checks.detector_ids = {"header", "openai-key"};
    const std::string bad = "redact:\n  disable: [header, opanai-key]\n";
    CHECK(parse_config(bad, "c.yaml"));  // no checks: not checked
    auto r = parse_config(bad, "c.yaml", checks);
    REQUIRE_FALSE(r);
    CHECK(format_diagnostic(r.error()) ==
          "c.yaml:2:21: error: unknown detector `opanai-key` in redact.disable (did you mean `openai-key`?) [config]");
    auto far = parse_config("redact:\n  disable: [zzz]\n", "c.yaml", checks);
    REQUIRE_FALSE(far);
    CHECK(far.error().message == "unknown detector `zzz` in redact.disable (known: header, openai-key, custom:<id>)");
    CHECK(parse_config("redact:\n  disable: [custom:mine]\n  patterns:\n    - {id: mine, regex: 'm_[a-z]+'}\n",
                       "c.yaml", checks));
    CHECK_FALSE(parse_config("redact:\n  disable: [custom:other]\n", "c.yaml", checks));
}
TEST_CASE("diff.ignore_json_paths and the lint section go through the given checks") {
    Checks checks;
    checks.json_path = [](std::string_view p) -> std::optional<std::string> {
        if (!p.empty() && p[0] == '$') return std::nullopt;
        return "it must start with '$'";
    };
    checks.lint = [](const Config& c) -> diag::Result<void> {
        if (c.lint.rules.count("nope")) return problem(c.path, c.lint.rules.at("nope").where, "unknown rule `nope`");
        return {};
    };
    auto r = parse_config("diff:\n  ignore_json_paths: [$.a, usage]\n", "c.yaml", checks);
    REQUIRE_FALSE(r);
    CHECK(format_diagnostic(r.error()) == "c.yaml:2:28: error: it must start with '$' [config]");
    auto l = parse_config("lint:\n  rules:\n    nope: off\n", "c.yaml", checks);
    REQUIRE_FALSE(l);
    CHECK(format_diagnostic(l.error()) == "c.yaml:3:5: error: unknown rule `nope` [config]");
    CHECK(parse_config("lint:\n  rules:\n    url: off\ndiff:\n  ignore_json_paths: [$.a]\n", "c.yaml", checks));
}
}
