#pragma once
// Renderers for lint findings: text (file:line:col: severity: message [rule]),
// json, SARIF 2.1.0 (GitHub code scanning) and GitHub workflow commands.
#include "lint/lint.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace cassette::lint {

enum class OutputFormat { Text, Json, Sarif, Github };

// `results` in the order files were given; each one's findings sorted.
void render(OutputFormat format, const std::vector<FileResult>& results, std::ostream& out, bool color);

// The one-line summary (text format, printed on stderr): "2 errors, 1 warning
// in 3 files (5 files checked)" or "no findings in 5 files".
std::string summary(const std::vector<FileResult>& results);

// --explain RULE text.
std::string explain(const Rule& rule);

// `a/b c.yaml` -> `a/b%20c.yaml` (SARIF artifactLocation.uri).
std::string path_to_uri(const std::string& path);

} // namespace cassette::lint
