// cassette fmt: canonical go-vcr layout, like gofmt for cassettes.
#include "commands/commands.hpp"
#include "commands/output.hpp"
#include "commands/inputs.hpp"
#include "format/json_bodies.hpp"
#include "util/atomic_write.hpp"
#include "yaml/writer.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace cassette::cli {

namespace {

struct FmtOptions {
    std::vector<std::string> files;
    bool check = false;
    std::string output;
    std::string style;
    bool pretty_json = false;
    bool compact_json = false;
    bool include_requests = false;
    unsigned jobs = 0;
};

std::string shown(const std::string& path) { return path == "-" ? "<stdin>" : path; }

void report_not_written(Io& io, const std::string& path, const std::string& problem) {
    io_error(io, path, "not written: " + problem + " (this is a bug in cassette; please report it)");
}

// A big file: its new text is never whole in memory.
void fmt_big_file(Io& io, const FmtOptions& o, const Cassette& c, const std::string& path, const Layout& layout,
                  size_t bodies_changed, Phases& phases, int& status) {
    const std::string target = !o.output.empty() ? o.output : path;
    std::optional<PendingOutput> pending;
    std::optional<std::string> problem;
    const bool changed = stage_new_text(
        c, path, target, [&](const yaml::TextSink& sink) { yaml::write_canonical_to(c, layout, sink); }, phases,
        pending, problem, thread_budget(o.jobs));
    if (changed && o.style.empty() && bodies_changed == 0 && yaml::canonical_elsewhere(c)) {
        // Another writer would have saved these very bytes: they stay.
        problem.reset();
        pending.reset();
        if (target != path) pending.emplace(target, c.source.view(), nullptr, thread_budget(o.jobs));
    }
    if (problem) {
        report_not_written(io, path, *problem);
        status = kExitError;
        return;
    }
    if (pending) {
        if (!pending->finish(io, c.source.view())) status = kExitError;
        phases.done("save");
    }
    phases.print(io, path);
}

// Load -> reformat -> write (or, with --check, list), for one file. Returns
// whether --check found it would change.
bool fmt_file(Io& io, const FmtOptions& o, const std::string& path, bool found, int& status) {
    // Another recorder's file, or no cassette, found in a folder: skipped with a note.
    NotGoVcr other;
    other.found = found;
    std::optional<Cassette> c = load(io, path, &other, thread_budget(o.jobs));
    if (!c) {
        if (!other.hit) status = kExitError;
        return false;
    }
    Phases phases(io.verbose);
    // Whether the data changed: a file some known writer saves byte for
    // byte is only looked for when it did not (see canonical_elsewhere).
    size_t bodies_changed = 0;
    if (o.pretty_json || o.compact_json) {
        format::JsonBodyOptions jo;
        jo.style = o.pretty_json ? format::JsonStyle::Pretty : format::JsonStyle::Compact;
        jo.include_requests = o.include_requests;
        bodies_changed = format::reformat_json_bodies(*c, jo);
        phases.done("json");
    }
    const Layout layout = o.style.empty() ? c->layout : with_style(c->layout, o.style);
    const std::string target = !o.output.empty() ? o.output : path;
    if (!o.check && target != "-" && !util::is_direct_target(target) && c->source.size() >= yaml::kMapMinBytes) {
        fmt_big_file(io, o, *c, path, layout, bodies_changed, phases, status);
        return false;
    }
    std::string text = yaml::write_canonical(*c, layout);
    phases.done("write");
    bool changed = text != c->source;
    if (changed && o.style.empty() && bodies_changed == 0) {
        // The evidence in the file fitted several writers and detection
        // chose one under which it is not canonical: if another would
        // have saved these very bytes, they stay.
        if (yaml::canonical_elsewhere(*c)) {
            text.assign(c->source.view());
            changed = false;
        }
    }
    // A file to replace is written while the text is verified (see
    // PendingOutput); a FIFO, a terminal or /dev/stdout only once the
    // text is verified, as "-" is.
    const bool direct = target == "-" || util::is_direct_target(target);
    std::optional<PendingOutput> pending;
    if (!o.check && !direct && (changed || target != path))
        pending.emplace(target, text, target == path ? &c->source : nullptr, thread_budget(o.jobs));
    auto problem = yaml::verify_written_borrowing(*c, text, thread_budget(o.jobs));
    phases.done("verify");
    if (problem) {
        report_not_written(io, path, *problem);
        status = kExitError;
        return false;
    }
    if (o.check) {
        // gofmt -l: the files that would change, one a line.
        if (changed) {
            io.out << shown(path) << '\n';
            if (status == kExitOk) status = kExitFindings;
        }
    } else if (pending) {
        if (!pending->finish(io, text)) status = kExitError;
        phases.done("save");
    } else if (direct) {
        if (!write_output(io, target, text)) status = kExitError;
        phases.done("save");
    }
    phases.print(io, path);
    return o.check && changed;
}

int run_fmt(const FmtOptions& o, Io& io) {
    const Inputs inputs = expand_paths(io, o.files);
    if (!o.output.empty() && inputs.files.size() != 1) {
        return usage_error(io, "fmt", "-o takes exactly one input file");
    }
    if (o.include_requests && (o.pretty_json || o.compact_json)) {
        warning(io, "cassette fmt",
                "--include-requests changes request bodies; go-vcr v4's default matcher compares them byte for "
                "byte, so replay needs a custom matcher");
    }
    int status = inputs.ok ? kExitOk : kExitError;
    size_t would_change = 0;
    for (const auto& path : inputs.files)
        if (fmt_file(io, o, path, inputs.found(path), status)) ++would_change;
    if (would_change > 0) {
        io.err << would_change << (would_change == 1 ? " file is" : " files are")
               << " not in canonical layout; run 'cassette fmt FILE...' to rewrite "
               << (would_change == 1 ? "it" : "them") << '\n';
    }
    return status;
}

} // namespace

void setup_fmt(CLI::App& app, Io& io, int& exit_code) {
    auto opts = std::make_shared<FmtOptions>();
    CLI::App* sub = app.add_subcommand("fmt", summary_of("fmt"));
    sub->add_option("PATH", opts->files, "Cassette files or folders (searched for *.yaml/*.yml); '-' for stdin to stdout")->required();
    sub->add_flag("--check", opts->check, "Write nothing; list the files that would change and exit 1 if any");
    sub->add_option("-o,--output", opts->output, "Write the result here instead of in place ('-' for stdout)")->type_name("FILE");
    sub->add_option("--style", opts->style, "Convert to another writer's layout: yaml.v2, yaml.v3 or compact")
        ->check(CLI::IsMember({"yaml.v2", "yaml.v3", "compact"}));
    auto* pretty = sub->add_flag("--pretty-json", opts->pretty_json,
                                 "Re-indent JSON response bodies as Go's json.Indent(\"\", \"  \") would");
    auto* compact = sub->add_flag("--compact-json", opts->compact_json, "Compact JSON response bodies as Go's json.Compact would");
    pretty->excludes(compact);
    sub->add_flag("--include-requests", opts->include_requests,
                  "With --pretty-json/--compact-json, change request bodies too (breaks go-vcr v4's default matcher)");
    add_jobs_option(*sub, opts->jobs);
    sub->footer("Exit status: 0 success (with --check: nothing to change), 1 files would change (--check), 2 errors.");
    sub->callback([opts, &io, &exit_code] { exit_code = run_fmt(*opts, io); });
}

} // namespace cassette::cli
