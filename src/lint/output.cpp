#include "lint/output.hpp"
#include "json/text.hpp"
#include "util/percent.hpp"

#include "version.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdio>
#include <ostream>

namespace cassette::lint {

namespace {

using ordered_json = nlohmann::ordered_json;

// Where SARIF consumers send people for the tool's documentation. The
// project has no published home yet: the lead sets the final address here.

const char* sarif_level(Severity s) {
    switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    default: return "note";
    }
}

std::string paint(bool on, const char* code, const std::string& text) {
    return on ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
}

// GitHub workflow command escaping (actions/toolkit: escapeData / escapeProperty).
std::string escape_data(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else out += c;
    }
    return out;
}
std::string escape_property(const std::string& s) {
    std::string out;
    for (char c : escape_data(s)) {
        if (c == ':') out += "%3A";
        else if (c == ',') out += "%2C";
        else out += c;
    }
    return out;
}

// FNV-1a 64: a stable fingerprint that does not depend on the line, so a
// finding keeps its identity when lines above it move.
std::string fingerprint(const std::string& path, const Diagnostic& d) {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](const std::string& s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
        h ^= 0xff;
        h *= 1099511628211ull;
    };
    mix(path);
    mix(d.rule);
    mix(d.interaction ? std::to_string(*d.interaction) : "-");
    mix(d.message);
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", (unsigned long long)h);
    return buf;
}

// The first paragraph of an explanation (SARIF fullDescription).
std::string first_paragraph(const char* text) {
    std::string s = text;
    size_t end = s.find("\n\n");
    if (end != std::string::npos) s.resize(end);
    for (char& c : s)
        if (c == '\n') c = ' ';
    return s;
}

void render_sarif(const std::vector<FileResult>& results, std::ostream& out) {
    ordered_json rules = ordered_json::array();
    const auto& all = all_rules();
    for (const Rule* r : all) {
        ordered_json rule;
        rule["id"] = r->id;
        rule["name"] = r->id;
        rule["shortDescription"] = {{"text", r->summary}};
        rule["fullDescription"] = {{"text", first_paragraph(r->explanation)}};
        rule["help"] = {{"text", r->explanation}};
        rule["defaultConfiguration"] = {{"enabled", r->enabled}, {"level", sarif_level(r->severity)}};
        rules.push_back(std::move(rule));
    }
    ordered_json res = ordered_json::array();
    for (const FileResult& f : results) {
        for (const Diagnostic& d : f.findings) {
            size_t index = 0;
            while (index < all.size() && d.rule != all[index]->id) ++index;
            ordered_json r;
            r["ruleId"] = d.rule;
            if (index < all.size()) r["ruleIndex"] = index;
            r["level"] = sarif_level(d.severity);
            r["message"] = {{"text", d.message}};
            ordered_json loc;
            loc["physicalLocation"]["artifactLocation"] = {{"uri", path_to_uri(f.path)}};
            if (f.path.empty() || f.path[0] != '/') loc["physicalLocation"]["artifactLocation"]["uriBaseId"] = "%SRCROOT%";
            loc["physicalLocation"]["region"] = {{"startLine", std::max<uint32_t>(1, d.where.line)},
                                                 {"startColumn", std::max<uint32_t>(1, d.where.column)}};
            r["locations"] = ordered_json::array({loc});
            r["partialFingerprints"] = {{"cassetteFinding/v1", fingerprint(f.path, d)}};
            if (!d.confidence.empty()) r["properties"] = {{"confidence", d.confidence}};
            res.push_back(std::move(r));
        }
    }
    ordered_json doc;
    doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    doc["version"] = "2.1.0";
    ordered_json run;
    run["tool"]["driver"] = {{"name", "cassette"},
                             {"version", CASSETTE_VERSION},
                             {"semanticVersion", CASSETTE_VERSION},
                             {"rules", std::move(rules)}};
    run["columnKind"] = "unicodeCodePoints";
    run["results"] = std::move(res);
    doc["runs"] = ordered_json::array({std::move(run)});
    out << ::cassette::json::to_text(doc, 2) << '\n';
}

void render_json(const std::vector<FileResult>& results, std::ostream& out) {
    ordered_json list = ordered_json::array();
    for (const FileResult& f : results) {
        for (const Diagnostic& d : f.findings) {
            ordered_json o;
            o["file"] = f.path;
            o["line"] = d.where.line;
            o["column"] = d.where.column;
            o["rule"] = d.rule;
            o["severity"] = severity_name(d.severity);
            o["message"] = d.message;
            o["interaction"] = d.interaction ? ordered_json(*d.interaction) : ordered_json(nullptr);
            if (!d.confidence.empty()) o["confidence"] = d.confidence;
            const Rule* rule = find_rule(d.rule);
            o["fixable"] = rule && rule->fixable;
            list.push_back(std::move(o));
        }
    }
    ordered_json doc;
    doc["findings"] = std::move(list);
    out << ::cassette::json::to_text(doc, 2) << '\n';
}

} // namespace

std::string path_to_uri(const std::string& path) {
    std::string p = path;
    if (p.rfind("./", 0) == 0) p.erase(0, 2);
    std::string out = p.size() && p[0] == '/' ? "file://" : "";
    return out + http::escape_uri_path(p);
}

void render(OutputFormat format, const std::vector<FileResult>& results, std::ostream& out, bool color) {
    switch (format) {
    case OutputFormat::Json: render_json(results, out); return;
    case OutputFormat::Sarif: render_sarif(results, out); return;
    case OutputFormat::Github:
        for (const FileResult& f : results)
            for (const Diagnostic& d : f.findings)
                out << "::" << (d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "notice")
                    << " file=" << escape_property(f.path) << ",line=" << d.where.line << ",col=" << d.where.column
                    << ",title=" << escape_property(d.rule) << "::" << escape_data(d.message) << '\n';
        return;
    case OutputFormat::Text:
        for (const FileResult& f : results) {
            for (const Diagnostic& d : f.findings) {
                const char* sev_color = d.severity == Severity::Error ? "1;31" : d.severity == Severity::Warning ? "1;33" : "1;36";
                out << paint(color, "1", f.path + ":" + std::to_string(d.where.line) + ":" + std::to_string(d.where.column))
                    << ": " << paint(color, sev_color, severity_name(d.severity)) << ": " << d.message << ' '
                    << paint(color, "2", "[" + d.rule + "]") << '\n';
            }
        }
        return;
    }
}

std::string summary(const std::vector<FileResult>& results) {
    size_t errors = 0, warnings = 0, notes = 0, files_with = 0, checked = 0, skipped = 0;
    for (const FileResult& f : results) {
        if (f.io_error) continue;
        if (f.skipped) {
            ++skipped;
            continue;
        }
        ++checked;
        if (!f.findings.empty()) ++files_with;
        for (const Diagnostic& d : f.findings)
            (d.severity == Severity::Error ? errors : d.severity == Severity::Warning ? warnings : notes)++;
    }
    auto plural = [](size_t n, const char* word) {
        return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
    };
    // Files that are no cassette at all (found in a folder) are not counted
    // as checked; notes are only named when there are some.
    const std::string also = skipped ? ", " + plural(skipped, "file") + " skipped: not cassettes" : std::string();
    if (errors + warnings + notes == 0) return "no findings in " + plural(checked, "file") + also;
    return plural(errors, "error") + ", " + plural(warnings, "warning") +
           (notes ? ", " + plural(notes, "note") : std::string()) + " in " + plural(files_with, "file") + " (" +
           plural(checked, "file") + " checked" + also + ")";
}

std::string explain(const Rule& rule) {
    std::string s = std::string(rule.id) + " (" + severity_name(rule.severity) +
                    (rule.enabled ? "" : ", off by default") + (rule.fixable ? ", fixable by `lint --fix`" : "") +
                    "): " + rule.summary + "\n\n" + rule.explanation;
    if (rule.option_count) {
        s += "\nOptions (lint.rules." + std::string(rule.id) + " in .cassette.yaml):\n";
        for (size_t k = 0; k < rule.option_count; ++k)
            s += "    " + std::string(rule.options[k].name) + " (default " + rule.options[k].default_value + "): " +
                 rule.options[k].description + "\n";
    }
    return s;
}

} // namespace cassette::lint
