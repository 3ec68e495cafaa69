// cassette init: set a repository up (configuration, pre-commit hooks, git
// diff driver) in one idempotent command. The text it writes comes from
// src/init/; this file decides, prints and writes.
#include "commands/commands.hpp"
#include "commands/output.hpp"
#include "config/config.hpp"
#include "init/init.hpp"
#include "util/read_file.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>

namespace cassette::cli {

namespace {

namespace fs = std::filesystem;

struct InitOptions {
    std::string path = ".";
    bool dry_run = false;
    bool baseline = false;
};

constexpr const char* k_baseline_file = ".cassette-baseline.json";

std::optional<std::string> read_text(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return std::nullopt;
    std::string bytes;
    if (util::read_whole_file(path, bytes)) return std::nullopt; // an error: treated by the caller as unreadable
    return bytes;
}

// Does this build's `cassette lint` take `--write-baseline FILE`?
bool lint_writes_baselines(Io& io) {
    CLI::App app;
    int unused = 0;
    for (const auto& sub : subcommands())
        if (std::string_view(sub.name) == "lint") sub.setup(app, io, unused);
    for (const CLI::App* sub : app.get_subcommands({}))
        if (sub->get_name() == "lint") return sub->get_option_no_throw("--write-baseline") != nullptr;
    return false;
}

// One run of `cassette init`: where it writes, what it found, and whether a
// step failed. Each step prints its line(s) and records a failure.
struct InitRun {
    const InitOptions& o;
    Io& io;
    std::optional<std::string> top; // the git work tree's top, if any
    std::string root;               // where everything goes
    init::Found found;
    bool failed = false;

    InitRun(const InitOptions& options, Io& streams) : o(options), io(streams) {}

    std::string shown(const std::string& name) const {
        return root == "." ? name : (fs::path(root) / name).string();
    }

    // `before`: the text read from an existing file; it is not replaced when
    // it changed meanwhile (write_output's check).
    bool write(const std::string& name, const std::string& text, const std::optional<std::string>& before = {}) {
        if (o.dry_run) return true;
        std::optional<SourceText> read_as;
        if (before) read_as.emplace(std::string(*before));
        if (!write_output(io, shown(name), text, read_as ? &*read_as : nullptr)) {
            failed = true;
            return false;
        }
        return true;
    }

    // Everything goes to the top of the work tree (where pre-commit looks);
    // shown relative to PATH as given when that is the top.
    void resolve_root() {
        std::error_code ec;
        top = init::git_toplevel(o.path);
        root = o.path;
        if (top && fs::weakly_canonical(o.path, ec) != fs::weakly_canonical(*top, ec)) root = *top;
    }

    void find_cassettes() {
        io.out << (o.dry_run ? "cassette init --dry-run: nothing is written\n" : "");
        io.out << "setting up " << root << (top ? " (a git repository)" : " (not a git repository)") << "\n";
        found = init::find_cassettes(root);
        if (found.cassettes)
            io.out << "found " << found.cassettes << " go-vcr cassette" << (found.cassettes == 1 ? "" : "s") << " in "
                   << util::join(found.folders, ", ") << "\n";
        else
            io.out << "found no go-vcr cassettes yet; the hooks look in the usual folders (testdata, fixtures, "
                      "cassettes, recordings, vcr)\n";
    }

    // 1. .cassette.yaml
    void set_up_config() {
        std::error_code ec;
        const std::string config_name = ".cassette.yaml";
        if (fs::exists(shown(config_name), ec)) {
            io.out << "  " << config_name << ": exists, left as is\n";
            // Every command that reads it would stop on a problem: say so now
            // (checked whole, as every command checks it: config_checks).
            if (!load_config(io, shown(config_name))) failed = true;
        } else if (write(config_name, init::default_config())) {
            io.out << "  " << config_name << ": " << (o.dry_run ? "would write" : "wrote") << " the defaults, commented\n";
        }
    }

    // 2. .pre-commit-config.yaml
    void set_up_hooks() {
        std::error_code ec;
        const std::string hooks_name = ".pre-commit-config.yaml";
        init::HookOptions ho;
        ho.files = init::hook_files_regex(found.folders);
        if (o.baseline) ho.baseline = k_baseline_file;
        const std::optional<std::string> hooks_text = read_text(shown(hooks_name));
        if (fs::exists(shown(hooks_name), ec) && !hooks_text) {
            io_error(io, shown(hooks_name), "cannot read it");
            failed = true;
            return;
        }
        const init::HooksEdit edit = init::add_hooks(hooks_text, ho);
        switch (edit.kind) {
        case init::HooksEdit::Kind::Present:
            io.out << "  " << hooks_name << ": has cassette hooks already, left as is\n";
            break;
        case init::HooksEdit::Kind::Refused:
            warning(io, shown(hooks_name), "not changed: " + edit.why + "; add this entry to its `repos` by hand:");
            io.err << init::hooks_entry(ho, 2);
            break;
        case init::HooksEdit::Kind::Created:
        case init::HooksEdit::Kind::Added:
            if (write(hooks_name, edit.text, hooks_text))
                io.out << "  " << hooks_name << ": "
                       << (edit.kind == init::HooksEdit::Kind::Created ? (o.dry_run ? "would create it with" : "created with")
                                                                        : (o.dry_run ? "would add" : "added"))
                       << " the cassette hooks (repo: local, language: system, files: " << ho.files << ")\n";
            break;
        }
    }

    // 3. .gitattributes
    void set_up_attributes() {
        std::error_code ec;
        const std::string attributes_name = ".gitattributes";
        const std::vector<std::string>& wanted = found.attributes;
        if (wanted.empty()) return;
        const std::optional<std::string> attrs = read_text(shown(attributes_name));
        const std::vector<std::string> missing = init::missing_lines(attrs.value_or(""), wanted);
        if (!attrs && fs::exists(shown(attributes_name), ec)) {
            io_error(io, shown(attributes_name), "cannot read it; not changed");
            failed = true;
        } else if (missing.empty()) {
            io.out << "  " << attributes_name << ": has the diff=cassette lines already\n";
        } else if (write(attributes_name, init::append_lines(attrs.value_or(""), missing), attrs)) {
            io.out << "  " << attributes_name << ": " << (o.dry_run ? "would add" : "added");
            for (const auto& l : missing) io.out << " '" << l << "'";
            io.out << "\n";
        }
    }

    // 4. git config diff.cassette.*
    void set_up_git_diff() {
        if (!top) {
            const bool no_git = init::run_git(root, {"--version"}).code != 0;
            io.out << "  git config: skipped, "
                   << (no_git ? "git is not installed (or not on PATH)" : "not a git repository")
                   << " (run `git init` and `cassette init` again)\n";
            return;
        }
        for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
                 {"diff.cassette.textconv", init::k_textconv}, {"diff.cassette.command", init::k_command}}) {
            init::GitResult now = init::run_git(root, {"config", "--local", "--get", key});
            while (!now.out.empty() && now.out.back() == '\n') now.out.pop_back();
            if (now.code == 0 && now.out == value) {
                io.out << "  git config " << key << ": '" << value << "' already\n";
            } else if (now.code == 0) {
                io.out << "  git config " << key << ": is '" << now.out << "', left as is\n";
            } else if (o.dry_run) {
                io.out << "  git config " << key << ": would set '" << value << "'\n";
            } else {
                const init::GitResult set = init::run_git(root, {"config", "--local", key, value});
                if (set.code != 0) {
                    std::string why = set.err;
                    while (!why.empty() && why.back() == '\n') why.pop_back();
                    report(io, "cassette init",
                           diag::error("cassette init", Mark{}, "io", "git config " + key + " failed: " + why));
                    failed = true;
                } else {
                    io.out << "  git config " << key << ": set '" << value << "'\n";
                }
            }
        }
    }

    // 5. --baseline: what is there today is accepted, only what is new fails.
    void set_up_baseline() {
        if (!o.baseline) return;
        std::vector<std::string> args{"lint", "--write-baseline", shown(k_baseline_file)};
        for (const auto& d : found.folders) args.push_back(d == "." ? root : shown(d));
        if (found.folders.empty()) {
            io.out << "  " << k_baseline_file << ": no cassettes, no baseline written\n";
        } else if (!lint_writes_baselines(io)) {
            usage_error(io, "init", "--baseline: this cassette's `lint` has no --write-baseline");
            failed = true;
        } else if (o.dry_run) {
            io.out << "  " << k_baseline_file << ": would run: cassette " << util::join(args, " ") << "\n";
        } else {
            const int code = run(args, io);
            if (code == kExitError) failed = true;
            else io.out << "  " << k_baseline_file << ": recorded today's findings (cassette "
                        << util::join(args, " ") << ")\n";
        }
    }

    void print_next_steps() {
        const std::vector<std::string>& wanted = found.attributes;
        io.out << "next steps:\n"
               << "  pre-commit install              # once per clone (apt install pre-commit, or pipx install pre-commit)\n"
               << "  git add .cassette.yaml .pre-commit-config.yaml"
               << (wanted.empty() ? "" : " .gitattributes") << (o.baseline ? std::string(" ") + k_baseline_file : "")
               << "\n"
               << "  cassette lint " << (found.folders.empty() ? std::string(".") : util::join(found.folders, " "))
               << "   # what the hooks will say\n";
    }
};

int run_init(const InitOptions& o, Io& io) {
    std::error_code ec;
    if (!fs::is_directory(o.path, ec)) {
        io_error(io, o.path, "not a folder (cassette init sets up the repository in PATH)");
        return kExitError;
    }
    InitRun r(o, io);
    r.resolve_root();
    r.find_cassettes();
    r.set_up_config();
    r.set_up_hooks();
    r.set_up_attributes();
    r.set_up_git_diff();
    r.set_up_baseline();
    r.print_next_steps();
    return r.failed ? kExitError : kExitOk;
}

} // namespace

void setup_init(CLI::App& app, Io& io, int& exit_code) {
    auto opts = std::make_shared<InitOptions>();
    CLI::App* sub = app.add_subcommand("init", summary_of("init"));
    sub->add_option("PATH", opts->path, "The repository to set up (default: the current folder)")->type_name("PATH");
    sub->add_flag("--dry-run", opts->dry_run, "Print what would be done; write nothing");
    sub->add_flag("--baseline", opts->baseline,
                  "Also record today's findings in .cassette-baseline.json (cassette lint --write-baseline), so "
                  "the hooks fail only on new ones");
    sub->footer("Idempotent: a second run changes nothing. Exit status: 0 done, 2 errors.");
    sub->callback([opts, &io, &exit_code] { exit_code = run_init(*opts, io); });
}

} // namespace cassette::cli
