// cassette lint: schema validation and hygiene rules for go-vcr cassettes.
#include "baseline/baseline.hpp"
#include "commands/commands.hpp"
#include "config/config.hpp"
#include "lint/fix.hpp"
#include "lint/lint.hpp"
#include "lint/output.hpp"
#include "util/line_diff.hpp"
#include "util/strings.hpp"
#include "util/suggest.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <sstream>
#include <chrono>
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
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
    int jobs = 0;
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
                io.err << "cassette lint: error: " << flag << ": unknown rule `" << id << "`"
                       << util::did_you_mean(id, lint::rule_ids()) << " (see --explain RULE)\n";
                return false;
            }
            out.push_back(id);
        }
    }
    return true;
}

bool is_cassette_name(const fs::path& p) {
    const std::string ext = p.extension().string();
    return (ext == ".yaml" || ext == ".yml") && p.filename() != config::k_file_name;
}

// Files named on the command line, and *.yaml/*.yml below folders (sorted,
// hidden folders such as .git skipped). Returns false if a path is missing.
// `found`: the files that were found below a folder, not named.
bool collect(Io& io, const std::vector<std::string>& paths, std::vector<std::string>& files,
             std::set<std::string>& found_below) {
    bool ok = true;
    std::set<std::string> seen;
    auto add = [&](const std::string& f) {
        if (seen.insert(f).second) files.push_back(f);
    };
    for (const auto& p : paths) {
        if (p == "-") {
            add(p);
            continue;
        }
        std::error_code ec;
        auto st = fs::status(p, ec);
        if (ec || !fs::exists(st)) {
            io.err << p << ": error: no such file or directory\n";
            ok = false;
            continue;
        }
        if (!fs::is_directory(st)) {
            add(p);
            continue;
        }
        std::vector<std::string> found;
        fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            const fs::path& e = it->path();
            if (it->is_directory(ec)) {
                if (e.filename().string().rfind('.', 0) == 0) it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file(ec) && is_cassette_name(e)) found.push_back(e.generic_string());
        }
        if (ec) {
            io.err << p << ": error: cannot list: " << ec.message() << '\n';
            ok = false;
        }
        // `cassette lint .` shows `a/b.yaml`, not `./a/b.yaml`.
        if (p == "." || p == "./")
            for (auto& f : found)
                if (f.rfind("./", 0) == 0) f.erase(0, 2);
        std::sort(found.begin(), found.end());
        for (const auto& f : found) {
            if (std::find(paths.begin(), paths.end(), f) == paths.end()) found_below.insert(f);
            add(f);
        }
    }
    return ok;
}

// Which configuration applies to each file (loaded once per config file).
class ConfigSet {
public:
    ConfigSet(Io& io) : m_io(io) {}

    // --config FILE: one configuration for everything.
    bool force(const std::string& path) {
        m_forced = load(path);
        return m_forced != nullptr;
    }

    // nullptr with *failed set when the configuration is invalid.
    const config::Config* for_file(const std::string& file, bool* failed) {
        if (m_forced) return m_forced;
        fs::path dir = file == "-" ? fs::path(".") : fs::path(file).parent_path();
        if (dir.empty()) dir = ".";
        const std::string key = dir.string();
        auto it = m_by_dir.find(key);
        if (it == m_by_dir.end()) it = m_by_dir.emplace(key, config::find_config(key)).first;
        if (!it->second) return nullptr;
        const config::Config* c = load(shown(*it->second));
        if (!c) *failed = true;
        return c;
    }

    // Is `file` excluded by its configuration's `ignore` globs?
    bool ignored(const std::string& file, const config::Config& c) const {
        if (c.lint.ignore.empty() || file == "-") return false;
        std::error_code ec;
        fs::path base = m_forced ? fs::current_path(ec) : fs::path(c.path).parent_path();
        if (base.empty()) base = ".";
        fs::path rel = fs::absolute(file, ec).lexically_normal().lexically_relative(fs::absolute(base, ec).lexically_normal());
        const std::string r = rel.generic_string();
        for (const auto& g : c.lint.ignore)
            if (config::glob_match(g, r)) return true;
        return false;
    }

private:
    // A found configuration is named relative to the current folder when it
    // is below it (messages and goldens stay short and stable).
    static std::string shown(const std::string& path) {
        std::error_code ec;
        fs::path rel = fs::path(path).lexically_relative(fs::current_path(ec));
        if (ec || rel.empty() || *rel.begin() == "..") return path;
        return rel.generic_string();
    }

    const config::Config* load(const std::string& path) {
        auto it = m_loaded.find(path);
        if (it != m_loaded.end()) return it->second.get();
        std::string error;
        std::unique_ptr<config::Config> c;
        if (auto loaded = config::load_config(path, &error)) {
            if (auto problem = lint::validate_config(*loaded)) error = *problem;
            else c = std::make_unique<config::Config>(std::move(*loaded));
        }
        if (!c) m_io.err << error << '\n';
        return m_loaded.emplace(path, std::move(c)).first->second.get();
    }

    Io& m_io;
    const config::Config* m_forced = nullptr;
    std::map<std::string, std::optional<std::string>> m_by_dir;
    std::map<std::string, std::unique_ptr<config::Config>> m_loaded;
};

int run_lint(const LintOptions& o, Io& io) {
    if (!o.explain.empty()) {
        const lint::Rule* r = lint::find_rule(o.explain);
        if (!r) {
            io.err << "cassette lint: error: --explain: unknown rule `" << o.explain << "`"
                   << util::did_you_mean(o.explain, lint::rule_ids()) << "\nRules: "
                   << util::join(lint::rule_ids(), ", ") << '\n';
            return kExitError;
        }
        io.out << lint::explain(*r);
        return kExitOk;
    }
    if (o.paths.empty()) {
        io.err << "cassette lint: error: no PATH given (a file, a folder, or '-' for stdin)\n";
        return kExitError;
    }
    std::vector<std::string> select, ignore;
    if (!parse_rule_list(io, o.select, "--select", select) || !parse_rule_list(io, o.ignore, "--ignore", ignore))
        return kExitError;
    const lint::OutputFormat format = o.format == "json"    ? lint::OutputFormat::Json
                                      : o.format == "sarif" ? lint::OutputFormat::Sarif
                                      : o.format == "github" ? lint::OutputFormat::Github
                                                             : lint::OutputFormat::Text;
    int status = kExitOk;
    std::vector<std::string> files;
    std::set<std::string> found_below;
    if (!collect(io, o.paths, files, found_below)) status = kExitError;

    // Configurations are resolved here, before the workers start: loading
    // and error messages stay in one thread and in file order.
    ConfigSet configs(io);
    if (!o.config.empty() && !configs.force(o.config)) return kExitError;
    struct Job {
        std::string file;
        const config::Config* config;
    };
    std::vector<Job> jobs;
    for (const auto& f : files) {
        bool failed = false;
        const config::Config* c = configs.for_file(f, &failed);
        if (failed) return kExitError;
        if (c && configs.ignored(f, *c)) continue;
        jobs.push_back(Job{f, c});
    }
    // Settings per configuration (nullptr: defaults).
    // -j N is the whole thread budget: N files at a time, and what is left
    // per file for a big file's read and secret search (one file, -j2: two
    // threads on it; many files: one each).
    const size_t budget = o.jobs > 0 ? size_t(o.jobs) : std::max(1u, std::thread::hardware_concurrency());
    size_t n_threads = std::min(budget, jobs.size());
    const unsigned per_file = unsigned(std::max<size_t>(1, budget / std::max<size_t>(1, n_threads)));
    std::map<const config::Config*, lint::Settings> settings;
    for (const Job& j : jobs)
        if (!settings.count(j.config)) {
            lint::Settings s = lint::make_settings(j.config, select, ignore);
            s.threads_per_file = per_file;
            settings.emplace(j.config, std::move(s));
        }

    // A baseline: --write-baseline FILE records, --baseline FILE (or the
    // configuration's `baseline:`) filters; findings keyed by identify().
    const std::string baseline_path = !o.write_baseline.empty() ? o.write_baseline
                                      : baseline::path_to_use(o.baseline, jobs.empty() ? nullptr : jobs.front().config);
    std::optional<baseline::Baseline> known;
    if (!baseline_path.empty()) {
        std::error_code ec;
        std::string error;
        if ((o.write_baseline.empty() || fs::exists(baseline_path, ec)) && !(known = baseline::Baseline::load(baseline_path, &error))) {
            io.err << error << '\n';
            return kExitError;
        }
        for (auto& entry : settings) entry.second.identify = baseline::identify;
    }

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
        results[k] = j.file == "-" ? lint::lint_source(stdin_data, "<stdin>", s)
                                   : lint::lint_file(j.file, s, found_below.count(j.file) > 0);
        seconds[k] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        ++done;
    };
    if (n_threads <= 1) {
        for (size_t k = 0; k < jobs.size(); ++k) work(k);
    } else {
        // Each worker takes the next file; results land in their file's slot,
        // so the output order never depends on scheduling.
        std::atomic<size_t> next{0};
        std::vector<std::thread> threads;
        for (size_t t = 0; t < n_threads; ++t)
            threads.emplace_back([&] {
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
        for (auto& t : threads) t.join();
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

    // --fix / --diff: fix what is certain, then lint the fixed text again.
    lint::FixRun fixes;
    std::vector<std::string> files_of_jobs;
    for (const Job& j : jobs) files_of_jobs.push_back(j.file);
    if (o.fix || o.diff) {
        fixes = lint::fix_results(results, files_of_jobs, [&](size_t k) -> const lint::Settings& { return settings.at(jobs[k].config); },
                                  [&](size_t k, const lint::FixOutcome& f) {
                                      if (o.diff) io.out << util::unified_diff(f.source.view(), f.text, "a/" + results[k].path, "b/" + results[k].path);
                                      return o.diff || write_output(io, jobs[k].file, f.text, &f.source);
                                  });
        for (const auto& e : fixes.errors) io.err << e << '\n';
        if (fixes.failed) status = kExitError;
    }
    auto ran = [&](size_t k, const std::string& rule) { return lint::rule_on(settings.at(jobs[k].config), rule); };
    if (!o.write_baseline.empty()) {
        for (const auto& r : results)
            if (r.io_error) io.err << r.path << ": error: " << *r.io_error << '\n';
        const baseline::Baseline b = baseline::record(known, o.write_baseline, results, ran);
        if (!write_output(io, o.write_baseline, b.text())) return kExitError;
        io.err << "cassette lint: " << baseline::describe_written(o.write_baseline, known, b) << '\n';
        const bool io_errors = std::any_of(results.begin(), results.end(), [](const auto& r) { return bool(r.io_error); });
        return io_errors ? kExitError : status;
    }
    const size_t baselined = known ? baseline::apply(*known, baseline_path, results, ran) : 0;

    bool any = false, any_error = false;
    for (const auto& r : results) {
        if (r.io_error) {
            io.err << r.path << ": error: " << *r.io_error << '\n';
            status = kExitError;
        }
        if (r.skipped) io.err << r.path << ": note: skipped: " << *r.skipped << '\n';
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
        // Say what to do next: the fix for the commonest findings, and where
        // a rule is explained.
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
        if (redactable)
            io.err << "hint: 'cassette redact FILE...' replaces the secrets ('--dry-run' shows how)\n";
        if (by_rule.count("format")) io.err << "hint: 'cassette fmt FILE...' rewrites files in canonical layout\n";
        if (!by_rule.empty()) {
            auto top = std::max_element(by_rule.begin(), by_rule.end(),
                                        [](const auto& a, const auto& b) { return a.second < b.second; });
            io.err << "hint: 'cassette lint --explain " << top->first << "' explains a rule, with examples\n";
        }
    }
    if (o.fix || o.diff) {
        io.err << lint::fix_summary(fixes, results, o.diff) << '\n';
        if (o.diff && fixes.changed && status == kExitOk) return kExitFindings;
    }
    if (status == kExitError) return status;
    return (any_error || (o.strict && any)) ? kExitFindings : kExitOk;
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
    sub->add_option("-j,--jobs", opts->jobs, "Use at most N threads: N files at a time, a big file read and searched in pieces (default: the number of cores)")
        ->check(CLI::Range(1, 1024));
    sub->footer("Rules: " + util::join(lint::rule_ids(), ", ") +
                "\nSuppress a finding with a comment on its line or the line above: # cassette: ignore[rule]\n"
                "Exit status: 0 no errors (--strict: no findings), 1 findings, 2 usage or I/O errors.");
    sub->callback([opts, &io, &exit_code] { exit_code = run_lint(*opts, io); });
}

} // namespace cassette::cli
