#pragma once
// The `.cassette.yaml` configuration shared by lint, redact and diff
// (docs/configuration.md). Read with yaml-cpp: it is a small file of our own
// schema, unlike the cassettes, which libyaml reads with byte spans.
//
// Every problem is an error with a position: a misspelt key silently ignored
// would turn a rule off or a secret through without anyone noticing.
#include "diag/diagnostic.hpp"
#include "model/source.hpp"

#include <cstdint>
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
    // The least confidence a finding needs to be reported and redacted:
    // "low", "medium" (the default when empty) or "high".
    std::string min_confidence;
};

struct DiffConfig {
    std::vector<std::string> ignore_headers, ignore_json_paths;
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

// A configuration problem as one diagnostic line, ready to print:
// "file:line:col: error: message [config]" (1-based), or
// "file: error: message [config]" when `where.line` is 0.
std::string config_problem(const std::string& path, const Mark& where, const std::string& message);

// Read and validate a configuration file. On failure returns nullopt and
// sets *error to the problem as config_problem() writes it (yaml-cpp's
// 0-based marks made 1-based).
std::optional<Config> load_config(const std::string& path, std::string* error);

// The same from text already in memory; `path` names it in messages.
std::optional<Config> parse_config(const std::string& text, const std::string& path, std::string* error);

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
