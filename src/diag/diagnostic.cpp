#include "diag/diagnostic.hpp"

namespace cassette {

const char* severity_name(Severity s) {
    switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
    }
    return "error";
}

std::string format_diagnostic(const std::string& file, const Diagnostic& d, bool with_rule) {
    std::string out = file;
    if (d.where.line > 0) {
        out += ':' + std::to_string(d.where.line) + ':' + std::to_string(d.where.column);
    }
    out += ": ";
    out += severity_name(d.severity);
    out += ": ";
    out += d.message;
    if (with_rule && !d.rule.empty()) out += " [" + d.rule + "]";
    return out;
}

} // namespace cassette
