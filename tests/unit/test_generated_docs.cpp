// Docs checked by value, not only by name. The rule tables of README.md and
// docs/lint.md and the rule list of man/cassette-lint.1 are generated from
// the rule registry (between their markers; `make docs`, i.e.
// UPDATE_GOLDEN=1 on this suite, rewrites them); the values the docs show
// for options with fixed choices, for detector ids and for configuration
// keys are the binary's own.
#include "commands/common.hpp"
#include "config/config.hpp"
#include "lint/lint.hpp"
#include "lint/registry.hpp"
#include "lint/rule.hpp"
#include "redact/detect.hpp"

#include "go_tools.hpp"

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace cassette;
using testing_support::read_file;

namespace {

const std::string kRoot = CASSETTE_SOURCE_DIR;

bool updating() { return std::getenv("UPDATE_GOLDEN") && std::string(std::getenv("UPDATE_GOLDEN")) == "1"; }

std::string level_of(const lint::Rule& r) {
    if (!r.enabled) return "off";
    return severity_name(r.severity);
}

std::string markdown_table() {
    std::string t = "| rule | level | `--fix` | finds |\n|---|---|---|---|\n";
    for (const lint::Rule* r : lint::all_rules()) {
        std::string finds = r->summary;
        // "A key is ..." -> "a key is ...", but "Content-Type says ..." stays.
        const std::string first = finds.substr(0, finds.find(' '));
        if (std::none_of(first.begin() + 1, first.end(), [](char ch) { return std::isupper((unsigned char)ch) || ch == '-'; }))
            finds[0] = char(std::tolower((unsigned char)finds[0]));
        finds = std::regex_replace(finds, std::regex(R"(\|)"), R"(\|)");
        t += "| `" + std::string(r->id) + "` | " + level_of(*r) + " | " + (r->fixable ? "yes" : "") + " | " + finds + " |\n";
    }
    return t;
}

std::string roff_escape(const std::string& s) { return std::regex_replace(s, std::regex("-"), R"(\-)"); }

std::string man_rule_list() {
    std::vector<std::string> groups[3]; // error, warning, off
    for (const lint::Rule* r : lint::all_rules()) {
        const std::string level = level_of(*r);
        groups[level == "error" ? 0 : level == "warning" ? 1 : 2].push_back(roff_escape(r->id));
    }
    const char* names[3] = {"Errors: ", "Warnings: ", "Off by default: "};
    std::string text;
    for (int g = 0; g < 3; ++g) {
        if (groups[g].empty()) continue;
        if (!text.empty()) text += ' ';
        text += names[g];
        for (size_t k = 0; k < groups[g].size(); ++k) text += (k ? ", " : "") + groups[g][k];
        text += '.';
    }
    // Lines of at most 90 characters, broken between words.
    std::string out, line;
    std::istringstream words(text);
    for (std::string w; words >> w;) {
        if (!line.empty() && line.size() + 1 + w.size() > 90) {
            out += line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + w;
    }
    return out + line + "\n";
}

// Replaces the text between the line holding `begin` and the line holding
// `end` in `file` with `body` when updating; else checks it is `body`.
void generated_region(const std::string& file, const std::string& begin, const std::string& end,
                      const std::string& body) {
    CAPTURE(file);
    const std::string path = kRoot + "/" + file;
    std::string text = read_file(path);
    const size_t b = text.find(begin);
    REQUIRE_MESSAGE(b != std::string::npos, file << " lacks the marker " << begin);
    const size_t from = text.find('\n', b) + 1;
    const size_t e = text.find(end, from);
    REQUIRE_MESSAGE(e != std::string::npos, file << " lacks the marker " << end);
    const size_t to = text.rfind('\n', e) + 1;
    const std::string now = text.substr(from, to - from);
    if (updating()) {
        if (now != body) testing_support::write_file(path, text.substr(0, from) + body + text.substr(to));
        return;
    }
    CHECK_MESSAGE(now == body, file << ": the generated rule list is stale: run `make docs`\nexpected:\n"
                                    << body << "found:\n"
                                    << now);
}

// A subcommand's summary as a phrase: "Check cassettes ..." -> "check
// cassettes ...".
std::string phrase(std::string summary) {
    if (!summary.empty()) summary[0] = char(std::tolower((unsigned char)summary[0]));
    return summary;
}

// README's subcommand table, from the command table (cli::subcommands()).
std::string subcommand_table() {
    std::string t = "| subcommand | what it does |\n|---|---|\n";
    for (const auto& sub : cli::subcommands())
        t += "| `cassette " + std::string(sub.name) + "` | " +
             std::regex_replace(phrase(sub.summary), std::regex(R"(\|)"), R"(\|)") + " |\n";
    return t;
}

// The line after `.SH NAME` in man/cassette-NAME.1 is `cassette-NAME \-
// summary`: rewritten when updating, else checked.
void man_name_line(const std::string& name, const std::string& summary) {
    const std::string file = "man/cassette-" + name + ".1";
    CAPTURE(file);
    const std::string path = kRoot + "/" + file;
    std::string text = read_file(path);
    const size_t b = text.find(".SH NAME\n");
    REQUIRE_MESSAGE(b != std::string::npos, file << " has no .SH NAME");
    const size_t from = b + 9, to = text.find('\n', from) + 1;
    const std::string want = "cassette-" + roff_escape(name) + " \\- " + roff_escape(phrase(summary)) + "\n";
    const std::string now = text.substr(from, to - from);
    if (updating()) {
        if (now != want) testing_support::write_file(path, text.substr(0, from) + want + text.substr(to));
        return;
    }
    CHECK_MESSAGE(now == want, file << ": the NAME line is not the subcommand's summary: run `make docs`\nexpected: "
                                    << want << "found:    " << now);
}

std::set<std::string> detector_ids() {
    const auto ids = redact::detector_ids();
    return {ids.begin(), ids.end()};
}

} // namespace

TEST_SUITE("generated docs") {

TEST_CASE("rule tables and lists are the registry's (ids, levels, summaries)") {
    const std::string table = markdown_table();
    generated_region("README.md", "<!-- rule table: generated", "<!-- end of rule table -->", table);
    generated_region("docs/lint.md", "<!-- rule table: generated", "<!-- end of rule table -->", table);
    generated_region("man/cassette-lint.1", ".\\\" rule list: generated", ".\\\" end of rule list", man_rule_list());
}

TEST_CASE("subcommand summaries are written once: README's table and the man pages' NAME lines are the command table's") {
    generated_region("README.md", "<!-- subcommand table: generated", "<!-- end of subcommand table -->",
                     subcommand_table());
    for (const auto& sub : cli::subcommands()) man_name_line(sub.name, sub.summary);
}

TEST_CASE("every rule lives in src/lint/rules/<id>.cpp, which defines it") {
    for (const lint::Rule* r : lint::all_rules()) {
        std::string name = r->id;
        std::replace(name.begin(), name.end(), '-', '_');
        const std::string path = kRoot + "/src/lint/rules/" + name + ".cpp";
        CAPTURE(path);
        REQUIRE(fs::exists(path));
        CHECK(read_file(path).find("k_rule_" + name) != std::string::npos);
        // and has at least one case folder that runs it
        bool has_case = false;
        for (const auto& e : fs::directory_iterator(kRoot + "/tests/cases/lint"))
            if (e.path().filename().string().rfind(r->id, 0) == 0) has_case = true;
        CHECK_MESSAGE(has_case, "no tests/cases/lint/" << r->id << "-* folder");
    }
}

TEST_CASE("the values docs show for options with fixed choices are the binary's choices") {
    // Every choice of every option appears in the subcommand's man page, and
    // a `--opt a|b|c` written in README.md or the man page lists only real
    // choices (a removed or misspelt value is caught).
    CLI::App app;
    std::istringstream in;
    std::ostringstream out, err;
    cli::Io io{in, out, err};
    int code = 0;
    for (const auto& sub : cli::subcommands()) sub.setup(app, io, code);
    const std::string readme = read_file(kRoot + "/README.md");
    size_t checked = 0;
    for (const auto& sub : cli::subcommands()) {
        const CLI::App* a = app.get_subcommand(sub.name);
        const std::string name = sub.name;
        const std::string page =
            std::regex_replace(read_file(kRoot + "/man/cassette-" + name + ".1"), std::regex(R"(\\-)"), "-");
        // The subcommand's own README section ("## `cassette NAME`" to the next "## ").
        std::string section;
        if (size_t b = readme.find("\n## `cassette " + name + "`"); b != std::string::npos)
            section = readme.substr(b, readme.find("\n## ", b + 1) - b);
        for (const CLI::Option* o : a->get_options()) {
            const std::string type = o->get_type_name();
            const size_t open = type.find('{');
            if (open == std::string::npos || o->get_lnames().empty()) continue;
            std::set<std::string> choices;
            std::stringstream list(type.substr(open + 1, type.rfind('}') - open - 1));
            for (std::string c; std::getline(list, c, ',');) choices.insert(c);
            const std::string flag = "--" + o->get_lnames().front();
            CAPTURE(flag);
            for (const auto& c : choices) CHECK_MESSAGE(page.find(c) != std::string::npos, "man page of " << name << " lacks " << c);
            // "--format text|json|..." (README synopsis) or "\fB--format\fR \fBtext\fR|\fBjson\fR" (man).
            for (const std::string* doc : {static_cast<const std::string*>(&section), &page}) {
                std::regex shown(std::regex_replace(flag, std::regex("-"), "\\-") +
                                 R"((?:\\f[BIRP]|\s|")*([A-Za-z0-9.]+(?:(?:\\f[BIRP]|\s|")*\|(?:\\f[BIRP]|\s|")*[A-Za-z0-9.]+)+))");
                for (std::sregex_iterator it(doc->begin(), doc->end(), shown), e; it != e; ++it) {
                    std::string values = std::regex_replace((*it)[1].str(), std::regex(R"(\\f[BIRP]|\s|")"), "");
                    std::stringstream vs(values);
                    for (std::string v; std::getline(vs, v, '|');) {
                        CHECK_MESSAGE(choices.count(v), name << " " << flag << ": the docs show `" << v
                                                                 << "`, not a value it takes");
                        ++checked;
                    }
                }
            }
        }
    }
    CHECK(checked >= 10);
}

TEST_CASE("configuration examples in the docs load, with real rule and detector ids") {
    // Every ```yaml block that looks like a .cassette.yaml (top-level lint:,
    // redact: or diff:) in README.md and docs/*.md: it loads, its lint
    // section is valid against the registry, and every id under
    // redact.disable is a detector id (docs/configuration.md showed
    // `disable: [high-entropy]`, which is none).
    std::vector<std::string> files = {"README.md"};
    for (const auto& e : fs::directory_iterator(kRoot + "/docs"))
        if (e.path().extension() == ".md") files.push_back("docs/" + e.path().filename().string());
    const std::set<std::string> ids = detector_ids();
    size_t examples = 0;
    for (const auto& file : files) {
        const std::string text = read_file(kRoot + "/" + file);
        for (size_t at = text.find("```yaml\n"); at != std::string::npos; at = text.find("```yaml\n", at + 1)) {
            const size_t body = at + 8, close = text.find("```", body);
            REQUIRE(close != std::string::npos);
            const std::string block = text.substr(body, close - body);
            if (!std::regex_search(block, std::regex(R"((^|\n)(lint|redact|diff):)"))) continue;
            if (block.find("interactions:") != std::string::npos) continue; // a cassette, not a config
            CAPTURE(file);
            CAPTURE(block);
            auto cfg = config::parse_config(block, file);
            REQUIRE_MESSAGE(cfg, (cfg ? std::string() : format_diagnostic(cfg.error())));
            CHECK(lint::validate_config(*cfg).ok());
            std::set<std::string> custom;
            for (const auto& p : cfg->redact.patterns) custom.insert("custom:" + p.id);
            for (const auto& id : cfg->redact.disable)
                CHECK_MESSAGE((ids.count(id) || custom.count(id)), file << ": `" << id << "` is not a detector id");
            ++examples;
        }
    }
    CHECK(examples >= 2);
    // Detector ids named in prose as `disable: [...]` too.
    for (const auto& file : files) {
        const std::string text = read_file(kRoot + "/" + file);
        std::regex disable(R"(disable:\s*\[([^\]]*)\])");
        for (std::sregex_iterator it(text.begin(), text.end(), disable), e; it != e; ++it) {
            std::stringstream list((*it)[1].str());
            for (std::string id; std::getline(list, id, ',');) {
                id.erase(0, id.find_first_not_of(" '\""));
                id.erase(id.find_last_not_of(" '\"") + 1);
                if (id.empty() || id.rfind("custom:", 0) == 0) continue;
                CHECK_MESSAGE(ids.count(id), file << ": `" << id << "` is not a detector id");
            }
        }
    }
}

}

TEST_SUITE("generated docs") {

TEST_CASE("docs/redact.md's detector table names every detector id, and only real ones") {
    const std::string doc = read_file(kRoot + "/docs/redact.md");
    const size_t head = doc.find("| detector id | what |");
    REQUIRE(head != std::string::npos);
    // The first column of each row up to the end of the table.
    std::set<std::string> shown;
    std::istringstream rows(doc.substr(doc.find('\n', head) + 1));
    std::string row;
    std::getline(rows, row); // |---|---|
    while (std::getline(rows, row) && row.rfind("| ", 0) == 0) {
        const std::string first = row.substr(2, row.find(" | ", 2) - 2);
        std::regex id("`([a-z0-9:<>-]+)`");
        for (std::sregex_iterator it(first.begin(), first.end(), id), e; it != e; ++it) shown.insert((*it)[1]);
    }
    const std::set<std::string> ids = detector_ids();
    for (const auto& id : ids) CHECK_MESSAGE(shown.count(id), "docs/redact.md does not list detector `" << id << "`");
    for (const auto& id : shown)
        if (id != "custom:<id>") CHECK_MESSAGE(ids.count(id), "docs/redact.md lists `" << id << "`, not a detector id");
}

}
