#pragma once
// `cassette init`: what it finds in a repository and the text it writes.
// Every function here is pure text in, text out (or a read-only look at the
// tree), so the command (commands/init.cpp) decides what is written and
// --dry-run is the same run without the writes.
#include <optional>
#include <string>
#include <vector>

namespace cassette::init {

// The go-vcr cassettes below `root`, by folder. A file counts when the
// go-vcr reader reads it as version 1 or 2 (even with errors) and it is not
// another recorder's file or plain YAML (recorders::recognize). Hidden
// folders, `vendor` and `node_modules` are not searched.
struct Found {
    std::vector<std::string> folders; // relative to root, '/'-separated, sorted; "." for root itself
    // `DIR/*.yaml diff=cassette` for each folder and extension its cassettes use.
    std::vector<std::string> attributes;
    size_t cassettes = 0;
};
Found find_cassettes(const std::string& root);

// The `files:` regex of the hooks (Python `re`, as pre-commit uses): the
// usual cassette folders anywhere, plus each found folder they miss.
std::string hook_files_regex(const std::vector<std::string>& folders);

// The default `files:` of the hooks (also in .pre-commit-hooks.yaml).
inline constexpr const char* k_default_files = R"((^|/)(testdata|fixtures|cassettes|recordings|vcr)/.*\.ya?ml$)";

// `.cassette.yaml` with the defaults spelled out and commented. It loads
// with config::parse_config (and every command's checks) and changes
// nothing; the rule levels are commented out so new releases' defaults
// still apply.
std::string default_config();

struct HookOptions {
    std::string files;    // hook_files_regex
    std::string baseline; // non-empty: the lint hook runs with `--baseline FILE`
};

// The `repo: local` entry, its `- ` at column `indent`.
std::string hooks_entry(const HookOptions& o, size_t indent);

struct HooksEdit {
    enum class Kind { Created, Added, Present, Refused } kind = Kind::Refused;
    std::string text; // Created, Added: the new file
    std::string why;  // Refused: why the file was left alone
};
// `.pre-commit-config.yaml` with the cassette hooks: created (no file),
// added as the last entry of `repos` with the rest of the text untouched,
// or Present when it already names a cassette hook. Refused when the text
// cannot be edited safely (no YAML, `repos` in flow style with items, ...):
// the edit is checked by parsing the result.
HooksEdit add_hooks(const std::optional<std::string>& existing, const HookOptions& o);

// The lines of `wanted` that `existing` lacks (compared without blanks).
std::vector<std::string> missing_lines(const std::string& existing, const std::vector<std::string>& wanted);
// `existing` with `lines` appended (a newline added first if it lacks one).
std::string append_lines(std::string existing, const std::vector<std::string>& lines);

// git, run with argv (no shell) in `dir`: exit code (-1: could not run) and output.
struct GitResult {
    int code = -1;
    std::string out, err;
};
GitResult run_git(const std::string& dir, const std::vector<std::string>& args);

// The top folder of the git work tree holding `dir`, nullopt when there is none
// (or git is missing).
std::optional<std::string> git_toplevel(const std::string& dir);

// The git config values init sets.
inline constexpr const char* k_textconv = "cassette show";
inline constexpr const char* k_command = "cassette diff --git";

} // namespace cassette::init
