// Docs that cannot drift: every subcommand and every flag its --help lists
// appears in its man page and in each shell completion; README examples
// are run and their pasted output compared (UPDATE_GOLDEN=1 rewrites them).
#include "commands/common.hpp"
#include "lint/registry.hpp"
#include "lint/rule.hpp"
#include "go_tools.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

using namespace cassette;
namespace fs = std::filesystem;
using testing_support::read_file;

namespace {

const std::string kRoot = CASSETTE_SOURCE_DIR;

std::string help_of(const std::string& sub) {
    std::istringstream in;
    std::ostringstream out, err;
    cli::Io io{in, out, err};
    std::vector<std::string> args;
    if (!sub.empty()) args.push_back(sub);
    args.push_back("--help");
    CHECK(cli::run(args, io) == 0);
    return out.str();
}

// Flags named in a --help text: "-o,--output TEXT  ..." -> {"-o", "--output"}.
std::set<std::string> flags_of(const std::string& help) {
    std::set<std::string> flags;
    std::istringstream lines(help);
    std::regex flag(R"((^|[ ,])(--?[A-Za-z][A-Za-z0-9-]*))");
    for (std::string l; std::getline(lines, l);) {
        if (l.rfind("  -", 0) != 0) continue;
        std::string head = l.substr(0, l.find("  ", 2)); // the flag column only
        for (std::sregex_iterator it(head.begin(), head.end(), flag), end; it != end; ++it) flags.insert((*it)[2]);
    }
    return flags;
}

std::string unroff(std::string s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '-' || s[i + 1] == '&')) {
            if (s[i + 1] == '-') out += '-';
            ++i;
            continue;
        }
        if (s[i] == '\\' && i + 2 < s.size() && s[i + 1] == 'f') {
            i += 2; // font change \fB \fR \fI \fP
            continue;
        }
        out += s[i];
    }
    return out;
}

bool has_word(const std::string& text, const std::string& word) {
    std::regex re("(^|[^A-Za-z0-9_-])" + std::regex_replace(word, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                  "($|[^A-Za-z0-9_-])");
    return std::regex_search(text, re);
}

} // namespace

TEST_SUITE("docs") {

TEST_CASE("every subcommand has a man page, a README section and completions that know its flags") {
    const std::string top = unroff(read_file(kRoot + "/man/cassette.1"));
    const std::string readme = read_file(kRoot + "/README.md");
    const std::string bash = read_file(kRoot + "/completions/cassette.bash");
    const std::string zsh = read_file(kRoot + "/completions/_cassette");
    const std::string fish = read_file(kRoot + "/completions/cassette.fish");
    for (const std::string flag : {"--help", "--version"}) {
        CHECK(has_word(top, flag));
        CHECK(has_word(bash, flag));
        CHECK(has_word(zsh, flag));
        CHECK(fish.find("-l " + flag.substr(2)) != std::string::npos);
    }
    for (const auto& sub : cli::subcommands()) {
        const std::string name = sub.name;
        CAPTURE(name);
        const std::string page_path = kRoot + "/man/cassette-" + name + ".1";
        REQUIRE_MESSAGE(fs::exists(page_path), "missing man page " << page_path);
        const std::string page = unroff(read_file(page_path));
        CHECK_MESSAGE(has_word(top, "cassette-" + name), "man/cassette.1 does not list " << name);
        CHECK_MESSAGE(readme.find("cassette " + name) != std::string::npos, "README.md never shows 'cassette " << name << "'");
        CHECK(has_word(bash, name));
        CHECK(has_word(zsh, name));
        CHECK(fish.find("-a " + name) != std::string::npos);
        for (const auto& flag : flags_of(help_of(name))) {
            CAPTURE(flag);
            CHECK_MESSAGE(has_word(page, flag), "man page of " << name << " lacks " << flag);
            CHECK_MESSAGE(has_word(bash, flag), "bash completion lacks " << flag);
            CHECK_MESSAGE(has_word(zsh, flag), "zsh completion lacks " << flag);
            const bool is_long = flag.rfind("--", 0) == 0;
            const std::string fish_form = is_long ? "-l " + flag.substr(2) : "-s " + flag.substr(1);
            CHECK_MESSAGE(fish.find(fish_form) != std::string::npos, "fish completion lacks " << flag);
        }
    }
}

TEST_CASE("every lint rule is documented: README, man page, docs/lint.md and the completions") {
    const std::string readme = read_file(kRoot + "/README.md");
    const std::string page = unroff(read_file(kRoot + "/man/cassette-lint.1"));
    const std::string lint_doc = read_file(kRoot + "/docs/lint.md");
    const std::string bash = read_file(kRoot + "/completions/cassette.bash");
    const std::string zsh = read_file(kRoot + "/completions/_cassette");
    const std::string fish = read_file(kRoot + "/completions/cassette.fish");
    size_t n = 0;
    for (const lint::Rule* rule : lint::all_rules()) {
        const std::string id = rule->id;
        CAPTURE(id);
        CHECK(readme.find("| `" + id + "` |") != std::string::npos);
        CHECK(has_word(page, id));
        CHECK(lint_doc.find("`" + id + "`") != std::string::npos);
        CHECK(has_word(bash, id));
        CHECK(has_word(zsh, id));
        CHECK(has_word(fish, id));
        ++n;
    }
    CHECK(n >= 20);
}

TEST_CASE("the completion scripts parse") {
    auto check = [](const char* shell, const std::string& file) {
        if (std::system((std::string("command -v ") + shell + " >/dev/null 2>&1").c_str()) != 0) {
            MESSAGE("skipped: " << shell << " is not installed");
            return;
        }
        auto r = testing_support::run_process({shell, "-n", kRoot + "/completions/" + file});
        CHECK_MESSAGE(r.exit_code == 0, shell << ": " << r.err);
    };
    check("bash", "cassette.bash");
    check("zsh", "_cassette");
    check("fish", "cassette.fish");
}

TEST_CASE("README examples run on samples/ and print what the README shows") {
    // A ```console block holds "$ command" lines, each followed by its output.
    const std::string path = kRoot + "/README.md";
    std::string readme = read_file(path);
    const bool update = std::getenv("UPDATE_GOLDEN") && std::string(std::getenv("UPDATE_GOLDEN")) == "1";
    const std::string bin_dir = std::string(CASSETTE_BINARY_DIR);
    std::string rewritten;
    size_t pos = 0;
    int examples = 0;
    for (;;) {
        size_t open = readme.find("```console\n", pos);
        if (open == std::string::npos) break;
        size_t body = open + 11;
        size_t close = readme.find("```\n", body);
        REQUIRE(close != std::string::npos);
        rewritten += readme.substr(pos, body - pos);
        std::istringstream block(readme.substr(body, close - body));
        std::vector<std::pair<std::string, std::string>> commands; // command, shown output
        for (std::string l; std::getline(block, l);) {
            if (l.rfind("$ ", 0) == 0) commands.push_back({l.substr(2), ""});
            else if (!commands.empty()) commands.back().second += l + "\n";
        }
        for (auto& [cmd, shown] : commands) {
            const std::string& command = cmd; // clang 14 cannot capture a structured binding
            CAPTURE(command);
            auto r = testing_support::run_process(
                {"/bin/sh", "-c", "cd '" + kRoot + "' && export PATH='" + bin_dir + ":'\"$PATH\" NO_COLOR=1 && " + cmd + " 2>&1"});
            std::string got = r.out;
            if (update) shown = got;
            else CHECK(got == shown);
            rewritten += "$ " + cmd + "\n" + shown;
            ++examples;
        }
        rewritten += "```\n";
        pos = close + 4;
    }
    rewritten += readme.substr(pos);
    if (update && rewritten != readme) testing_support::write_file(path, rewritten);
    CHECK(examples >= 3);
}


TEST_CASE("README 'console scratch-repo' blocks run in a scratch git repository and print what the README shows") {
    // Such a block runs its "$ command" lines in order in one fresh git
    // repository whose testdata/fixtures holds samples/*.yaml (the
    // "Adopting in an existing repository" section), with cassette on PATH
    // and no user or system git configuration.
    if (testing_support::run_process({"/usr/bin/env", "git", "--version"}).exit_code != 0) {
        MESSAGE("skipped: git is missing");
        return;
    }
    const bool have_pre_commit = testing_support::run_process({"/usr/bin/env", "pre-commit", "--version"}).exit_code == 0;
    const std::string path = kRoot + "/README.md";
    std::string readme = read_file(path);
    const bool update = std::getenv("UPDATE_GOLDEN") && std::string(std::getenv("UPDATE_GOLDEN")) == "1";
    const std::string bin_dir = std::string(CASSETTE_BINARY_DIR);
    const std::string marker = "```console scratch-repo\n";
    std::string rewritten;
    size_t pos = 0;
    int blocks = 0;
    for (;;) {
        size_t open = readme.find(marker, pos);
        if (open == std::string::npos) break;
        size_t body = open + marker.size();
        size_t close = readme.find("```\n", body);
        REQUIRE(close != std::string::npos);
        rewritten += readme.substr(pos, body - pos);
        const std::string text = readme.substr(body, close - body);
        pos = close + 4;
        if (!have_pre_commit && text.find("$ pre-commit") != std::string::npos) {
            MESSAGE("skipped a block: pre-commit is missing");
            rewritten += text + "```\n";
            continue;
        }
        testing_support::TempDir base("docs-repo");
        const std::string repo = base.path + "/repo";
        fs::create_directories(repo + "/testdata/fixtures");
        fs::create_directories(base.path + "/home");
        for (const auto& e : fs::directory_iterator(kRoot + "/samples"))
            if (e.path().extension() == ".yaml") fs::copy_file(e.path(), repo + "/testdata/fixtures/" + e.path().filename().string());
        const std::string env = "cd '" + repo + "' && export PATH='" + bin_dir + ":'\"$PATH\" NO_COLOR=1 HOME='" +
                                base.path + "/home' GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com "
                                "GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com && ";
        REQUIRE(testing_support::run_process({"/bin/sh", "-c", env + "git init -q"}).exit_code == 0);
        std::istringstream block(text);
        std::vector<std::pair<std::string, std::string>> commands;
        for (std::string l; std::getline(block, l);) {
            if (l.rfind("$ ", 0) == 0) commands.push_back({l.substr(2), ""});
            else if (!commands.empty()) commands.back().second += l + "\n";
        }
        for (auto& [cmd, shown] : commands) {
            const std::string& command = cmd;
            CAPTURE(command);
            auto r = testing_support::run_process({"/bin/sh", "-c", env + "{ " + cmd + "\n} 2>&1"});
            std::string got = r.out;
            for (size_t at; (at = got.find(repo)) != std::string::npos;) got.replace(at, repo.size(), ".");
            if (update) shown = got;
            else CHECK(got == shown);
            rewritten += "$ " + cmd + "\n" + shown;
        }
        rewritten += "```\n";
        ++blocks;
    }
    rewritten += readme.substr(pos);
    if (update && rewritten != readme) testing_support::write_file(path, rewritten);
    CHECK(blocks >= 1);
}

}
