// cassette diff: what changed between two recordings, without the noise.
#include "commands/commands.hpp"
#include "commands/config_resolver.hpp"
#include "config/config.hpp"
#include "diff/diff.hpp"
#include "diff/mask.hpp"
#include "diff/render.hpp"
#include "recorders/recognize.hpp"
#include "util/line_diff.hpp"
#include "util/parallel.hpp"

#include <CLI/CLI.hpp>

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

// The two files, and the names shown for them.
struct Sides {
    std::string old_path, new_path, old_name, new_name;
    std::string config_near; // the file whose nearest .cassette.yaml applies
    bool old_null = false, new_null = false; // git: /dev/null is an added or deleted file
};

std::optional<Sides> resolve_sides(const DiffCliOptions& o, Io& io) {
    Sides s;
    if (o.git) {
        // git's external diff: path old-file old-hex old-mode new-file new-hex new-mode [new-path similarity]
        if (o.files.size() != 7 && o.files.size() != 9) {
            usage_error(io, "diff",
                        "--git expects the 7 (or 9, for a rename) arguments git passes to an external diff "
                        "driver, got " + std::to_string(o.files.size()));
            return std::nullopt;
        }
        s.old_path = o.files[1];
        s.new_path = o.files[4];
        s.old_name = "a/" + o.files[0];
        s.new_name = "b/" + (o.files.size() == 9 ? o.files[7] : o.files[0]);
        s.config_near = o.files[0];
        s.old_null = s.old_path == "/dev/null";
        s.new_null = s.new_path == "/dev/null";
        return s;
    }
    if (o.files.size() != 2) {
        usage_error(io, "diff", "expected two files, OLD and NEW, got " + std::to_string(o.files.size()));
        return std::nullopt;
    }
    s.old_path = o.files[0];
    s.new_path = o.files[1];
    if (s.old_path == "-" && s.new_path == "-") {
        usage_error(io, "diff", "only one side can be '-' (stdin)");
        return std::nullopt;
    }
    s.old_name = s.old_path == "-" ? "<stdin>" : s.old_path;
    s.new_name = s.new_path == "-" ? "<stdin>" : s.new_path;
    s.config_near = s.new_path == "-" ? s.old_path : s.new_path;
    return s;
}

// What to ignore: the configuration's diff section, then the flags. False
// after reporting a bad JSON path (the configuration's were checked when it
// was loaded: config_checks; a bad one here comes from --ignore-json-path).
bool make_options(const DiffCliOptions& o, const config::Config& cfg, Io& io, diff::DiffOptions& dopts) {
    dopts.all = o.all;
    dopts.threads = thread_budget(o.jobs);
    dopts.ignore_headers = cfg.diff.ignore_headers;
    dopts.ignore_headers.insert(dopts.ignore_headers.end(), o.ignore_headers.begin(), o.ignore_headers.end());
    std::vector<std::string> json_paths = cfg.diff.ignore_json_paths;
    json_paths.insert(json_paths.end(), o.ignore_json_paths.begin(), o.ignore_json_paths.end());
    for (size_t k = 0; k < json_paths.size(); ++k) {
        auto pattern = diff::JsonPathPattern::parse(json_paths[k]);
        if (!pattern) {
            usage_error(io, "diff", pattern.error().message);
            return false;
        }
        dopts.ignore_json_paths.push_back(std::move(pattern).value());
    }
    return true;
}

// As git's diff driver (set for *.yaml), a file another recorder wrote or no
// cassette at all gets a plain line diff, secrets found by shape masked
// (src/recorders/).
int line_diff(Io& io, const Sides& s, const config::Config& cfg, const redact::Detector& detector,
              const std::optional<Cassette>& a, const NotGoVcr& other_a, const std::optional<Cassette>& b,
              const NotGoVcr& other_b) {
    const redact::DetectOptions options = redact::from_config(cfg.redact);
    auto text = [&](const std::optional<Cassette>& c, const NotGoVcr& other) {
        return recorders::mask_by_shape(c ? c->source.view() : other.source.view(), detector, options);
    };
    io.out << "diff --cassette " << s.old_name << ' ' << s.new_name << "\n# "
           << (other_b.hit ? other_b.what : other_a.what) << ": a line diff, secrets found by shape masked\n"
           << util::unified_diff(s.old_null ? "" : text(a, other_a), s.new_null ? "" : text(b, other_b), s.old_name,
                                 s.new_name);
    io.out.flush();
    return io.out ? kExitOk : kExitError;
}

int run_diff(const DiffCliOptions& o, Io& io) {
    if (o.max_bytes && o.format != "markdown") {
        return usage_error(io, "diff", "--max-bytes applies to --format markdown");
    }
    const std::optional<Sides> sides = resolve_sides(o, io);
    if (!sides) return kExitError;
    const Sides& s = *sides;

    // Configuration: --config, else the nearest .cassette.yaml above the new
    // file (in git mode: above the repository path git names; with the new
    // side on stdin, above the old file).
    ConfigResolver configs(io);
    if (!o.config.empty() && !configs.force(o.config)) return kExitError;
    bool failed = false;
    const config::Config* found = configs.for_file(s.config_near, &failed);
    if (failed) return kExitError;
    const config::Config cfg = found ? *found : config::Config{};
    // -j: the two sides are read at the same time, each with half the budget.
    const util::ThreadBudget threads = thread_budget(o.jobs);
    diff::DiffOptions dopts;
    if (!make_options(o, cfg, io, dopts)) return kExitError;
    // The secret detectors of `cassette redact`, with the same configuration;
    // for masking only: low-confidence values are masked too (never printed).
    redact::DetectOptions mask_options = redact::from_config(cfg.redact);
    mask_options.min_confidence = redact::Confidence::Low;
    const std::unique_ptr<redact::Detector> made =
        make_detector(io, mask_options, found ? found->path : std::string(), "diff");
    if (!made) return kExitError;
    const redact::Detector& detector = *made;

    // Reading dominates the run time: read the two files in parallel, each
    // with its own error buffer, printed in order afterwards.
    std::optional<Cassette> a, b;
    std::ostringstream err_a, err_b;
    Io io_a{io.in, io.out, err_a}, io_b{io.in, io.out, err_b};
    NotGoVcr other_a, other_b;
    other_a.keep = other_b.keep = o.git;
    threads.run(2, [&](size_t k) {
        if (k == 1 && !s.new_null) b = load(io_b, s.new_path, &other_b, threads.share(2));
        if (k == 0 && !s.old_null) a = load(io_a, s.old_path, &other_a, threads.share(2));
    });
    if (other_a.hit || other_b.hit) return line_diff(io, s, cfg, detector, a, other_a, b, other_b);
    io.err << err_a.str() << err_b.str();
    if ((!s.old_null && !a) || (!s.new_null && !b)) return kExitError;
    if (s.old_null) a = diff::empty_cassette(b ? b->format() : 2);
    if (s.new_null) b = diff::empty_cassette(a->format());

    // Compare, then mask every secret of both sides before anything is rendered.
    diff::Report report = diff::compare(*a, *b, dopts);
    report.old_name = s.old_name;
    report.new_name = s.new_name;
    // The two sides' secrets are looked for at the same time.
    diff::SecretsByInteraction secrets_a, secrets_b;
    threads.run(2, [&](size_t k) {
        if (k == 0) secrets_a = diff::take_secrets(*a, report, true, detector, threads.share(2));
        else secrets_b = diff::take_secrets(*b, report, false, detector, threads.share(2));
    });
    diff::mask_secrets(report, secrets_a, secrets_b, threads);

    const bool color = o.color == "always" || (o.color == "auto" && io.out_color);
    if (o.git) io.out << "diff --cassette " << s.old_name << ' ' << s.new_name << '\n';
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
