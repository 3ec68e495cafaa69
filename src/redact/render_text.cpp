// redact's text report: see report.hpp.
#include "redact/report.hpp"

namespace cassette::redact {

size_t RunReport::secrets() const {
    size_t n = 0;
    for (const auto& f : files) n += f.findings.size();
    return n;
}

size_t RunReport::changed_files() const {
    size_t n = 0;
    for (const auto& f : files) n += f.changed ? 1 : 0;
    return n;
}

FileReport file_report(const std::string& shown_path, const Report& pass) {
    FileReport f;
    f.path = shown_path;
    for (const auto& r : pass.redactions) {
        const Secret& s = r.secret;
        f.findings.push_back(Finding{s.detector, s.kind, s.interaction, s.location, s.where.line, s.where.column,
                                     s.masked, r.placeholder, s.matcher_sensitive});
    }
    f.warnings = pass.matcher_warnings;
    return f;
}

std::string render_text_findings(const FileReport& f, bool would) {
    std::string out;
    for (const Finding& s : f.findings) {
        out += f.path + ':' + std::to_string(s.line) + ':' + std::to_string(s.column) + ": " +
               (would ? "would redact " : "redacted ") + s.kind + " [" + s.detector + "] in " +
               (s.location == "trailing-document" ? std::string("a YAML document after the cassette's")
                                                  : "interaction " + std::to_string(s.interaction) + ", " + s.location) +
               ": " + s.masked + " -> " + s.placeholder + '\n';
    }
    return out;
}

std::string render_text_summary(const RunReport& r) {
    const size_t total = r.secrets(), files = r.files.size();
    if (files <= 1 && total != 0) return "";
    // Counts only the files that were read as cassettes: the others are
    // named as what they were.
    size_t skipped = 0, unread = 0;
    for (const FileReport& f : r.files) {
        if (f.skipped) ++skipped;
        else if (f.not_read) ++unread;
    }
    auto files_word = [](size_t n) { return std::to_string(n) + (n == 1 ? " file" : " files"); };
    const size_t read = files - skipped - unread;
    std::string line = r.would ? "would redact " : "redacted ";
    if (read || files == 0)
        line += std::to_string(total) + " secret" + (total == 1 ? "" : "s") + " in " +
                std::to_string(r.changed_files()) + " of " + files_word(read);
    else
        line += "nothing";
    std::string rest;
    if (skipped) rest = files_word(skipped) + " skipped";
    if (unread) rest += (rest.empty() ? "" : ", ") + files_word(unread) + " not read (errors above)";
    if (!rest.empty()) line += (read || files == 0 ? ", " : ": ") + rest;
    return line + '\n';
}

} // namespace cassette::redact
