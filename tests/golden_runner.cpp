// Runs one golden case: tests/cases/<command>/<case>/ holds
//   args            the arguments, one per line ({shared} = the shared folder)
//   stdin           optional standard input
//   env             optional KEY=VALUE lines added to the environment
//   expected.out    expected standard output (absent: must be empty)
//   expected.err    expected standard error (absent: must be empty)
//   expected.code   expected exit code (absent: 0)
//   expected/       optional: files that must exist afterwards with these bytes
//   anything else   input files, copied to a scratch folder the command runs in;
//                   those not in expected/ must be left byte-identical.
// UPDATE_GOLDEN=1 rewrites the expected files from what the command did.
#include "unit/go_tools.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using testing_support::read_file;
using testing_support::write_file;

namespace {

bool is_meta(const std::string& name) {
    return name == "args" || name == "stdin" || name == "env" || name == "expected" || name.rfind("expected.", 0) == 0 ||
           name == "README.md";
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    if (from.empty()) return s;
    size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
        s.replace(pos, from.size(), to);
        pos += to.size();
    }
    return s;
}

void show_difference(const std::string& what, const std::string& want, const std::string& got) {
    std::cerr << "--- " << what << " differs\n";
    std::istringstream a(want), b(got);
    std::string la, lb;
    int line = 0, shown = 0;
    for (;;) {
        bool ha = bool(std::getline(a, la)), hb = bool(std::getline(b, lb));
        ++line;
        if (!ha && !hb) break;
        if (ha && hb && la == lb) continue;
        std::cerr << "line " << line << ":\n  expected: " << (ha ? la : "<end>") << "\n  got:      " << (hb ? lb : "<end>")
                  << "\n";
        if (++shown >= 8) {
            std::cerr << "  ...\n";
            break;
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: golden_runner CASSETTE CASE_DIR SHARED_DIR\n";
        return 2;
    }
    const std::string binary = fs::absolute(argv[1]).string();
    const fs::path case_dir = fs::absolute(argv[2]);
    const std::string shared = fs::absolute(argv[3]).lexically_normal().string();
    const bool update = std::getenv("UPDATE_GOLDEN") && std::string(std::getenv("UPDATE_GOLDEN")) == "1";

    std::string args_text = read_file((case_dir / "args").string());
    if (args_text.find("{shared}") != std::string::npos && !fs::exists(shared)) {
        std::cout << "skipped: " << shared << " does not exist\n";
        return 77;
    }
    std::vector<std::string> argv_list{binary};
    std::istringstream lines(args_text);
    for (std::string l; std::getline(lines, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        if (l.empty()) continue;
        argv_list.push_back(replace_all(l, "{shared}", shared));
    }

    // Scratch folder with the inputs.
    std::map<std::string, std::string> inputs;
    auto scratch = [&] {
        char tmpl[] = "/tmp/cassette-golden-XXXXXX";
        if (!mkdtemp(tmpl)) std::exit(2);
        const fs::path dir = tmpl;
        for (const auto& e : fs::recursive_directory_iterator(case_dir)) {
            fs::path rel = fs::relative(e.path(), case_dir);
            if (is_meta(rel.begin()->string())) continue;
            if (e.is_directory()) {
                fs::create_directories(dir / rel);
            } else if (e.is_symlink()) {
                fs::copy_symlink(e.path(), dir / rel);
            } else {
                fs::copy_file(e.path(), dir / rel);
                inputs[rel.string()] = read_file(e.path().string());
            }
        }
        return dir;
    };
    const fs::path work = scratch();

    // Run in the scratch folder with a clean, deterministic environment.
    auto run_in = [&](const fs::path& dir, const std::vector<std::string>& argv) {
        std::vector<std::string> env_cmd{"/usr/bin/env", "-C", dir.string(), "NO_COLOR=1", "LC_ALL=C.UTF-8"};
        if (fs::exists(case_dir / "env")) {
            std::istringstream env(read_file((case_dir / "env").string()));
            for (std::string l; std::getline(env, l);)
                if (!l.empty()) env_cmd.push_back(l);
        }
        env_cmd.insert(env_cmd.end(), argv.begin(), argv.end());
        std::string input = fs::exists(case_dir / "stdin") ? read_file((case_dir / "stdin").string()) : "";
        return testing_support::run_process(env_cmd, input);
    };
    auto r = run_in(work, argv_list);
    auto normalise = [&](std::string s) { return replace_all(replace_all(s, work.string(), "{work}"), shared, "{shared}"); };
    const std::string out = normalise(r.out), err = normalise(r.err);

    int failures = 0;
    auto compare = [&](const std::string& name, const std::string& got) {
        fs::path p = case_dir / name;
        std::string want = fs::exists(p) ? read_file(p.string()) : "";
        if (want == got) return;
        if (update) {
            if (got.empty()) fs::remove(p);
            else write_file(p.string(), got);
            return;
        }
        show_difference(name, want, got);
        ++failures;
    };
    compare("expected.out", out);
    compare("expected.err", err);
    compare("expected.code", r.exit_code == 0 && !fs::exists(case_dir / "expected.code") ? std::string()
                                                                                          : std::to_string(r.exit_code) + "\n");

    // Files the command wrote or must have left alone.
    std::map<std::string, bool> checked;
    if (fs::exists(case_dir / "expected")) {
        for (const auto& e : fs::recursive_directory_iterator(case_dir / "expected")) {
            if (!e.is_regular_file()) continue;
            std::string rel = fs::relative(e.path(), case_dir / "expected").string();
            checked[rel] = true;
            fs::path got = work / rel;
            std::string got_text = fs::exists(got) ? read_file(got.string()) : "<missing>";
            std::string want = read_file(e.path().string());
            if (got_text != want) {
                if (update) write_file(e.path().string(), got_text);
                else {
                    show_difference("expected/" + rel, want, got_text);
                    ++failures;
                }
            }
        }
    }
    for (const auto& [rel, content] : inputs) {
        if (checked.count(rel)) continue;
        std::string now = fs::exists(work / rel) ? read_file((work / rel).string()) : "<missing>";
        if (now != content) {
            if (update) {
                // A case that edits in place: record the result for review.
                fs::create_directories((case_dir / "expected" / rel).parent_path());
                write_file((case_dir / "expected" / rel).string(), now);
                continue;
            }
            std::cerr << "--- input " << rel << " was changed but expected/" << rel << " does not exist\n";
            ++failures;
        }
    }
    fs::remove_all(work);

    // -q may drop warnings, notes and summaries, never an error: a case that
    // fails (exit 2) runs again with -q, in a fresh copy of its inputs, and
    // must give the same exit code and stdout, and on stderr at least one
    // line, each of them a line of the full stderr. (A misspelt key in
    // .cassette.yaml once gave exit 2 and nothing at all under -q.)
    const bool quiet_already = std::find(argv_list.begin(), argv_list.end(), "-q") != argv_list.end() ||
                               std::find(argv_list.begin(), argv_list.end(), "--quiet") != argv_list.end();
    if (r.exit_code == 2 && !quiet_already && !update) {
        const fs::path again = scratch();
        std::vector<std::string> quiet_argv = argv_list;
        quiet_argv.insert(quiet_argv.begin() + 1, "-q");
        auto q = run_in(again, quiet_argv);
        auto normalise_q = [&](std::string s) {
            return replace_all(replace_all(s, again.string(), "{work}"), shared, "{shared}");
        };
        const std::string q_out = normalise_q(q.out), q_err = normalise_q(q.err);
        fs::remove_all(again);
        std::set<std::string> full_lines;
        std::istringstream full(err);
        for (std::string l; std::getline(full, l);) full_lines.insert(l);
        bool kept_all = true;
        std::istringstream quiet_lines(q_err);
        for (std::string l; std::getline(quiet_lines, l);) kept_all = kept_all && full_lines.count(l);
        if (q.exit_code != r.exit_code || q_out != out || q_err.empty() || !kept_all) {
            std::cerr << "--- with -q: exit " << q.exit_code << " (without: " << r.exit_code << ")"
                      << (q_out != out ? ", stdout differs" : "") << (q_err.empty() ? ", nothing on stderr" : "")
                      << (kept_all ? "" : ", a line that is not in the full stderr") << "\n"
                      << q_err;
            ++failures;
        }
    }
    if (failures) {
        std::cerr << "command: ";
        for (size_t i = 1; i < argv_list.size(); ++i) std::cerr << argv_list[i] << ' ';
        std::cerr << "\n(UPDATE_GOLDEN=1 ctest -R '" << case_dir.parent_path().filename().string() << "/"
                  << case_dir.filename().string() << "' rewrites the expected files; review the diff)\n";
        return 1;
    }
    return 0;
}
