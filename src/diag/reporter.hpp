#pragma once
// diag::Reporter: the one place diagnostics become lines on a stream.
// Every command prints its errors, warnings and notes through one (via
// cli::report and friends), so that the text form, the -q filter (errors
// only) and the counts are the same everywhere.
#include "diag/diagnostic.hpp"

#include <array>
#include <cstddef>
#include <iosfwd>
#include <vector>

namespace cassette::diag {

struct ReporterOptions {
    bool errors_only = false; // -q: warnings and notes are not printed (still counted)
    bool color = false;       // the severity in colour (clang's: red error, magenta warning, cyan note)
};

class Reporter {
public:
    explicit Reporter(std::ostream& out, ReporterOptions options = {});

    // One line: `file:line:col: severity: message [rule]` (format_diagnostic,
    // with d.file; without ` [rule]` when !with_rule or the rule is empty).
    void report(const Diagnostic& d, bool with_rule = true);
    void report(const std::vector<Diagnostic>& ds, bool with_rule = true);

    // How many were reported, printed or not.
    size_t count(Severity s) const { return m_counts[size_t(s)]; }
    size_t errors() const { return count(Severity::Error); }

private:
    std::ostream& m_out;
    ReporterOptions m_options;
    std::array<size_t, 3> m_counts{};
};

} // namespace cassette::diag
