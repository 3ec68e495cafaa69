// Error conventions every subcommand shares (issue #22, section 3): an
// error is never dropped by -q, a configuration problem is a diagnostic
// with a rule id, JSON output survives bytes that are not UTF-8 (file
// names), and nothing that escapes a command ends the process.
#include "run_cassette.hpp"
#include "commands/common.hpp"
#include "json/text.hpp"

#include "go_tools.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;
using testing_support::read_file;
using testing_support::write_file;

namespace {

const std::string kRoot = CASSETTE_SOURCE_DIR;

using testing_support::Outcome;
using testing_support::run_cassette;

} // namespace

TEST_SUITE("commands: errors") {

TEST_CASE("-q never drops an error: a misspelt key in .cassette.yaml is reported by every command that reads it") {
    testing_support::TempDir dir("errors");
    const std::string file = dir / "x.yaml";
    fs::copy_file(kRoot + "/samples/openai-chat.yaml", file);
    write_file(dir / ".cassette.yaml", "redact:\n  disabel: [generic-secret]\n");
    const std::vector<std::vector<std::string>> commands = {
        {"redact", "--check", file}, {"redact", file}, {"lint", file}, {"show", file}, {"diff", file, file}};
    for (const auto& args : commands) {
        for (const bool quiet : {false, true}) {
            std::vector<std::string> argv = args;
            if (quiet) argv.insert(argv.begin(), "-q");
            CAPTURE(argv.front());
            CAPTURE(args.front());
            Outcome o = run_cassette(argv);
            CHECK(o.code == 2);
            // One diagnostic: where, severity, message and the rule id.
            CHECK(o.err == dir / ".cassette.yaml" +
                               ":2:3: error: unknown `redact` key `disabel` (did you mean `disable`?) [config]\n");
        }
    }
    // Nothing was written.
    CHECK(read_file(file) == read_file(kRoot + "/samples/openai-chat.yaml"));
}

TEST_CASE("-q filters by severity: warnings, notes, hints and summaries go, errors stay") {
    testing_support::TempDir dir("errors");
    const std::string file = dir / "x.yaml";
    fs::copy_file(kRoot + "/samples/openai-chat.yaml", file);
    // redact prints a warning (the matcher) and a summary; with a missing
    // file too, one error.
    Outcome loud = run_cassette({"redact", "--dry-run", file, dir / "missing.yaml"});
    Outcome quiet = run_cassette({"-q", "redact", "--dry-run", file, dir / "missing.yaml"});
    CHECK(loud.code == 2);
    CHECK(quiet.code == 2);
    CHECK(loud.err.find(": warning: ") != std::string::npos);
    CHECK(quiet.out == loud.out);
    CHECK(quiet.err == dir / "missing.yaml" + ": error: cannot read: No such file or directory\n");
    // A command's own error line stays.
    Outcome lint_quiet = run_cassette({"-q", "lint", "--explain", "nosuchrule"});
    CHECK(lint_quiet.code == 2);
    CHECK(lint_quiet.err.rfind("cassette lint: error: --explain: unknown rule `nosuchrule`", 0) == 0);
}

TEST_CASE("redact --report json on a file whose name is not UTF-8: valid JSON, the byte replaced") {
    testing_support::TempDir dir("errors");
    const std::string name = std::string("caf\xe9-") + "chat.yaml"; // Latin-1 é: not UTF-8
    const std::string file = dir / name;
    fs::copy_file(kRoot + "/samples/openai-chat.yaml", file);
    Outcome o = run_cassette({"redact", "--check", "--report", "json", file});
    CHECK(o.code == 1);
    nlohmann::json doc;
    REQUIRE_NOTHROW(doc = nlohmann::json::parse(o.err));
    REQUIRE(doc["files"].size() == 1);
    CHECK(doc["files"][0]["path"].get<std::string>() == dir / "caf\xef\xbf\xbd-chat.yaml");
    CHECK(doc["secrets"] == 2);
    // lint's and diff's JSON take the same name.
    Outcome lint = run_cassette({"lint", "--format", "json", file});
    CHECK(lint.code == 1);
    CHECK_NOTHROW(doc = nlohmann::json::parse(lint.out));
    Outcome diff = run_cassette({"diff", "--format", "json", file, file});
    CHECK(diff.code == 0);
    CHECK_NOTHROW(doc = nlohmann::json::parse(diff.out));
}

TEST_CASE("json::to_text never throws on bad UTF-8, and every JSON output in src/ goes through it") {
    nlohmann::json j = {{"path", std::string("a\xff\xfe" "b")}, {"n", 1}};
    std::string text;
    REQUIRE_NOTHROW(text = cassette::json::to_text(j, 2));
    CHECK(text == "{\n  \"n\": 1,\n  \"path\": \"a\xef\xbf\xbd\xef\xbf\xbd" "b\"\n}");
    nlohmann::ordered_json o = {{"z", std::string("\xc3")}};
    CHECK(cassette::json::to_text(o) == "{\"z\":\"\xef\xbf\xbd\"}");
    // nlohmann's dump() throws on bad UTF-8 unless told otherwise: only the
    // helper may call it.
    for (const auto& e : fs::recursive_directory_iterator(kRoot + "/src")) {
        if (!e.is_regular_file()) continue;
        const std::string rel = fs::relative(e.path(), kRoot).generic_string();
        if (rel == "src/json/text.hpp") continue;
        const std::string text_of_file = read_file(e.path().string());
        CHECK_MESSAGE(text_of_file.find(".dump(") == std::string::npos,
                      rel << " calls nlohmann's dump(): use json::to_text (json/text.hpp)");
    }
}

TEST_CASE("anything that escapes a command is an internal error: exit 2, one line, input never quoted") {
    std::istringstream in;
    std::ostringstream out, err;
    cassette::cli::Io io{in, out, err};
    CHECK(cassette::cli::run_guarded(io, [] { return 1; }) == 1);
    CHECK(err.str().empty());
    CHECK(cassette::cli::run_guarded(io, []() -> int {
              throw std::runtime_error("parse error at line 1; last read: 'sk-proj-secretvalue'");
          }) == 2);
    CHECK(err.str() == "cassette: error: internal error (a bug: please report it): parse error at line 1; last read: "
                       "'…'\n");
    err.str("");
    CHECK(cassette::cli::run_guarded(io, []() -> int { throw 42; }) == 2);
    CHECK(err.str() == "cassette: error: internal error (a bug: please report it): unknown exception\n");
    err.str("");
    // A usage error under -q is still shown.
    Outcome o = run_cassette({"-q", "lint", "--format", "nope"});
    CHECK(o.code == 2);
    CHECK(o.err.rfind("cassette: error: ", 0) == 0);
}

}

TEST_CASE("severity_of reads a line's first tag") {
    using cassette::cli::severity_of;
    CHECK(severity_of("a.yaml:1:2: error: bad [syntax]\n") == "error");
    CHECK(severity_of("a.yaml: warning: request header changed: error: quoted\n") == "warning");
    CHECK(severity_of("cassette redact: error: -o takes exactly one input file\n") == "error");
    CHECK(severity_of("hint: 'cassette lint --explain x' explains a rule\n") == "hint");
    CHECK(severity_of("<stdin>: note: kept 1 of 2 entries\n") == "note");
    CHECK(severity_of("2 errors, 0 warnings in 1 file\n") == "");
    CHECK(severity_of("c.yaml:3:4: would redact the terror: value\n") == "");
    CHECK(severity_of("x.yaml: error:\n") == "error");
}

TEST_SUITE("commands: one configuration, one verdict") {

TEST_CASE("a .cassette.yaml is accepted or refused by every command alike (#22: lint took what redact refused)") {
    testing_support::TempDir dir("errors");
    const std::string file = dir / "x.yaml";
    fs::copy_file(kRoot + "/samples/openai-chat.yaml", file);
    struct Bad {
        const char* config;
        const char* error; // after the config's path
    };
    const Bad bad[] = {
        {"redact:\n  disable: [header, opanai-key]\n",
         ":2:21: error: unknown detector `opanai-key` in redact.disable (did you mean `openai-key`?) [config]\n"},
        {"lint:\n  rules:\n    stauts: off\n", ":3:5: error: unknown rule `stauts` (did you mean `status`?) [config]\n"},
        {"diff:\n  ignore_json_paths: [usage]\n",
         ":2:23: error: invalid JSON path 'usage': it must start with '$' [config]\n"},
    };
    const std::vector<std::vector<std::string>> commands = {
        {"redact", "--check", file}, {"lint", "--config", dir / ".cassette.yaml", file}, {"show", file},
        {"diff", file, file}, {"match", "--request", "GET https://api.openai.com/v1/chat/completions", file}};
    for (const Bad& b : bad) {
        write_file(dir / ".cassette.yaml", b.config);
        for (const auto& args : commands) {
            CAPTURE(b.config);
            CAPTURE(args.front());
            Outcome o = run_cassette(args);
            CHECK(o.code == 2);
            CHECK(o.err == dir / ".cassette.yaml" + b.error);
        }
    }
    // And a good one is taken by all of them.
    write_file(dir / ".cassette.yaml", "redact:\n  disable: [header, custom:mine]\n  patterns:\n"
                                       "    - {id: mine, regex: 'mine_[a-z]{8}'}\nlint:\n  rules:\n    status: off\n"
                                       "diff:\n  ignore_json_paths: [$.usage]\n");
    for (const auto& args : commands) {
        CAPTURE(args.front());
        CHECK(run_cassette(args).code != 2);
    }
}

TEST_CASE("convert --from har never quotes the input back in a JSON syntax error") {
    testing_support::TempDir dir("errors");
    write_file(dir / "h.har", "{\"log\": {\"entries\": [{\"request\": {\"headers\": [{\"value\": \"sk-proj-abcdefghij\xff");
    Outcome o = run_cassette({"convert", "--from", "har", dir / "h.har", "-o", dir / "out.yaml"});
    CHECK(o.code == 2);
    CHECK(o.err.rfind(dir / "h.har" + ": error: not valid JSON: parse error at line 1", 0) == 0);
    CHECK(o.err.find("sk-proj") == std::string::npos);
    CHECK(o.err.find("last read") == std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out.yaml"));
}

TEST_CASE("command-line, I/O and load errors keep their text, with the rule in the diagnostic") {
    testing_support::TempDir dir("errors");
    Outcome o = run_cassette({"redact", "--check", "--dry-run", dir / "x.yaml"});
    CHECK(o.code == 2);
    CHECK(o.err == "cassette redact: error: --check and --dry-run cannot be combined\n");
    o = run_cassette({"lint", dir / "missing.yaml"});
    CHECK(o.code == 2);
    // (main: a missing path gives the reader's one message, as in every command)
    CHECK(o.err.rfind(dir / "missing.yaml" + ": error: cannot read: No such file or directory\n", 0) == 0);
    o = run_cassette({"diff", "--ignore-json-path", "usage", dir / "a.yaml", dir / "b.yaml"});
    CHECK(o.code == 2);
    CHECK(o.err == "cassette diff: error: invalid JSON path 'usage': it must start with '$'\n");
}

}

TEST_CASE("no severity line is written by hand in src/: diagnostics go through diag::Reporter") {
    // `io.err << path << ": error: "` is how five error conventions grew
    // (#22 §3); cli::report / usage_error / io_error / note / warning build
    // a Diagnostic instead. The signal handler writes raw bytes (it may
    // not allocate), and severity_of reads the tags.
    // A string literal that holds `: error: ` (or warning, note), e.g.
    // "cassette lint: error: ..." or ": error: ".
    const std::regex by_hand(R"re("[^"\n]*: (error|warning|note): )re");
    for (const auto& e : fs::recursive_directory_iterator(kRoot + "/src")) {
        if (!e.is_regular_file()) continue;
        const std::string rel = fs::relative(e.path(), kRoot).generic_string();
        if (rel == "src/util/signals.cpp") continue;
        const std::string text = read_file(e.path().string());
        std::smatch m;
        CHECK_MESSAGE(!std::regex_search(text, m, by_hand),
                      rel << " writes a severity line by hand (" << m.str(0)
                          << "): use cli::report/usage_error/io_error/note/warning (commands/common.hpp)");
    }
}
