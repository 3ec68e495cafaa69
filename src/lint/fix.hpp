#pragma once
// `cassette lint --fix` / `--diff`: the fixes that are certain and cannot
// break replay, for the rules that declare `fixable` (content-length, id,
// host, proto, header-name, format, unused-suppression). Each fix edits the
// model at a finding's position and the file is written back by the
// in-place writer (every other byte kept), or by the canonical writer when
// `format` is fixed (as `cassette fmt`); then verified as fmt and redact
// verify. Secrets are never fixed here (that changes what replay compares:
// `cassette redact` says which matcher option replay then needs).
#include "diag/result.hpp"
#include "lint/lint.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cassette::lint {

struct FixOutcome {
    SourceText source;                 // the bytes read (for the safe write's check)
    std::string text;                  // the fixed file (== source when nothing changed)
    size_t edits = 0;                  // values and comments changed
    bool changed = false;
    std::optional<std::string> error;  // not fixed: why
};

// Whether any of `findings` belongs to a fixable rule.
bool has_fixable(const std::vector<Diagnostic>& findings);

// Fix, in `source` (the file `path` whose lint findings are `findings`,
// under `settings`), what the findings of fixable rules report.
FixOutcome fix_source(SourceText source, const std::string& path, const std::vector<Diagnostic>& findings,
                      const Settings& settings);

// --fix / --diff over a run's results: each file (files[k], linted under
// settings_of(k)) with fixable findings is fixed, the new text handed to
// `deliver` (which writes it or prints its diff; false: it reported a
// failure) and results[k] replaced by the lint of the new text.
struct FixRun {
    size_t fixed = 0;                 // findings of fixable rules gone
    bool changed = false;             // some file got (or would get) new text
    diag::Diagnostics errors;         // per file: "not fixed: ..." (printed by the command)
    bool failed = false;              // an error, or deliver returned false
};
FixRun fix_results(std::vector<FileResult>& results, const std::vector<std::string>& files,
                   const std::function<const Settings&(size_t)>& settings_of,
                   const std::function<bool(size_t, const FixOutcome&)>& deliver);

// The text after `--fix`: "N fixed, M remaining" (`--diff`: "N fixable"),
// with the note that secrets are left to `cassette redact` when some remain.
std::string fix_summary(const FixRun& run, const std::vector<FileResult>& results, bool diff);

} // namespace cassette::lint
