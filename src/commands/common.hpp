#pragma once
// What every subcommand shares: the streams it writes to (passed in, so
// tests run commands in-process), colour, loading with uniform error
// messages, and the exit codes.
#include "config/config.hpp"
#include "diag/reporter.hpp"
#include "diag/result.hpp"
#include "model/cassette.hpp"
#include "util/parallel.hpp"
#include "yaml/reader.hpp"

#include <chrono>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace cassette::redact {
class Detector;
struct DetectOptions;
}

namespace cassette::cli {

// Documented exit codes (README, man pages): ripgrep/yamllint/diff(1) style.
constexpr int kExitOk = 0;
constexpr int kExitFindings = 1; // lint findings, differences, --check failures
constexpr int kExitError = 2;    // usage, I/O or parse errors

struct Io {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    bool out_color = false; // stdout is a terminal and NO_COLOR is not set
    bool err_color = false;
    bool err_tty = false;   // stderr is a terminal: progress lines may be shown
    bool verbose = false;   // -v: timing per file on stderr
    // The command's own results that go to stderr (redact's findings and its
    // JSON report): the real stderr, never filtered by -q. Null: `err`.
    std::ostream* results = nullptr;
    std::ostream& results_stream() { return results ? *results : err; }
    bool quiet = false;     // -q: the reporter prints errors only (err is filtered too)
};

// ANSI colour when enabled, nothing otherwise.
struct Paint {
    bool on = false;
    std::string operator()(const char* code, const std::string& text) const {
        return on ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
    }
};

// Problems are printed by a diag::Reporter over io.err (src/commands/report.cpp):
// `file:line:col: severity: message [rule]`. The rule is shown where the
// text always showed it (configuration problems: [config]; lint's output
// shows every rule); load, usage and I/O errors keep their rule in the
// Diagnostic only.
diag::Reporter reporter(Io& io);
// Print a diagnostic (named `file` unless it names its own) on err.
void report(Io& io, const std::string& file, const Diagnostic& d, bool with_rule = false);
void report(Io& io, const diag::Diagnostics& ds, const std::string& file, bool with_rule = false);
// A command-line problem: `cassette COMMAND: error: message` (rule `usage`).
// Returns kExitError.
int usage_error(Io& io, std::string_view command, const std::string& message);
// A file that cannot be read, listed or written: `path: error: message`
// (rule `io`; "-" is shown as <stdin>).
void io_error(Io& io, const std::string& path, const std::string& message);
// `path: note: message` and `path: warning: message` ("-" is <stdin>).
void note(Io& io, const std::string& path, const std::string& message);
void warning(Io& io, const std::string& path, const std::string& message);
// `cassette: error: internal error (a bug: please report it): what` (run_guarded).
void internal_error(Io& io, const std::string& what);
// A failed write (util::atomic_write's text, which may start with the path).
void write_error(Io& io, const std::string& path, std::string_view why);

// The checks every command's configuration goes through (config::Checks):
// redact.disable against the detector ids, diff.ignore_json_paths as JSON
// paths, the lint section against the rule registry. One set, so every
// command accepts and rejects the same .cassette.yaml.
const config::Checks& config_checks();
// Load a configuration with config_checks(); nullopt after reporting why.
std::optional<config::Config> load_config(Io& io, const std::string& path);
// The detectors for `options` (redact::Detector::create); null after
// reporting why, named after `config_path` (or `cassette COMMAND`).
std::unique_ptr<redact::Detector> make_detector(Io& io, const redact::DetectOptions& options,
                                                const std::string& config_path, std::string_view command);

// A file that is not go-vcr's (src/recorders/): another recorder's
// cassette, or YAML that is no cassette at all. load() refuses the first
// (an error) and reads the second as a (bad) cassette unless told here.
struct NotGoVcr {
    bool found = false; // in: found in a folder: skip either kind with a note
    bool keep = false;  // in: hand either kind back quietly (show)
    bool hit = false;   // out: it was one, skipped or kept
    std::string what;   // out: recorders::describe
    SourceText source;  // out, with keep: the file's bytes
};

// Read a cassette for a command that needs a valid one: any error is
// reported and nullopt returned. "-" reads stdin. `threads`: the command's
// budget (a big file is read in pieces).
std::optional<Cassette> load(Io& io, const std::string& path, NotGoVcr* other = nullptr,
                             const util::ThreadBudget& threads = {});

// -j/--jobs N, the same on every subcommand that reads cassettes: the run's
// thread budget (util/parallel.hpp). `jobs` 0 (no -j) is the default, one
// thread per core; -j1 starts no thread at all.
void add_jobs_option(CLI::App& sub, unsigned& jobs);
util::ThreadBudget thread_budget(unsigned jobs);

// -v: how long each step of a file took, as one line on stderr
// (`file: search 120.4 ms, write 80.2 ms, ...`). Does nothing without -v.
class Phases {
public:
    explicit Phases(bool on);
    // Ends the step that began at the previous call (or at construction).
    void done(const char* step);
    void print(Io& io, const std::string& file) const;

private:
    bool m_on;
    std::chrono::steady_clock::time_point m_last;
    std::vector<std::pair<const char*, double>> m_steps;
};

// Registered subcommands: name, one-line summary, setup function.
struct Subcommand {
    const char* name;
    const char* summary;
    // Adds the subcommand to `app`; the callback stores its exit code.
    void (*setup)(CLI::App& app, Io& io, int& exit_code);
};
const std::vector<Subcommand>& subcommands();
// A registered subcommand's summary ("" for an unknown name).
const char* summary_of(std::string_view name);

// The completion script for `shell` (bash, zsh or fish) of the command
// line `app` describes, with every subcommand set up ("" for another shell).
std::string completion_script(const CLI::App& app, const std::string& shell);

// The whole command line, in-process: returns the exit code. Anything a
// command throws is reported as an internal error (exit 2), see run_guarded.
int run(const std::vector<std::string>& args, Io& io);

// Runs `body` and returns its exit code; an exception that escapes it is
// reported as one line `cassette: error: internal error ...: what` (with
// quoted parts of the text elided: they may quote input) and gives exit 2.
int run_guarded(Io& io, const std::function<int()>& body);

// The severity a line on stderr states: its first `PLACE: TAG: ` (or a
// leading `TAG: `) among error, warning, note and hint; empty when none.
// -q lets through only "error" lines.
std::string_view severity_of(std::string_view line);

} // namespace cassette::cli
