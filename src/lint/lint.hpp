#pragma once
// The lint engine: which rules run at which level (configuration plus
// --select/--ignore), one file linted into sorted findings, suppression
// comments. No I/O beyond reading the file; renderers are in output.hpp.
#include "config/config.hpp"
#include "diag/diagnostic.hpp"
#include "lint/registry.hpp"
#include "util/parallel.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cassette::lint {

struct RuleSetting {
    bool on = false;
    Severity severity = Severity::Error;
    std::map<std::string, std::string> options;
};

// Effective settings, indexed like all_rules().
struct Settings {
    std::vector<RuleSetting> rules;
    const config::Config* config = nullptr; // for the secret rule's redact section
    // Compiled by make_settings when the secret rule is on (RE2 sets are
    // costly to build; every file of this configuration shares them).
    std::shared_ptr<const redact::Detector> detector;
    // The thread budget of one file (reading it in pieces, the secret
    // search, the secret rule beside the others): the command's, shared
    // among the files linted at the same time. Default: one thread.
    util::ThreadBudget threads;
    // When set, called at the end of lint_source with the model (null when
    // the read made none) and the findings: returns one text per finding
    // (FileResult::identities), what a baseline (src/baseline/) keys it by,
    // computed while the model is still there.
    std::function<std::vector<std::string>(const Cassette*, const std::vector<Diagnostic>&)> identify;
};

// Whether rule `id` runs under these settings.
bool rule_on(const Settings& settings, std::string_view id);

// From the rules' defaults, a configuration (may be null), then the command
// line: --select keeps only the listed rules (turning on rules that are off
// by default), --ignore turns the listed ones off. Compiles the secret
// detectors from the configuration's `redact` section when needed.
Settings make_settings(const config::Config* config, const std::vector<std::string>& select,
                       const std::vector<std::string>& ignore);

// Check a configuration's `lint` section against the registry: rule ids and
// option names exist, option values are valid. Fails with the first
// problem (rule `config`). Every command runs it when it loads a
// configuration (cli::config_checks), not lint only.
diag::Result<void> validate_config(const config::Config& config);

struct FileResult {
    std::string path;                 // as shown in messages
    std::vector<Diagnostic> findings; // sorted by position
    std::optional<std::string> io_error;
    // Not linted: a file found in a folder that is no cassette at all (a CI
    // workflow beside the cassettes); says what it looks like.
    std::optional<std::string> skipped;
    // One per finding when Settings::identify is set.
    std::vector<std::string> identities;
};

// Lint one cassette's bytes. `path` only names it. Another recorder's
// cassette (src/recorders/) gets one `other-recorder` note and the secret
// search by shape; a file that is no cassette at all is `skipped` when it
// was `found` in a folder (named, it gets the usual findings).
FileResult lint_source(SourceText source, const std::string& path, const Settings& settings, bool found = false);
inline FileResult lint_source(std::string source, const std::string& path, const Settings& settings,
                              bool found = false) {
    return lint_source(SourceText(std::move(source)), path, settings, found);
}

// Read and lint a file. An unreadable file sets io_error.
FileResult lint_file(const std::string& path, const Settings& settings, bool found = false);

// A `# cassette: ignore[...]` comment found in the raw bytes (libyaml does
// not report comments).
struct Suppression {
    Mark where;                      // the '#'
    uint32_t target_line = 0;        // the line whose findings it silences
    std::vector<std::string> rules;  // empty: every rule
    std::vector<Mark> rule_marks;    // where each id is written
};
std::vector<Suppression> find_suppressions(std::string_view source);

} // namespace cassette::lint
