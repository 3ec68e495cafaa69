// The completion scripts are generated from the command table
// (`cassette completions SHELL`); completions/ must hold exactly what the
// binary prints, so a flag added without `make completions` fails here with
// the first line that differs. The bash script is also run, as bash runs it
// on <TAB>.
#include "commands/common.hpp"
#include "lint/registry.hpp"
#include "lint/rule.hpp"

#include "go_tools.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <sstream>

using testing_support::read_file;

namespace {

const std::string kRoot = CASSETTE_SOURCE_DIR;

std::string generated(const std::string& shell, int* code = nullptr) {
    std::istringstream in;
    std::ostringstream out, err;
    cassette::cli::Io io{in, out, err};
    const int c = cassette::cli::run({"completions", shell}, io);
    if (code) *code = c;
    return out.str();
}

// The first line where two texts differ, for the message.
std::string first_difference(const std::string& want, const std::string& got) {
    std::istringstream a(want), b(got);
    std::string la, lb;
    for (int line = 1;; ++line) {
        const bool ha = bool(std::getline(a, la)), hb = bool(std::getline(b, lb));
        if (!ha && !hb) return "";
        if (ha != hb || la != lb)
            return "line " + std::to_string(line) + ":\n  committed: " + (hb ? lb : "<end>") +
                   "\n  generated: " + (ha ? la : "<end>");
    }
}

// What bash offers for the command line `words` (the last one being
// completed), with completions/cassette.bash loaded.
std::vector<std::string> bash_complete(const std::vector<std::string>& words) {
    std::string array;
    for (const auto& w : words) array += " '" + w + "'";
    const std::string script = "cd '" + kRoot + "/samples' && source '" + kRoot +
                               "/completions/cassette.bash' && COMP_WORDS=(" + array +
                               ") && COMP_CWORD=" + std::to_string(words.size() - 1) +
                               " && _cassette && printf '%s\\n' \"${COMPREPLY[@]}\"";
    auto r = testing_support::run_process({"bash", "-c", script});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    std::vector<std::string> out;
    std::istringstream lines(r.out);
    for (std::string l; std::getline(lines, l);)
        if (!l.empty()) out.push_back(l);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_SUITE("completions") {

TEST_CASE("completions/ holds what `cassette completions SHELL` prints (else: make completions)") {
    const std::pair<const char*, const char*> files[] = {
        {"bash", "cassette.bash"}, {"zsh", "_cassette"}, {"fish", "cassette.fish"}};
    for (const auto& entry : files) {
        const char* shell = entry.first; // not a structured binding: clang 14 cannot capture one
        const char* file = entry.second;
        CAPTURE(shell);
        int code = -1;
        const std::string want = generated(shell, &code);
        CHECK(code == 0);
        REQUIRE(want.size() > 1000);
        const std::string got = read_file(kRoot + "/completions/" + file);
        CHECK_MESSAGE(got == want, "completions/" << file << " is not what `cassette completions " << shell
                                                  << "` prints: run `make completions`\n"
                                                  << first_difference(want, got));
    }
    int code = -1;
    CHECK(generated("tcsh", &code).empty());
    CHECK(code == 2);
}

TEST_CASE("every subcommand, flag, choice and rule id of the command table is in each script") {
    for (const char* shell : {"bash", "zsh", "fish"}) {
        CAPTURE(shell);
        const std::string script = generated(shell);
        for (const auto& sub : cassette::cli::subcommands()) {
            CHECK(script.find(sub.name) != std::string::npos);
            // (a summary with a quote is written escaped)
            if (std::string(shell) != "bash" && !std::strchr(sub.summary, '\''))
                CHECK(script.find(sub.summary) != std::string::npos);
        }
        for (const cassette::lint::Rule* r : cassette::lint::all_rules()) CHECK(script.find(r->id) != std::string::npos);
        for (const char* choice : {"sarif", "markdown", "yaml.v3", "compact", "always"})
            CHECK(script.find(choice) != std::string::npos);
    }
}

TEST_CASE("bash: subcommands, flags, choices, files and comma-separated rule ids on <TAB>") {
    if (std::system("command -v bash >/dev/null 2>&1") != 0) {
        MESSAGE("skipped: bash is not installed");
        return;
    }
    using V = std::vector<std::string>;
    CHECK(bash_complete({"cassette", "re"}) == V{"redact"});
    CHECK(bash_complete({"cassette", "--v"}) == V{"--verbose", "--version"});
    CHECK(bash_complete({"cassette", "lint", "--format", ""}) == V{"github", "json", "sarif", "text"});
    CHECK(bash_complete({"cassette", "lint", "--st"}) == V{"--strict"});
    CHECK(bash_complete({"cassette", "lint", "--select", "content-length,j"}) == V{"content-length,json-body"});
    CHECK(bash_complete({"cassette", "diff", "--color", "a"}) == V{"always", "auto"});
    CHECK(bash_complete({"cassette", "completions", ""}) == V{"bash", "fish", "zsh"});
    CHECK(bash_complete({"cassette", "show", "open"}) == V{"openai-chat.yaml"});
    CHECK(bash_complete({"cassette", "convert", "--start", ""}).empty());
    CHECK(bash_complete({"cassette", "fmt", "-q", "--pr"}) == V{"--pretty-json"});
}

TEST_CASE("fish: the same on <TAB> (complete -C)") {
    if (std::system("command -v fish >/dev/null 2>&1") != 0) {
        MESSAGE("skipped: fish is not installed");
        return;
    }
    auto fish_complete = [](const std::string& line) {
        auto r = testing_support::run_process({"fish", "-c", "cd '" + kRoot + "/samples'; source '" + kRoot +
                                                                 "/completions/cassette.fish'; complete -C '" + line + "'"});
        CHECK_MESSAGE(r.exit_code == 0, r.err);
        std::vector<std::string> out;
        std::istringstream lines(r.out);
        for (std::string l; std::getline(lines, l);)
            if (!l.empty()) out.push_back(l.substr(0, l.find('\t')));
        std::sort(out.begin(), out.end());
        return out;
    };
    using V = std::vector<std::string>;
    CHECK(fish_complete("cassette lint --format ") == V{"github", "json", "sarif", "text"});
    CHECK(fish_complete("cassette re") == V{"redact"});
    CHECK(fish_complete("cassette completions ") == V{"bash", "fish", "zsh"});
    CHECK(fish_complete("cassette show op") == V{"openai-chat.yaml"});
    const V rules = fish_complete("cassette lint --explain ");
    CHECK(std::find(rules.begin(), rules.end(), "content-length") != rules.end());
}

}
