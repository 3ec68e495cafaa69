#include "commands/common.hpp"
#include "commands/commands.hpp"
#include "recorders/recognize.hpp"
#include "util/read_file.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>
#include <yaml.h>

#include <chrono>
#include <iostream>
#include <iterator>
#include <sstream>
#include <streambuf>
#include <vector>

namespace cassette::cli {

const std::vector<Subcommand>& subcommands() {
    // One explicit list: adding a subcommand is adding a line here (and its
    // man page, which a test checks; the completions are generated). The
    // summary is written here only: --help, the completions and the setup
    // functions (summary_of) take it from this table.
    static const std::vector<Subcommand> list = {
        {"lint", "Check cassettes for load errors, replay problems, secrets and hygiene (text, JSON, SARIF or GitHub output)", setup_lint},
        {"redact", "Find secrets in cassettes and replace them in place, keeping replay working", setup_redact},
        {"fmt", "Rewrite cassettes in go-vcr's canonical layout; --pretty-json re-indents JSON bodies", setup_fmt},
        {"diff", "Show what changed between two cassettes, ignoring volatile fields (also a git diff driver)", setup_diff},
        {"convert", "Convert a cassette to HAR 1.2 or JSON, a HAR to a cassette, or between format versions 1 and 2",
         setup_convert},
        {"match", "Say which recorded interaction go-vcr replays for each request, and what blocks it when none does",
         setup_match},
        {"show", "Print a readable view of a cassette (also a git textconv driver)", setup_show},
        {"init", "Set a repository up: .cassette.yaml, pre-commit hooks, git diff driver (--baseline: accept today's findings)",
         setup_init},
        {"completions", "Print the bash, zsh or fish completion script, generated from cassette's own command table",
         setup_completions},
    };
    return list;
}

const char* summary_of(std::string_view name) {
    for (const auto& sub : subcommands())
        if (name == sub.name) return sub.summary;
    return "";
}

void add_jobs_option(CLI::App& sub, unsigned& jobs) {
    sub.add_option("-j,--jobs", jobs,
                   "Use at most N threads (files at a time, a big file read and searched in pieces; "
                   "default: one per core; 1: no threads)")
        ->type_name("N")
        ->check(CLI::Range(1, 1024));
}

util::ThreadBudget thread_budget(unsigned jobs) {
    return jobs > 0 ? util::ThreadBudget(jobs) : util::ThreadBudget::cores();
}

std::optional<Cassette> load(Io& io, const std::string& path, NotGoVcr* other, const util::ThreadBudget& threads) {
    const auto started = std::chrono::steady_clock::now();
    std::string stdin_text;
    if (path == "-") stdin_text.assign(std::istreambuf_iterator<char>(io.in), std::istreambuf_iterator<char>());
    yaml::ReadOptions options;
    options.threads = threads;
    yaml::ReadResult r =
        path == "-" ? yaml::read_cassette(stdin_text, "-", options) : yaml::read_cassette_file(path, options);
    const std::string shown = path == "-" ? "<stdin>" : path;
    // Another recorder's file is never read as go-vcr's (docs/lint.md). A
    // read that failed leaves no source behind: the file is read again
    // (error path only).
    if (!r.ok() || recorders::worth_a_look(r.cassette ? &*r.cassette : nullptr)) {
        SourceText text;
        if (r.cassette && !r.cassette->source.empty()) text = r.cassette->source;
        else if (path == "-") text = SourceText(std::move(stdin_text));
        else if (std::string bytes; !util::read_whole_file(path, bytes)) text = SourceText(std::move(bytes));
        const recorders::Verdict v = recorders::recognize(r.cassette ? &*r.cassette : nullptr, r.ok(), text);
        const bool not_cassette = v.kind == recorders::Verdict::Kind::NotCassette;
        // YAML that is no cassette (a CI workflow, a pre-commit configuration)
        // is skipped with a note also when named: pre-commit hands every
        // staged file its `files:` pattern matches.
        if (v.kind == recorders::Verdict::Kind::Other || (not_cassette && other)) {
            if (other && (other->found || other->keep || not_cassette)) {
                other->hit = true;
                other->what = recorders::describe(v);
                if (other->keep) other->source = std::move(text);
                else {
                    Diagnostic note = diag::error(shown, Mark{}, "not-go-vcr", "skipped: " + other->what);
                    note.severity = Severity::Note;
                    report(io, shown, note);
                }
                return std::nullopt;
            }
            report(io, shown, diag::error(shown, Mark{}, "not-go-vcr",
                                   recorders::describe(v) +
                                       ": cassette reads and writes go-vcr cassettes only and leaves this file alone "
                                       "('cassette lint' still searches it for secrets)"));
            return std::nullopt;
        }
    }
    bool failed = !r.ok();
    for (const auto& d : r.diagnostics) report(io, shown, d);
    if (failed) return std::nullopt;
    if (r.cassette->format() == 0) {
        Diagnostic d;
        d.rule = "version";
        if (r.cassette->version.present) {
            d.where = r.cassette->version.value.span.begin;
            d.message = "unsupported cassette version " + r.cassette->version.value.value +
                        " (go-vcr writes version 1 or 2)";
        } else {
            d.message = "missing `version:` (go-vcr writes version 1 or 2)";
        }
        report(io, shown, d);
        return std::nullopt;
    }
    if (io.verbose) {
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        std::ostringstream line;
        line.precision(1);
        line << std::fixed << shown << ": read " << r.cassette->source.size() << " bytes in " << ms << " ms (version "
             << r.cassette->format() << ", " << r.cassette->layout.name() << " layout, "
             << r.cassette->interactions.size() << " interactions)\n";
        io.err << line.str();
    }
    return std::move(r.cassette);
}

Phases::Phases(bool on) : m_on(on), m_last(std::chrono::steady_clock::now()) {}

void Phases::done(const char* step) {
    if (!m_on) return;
    const auto now = std::chrono::steady_clock::now();
    m_steps.emplace_back(step, std::chrono::duration<double, std::milli>(now - m_last).count());
    m_last = now;
}

void Phases::print(Io& io, const std::string& file) const {
    if (!m_on || m_steps.empty()) return;
    std::ostringstream line;
    line.precision(1);
    line << std::fixed << (file == "-" ? "<stdin>" : file) << ':';
    for (size_t k = 0; k < m_steps.size(); ++k)
        line << (k ? ", " : " ") << m_steps[k].first << ' ' << m_steps[k].second << " ms";
    line << '\n';
    io.err << line.str();
}

namespace {

// --quiet: a stderr that lets through only the lines whose severity is
// error. A line's severity is its first tag, `PLACE: error: ` (or a line
// that starts `error: `); warnings, notes, hints, summaries and progress
// go. Every error a command prints is such a line (`file:line:col: error:
// message [rule]`, `cassette CMD: error: ...`): a test runs every golden
// case that ends in exit 2 again with -q and checks its errors are shown.
class ErrorsOnly : public std::streambuf {
public:
    explicit ErrorsOnly(std::ostream& to) : m_to(to) {}
    ~ErrorsOnly() override { flush_line(); }

protected:
    int overflow(int ch) override {
        if (ch == traits_type::eof()) return 0;
        m_line += char(ch);
        if (ch == '\n') flush_line();
        return ch;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        for (std::streamsize i = 0; i < n; ++i) overflow((unsigned char)s[i]);
        return n;
    }
    int sync() override {
        m_to.flush();
        return 0;
    }

private:
    void flush_line() {
        if (severity_of(m_line) == "error") m_to << m_line;
        m_line.clear();
    }
    std::ostream& m_to;
    std::string m_line;
};

} // namespace

std::string_view severity_of(std::string_view line) {
    static constexpr std::string_view k_tags[] = {"error", "warning", "note", "hint"};
    size_t best = std::string_view::npos;
    std::string_view found;
    for (std::string_view tag : k_tags) {
        // "tag: " at the start of the line, or ": tag: " after a place.
        size_t at = std::string_view::npos;
        if (line.substr(0, tag.size()) == tag && line.substr(tag.size(), 2) == ": ") at = 0;
        for (size_t from = 0; at == std::string_view::npos;) {
            const size_t k = line.find(tag, from);
            if (k == std::string_view::npos) break;
            const bool tagged = k >= 2 && line.substr(k - 2, 2) == ": " &&
                                (line.substr(k + tag.size(), 2) == ": " || line.substr(k + tag.size()) == ":\n" ||
                                 line.substr(k + tag.size()) == ":");
            if (tagged) at = k;
            from = k + 1;
        }
        if (at < best) {
            best = at;
            found = tag;
        }
    }
    return found;
}

int run_guarded(Io& io, const std::function<int()>& body) {
    // The exception's text may quote input (nlohmann: "last read: '...'"),
    // and input may hold a secret: quoted parts are never shown.
    auto unquoted = [](std::string_view what) {
        std::string out;
        for (size_t i = 0; i < what.size(); ++i) {
            const char q = what[i];
            const size_t end = (q == '\'' || q == '"') ? what.find(q, i + 1) : std::string_view::npos;
            if (end == std::string_view::npos) {
                out += q;
                continue;
            }
            out += q;
            out += "\u2026";
            out += q;
            i = end;
        }
        return out;
    };
    try {
        return body();
    } catch (const std::exception& e) {
        internal_error(io, unquoted(e.what()));
    } catch (...) {
        internal_error(io, "unknown exception");
    }
    io.err.flush();
    return kExitError;
}

namespace {

std::string version_text() {
    std::string s = std::string("cassette ") + CASSETTE_VERSION + "\n";
    s += std::string("built with libyaml ") + yaml_get_version_string() + ", yaml-cpp " CASSETTE_YAMLCPP_VERSION
         ", RE2 " CASSETTE_RE2_VERSION ", nlohmann-json " CASSETTE_NLOHMANN_VERSION ", CLI11 " CASSETTE_CLI11_VERSION
         ", zlib " CASSETTE_ZLIB_VERSION "\n";
    return s;
}

} // namespace

namespace {

int run_unguarded(const std::vector<std::string>& args, Io& io) {
    CLI::App app{"cassette: lint, redact, format, diff, convert, match and show go-vcr cassettes", "cassette"};
    app.footer("Exit status: 0 success, 1 findings or differences, 2 usage, I/O or parse error.\n"
               "Run 'cassette SUBCOMMAND --help' for the options of a subcommand; 'man cassette' for more.");
    bool show_version = false;
    app.add_flag("-V,--version", show_version, "Print the version and the library versions, then exit");
    bool quiet = false, verbose = false;
    app.add_flag("-q,--quiet", quiet, "Print only errors and findings (no summaries, notes or warnings)");
    app.add_flag("-v,--verbose", verbose, "Print the time each file took on stderr");
    // -q and -v may also follow the subcommand: `cassette lint -q .`
    app.fallthrough();
    app.require_subcommand(0, 1);
    int exit_code = kExitOk;
    // Subcommands run inside parse() with `run_io`: the same streams, except
    // that stderr goes through a proxy whose buffer --quiet switches to a
    // filter, and -v is set, once the flags are parsed (parse_complete_callback
    // runs before the subcommand's callback).
    ErrorsOnly filter(io.err);
    std::ostream err_proxy(io.err.rdbuf());
    // The same flags and tie as the stream it stands for (main's stderr is
    // line-buffered and tied to stdout, so messages keep program order).
    err_proxy.flags(io.err.flags());
    err_proxy.tie(io.err.tie());
    Io run_io = {io.in, io.out, err_proxy, io.out_color, io.err_color, io.err_tty, false, &err_proxy};
    app.parse_complete_callback([&] {
        if (quiet) {
            err_proxy.rdbuf(&filter);
            run_io.results = &io.err; // findings are not chatter: -q keeps them
            run_io.err_tty = false;
            run_io.quiet = true;
        }
        run_io.verbose = verbose && !quiet;
    });
    for (const auto& sub : subcommands()) sub.setup(app, run_io, exit_code);

    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {
            // --help
            app.exit(e, io.out, io.err);
            return kExitOk;
        }
        reporter(io).report(diag::error("cassette", Mark{}, "usage", e.what()), false);
        std::string sub;
        for (const auto* s : app.get_subcommands()) sub = s->get_name();
        io.err << "Run 'cassette" << (sub.empty() ? "" : " " + sub) << " --help' for usage.\n";
        return kExitError;
    }
    if (show_version) {
        io.out << version_text();
        return kExitOk;
    }
    if (app.get_subcommands().empty()) {
        io.err << app.help();
        return kExitError;
    }
    return exit_code;
}

} // namespace

int run(const std::vector<std::string>& args, Io& io) {
    return run_guarded(io, [&] { return run_unguarded(args, io); });
}

} // namespace cassette::cli
