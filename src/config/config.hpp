#pragma once
// The `.cassette.yaml` configuration shared by lint, redact and diff
// (docs/configuration.md). Read with yaml-cpp: it is a small file of our own
// schema, unlike the cassettes, which libyaml reads with byte spans.
//
// Every problem is an error with a position: a misspelt key silently ignored
// would turn a rule off or a secret through without anyone noticing.
#include "diag/result.hpp"
#include "model/source.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cassette::config {

// The file name looked for by find_config.
inline constexpr const char* k_file_name = ".cassette.yaml";

// One lint rule's settings: `rule: off`, `rule: warning`, or
// `rule: {level: warning, max: 2MiB}`. Options stay text here; the rule
// that owns them parses them (lint validates them against the registry).
struct RuleConfig {
    std::optional<Severity> level; // error or warning; nullopt: the rule's default
    bool off = false;
    std::map<std::string, std::string> options;
    Mark where;                                   // the rule id's key in the file (for messages)
    std::map<std::string, Mark> option_marks;     // each option value's position
};

struct LintConfig {
    std::map<std::string, RuleConfig> rules;
    std::vector<std::string> ignore; // path globs, relative to the config file's folder
};

struct RedactConfig {
    std::string placeholder; // empty: the redactor's default
    std::vector<std::string> headers, query, form, json;
    struct Pattern {
        std::string id, regex;
    };
    std::vector<Pattern> patterns;
    std::vector<std::string> allow, allow_patterns; // values (and RE2 patterns) never reported
    std::vector<std::string> disable;               // detector ids turned off
    std::vector<Mark> disable_marks;                // each id's position (for messages)
    // The least confidence a finding needs to be reported and redacted:
    // "low", "medium" (the default when empty) or "high".
    std::string min_confidence;
};

struct DiffConfig {
    std::vector<std::string> ignore_headers, ignore_json_paths;
    std::vector<Mark> ignore_json_path_marks; // each path's position (for messages)
};

struct Config {
    std::string path; // the file it was read from ("" for the built-in default)
    LintConfig lint;
    RedactConfig redact;
    DiffConfig diff;
    // `baseline: FILE`: the baseline lint and redact --check read (as
    // written; relative to the configuration file's folder). Empty: none.
    std::string baseline;
};

// The rule id of every configuration problem (`[config]` in messages).
inline constexpr const char* k_rule = "config";

// A configuration problem: an error diagnostic with rule `config` about
// `path` at `where` (line 0: the whole file).
Diagnostic problem(const std::string& path, const Mark& where, const std::string& message);

// What the loader checks that only the layers above config/ know (the
// detector ids live in redact/, the rules in lint/, JSON paths in diff/;
// each includes config/, not the other way round). The command layer fills
// it once (cli::config_checks) for every command, so that a file `lint`
// accepts is one `redact`, `diff` and `show` accept, and the other way round.
struct Checks {
    // redact.disable names one of these or `custom:<id>` of a pattern of the
    // same file. Empty: not checked.
    std::vector<std::string> detector_ids;
    // The problem with one diff.ignore_json_paths entry, if any. Null: not checked.
    std::function<std::optional<std::string>(std::string_view path)> json_path;
    // The lint section against the rule registry (rule ids, options). Null: not checked.
    std::function<diag::Result<void>(const Config&)> lint;
};

// Read and validate a configuration file. Fails with one diagnostic (rule
// `config`, 1-based position; the first problem ends the load): I/O, YAML
// syntax, an unknown or misspelt key, a bad value, and what `checks` rejects.
diag::Result<Config> load_config(const std::string& path, const Checks& checks = {});

// The same from text already in memory; `path` names it in messages.
diag::Result<Config> parse_config(const std::string& text, const std::string& path, const Checks& checks = {});

// Walk up from `start_dir` looking for `.cassette.yaml`. The walk stops at
// the first folder that holds `.git` (the repository root, checked itself) or
// at the filesystem root, so a stray config above a repository never applies
// to it. Returns the config's path or nullopt.
std::optional<std::string> find_config(const std::string& start_dir);

// Sizes: "1MiB", "512KiB", "2MB", "10kB", "1GiB", "1500" (bytes). Units are
// case-sensitive for the i-forms' i (KiB/MiB/GiB = 1024^n, kB/KB/MB/GB = 1000^n).
std::optional<uint64_t> parse_size(std::string_view text);

// Glob matching on '/'-separated paths: `*` and `?` stay inside one path
// segment, `**` spans segments (`**/` also matches nothing), `[abc]`/`[!a-z]`
// classes. A pattern without '/' matches any one segment (a file or folder
// name anywhere: `*.gen.yaml`, `legacy`), like .gitignore; a leading '/' or
// './' is dropped and a trailing '/' means everything below.
bool glob_match(std::string_view pattern, std::string_view path);

} // namespace cassette::config
