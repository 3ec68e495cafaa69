// cassette convert: HAR 1.2 both ways, JSON, and format migration v1 <-> v2.
#include "commands/commands.hpp"
#include "commands/config_resolver.hpp"
#include "commands/output.hpp"
#include "convert/har.hpp"
#include "convert/json_export.hpp"
#include "config/config.hpp"
#include "convert/migrate.hpp"
#include "redact/redact.hpp"
#include "util/atomic_write.hpp"
#include "version.hpp"
#include "yaml/writer.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>

#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

namespace cassette::cli {

namespace {

struct ConvertOptions {
    std::string file;
    std::string to;
    std::string from;
    std::string output = "-";
    std::string start;
    std::string style;
    std::string include_url;
    std::string exclude_url;
    bool only_xhr = false;
    bool redact = false;
    unsigned jobs = 0;
};

std::string shown(const std::string& path) { return path == "-" ? "<stdin>" : path; }

// Streams output produced in pieces to stdout or, atomically, to a file.
bool stream_output(Io& io, const std::string& path, const std::function<void(const convert::Sink&)>& produce) {
    if (path == "-") {
        produce([&](std::string_view piece) { io.out.write(piece.data(), std::streamsize(piece.size())); });
        io.out.flush();
        if (!io.out) {
            usage_error(io, "convert", "cannot write to standard output");
            return false;
        }
        return true;
    }
    auto err = util::atomic_write_stream(path, [&](const util::ChunkWriter& write) {
        produce([&](std::string_view piece) { write(piece); });
    });
    if (err) {
        write_error(io, path, *err);
        return false;
    }
    return true;
}

bool read_input(Io& io, const std::string& path, std::string& text) {
    if (path == "-") {
        text.assign(std::istreambuf_iterator<char>(io.in), std::istreambuf_iterator<char>());
        return true;
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        io_error(io, path, "cannot open the file");
        return false;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    text = std::move(ss).str();
    if (f.bad()) {
        io_error(io, path, "cannot read the file");
        return false;
    }
    return true;
}

// Write a cassette model as YAML after checking it reads back as the same data.
bool write_cassette(Io& io, const ConvertOptions& o, const Cassette& c) {
    std::string text = yaml::write_canonical(c, c.layout);
    auto problem = yaml::verify_written_borrowing(c, text, thread_budget(o.jobs));
    if (problem && c.layout.emitter == Emitter::Goccy) {
        // goccy/go-yaml's scalar rules are only partly reproduced (FORMAT.md
        // 4.8); its 2-space compact layout with yaml/v4 scalars is the
        // nearest layout we write exactly.
        text = yaml::write_canonical(c, convert::layout_for_style("compact"));
        problem = yaml::verify_written_borrowing(c, text, thread_budget(o.jobs));
        if (!problem)
            note(io, o.file, "the goccy/go-yaml layout cannot be reproduced exactly; written in the compact layout");
    }
    if (problem) {
        io_error(io, o.file, "not written: " + *problem + " (this is a bug in cassette; please report it)");
        return false;
    }
    return write_output(io, o.output, text);
}

int from_har(const ConvertOptions& o, Io& io) {
    std::string text;
    if (!read_input(io, o.file, text)) return kExitError;
    convert::HarImportOptions ho;
    ho.include_url = o.include_url;
    ho.exclude_url = o.exclude_url;
    ho.only_xhr = o.only_xhr;
    ho.style = o.style;
    // Bodies Playwright stored beside the HAR are read from its folder only.
    if (o.file != "-") ho.attachments_dir = std::filesystem::path(o.file).parent_path().string();
    convert::HarImportResult imported = convert::import_har(text, ho);
    if (!imported) {
        report(io, imported.errors(), shown(o.file));
        return kExitError;
    }
    convert::HarImport& r = *imported;
    if (r.kept != r.entries)
        note(io, o.file, "kept " + std::to_string(r.kept) + " of " + std::to_string(r.entries) + " entries");
    for (const auto& n : r.notes) note(io, o.file, n);
    for (const auto& w : r.warnings) warning(io, o.file, w);
    if (o.redact) {
        // The same detectors and settings as `cassette redact`, from the
        // .cassette.yaml nearest to the HAR file (stdin: the current folder).
        redact::RedactOptions ro;
        ro.detect = redact::from_config(config::RedactConfig{}); // redact's default threshold
        ConfigResolver configs(io);
        bool failed = false;
        if (const config::Config* cfg = configs.for_file(o.file, &failed)) {
            ro.detect = redact::from_config(cfg->redact);
            if (!ro.detect.placeholder.empty()) ro.placeholder = ro.detect.placeholder;
            ro.detect.placeholder = ro.placeholder;
        }
        if (failed) return kExitError;
        redact::Report rep = redact::redact(r.cassette, ro);
        note(io, o.file, "redacted " + std::to_string(rep.redactions.size()) + " secret(s) in " +
                             std::to_string(rep.scalars_changed) + " value(s)");
        for (const auto& w : rep.matcher_warnings) note(io, o.file, w);
    }
    return write_cassette(io, o, r.cassette) ? kExitOk : kExitError;
}

int to_format(const ConvertOptions& o, Io& io) {
    std::optional<Cassette> c = load(io, o.file, nullptr, thread_budget(o.jobs));
    if (!c) return kExitError;
    if (o.to == "har") {
        convert::HarExportOptions ho;
        ho.creator_version = CASSETTE_VERSION;
        if (!o.start.empty()) {
            auto t = convert::parse_rfc3339(o.start);
            if (!t) {
                return usage_error(io, "convert",
                                   "--start: expected an RFC 3339 time such as 2024-05-01T12:00:00Z, got \"" + o.start +
                                       "\"");
            }
            ho.start_ns = *t;
        }
        return stream_output(io, o.output, [&](const convert::Sink& sink) { convert::write_har(*c, ho, sink); })
                   ? kExitOk
                   : kExitError;
    }
    if (o.to == "json")
        return stream_output(io, o.output, [&](const convert::Sink& sink) { convert::write_json(*c, sink); })
                   ? kExitOk
                   : kExitError;

    // v1 / v2
    convert::MigrationReport report;
    const std::string style = !o.style.empty() ? o.style : o.to == "v1" ? "yaml.v2" : "yaml.v3";
    const Layout layout = convert::layout_for_style(style);
    const bool changed = o.to == "v2" ? convert::migrate_to_v2(*c, layout, report)
                                      : convert::migrate_to_v1(*c, layout, report);
    if (!changed) {
        note(io, o.file, std::string("already version ") + (o.to == "v2" ? "2" : "1") + "; written unchanged");
        return write_output(io, o.output, c->source) ? kExitOk : kExitError;
    }
    if (!report.dropped.empty()) {
        std::string dropped = "dropped fields format 1 cannot hold:";
        for (size_t i = 0; i < report.dropped.size(); ++i)
            dropped += std::string(i ? ", " : " ") + report.dropped[i].first + " (" + std::to_string(report.dropped[i].second) + ")";
        note(io, o.file, dropped);
    }
    for (const auto& n : report.notes) note(io, o.file, n);
    return write_cassette(io, o, *c) ? kExitOk : kExitError;
}

int run_convert(const ConvertOptions& o, Io& io) {
    if (o.to.empty() == o.from.empty()) {
        return usage_error(io, "convert", "give exactly one of --to FORMAT or --from har");
    }
    if (!o.from.empty()) return from_har(o, io);
    auto misuse = [&](const char* flag, const char* needs) {
        return usage_error(io, "convert", std::string(flag) + " only applies to " + needs);
    };
    if (!o.include_url.empty()) return misuse("--include-url", "--from har");
    if (!o.exclude_url.empty()) return misuse("--exclude-url", "--from har");
    if (o.only_xhr) return misuse("--only-xhr", "--from har");
    if (o.redact) return misuse("--redact", "--from har (use cassette redact on cassettes)");
    if (!o.start.empty() && o.to != "har") return misuse("--start", "--to har");
    if (!o.style.empty() && o.to != "v1" && o.to != "v2") return misuse("--style", "--from har, --to v1 and --to v2");
    return to_format(o, io);
}

} // namespace

void setup_convert(CLI::App& app, Io& io, int& exit_code) {
    auto opts = std::make_shared<ConvertOptions>();
    CLI::App* sub = app.add_subcommand("convert", summary_of("convert"));
    sub->add_option("FILE", opts->file, "Cassette (or, with --from har, HAR file) to read; '-' for stdin")->required();
    sub->add_option("--to", opts->to,
                    "Output format: har (HAR 1.2 for DevTools and HTTP tools), json (the cassette as JSON), "
                    "v1 or v2 (migrate the cassette format version)")
        ->check(CLI::IsMember({"har", "json", "v1", "v2"}));
    sub->add_option("--from", opts->from, "Input format: har (make a go-vcr cassette from a HAR file)")
        ->check(CLI::IsMember({"har"}));
    sub->add_option("-o,--output", opts->output, "Write here (atomically) instead of to stdout ('-')")->type_name("FILE");
    sub->add_option("--start", opts->start,
                    "With --to har: startedDateTime of the first entry, RFC 3339 (default 2000-01-01T00:00:00Z)");
    sub->add_option("--style", opts->style,
                    "YAML layout of a written cassette: yaml.v3 (go-vcr v4 default), yaml.v2 (go-vcr v1) or compact "
                    "(default: yaml.v3, yaml.v2 for --to v1; a HAR made by cassette keeps its recorded layout)")
        ->check(CLI::IsMember({"yaml.v3", "yaml.v2", "compact"}));
    sub->add_option("--include-url", opts->include_url,
                    "With --from har: keep only entries whose URL matches this RE2 regular expression");
    sub->add_option("--exclude-url", opts->exclude_url,
                    "With --from har: drop entries whose URL matches this RE2 regular expression");
    sub->add_flag("--only-xhr", opts->only_xhr,
                  "With --from har: keep only XHR/fetch requests (_resourceType xhr or fetch; without it, Sec-Fetch-Dest: empty, X-Requested-With or a JSON/XML response)");
    sub->add_flag("--redact", opts->redact,
                  "With --from har: run the redaction pass of 'cassette redact' (and its .cassette.yaml settings) "
                  "before writing");
    add_jobs_option(*sub, opts->jobs);
    sub->footer("Exit status: 0 success, 2 usage, I/O or parse error (a malformed HAR names the JSON path).");
    sub->callback([opts, &io, &exit_code] { exit_code = run_convert(*opts, io); });
}

} // namespace cassette::cli
