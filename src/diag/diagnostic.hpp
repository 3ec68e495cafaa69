#pragma once
// One problem found in a file: the unit every reader error, lint finding and
// command message is made of. Rendered as `file:line:col: severity: message [rule]`.
#include "model/source.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cassette {

enum class Severity { Error, Warning, Note };

const char* severity_name(Severity s);

struct Diagnostic {
    std::string rule;          // "syntax", "duplicate-key", "type", ...
    Severity severity = Severity::Error;
    Mark where;                // line/column 1-based; line 0 means "the whole file"
    std::string message;       // never contains a secret in clear
    std::optional<size_t> interaction; // index of the interaction it concerns
    // How sure the finding is ("low", "medium", "high"), for rules that
    // judge it (secret); empty otherwise. Shown in JSON and SARIF output.
    std::string confidence;
    // The file it is about, as shown ("<stdin>", "cassette redact" for a
    // command-line problem); empty where the caller names the file itself
    // (format_diagnostic's `file`).
    std::string file;
    // For baselines (src/baseline/), set by rules that know them: the field
    // path ("request.headers.Authorization", "response.body$.token") and the
    // SHA-256 (hex) of the value found there (a secret). Never printed.
    std::string field;
    std::string value_digest;
};

// `file:line:col: severity: message [rule]` (without the rule when empty,
// without line:col when where.line == 0).
std::string format_diagnostic(const std::string& file, const Diagnostic& d, bool with_rule = true);
// The same with the diagnostic's own `file`.
inline std::string format_diagnostic(const Diagnostic& d, bool with_rule = true) {
    return format_diagnostic(d.file, d, with_rule);
}

} // namespace cassette
