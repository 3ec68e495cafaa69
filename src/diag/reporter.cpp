#include "diag/reporter.hpp"
#include "diag/result.hpp"

#include <ostream>

namespace cassette::diag {

Diagnostic error(std::string file, Mark where, std::string rule, std::string message) {
    Diagnostic d;
    d.file = std::move(file);
    d.where = where;
    d.rule = std::move(rule);
    d.message = std::move(message);
    return d;
}

Reporter::Reporter(std::ostream& out, ReporterOptions options) : m_out(out), m_options(options) {}

void Reporter::report(const Diagnostic& d, bool with_rule) {
    ++m_counts[size_t(d.severity)];
    if (m_options.errors_only && d.severity != Severity::Error) return;
    std::string line = format_diagnostic(d.file, d, with_rule);
    if (m_options.color) {
        // Colour only the severity word after `place: `.
        const char* name = severity_name(d.severity);
        const char* code = d.severity == Severity::Error ? "1;31" : d.severity == Severity::Warning ? "1;35" : "1;36";
        const std::string tag = std::string(": ") + name + ": ";
        const size_t at = line.find(tag, d.file.size());
        if (at != std::string::npos)
            line.replace(at + 2, tag.size() - 4, std::string("\x1b[") + code + "m" + name + "\x1b[0m");
    }
    m_out << line << '\n';
}

void Reporter::report(const std::vector<Diagnostic>& ds, bool with_rule) {
    for (const auto& d : ds) report(d, with_rule);
}

} // namespace cassette::diag
