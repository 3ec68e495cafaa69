// cassette redact: find secrets and replace them in place, keeping replay working.
#include "baseline/baseline.hpp"
#include "baseline/baseline.hpp"
#include "commands/commands.hpp"
#include "commands/output.hpp"
#include "commands/config_resolver.hpp"
#include "commands/inputs.hpp"
#include "match/match.hpp"
#include "recorders/recognize.hpp"
#include "config/config.hpp"
#include "redact/redact.hpp"
#include "redact/mask.hpp"
#include "redact/report.hpp"
#include "util/atomic_write.hpp"
#include "util/line_diff.hpp"
#include "util/read_file.hpp"
#include "yaml/writer.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <sstream>

namespace cassette::cli {

namespace {

// "interactions #0, #3 stop replaying ..." for redact's warnings; "" when
// every interaction replays as before.
std::string lost_replays_line(std::vector<match::Request> before, const Cassette& after) {
    const auto result = match::lost_replays(std::move(before), after);
    const auto& lost = result.lost;
    const std::string matcher = std::string("go-vcr ") + match::matcher_name(match::default_matcher(after.format())) +
                                "'s default matcher";
    const std::string failing = result.failing_before
                                    ? " (" + std::to_string(result.failing_before) +
                                          " did not replay before redaction either: 'cassette match FILE --requests "
                                          "FILE' says why)"
                                    : "";
    // Nothing lost and nothing failing already: no line (a warning that says
    // all is well would only be noise in a hook's output).
    if (lost.empty() && !result.failing_before) return "";
    if (lost.empty()) return "no interaction stops replaying its recorded request with " + matcher + failing;
    std::string list;
    for (size_t k = 0; k < lost.size() && k < 10; ++k)
        list += (k ? ", #" : "#") + std::to_string(lost[k].interaction) +
                (lost[k].field.empty() ? "" : " (" + lost[k].field + ")");
    if (lost.size() > 10) list += " and " + std::to_string(lost.size() - 10) + " more";
    return std::to_string(lost.size()) + " of " + std::to_string(after.interactions.size()) +
           " interactions stop replaying their recorded request with " + matcher + ": " + list +
           "; 'cassette match FILE --requests ORIGINAL' explains each" + failing;
}

namespace fs = std::filesystem;

struct RedactCommandOptions {
    std::vector<std::string> paths;
    bool check = false;
    bool dry_run = false;
    std::string output;
    std::string placeholder;
    std::string config;
    std::string report = "text";
    bool skip_invalid = false;
    std::string baseline;
    unsigned jobs = 0;
};

std::string shown(const std::string& path) { return path == "-" ? "<stdin>" : path; }

// A configuration's detector and placeholder, prepared once.
struct Pass {
    std::string placeholder;
    std::unique_ptr<redact::Detector> detector;
    redact::DetectOptions options;
    const config::Config* config = nullptr; // where it came from (nullptr: the defaults)
};

// A configuration's Pass (nullptr: the defaults); nullopt after reporting
// why it cannot be made.
std::optional<Pass> make_pass(Io& io, const RedactCommandOptions& o, const config::Config* c) {
    // redact's default threshold, the file's settings, then --placeholder.
    redact::DetectOptions d = redact::from_config(c ? c->redact : config::RedactConfig{});
    if (!o.placeholder.empty()) d.placeholder = o.placeholder;
    if (d.placeholder.empty()) {
        usage_error(io, "redact", "the placeholder is empty");
        return std::nullopt;
    }
    // (redact.disable was checked with the rest of the file: config_checks.)
    std::unique_ptr<redact::Detector> detector = make_detector(io, d, c ? c->path : std::string(), "redact");
    if (!detector) return std::nullopt;
    return Pass{d.placeholder, std::move(detector), d, c};
}

// --skip-invalid: a file that does not load is not redacted, but a secret in
// it must still fail the hook (a configuration with the redact-check hook
// alone). The secrets the search by shape finds in its strings (or, when it
// is no YAML at all, in its bytes), one line each, masked.
std::vector<std::string> secrets_in_unloadable(const std::string& path, const Pass& pass) {
    std::vector<std::string> out;
    std::string bytes;
    if (path == "-" || util::read_whole_file(path, bytes)) return out;
    const std::string tail = " (found by shape; the file does not load, so it is not redacted)";
    if (std::optional<recorders::Tree> tree = recorders::parse_tree(bytes)) {
        for (const recorders::Found& f : recorders::find_secrets(*tree, *pass.detector, pass.options))
            out.push_back(shown(path) + ":" + std::to_string(f.where.line) + ":" + std::to_string(f.where.column) + ": " +
                          f.kind + " [" + f.detector + "] in " + f.location + ": " + f.masked + tail);
    } else if (recorders::mask_by_shape(bytes, *pass.detector, pass.options) != bytes) {
        out.push_back(shown(path) + ": a secret" + tail);
    }
    return out;
}

// --dry-run: the unified diff of the file before and after. The "before"
// side must not show the secrets either: it is the file with each secret
// replaced by its masked form, written by the same in-place writer, so its
// lines match the "after" side.
void print_dry_run(Io& io, const Cassette& c, const redact::Detector& detector, const std::string& path,
                   std::string_view after, const util::ThreadBudget& threads) {
    const std::string name = shown(path);
    const std::string sep = name.front() == '/' ? "" : "/";
    std::string before(c.source.view());
    yaml::ReadOptions again_options;
    again_options.threads = threads;
    if (auto again = yaml::read_cassette(c.source, path, again_options); again.ok()) {
        std::vector<redact::Secret> secrets = detector.detect(*again.cassette, threads);
        redact::mask_secrets(secrets, true);
        before = yaml::write_in_place(*again.cassette);
    }
    io.out << util::unified_diff(before, after, "a" + sep + name, "b" + sep + name);
}

// The redacted text of `c`, written and verified; a file to replace is
// written while the text is verified (see PendingOutput), a big one without
// its new text ever whole in memory. Returns the problem that stops the
// write, if any; `written` is empty when `pending` holds the text.
std::optional<std::string> stage(const RedactCommandOptions& o, const Cassette& c, const std::string& path,
                                 const std::string& target, Phases& phases, std::string& written, bool& changed,
                                 std::optional<PendingOutput>& pending) {
    std::optional<std::string> problem;
    if (!o.dry_run && target != "-" && !util::is_direct_target(target) && c.source.size() >= yaml::kMapMinBytes) {
        changed = stage_new_text(c, path, target, [&](const yaml::TextSink& sink) { yaml::write_in_place_to(c, sink); },
                                 phases, pending, problem, thread_budget(o.jobs));
        return problem;
    }
    written = yaml::write_in_place(c);
    phases.done("write");
    changed = written != c.source;
    if (!o.dry_run && target != "-" && (target != path || changed))
        pending.emplace(target, written, target == path ? &c.source : nullptr, thread_budget(o.jobs));
    problem = yaml::verify_written_borrowing(c, written, thread_budget(o.jobs));
    phases.done("verify");
    return problem;
}

// --check --baseline: the known secrets, and how many were not shown.
struct KnownSecrets {
    std::optional<baseline::Baseline> baseline;
    std::string path;
    size_t hidden = 0;
};

// Load -> redact -> stage -> report -> write, for one file.
redact::FileReport redact_file(Io& io, const RedactCommandOptions& o, const std::string& path, bool found,
                               const Pass& pass, redact::Numbering& numbering, KnownSecrets& known, int& status) {
    const bool json = o.report == "json";
    std::ostringstream load_errors;
    Io quiet{io.in, io.out, load_errors, false, false};
    // Another recorder's file, or no cassette, found in a folder: skipped with a note.
    NotGoVcr other;
    other.found = found;
    std::optional<Cassette> c = load(json || o.skip_invalid ? quiet : io, path, &other, thread_budget(o.jobs));
    redact::FileReport f;
    f.path = shown(path);
    if (!c && other.hit) {
        f.skipped = other.what;
        if (!json && o.skip_invalid) io.err << load_errors.str();
        return f;
    }
    if (!c && o.skip_invalid) {
        // The pre-commit hooks: `cassette lint` reports why, once.
        f.skipped = "does not load as a go-vcr cassette ('cassette lint " + f.path + "' says why)";
        const std::vector<std::string> found_by_shape = secrets_in_unloadable(path, pass);
        f.secrets_found_by_shape = found_by_shape.size();
        if (!found_by_shape.empty() && status == kExitOk) status = kExitFindings;
        if (!json) {
            note(io, path, "skipped: " + *f.skipped);
            for (const auto& line : found_by_shape) io.results_stream() << line << '\n';
        }
        return f;
    }
    if (!c) {
        f.error = load_errors.str();
        f.not_read = true;
        status = kExitError;
        return f;
    }
    Phases phases(io.verbose);
    std::vector<match::Request> requests_before = match::recorded_requests(*c);
    std::optional<baseline::Requests> requests;
    if (known.baseline) requests = baseline::requests_of(*c); // before redact() edits the model
    redact::Report pass_report = redact::redact(*c, *pass.detector, pass.placeholder, numbering, thread_budget(o.jobs));
    std::vector<std::string> stale;
    if (known.baseline)
        known.hidden += baseline::filter_redactions(*known.baseline, known.path, path, *requests, pass_report.redactions, stale);
    // Issue 18: name the interactions that stop replaying (cassette match).
    if (!pass_report.matcher_warnings.empty())
        if (std::string line = lost_replays_line(std::move(requests_before), *c); !line.empty())
            pass_report.matcher_warnings.push_back(std::move(line));
    f = redact::file_report(f.path, pass_report);
    phases.done("search");

    // --check writes nothing, so it needs no new text (nor its verification);
    // without redactions the text is the source (not copied).
    const bool rewrite = !f.findings.empty() && !o.check;
    const std::string target = !o.output.empty() ? o.output : path;
    std::string written;
    bool changed_text = false;
    std::optional<PendingOutput> pending;
    if (rewrite) {
        if (auto problem = stage(o, *c, path, target, phases, written, changed_text, pending)) {
            f.error = "not written: " + *problem + " (this is a bug in cassette; please report it)";
            if (!json) io_error(io, path, *f.error);
            status = kExitError;
            return f;
        }
    }
    const std::string_view text = rewrite ? std::string_view(written) : c->source.view();
    f.changed = o.check ? !f.findings.empty() : changed_text;
    if (!json) {
        // --check: these lines are the findings (kept by -q).
        (o.check ? io.results_stream() : io.err) << redact::render_text_findings(f, o.check || o.dry_run);
        if (!f.findings.empty())
            for (const auto& w : f.warnings) warning(io, path, w);
    }
    if (o.check) {
        for (const auto& n : stale) {
            Diagnostic d = diag::error(f.path, Mark{}, baseline::k_unused_rule, n);
            d.severity = Severity::Note;
            report(io, f.path, d, true);
        }
        if (!f.findings.empty() && status == kExitOk) status = kExitFindings;
    } else if (o.dry_run) {
        print_dry_run(io, *c, *pass.detector, path, text, thread_budget(o.jobs));
        return f;
    } else if (pending) {
        if (!pending->finish(io, text)) status = kExitError;
        phases.done("save");
    } else if (target == "-" || target != path || f.changed) {
        if (!write_output(io, target, text, target == path ? &c->source : nullptr)) status = kExitError;
        phases.done("save");
    }
    phases.print(io, path);
    return f;
}

int run_redact(const RedactCommandOptions& o, Io& io) {
    if (o.check && o.dry_run) {
        return usage_error(io, "redact", "--check and --dry-run cannot be combined");
    }
    const Inputs inputs = expand_paths(io, o.paths);
    if (!o.output.empty() && inputs.files.size() != 1) {
        return usage_error(io, "redact", "-o takes exactly one input file");
    }
    // Each file's own configuration: its detector and placeholder.
    PerConfig<Pass> passes(io);
    if (!passes.resolve(o.config, inputs.files, [&](const config::Config* c) { return make_pass(io, o, c); }))
        return kExitError;
    // --check --baseline FILE (or the configuration's `baseline:`): only
    // secrets not in the baseline count.
    if (!o.baseline.empty() && !o.check) {
        return usage_error(io, "redact", "--baseline works with --check only");
    }
    KnownSecrets known;
    if (o.check) {
        known.path = baseline::path_to_use(o.baseline, inputs.files.empty() ? nullptr : passes[0].config);
        if (!known.path.empty()) {
            diag::Result<baseline::Baseline> loaded = baseline::Baseline::load(known.path);
            if (!loaded) {
                report(io, loaded.errors(), known.path, true);
                return kExitError;
            }
            known.baseline = std::move(loaded).value();
        }
    }

    redact::Numbering numbering; // one for the run: a token in two files gets one placeholder
    redact::RunReport report;
    report.would = o.check || o.dry_run;
    int status = inputs.ok ? kExitOk : kExitError;
    for (size_t k = 0; k < inputs.files.size(); ++k) {
        const std::string& path = inputs.files[k];
        report.files.push_back(redact_file(io, o, path, inputs.found(path), passes[k], numbering, known, status));
    }
    if (o.report == "json") io.results_stream() << redact::render_json(report);
    else io.err << redact::render_text_summary(report);
    if (known.hidden && o.report != "json")
        io.err << known.hidden << " known secret" << (known.hidden == 1 ? "" : "s") << " in the baseline (" << known.path
               << ") not shown\n";
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
    sub->add_flag("--skip-invalid", opts->skip_invalid,
                  "Skip a file that does not load as a cassette with one note, leaving the error to "
                  "'cassette lint' (the pre-commit hooks)");
    sub->add_option("--baseline", opts->baseline, "With --check: count only secrets not in this baseline file (lint --write-baseline writes it; default: the configuration's `baseline:`)")
        ->type_name("FILE");
    sub->add_option("--report", opts->report, "Summary format on stderr: text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    add_jobs_option(*sub, opts->jobs);
    sub->footer("Exit status: 0 success (with --check: nothing to redact), 1 secrets found (--check), 2 errors.\n"
                "Secrets are never printed: reports show a masked form (first and last 4 characters at most).");
    sub->callback([opts, &io, &exit_code] { exit_code = run_redact(*opts, io); });
}

} // namespace cassette::cli
