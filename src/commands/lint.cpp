// cassette lint: schema validation and hygiene rules for go-vcr cassettes.
#include "baseline/baseline.hpp"
#include "commands/commands.hpp"
#include "commands/config_resolver.hpp"
#include "commands/inputs.hpp"
#include "commands/output.hpp"
#include "config/config.hpp"
#include "lint/fix.hpp"
#include "lint/lint.hpp"
#include "lint/output.hpp"
#include "util/line_diff.hpp"
#include "util/strings.hpp"
#include "util/suggest.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <chrono>
#include <atomic>
#include <map>
#include <memory>
#include <thread>

namespace cassette::cli {

namespace {

namespace fs = std::filesystem;

struct LintOptions {
    std::vector<std::string> paths;
    std::string format = "text";
    bool strict = false;
    std::string config;
    std::vector<std::string> select;
    std::vector<std::string> ignore;
    std::string explain;
    unsigned jobs = 0;
    std::string baseline, write_baseline;
    bool fix = false, diff = false;
};

std::vector<std::string_view> split_commas(std::string_view s) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == ',') {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

// "a,b" and repeated flags both give rule ids; each must exist.
bool parse_rule_list(Io& io, const std::vector<std::string>& raw, const char* flag, std::vector<std::string>& out) {
    for (const auto& item : raw) {
        for (const auto& part : split_commas(item)) {
            std::string id(util::trim(part));
            if (id.empty()) continue;
            if (!lint::find_rule(id)) {
                usage_error(io, "lint", std::string(flag) + ": unknown rule `" + id + "`" +
                                            util::did_you_mean(id, lint::rule_ids()) + " (see --explain RULE)");
                return false;
            }
            out.push_back(id);
        }
    }
    return true;
}

int explain_rule(const std::string& id, Io& io) {
    const lint::Rule* r = lint::find_rule(id);
    if (!r) {
        usage_error(io, "lint", "--explain: unknown rule `" + id + "`" + util::did_you_mean(id, lint::rule_ids()));
        io.err << "Rules: " << util::join(lint::rule_ids(), ", ") << '\n';
        return kExitError;
    }
    io.out << lint::explain(*r);
    return kExitOk;
}

lint::OutputFormat output_format(const std::string& name) {
    return name == "json"     ? lint::OutputFormat::Json
           : name == "sarif"  ? lint::OutputFormat::Sarif
           : name == "github" ? lint::OutputFormat::Github
                              : lint::OutputFormat::Text;
}

struct Job {
    std::string file;
    const config::Config* config;
    bool found; // found in a folder, not named
};

// Each file with its configuration (those its lint.ignore excludes left
// out). Resolved before the workers start: loading and error messages stay
// in one thread and in file order. False: a configuration is invalid.
bool resolve_jobs(ConfigResolver& configs, const Inputs& inputs, const std::string& config_file,
                  std::vector<Job>& jobs) {
    if (!config_file.empty() && !configs.force(config_file)) return false;
    for (const auto& f : inputs.files) {
        bool failed = false;
        const config::Config* c = configs.for_file(f, &failed);
        if (failed) return false;
        if (c && configs.ignored(f, *c)) continue;
        jobs.push_back(Job{f, c, inputs.found(f)});
    }
    return true;
}

// Lint every job; results in the jobs' order.
using SettingsByConfig = std::map<const config::Config*, lint::Settings>;

// Settings per configuration (nullptr: defaults) of the jobs.
SettingsByConfig settings_of(const std::vector<Job>& jobs, const std::vector<std::string>& select,
                             const std::vector<std::string>& ignore) {
    SettingsByConfig settings;
    for (const Job& j : jobs)
        if (!settings.count(j.config)) settings.emplace(j.config, lint::make_settings(j.config, select, ignore));
    return settings;
}

std::vector<lint::FileResult> lint_all(Io& io, const std::vector<Job>& jobs, SettingsByConfig& settings, unsigned jobs_flag) {
    // -j N is the whole thread budget: N files at a time, and what is left
    // per file for a big file's read and secret search (one file, -j2: two
    // threads on it; many files: one each).
    const util::ThreadBudget budget = thread_budget(unsigned(jobs_flag));
    const size_t n_threads = std::min<size_t>(budget.size(), jobs.size());
    const util::ThreadBudget per_file = budget.share(n_threads);
    for (auto& entry : settings) entry.second.threads = per_file;

    std::vector<lint::FileResult> results(jobs.size());
    std::string stdin_data;
    for (size_t k = 0; k < jobs.size(); ++k)
        if (jobs[k].file == "-")
            stdin_data.assign(std::istreambuf_iterator<char>(io.in), std::istreambuf_iterator<char>());
    std::vector<double> seconds(jobs.size(), 0.0);
    std::atomic<size_t> done{0};
    auto work = [&](size_t k) {
        const Job& j = jobs[k];
        const lint::Settings& s = settings.at(j.config);
        const auto t0 = std::chrono::steady_clock::now();
        results[k] = j.file == "-" ? lint::lint_source(stdin_data, "<stdin>", s) : lint::lint_file(j.file, s, j.found);
        seconds[k] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        ++done;
    };
    if (n_threads <= 1) {
        for (size_t k = 0; k < jobs.size(); ++k) work(k);
    } else {
        // Each worker takes the next file; results land in their file's slot,
        // so the output order never depends on scheduling.
        std::atomic<size_t> next{0};
        util::ThreadGroup threads;
        for (size_t t = 0; t < n_threads; ++t)
            threads.start([&] {
                for (size_t k = next++; k < jobs.size(); k = next++) work(k);
            });
        // On a terminal, a progress line once the run takes more than a second.
        const auto t0 = std::chrono::steady_clock::now();
        bool shown_progress = false;
        while (io.err_tty && done < jobs.size()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1)) continue;
            io.err << "\rcassette lint: " << done.load() << "/" << jobs.size() << " files" << std::flush;
            shown_progress = true;
        }
        threads.join();
        if (shown_progress) io.err << "\r\x1b[K" << std::flush;
    }
    if (io.verbose) {
        for (size_t k = 0; k < jobs.size(); ++k) {
            std::ostringstream line;
            line.precision(1);
            line << std::fixed << (jobs[k].file == "-" ? "<stdin>" : jobs[k].file) << ": linted in " << seconds[k] * 1000.0
                 << " ms\n";
            io.err << line.str();
        }
    }
    return results;
}

// Say what to do next: the fix for the commonest findings, and where a rule
// is explained.
void print_hints(Io& io, const std::vector<lint::FileResult>& results) {
    std::map<std::string, size_t> by_rule;
    bool redactable = false; // a secret in a go-vcr cassette (not another recorder's)
    for (const auto& r : results) {
        const bool other = std::any_of(r.findings.begin(), r.findings.end(),
                                       [](const Diagnostic& d) { return d.rule == "other-recorder"; });
        for (const auto& d : r.findings) {
            if (d.rule != baseline::k_unused_rule) ++by_rule[d.rule];
            redactable = redactable || (d.rule == "secret" && !other);
        }
    }
    if (redactable) io.err << "hint: 'cassette redact FILE...' replaces the secrets ('--dry-run' shows how)\n";
    if (by_rule.count("format")) io.err << "hint: 'cassette fmt FILE...' rewrites files in canonical layout\n";
    if (!by_rule.empty()) {
        auto top = std::max_element(by_rule.begin(), by_rule.end(),
                                    [](const auto& a, const auto& b) { return a.second < b.second; });
        io.err << "hint: 'cassette lint --explain " << top->first << "' explains a rule, with examples\n";
    }
}

// A baseline: --write-baseline FILE records, --baseline FILE (or the
// configuration's `baseline:`) filters; findings keyed by identify().
// False: the baseline file is invalid.
bool load_baseline(const LintOptions& o, Io& io, const std::vector<Job>& jobs, SettingsByConfig& settings,
                   std::string& baseline_path, std::optional<baseline::Baseline>& known) {
    baseline_path = !o.write_baseline.empty() ? o.write_baseline
                    : baseline::path_to_use(o.baseline, jobs.empty() ? nullptr : jobs.front().config);
    if (baseline_path.empty()) return true;
    std::error_code ec;
    if (o.write_baseline.empty() || fs::exists(baseline_path, ec)) {
        diag::Result<baseline::Baseline> loaded = baseline::Baseline::load(baseline_path);
        if (!loaded) {
            report(io, loaded.errors(), baseline_path, true);
            return false;
        }
        known = std::move(loaded).value();
    }
    for (auto& entry : settings) entry.second.identify = baseline::identify;
    return true;
}

// --fix / --diff: fix what is certain, then lint the fixed text again.
lint::FixRun fix_all(const LintOptions& o, Io& io, const std::vector<Job>& jobs, const SettingsByConfig& settings,
                     std::vector<lint::FileResult>& results) {
    std::vector<std::string> files_of_jobs;
    for (const Job& j : jobs) files_of_jobs.push_back(j.file);
    lint::FixRun fixes = lint::fix_results(results, files_of_jobs, [&](size_t k) -> const lint::Settings& { return settings.at(jobs[k].config); },
                              [&](size_t k, const lint::FixOutcome& f) {
                                  if (o.diff) io.out << util::unified_diff(f.source.view(), f.text, "a/" + results[k].path, "b/" + results[k].path);
                                  return o.diff || write_output(io, jobs[k].file, f.text, &f.source);
                              });
    report(io, fixes.errors, "");
    return fixes;
}

// --write-baseline FILE: record the findings instead of reporting them.
int write_baseline(const LintOptions& o, Io& io, const std::vector<lint::FileResult>& results,
                   const std::optional<baseline::Baseline>& known, const baseline::RanFn& ran, int status) {
    for (const auto& r : results)
        if (r.io_error) io_error(io, r.path, *r.io_error);
    const baseline::Baseline b = baseline::record(known, o.write_baseline, results, ran);
    if (!write_output(io, o.write_baseline, b.text())) return kExitError;
    io.err << "cassette lint: " << baseline::describe_written(o.write_baseline, known, b) << '\n';
    const bool io_errors = std::any_of(results.begin(), results.end(), [](const auto& r) { return bool(r.io_error); });
    return io_errors ? kExitError : status;
}

// The findings, the summary and hints; the exit status.
int report(const LintOptions& o, Io& io, const std::vector<lint::FileResult>& results, const lint::FixRun& fixes,
           size_t baselined, const std::string& baseline_path, int status) {
    const lint::OutputFormat format = output_format(o.format);
    bool any = false, any_error = false;
    for (const auto& r : results) {
        if (r.io_error) {
            io_error(io, r.path, *r.io_error);
            status = kExitError;
        }
        if (r.skipped) note(io, r.path, "skipped: " + *r.skipped);
        for (const auto& d : r.findings) {
            // A note (other-recorder) never fails a run, not even --strict.
            any = any || d.severity != Severity::Note;
            any_error = any_error || d.severity == Severity::Error;
        }
    }
    if (!o.diff) lint::render(format, results, io.out, io.out_color && format == lint::OutputFormat::Text);
    if (format == lint::OutputFormat::Text) {
        io.err << lint::summary(results) << '\n';
        if (baselined)
            io.err << baselined << " known finding" << (baselined == 1 ? "" : "s") << " in the baseline (" << baseline_path
                   << ") not shown\n";
        print_hints(io, results);
    }
    if (o.fix || o.diff) {
        io.err << lint::fix_summary(fixes, results, o.diff) << '\n';
        if (o.diff && fixes.changed && status == kExitOk) return kExitFindings;
    }
    if (status == kExitError) return status;
    return (any_error || (o.strict && any)) ? kExitFindings : kExitOk;
}

int run_lint(const LintOptions& o, Io& io) {
    if (!o.explain.empty()) return explain_rule(o.explain, io);
    if (o.paths.empty()) {
        return usage_error(io, "lint", "no PATH given (a file, a folder, or '-' for stdin)");
    }
    std::vector<std::string> select, ignore;
    if (!parse_rule_list(io, o.select, "--select", select) || !parse_rule_list(io, o.ignore, "--ignore", ignore))
        return kExitError;
    // Inputs -> configurations -> lint -> render.
    const Inputs inputs = expand_paths(io, o.paths);
    int status = inputs.ok ? kExitOk : kExitError;
    ConfigResolver configs(io); // the configurations jobs point to
    std::vector<Job> jobs;
    if (!resolve_jobs(configs, inputs, o.config, jobs)) return kExitError;
    SettingsByConfig settings = settings_of(jobs, select, ignore);
    std::string baseline_path;
    std::optional<baseline::Baseline> known;
    if (!load_baseline(o, io, jobs, settings, baseline_path, known)) return kExitError;

    std::vector<lint::FileResult> results = lint_all(io, jobs, settings, o.jobs);

    lint::FixRun fixes;
    if (o.fix || o.diff) {
        fixes = fix_all(o, io, jobs, settings, results);
        if (fixes.failed) status = kExitError;
    }
    auto ran = [&](size_t k, const std::string& rule) { return lint::rule_on(settings.at(jobs[k].config), rule); };
    if (!o.write_baseline.empty()) return write_baseline(o, io, results, known, ran, status);
    const size_t baselined = known ? baseline::apply(*known, baseline_path, results, ran) : 0;
    return report(o, io, results, fixes, baselined, baseline_path, status);
}

} // namespace

void setup_lint(CLI::App& app, Io& io, int& exit_code) {
    auto opts = std::make_shared<LintOptions>();
    CLI::App* sub = app.add_subcommand("lint", summary_of("lint"));
    sub->add_option("PATH", opts->paths, "Cassette files or folders (searched for *.yaml and *.yml); '-' reads stdin");
    sub->add_option("--format", opts->format, "Output: text (default), json, sarif (GitHub code scanning) or github (workflow commands)")
        ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
    sub->add_flag("--strict", opts->strict, "Exit 1 on any finding, warnings included (default: errors only)");
    sub->add_option("--config", opts->config, "Use this configuration file instead of looking for .cassette.yaml")
        ->type_name("FILE");
    sub->add_option("--select", opts->select, "Run only these rules (comma-separated ids; turns on rules that are off by default; syntax errors are always reported)")
        ->allow_extra_args(false)
        ->type_name("RULE");
    sub->add_option("--ignore", opts->ignore, "Do not run these rules (comma-separated ids)")
        ->allow_extra_args(false)
        ->type_name("RULE");
    sub->add_option("--explain", opts->explain, "Print a rule's documentation, with a failing and a passing example, then exit")
        ->type_name("RULE");
    sub->add_option("--baseline", opts->baseline, "Report only findings not in this baseline file (default: the configuration's `baseline:`)")
        ->type_name("FILE");
    sub->add_option("--write-baseline", opts->write_baseline, "Record the current findings in this baseline file (conventionally .cassette-baseline.json), dropping stale entries, and exit 0")
        ->type_name("FILE");
    sub->add_flag("--fix", opts->fix, "Fix in place what is certain and cannot break replay (rules marked fixable in --explain; never secrets: see redact); prints what remains");
    sub->add_flag("--diff", opts->diff, "Print the fixes --fix would make as a unified diff, write nothing (exit 1 when there are some)");
    add_jobs_option(*sub, opts->jobs);
    sub->footer("Rules: " + util::join(lint::rule_ids(), ", ") +
                "\nSuppress a finding with a comment on its line or the line above: # cassette: ignore[rule]\n"
                "Exit status: 0 no errors (--strict: no findings), 1 findings, 2 usage or I/O errors.");
    sub->callback([opts, &io, &exit_code] { exit_code = run_lint(*opts, io); });
}

} // namespace cassette::cli
