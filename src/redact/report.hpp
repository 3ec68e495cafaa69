#pragma once
// What `cassette redact` found and did, per file and for the run: the model
// the command fills and the renderers print (text: render_text.cpp, JSON:
// render_json.cpp), as diff has (diff/report.hpp). It holds no secret: a
// finding keeps only its masked form and its placeholder.
#include "redact/redact.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cassette::redact {

struct Finding {
    std::string detector;    // "openai-key", "header", "custom:<id>"
    std::string kind;        // "OpenAI API key"
    size_t interaction = 0;
    std::string location;    // "request.headers.Authorization", "trailing-document"
    size_t line = 0, column = 0;
    std::string masked;      // the only form of the secret ever printed
    std::string placeholder; // what replaced it
    bool matcher_sensitive = false;
};

struct FileReport {
    std::string path; // as shown: "<stdin>" for "-"
    std::vector<Finding> findings;
    std::vector<std::string> warnings; // matcher options replay now needs
    bool changed = false;              // its text changed (--check: it has secrets)
    std::optional<std::string> skipped; // another recorder's file found in a folder: what it is
    std::optional<std::string> error;   // why it was not read or not written
    bool not_read = false;              // it did not load (error says why)
    size_t secrets_found_by_shape = 0;  // --skip-invalid: secrets in a file that does not load
};

struct RunReport {
    bool would = false; // --check or --dry-run: nothing was written
    std::vector<FileReport> files;

    size_t secrets() const;
    size_t changed_files() const;
};

// A file's entry from what the pass did (the masked forms only).
FileReport file_report(const std::string& shown_path, const Report& pass);

// Text: one line per finding, `file:line:col: redacted KIND [detector] in
// interaction N, LOCATION: sk-p…3oPl -> REDACTED` ("would redact" with
// `would`).
std::string render_text_findings(const FileReport& f, bool would);
// (The warnings are printed by the command, as diagnostics: cli::warning.)
// `redacted 3 secrets in 2 of 5 files`: said for several files or none found
// ("" for one file with findings: its lines say it all).
std::string render_text_summary(const RunReport& r);

// JSON: {"files": [{"path", "secrets": [...], "changed", "warnings"} |
// {"path", "skipped"} | {"path", "error"}], "secrets": N}.
std::string render_json(const RunReport& r);

} // namespace cassette::redact
