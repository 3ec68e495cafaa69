// cassette redact: find secrets and replace them in place, keeping replay working.
#include "baseline/baseline.hpp"
#include "commands/commands.hpp"
#include "config/config.hpp"
#include "json/text.hpp"
#include "redact/redact.hpp"
#include "redact/mask.hpp"
#include "util/atomic_write.hpp"
#include "util/line_diff.hpp"
#include "util/strings.hpp"
#include "yaml/writer.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <sstream>

namespace cassette::cli {

namespace {

namespace fs = std::filesystem;

struct RedactCommandOptions {
    std::vector<std::string> paths;
    bool check = false;
    bool dry_run = false;
    std::string output;
    std::string placeholder;
    std::string config;
    std::string report = "text";
    std::string baseline;
};

// Folders are searched (sorted, so output order is stable) for *.yaml/*.yml;
// what was found there (not named) is also put in `found_below`.
bool expand_paths(Io& io, const std::vector<std::string>& paths, std::vector<std::string>& files,
                  std::set<std::string>& found_below) {
    bool ok = true;
    for (const auto& p : paths) {
        std::error_code ec;
        if (p != "-" && fs::is_directory(p, ec)) {
            std::vector<std::string> found;
            fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                if (!it->is_regular_file(ec)) continue;
                const std::string ext = it->path().extension().string();
                if (ext == ".yaml" || ext == ".yml") {
                    if (it->path().filename() == config::k_file_name) continue;
                    found.push_back(it->path().generic_string());
                }
            }
            if (ec) {
                io.err << p << ": error: " << ec.message() << '\n';
                ok = false;
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
            found_below.insert(found.begin(), found.end());
        } else {
            files.push_back(p);
        }
    }
    return ok;
}

// Where to look for .cassette.yaml when --config is not given.
std::string config_start(const std::vector<std::string>& paths) {
    if (paths.empty() || paths.front() == "-") return ".";
    std::error_code ec;
    fs::path p(paths.front());
    if (fs::is_directory(p, ec)) return p.string();
    return p.has_parent_path() ? p.parent_path().string() : ".";
}

std::string shown(const std::string& path) { return path == "-" ? "<stdin>" : path; }

int run_redact(const RedactCommandOptions& o, Io& io) {
    const bool json = o.report == "json";
    if (o.check && o.dry_run) {
        io.err << "cassette redact: error: --check and --dry-run cannot be combined\n";
        return kExitError;
    }
    std::vector<std::string> files;
    std::set<std::string> found_below;
    bool ok = expand_paths(io, o.paths, files, found_below);
    if (!o.output.empty() && files.size() != 1) {
        io.err << "cassette redact: error: -o takes exactly one input file\n";
        return kExitError;
    }

    // Configuration: --config, else the nearest .cassette.yaml.
    redact::DetectOptions detect_options = redact::from_config(config::RedactConfig{}); // the default threshold
    std::string config_path = o.config;
    if (config_path.empty()) {
        if (auto found = config::find_config(config_start(o.paths))) config_path = *found;
    }
    std::set<std::string> custom_ids;
    if (!config_path.empty()) {
        std::string error;
        std::optional<config::Config> cfg = config::load_config(config_path, &error);
        if (!cfg) {
            io.err << error << '\n';
            return kExitError;
        }
        detect_options = redact::from_config(cfg->redact);
        for (const auto& p : cfg->redact.patterns) custom_ids.insert("custom:" + p.id);
    }
    if (!o.placeholder.empty()) detect_options.placeholder = o.placeholder;
    if (detect_options.placeholder.empty()) {
        io.err << "cassette redact: error: the placeholder is empty\n";
        return kExitError;
    }
    {
        const std::vector<std::string> ids = redact::detector_ids();
        for (const auto& id : detect_options.disable) {
            if (std::find(ids.begin(), ids.end(), id) == ids.end() && !custom_ids.count(id)) {
                io.err << (config_path.empty() ? "cassette redact" : config_path) << ": error: unknown detector `" << id
                       << "` in redact.disable (known: " << util::join(ids, ", ") << ", custom:<id>)\n";
                return kExitError;
            }
        }
    }
    // --check --baseline FILE (or the configuration's `baseline:`): only
    // secrets not in the baseline count.
    std::string baseline_path = o.baseline;
    if (!o.baseline.empty() && !o.check) {
        io.err << "cassette redact: error: --baseline works with --check only\n";
        return kExitError;
    }
    std::optional<baseline::Baseline> known;
    if (o.check) {
        if (baseline_path.empty() && !config_path.empty()) {
            std::string error;
            if (auto cfg = config::load_config(config_path, &error)) baseline_path = baseline::path_to_use("", &*cfg);
        }
        std::string error;
        if (!baseline_path.empty() && !(known = baseline::Baseline::load(baseline_path, &error))) {
            io.err << error << '\n';
            return kExitError;
        }
    }
    size_t baselined = 0;
    std::string detector_error;
    redact::Detector detector(detect_options, &detector_error);
    if (!detector_error.empty()) {
        io.err << (config_path.empty() ? "cassette redact" : config_path) << ": error: " << detector_error << '\n';
        return kExitError;
    }
    redact::Numbering numbering;

    nlohmann::json json_files = nlohmann::json::array();
    int status = ok ? kExitOk : kExitError;
    size_t total = 0, changed_files = 0;
    for (const auto& path : files) {
        std::ostringstream load_errors;
        Io quiet{io.in, io.out, load_errors, false, false};
        // Another recorder's file, or no cassette, found in a folder: skipped with a note.
        NotGoVcr other;
        other.found = found_below.count(path) > 0;
        std::optional<Cassette> c = load(json ? quiet : io, path, &other);
        nlohmann::json jf;
        jf["path"] = shown(path);
        if (!c && other.hit) {
            if (json) {
                jf["skipped"] = other.what;
                json_files.push_back(std::move(jf));
            }
            continue;
        }
        if (!c) {
            status = kExitError;
            if (json) {
                jf["error"] = load_errors.str();
                json_files.push_back(std::move(jf));
            }
            continue;
        }
        Phases phases(io.verbose);
        std::optional<baseline::Requests> requests;
        if (known) requests = baseline::requests_of(*c); // before redact() edits the model
        redact::Report report = redact::redact(*c, detector, detect_options.placeholder, numbering);
        std::vector<std::string> stale;
        if (known) baselined += baseline::filter_redactions(*known, baseline_path, path, *requests, report.redactions, stale);
        total += report.redactions.size();
        phases.done("search");

        // --check writes nothing, so it needs no new text (nor its verification);
        // without redactions the text is the source (not copied).
        const bool rewrite = !report.redactions.empty() && !o.check;
        const std::string target = !o.output.empty() ? o.output : path;
        std::string written;
        bool changed_text = false;
        // A file to replace is written while the text is verified (see PendingOutput).
        std::optional<PendingOutput> pending;
        if (rewrite) {
            std::optional<std::string> problem;
            if (!o.dry_run && target != "-" && !util::is_direct_target(target) && c->source.size() >= yaml::kMapMinBytes) {
                // A big file: its new text is never whole in memory.
                changed_text = stage_new_text(*c, path, target, [&](const yaml::TextSink& sink) { yaml::write_in_place_to(*c, sink); },
                                              phases, pending, problem);
            } else {
                written = yaml::write_in_place(*c);
                phases.done("write");
                changed_text = written != c->source;
                if (!o.dry_run && target != "-" && (target != path || changed_text))
                    pending.emplace(target, written, target == path ? &c->source : nullptr);
                problem = yaml::verify_written_borrowing(*c, written);
                phases.done("verify");
            }
            if (problem) {
                const std::string msg = "not written: " + *problem + " (this is a bug in cassette; please report it)";
                if (json) {
                    jf["error"] = msg;
                    json_files.push_back(std::move(jf));
                } else {
                    io.err << shown(path) << ": error: " << msg << '\n';
                }
                status = kExitError;
                continue;
            }
        }

        const std::string_view text = rewrite ? std::string_view(written) : c->source.view();
        const bool changed = o.check ? !report.redactions.empty() : changed_text;
        if (changed) ++changed_files;
        const char* verb = o.check || o.dry_run ? "would redact" : "redacted";
        if (json) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& r : report.redactions) {
                const redact::Secret& s = r.secret;
                list.push_back({{"detector", s.detector},
                                {"kind", s.kind},
                                {"interaction", s.interaction},
                                {"location", s.location},
                                {"line", s.where.line},
                                {"column", s.where.column},
                                {"masked", s.masked},
                                {"placeholder", r.placeholder},
                                {"matcher_sensitive", s.matcher_sensitive}});
            }
            jf["secrets"] = std::move(list);
            jf["changed"] = changed;
            jf["warnings"] = report.matcher_warnings;
            json_files.push_back(std::move(jf));
        } else if (!report.redactions.empty()) {
            for (const auto& r : report.redactions) {
                const redact::Secret& s = r.secret;
                // --check: these lines are the findings (kept by -q).
                (o.check ? io.results_stream() : io.err) << shown(path) << ':' << s.where.line << ':' << s.where.column << ": " << verb << ' ' << s.kind
                       << " [" << s.detector << "] in "
                       << (s.location == "trailing-document" ? std::string("a YAML document after the cassette's")
                                                             : "interaction " + std::to_string(s.interaction) + ", " +
                                                                   s.location)
                       << ": " << s.masked << " -> " << r.placeholder << '\n';
            }
            for (const auto& w : report.matcher_warnings) io.err << shown(path) << ": warning: " << w << '\n';
        }

        if (o.check) {
            for (const auto& note : stale) io.err << shown(path) << ": note: " << note << " [" << baseline::k_unused_rule << "]\n";
            if (!report.redactions.empty() && status == kExitOk) status = kExitFindings;
            phases.print(io, path);
            continue;
        }
        if (o.dry_run) {
            const std::string name = shown(path);
            const std::string sep = name.front() == '/' ? "" : "/";
            // The "before" side must not show the secrets either: it is the
            // file with each secret replaced by its masked form, written by
            // the same in-place writer, so its lines match the "after" side.
            std::string before(c->source.view());
            if (auto again = yaml::read_cassette(c->source, path); again.ok()) {
                std::vector<redact::Secret> secrets = detector.detect(*again.cassette);
                redact::mask_secrets(secrets, true);
                before = yaml::write_in_place(*again.cassette);
            }
            io.out << util::unified_diff(before, text, "a" + sep + name, "b" + sep + name);
            continue;
        }
        if (pending) {
            if (!pending->finish(io, text)) status = kExitError;
            phases.done("save");
        } else if (target == "-" || target != path || changed) {
            if (!write_output(io, target, text, target == path ? &c->source : nullptr)) status = kExitError;
            phases.done("save");
        }
        phases.print(io, path);
    }
    if (json) {
        nlohmann::json doc = {{"files", std::move(json_files)}, {"secrets", total}};
        io.results_stream() << json::to_text(doc, 2) << '\n';
    } else if (files.size() > 1 || total == 0) {
        io.err << (o.check || o.dry_run ? "would redact " : "redacted ") << total << " secret" << (total == 1 ? "" : "s")
               << " in " << changed_files << " of " << files.size() << " file" << (files.size() == 1 ? "" : "s")
               << '\n';
    }
    if (baselined && !json)
        io.err << baselined << " known secret" << (baselined == 1 ? "" : "s") << " in the baseline (" << baseline_path << ") not shown\n";
    return status;
}

} // namespace

void setup_redact(CLI::App& app, Io& io, int& exit_code) {
    auto opts = std::make_shared<RedactCommandOptions>();
    CLI::App* sub = app.add_subcommand("redact", summary_of("redact"));
    sub->add_option("PATH", opts->paths, "Cassette files or folders (searched for *.yaml/*.yml); '-' for stdin to stdout")
        ->required();
    sub->add_flag("--check", opts->check, "Write nothing; exit 1 if any secret would be redacted (pre-commit hook)");
    sub->add_flag("--dry-run", opts->dry_run, "Write nothing; print the unified diff of what would change");
    sub->add_option("-o,--output", opts->output, "Write the result here instead of in place ('-' for stdout; one input)")
        ->type_name("FILE");
    sub->add_option("--placeholder", opts->placeholder,
                    "Replacement text (default REDACTED); {kind} is the detector id, {n} numbers distinct secrets");
    sub->add_option("--config", opts->config, "Read the redact: section of this file instead of the nearest .cassette.yaml")
        ->type_name("FILE");
    sub->add_option("--baseline", opts->baseline, "With --check: count only secrets not in this baseline file (lint --write-baseline writes it; default: the configuration's `baseline:`)")
        ->type_name("FILE");
    sub->add_option("--report", opts->report, "Summary format on stderr: text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    sub->footer("Exit status: 0 success (with --check: nothing to redact), 1 secrets found (--check), 2 errors.\n"
                "Secrets are never printed: reports show a masked form (first and last 4 characters at most).");
    sub->callback([opts, &io, &exit_code] { exit_code = run_redact(*opts, io); });
}

} // namespace cassette::cli
