// cassette diff: what changed between two recordings, without the noise.
#include "commands/commands.hpp"
#include "config/config.hpp"
#include "diff/diff.hpp"
#include "diff/mask.hpp"
#include "diff/render.hpp"
#include "recorders/recognize.hpp"
#include "util/line_diff.hpp"
#include "util/parallel.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <sstream>

namespace cassette::cli {

namespace {

struct DiffCliOptions {
    std::vector<std::string> files;
    std::string format = "text";
    std::string color = "auto";
    bool all = false;
    bool git = false;
    std::vector<std::string> ignore_headers;
    std::vector<std::string> ignore_json_paths;
    std::string config;
    std::optional<size_t> max_bytes;
    unsigned jobs = 0;
};

std::string ignored_list() {
    std::string s;
    for (auto h : diff::default_ignored_headers()) s += (s.empty() ? "" : ", ") + std::string(h);
    return s;
}

int run_diff(const DiffCliOptions& o, Io& io) {
    if (o.max_bytes && o.format != "markdown") {
        io.err << "cassette diff: error: --max-bytes applies to --format markdown\n";
        return kExitError;
    }
    // Which files, and the names shown for them.
    std::string old_path, new_path, old_name, new_name;
    if (o.git) {
        // git's external diff: path old-file old-hex old-mode new-file new-hex new-mode [new-path similarity]
        if (o.files.size() != 7 && o.files.size() != 9) {
            io.err << "cassette diff: error: --git expects the 7 (or 9, for a rename) arguments git passes to an "
                      "external diff driver, got "
                   << o.files.size() << '\n';
            return kExitError;
        }
        old_path = o.files[1];
        new_path = o.files[4];
        old_name = "a/" + o.files[0];
        new_name = "b/" + (o.files.size() == 9 ? o.files[7] : o.files[0]);
    } else {
        if (o.files.size() != 2) {
            io.err << "cassette diff: error: expected two files, OLD and NEW, got " << o.files.size() << '\n';
            return kExitError;
        }
        old_path = o.files[0];
        new_path = o.files[1];
        if (old_path == "-" && new_path == "-") {
            io.err << "cassette diff: error: only one side can be '-' (stdin)\n";
            return kExitError;
        }
        old_name = old_path == "-" ? "<stdin>" : old_path;
        new_name = new_path == "-" ? "<stdin>" : new_path;
    }

    // Configuration: --config, else the nearest .cassette.yaml above the new
    // file (in git mode: above the repository path git names).
    config::Config cfg;
    std::string config_path = o.config;
    if (config_path.empty()) {
        namespace fs = std::filesystem;
        const std::string near = o.git ? o.files[0] : new_path == "-" ? old_path : new_path;
        fs::path dir = near == "-" ? fs::path(".") : fs::path(near).parent_path();
        if (dir.empty()) dir = ".";
        if (auto found = config::find_config(dir.string())) config_path = *found;
    }
    if (!config_path.empty()) {
        std::string error;
        auto loaded = config::load_config(config_path, &error);
        if (!loaded) {
            io.err << error << '\n';
            return kExitError;
        }
        cfg = std::move(*loaded);
    }

    // -j: the two sides are read at the same time, each with half the budget.
    const util::ThreadBudget threads = thread_budget(o.jobs);
    diff::DiffOptions dopts;
    dopts.all = o.all;
    dopts.threads = threads;
    dopts.ignore_headers = cfg.diff.ignore_headers;
    dopts.ignore_headers.insert(dopts.ignore_headers.end(), o.ignore_headers.begin(), o.ignore_headers.end());
    std::vector<std::string> json_paths = cfg.diff.ignore_json_paths;
    json_paths.insert(json_paths.end(), o.ignore_json_paths.begin(), o.ignore_json_paths.end());
    for (size_t k = 0; k < json_paths.size(); ++k) {
        std::string error;
        auto pattern = diff::JsonPathPattern::parse(json_paths[k], &error);
        if (!pattern) {
            io.err << (k < cfg.diff.ignore_json_paths.size() ? config_path : std::string("cassette diff"))
                   << ": error: " << error << '\n';
            return kExitError;
        }
        dopts.ignore_json_paths.push_back(std::move(*pattern));
    }
    // The secret detectors of `cassette redact`, with the same configuration.
    std::string detector_error;
    // Masking only: low-confidence values are masked too (never printed).
    redact::DetectOptions mask_options = redact::from_config(cfg.redact);
    mask_options.min_confidence = redact::Confidence::Low;
    const redact::Detector detector(mask_options, &detector_error);
    if (!detector_error.empty()) {
        io.err << (config_path.empty() ? std::string("cassette diff") : config_path) << ": error: " << detector_error
               << '\n';
        return kExitError;
    }

    // In git mode /dev/null is the missing side of an added or deleted file.
    const bool old_null = o.git && old_path == "/dev/null", new_null = o.git && new_path == "/dev/null";
    // Reading dominates the run time: read the two files in parallel, each
    // with its own error buffer, printed in order afterwards.
    std::optional<Cassette> a, b;
    std::ostringstream err_a, err_b;
    Io io_a{io.in, io.out, err_a}, io_b{io.in, io.out, err_b};
    // As git's diff driver (set for *.yaml), a file another recorder wrote
    // or no cassette at all gets a plain line diff (src/recorders/).
    NotGoVcr other_a, other_b;
    other_a.keep = other_b.keep = o.git;
    threads.run(2, [&](size_t k) {
        if (k == 1 && !new_null) b = load(io_b, new_path, &other_b, threads.share(2));
        if (k == 0 && !old_null) a = load(io_a, old_path, &other_a, threads.share(2));
    });
    if (other_a.hit || other_b.hit) {
        const redact::DetectOptions options = redact::from_config(cfg.redact);
        auto text = [&](const std::optional<Cassette>& c, NotGoVcr& other) {
            return recorders::mask_by_shape(c ? c->source.view() : other.source.view(), detector, options);
        };
        io.out << "diff --cassette " << old_name << ' ' << new_name << "\n# "
               << (other_b.hit ? other_b.what : other_a.what) << ": a line diff, secrets found by shape masked\n"
               << util::unified_diff(old_null ? "" : text(a, other_a), new_null ? "" : text(b, other_b), old_name,
                                     new_name);
        io.out.flush();
        return io.out ? kExitOk : kExitError;
    }
    io.err << err_a.str() << err_b.str();
    if ((!old_null && !a) || (!new_null && !b)) return kExitError;
    if (old_null) a = diff::empty_cassette(b ? b->format() : 2);
    if (new_null) b = diff::empty_cassette(a->format());

    // Compare, then mask every secret of both sides before anything is rendered.
    diff::Report report = diff::compare(*a, *b, dopts);
    report.old_name = old_name;
    report.new_name = new_name;
    // The two sides' secrets are looked for at the same time.
    diff::SecretsByInteraction secrets_a, secrets_b;
    threads.run(2, [&](size_t k) {
        if (k == 0) secrets_a = diff::take_secrets(*a, report, true, detector, threads.share(2));
        else secrets_b = diff::take_secrets(*b, report, false, detector, threads.share(2));
    });
    diff::mask_secrets(report, secrets_a, secrets_b, threads);

    const bool color = o.color == "always" || (o.color == "auto" && io.out_color);
    if (o.git) io.out << "diff --cassette " << old_name << ' ' << new_name << '\n';
    if (o.format == "json") io.out << diff::render_json(report);
    else if (o.format == "markdown") io.out << diff::render_markdown(report, o.max_bytes.value_or(diff::k_default_markdown_bytes));
    else io.out << diff::render_text(report, color);
    io.out.flush();
    if (!io.out) return kExitError;
    // git stops at an external diff driver that exits non-zero: report differences with 0 there.
    if (o.git) return kExitOk;
    return report.has_differences() ? kExitFindings : kExitOk;
}

} // namespace

void setup_diff(CLI::App& app, Io& io, int& exit_code) {
    auto opts = std::make_shared<DiffCliOptions>();
    CLI::App* sub = app.add_subcommand("diff", summary_of("diff"));
    sub->add_option("OLD NEW", opts->files, "The two cassettes ('-' for stdin on one side); with --git, git's 7 or 9 "
                                            "external-diff arguments")
        ->required();
    sub->add_option("--format", opts->format, "Output: text (default), markdown (a pull-request comment) or json")
        ->check(CLI::IsMember({"text", "markdown", "json"}));
    sub->add_flag("--all", opts->all,
                  "Show everything: the volatile differences (duration, the headers listed below, Set-Cookie "
                  "expiry, Content-Length/content_length that follow the body) and what --ignore-* or the config ignore");
    sub->add_option("--ignore-header", opts->ignore_headers,
                    "Also ignore this header (case-insensitive; a trailing '*' matches a prefix); repeatable")
        ->allow_extra_args(false);
    sub->add_option("--ignore-json-path", opts->ignore_json_paths,
                    "Ignore this path in JSON bodies: $.created, $.data[*].id, $..id (any depth), $[\"a.b\"]; "
                    "repeatable")
        ->allow_extra_args(false);
    sub->add_option("--max-bytes", opts->max_bytes,
                    "With --format markdown: at most this many bytes (default " +
                        std::to_string(diff::k_default_markdown_bytes) +
                        ", within GitHub's 65,536-character comment limit; 0 = no limit): the summary first, then "
                        "the details while they fit, and a line counting what was left out");
    sub->add_option("--config", opts->config,
                    "Read the diff: (ignore_headers, ignore_json_paths) and redact: sections of this file instead of "
                    "the nearest .cassette.yaml")
        ->type_name("FILE");
    sub->add_option("--color", opts->color, "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    sub->add_flag("--git", opts->git,
                  "Act as git's external diff driver: take git's arguments (path old-file old-hex old-mode new-file "
                  "new-hex new-mode [new-path similarity]); /dev/null is an added or deleted file; exit 0 on "
                  "differences so git goes on");
    add_jobs_option(*sub, opts->jobs);
    sub->footer("Ignored unless --all: response duration; headers " + ignored_list() +
                "; Set-Cookie Expires/Max-Age attributes; Content-Length and content_length when the body is equal or "
                "they only follow a changed body (each side's length is its body's size).\n"
                "Interactions are paired by method, URL and body (in order for repeats); requests that differ only "
                "in query or body, or only in id-like URL segments (numbers, UUIDs, tokens, ids earlier responses "
                "returned), pair as changed. JSON arrays are aligned by element (id/name/key field, else value).\n"
                "Text and markdown print a change made identically in 3+ interactions once, and an interaction "
                "with the same changes as an earlier one as one line ('same 7 changes as #3').\n"
                "For git: git config diff.cassette.command 'cassette diff --git' and '*.yaml diff=cassette' in "
                ".gitattributes.\n"
                "Exit status: 0 no difference (or --git), 1 differences, 2 errors.");
    sub->callback([opts, &io, &exit_code] { exit_code = run_diff(*opts, io); });
}

} // namespace cassette::cli
