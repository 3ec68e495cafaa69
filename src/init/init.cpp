#include "init/init.hpp"

#include "diag/diagnostic.hpp"
#include "lint/registry.hpp"
#include "lint/rule.hpp"
#include "recorders/recognize.hpp"
#include "util/strings.hpp"
#include "yaml/reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <map>
#include <poll.h>
#include <regex>
#include <set>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace cassette::init {

namespace fs = std::filesystem;

namespace {

bool is_cassette(const fs::path& file) {
    yaml::ReadResult r = yaml::read_cassette_file(file.string());
    if (!r.cassette || r.cassette->format() == 0) return false;
    const bool ok = r.ok();
    if (!ok || recorders::worth_a_look(&*r.cassette))
        return recorders::recognize(&*r.cassette, ok, r.cassette->source.view()).kind ==
               recorders::Verdict::Kind::GoVcr;
    return true;
}

bool skipped_folder(const std::string& name) {
    return (name.size() > 1 && name[0] == '.') || name == "vendor" || name == "node_modules";
}

// Python `re` escape of a folder name for the hooks' regex.
std::string regex_escape(const std::string& s) {
    std::string out;
    for (char ch : s) {
        if (std::strchr(".^$*+?()[]{}|\\", ch)) out += '\\';
        out += ch;
    }
    return out;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    size_t at = 0;
    while (at < text.size()) {
        size_t eol = text.find('\n', at);
        if (eol == std::string::npos) eol = text.size();
        out.push_back(text.substr(at, eol - at));
        at = eol + 1;
    }
    return out;
}

size_t indent_of(const std::string& line) {
    size_t k = 0;
    while (k < line.size() && line[k] == ' ') ++k;
    return k;
}

bool blank_or_comment(const std::string& line) {
    const std::string_view t = util::trim(line);
    return t.empty() || t[0] == '#';
}

// The ids of the hooks a pre-commit configuration lists, and its repos.
struct Listed {
    size_t repos = 0;
    size_t top_keys = 0;
    std::set<std::string> ids;
};

std::optional<Listed> listed(const std::string& text) {
    Listed l;
    if (util::trim(text).empty()) return l;
    std::optional<recorders::Tree> t = recorders::parse_tree(text);
    if (!t) {
        // Only comments: an empty document.
        for (const auto& line : lines_of(text))
            if (!blank_or_comment(line)) return std::nullopt;
        return l;
    }
    if (!t->is_map()) return std::nullopt;
    l.top_keys = t->entries.size();
    const recorders::Tree* repos = t->get("repos");
    if (!repos) return l;
    if (!repos->is_seq()) return std::nullopt;
    l.repos = repos->items.size();
    for (const auto& repo : repos->items) {
        const recorders::Tree* hooks = repo.is_map() ? repo.get("hooks") : nullptr;
        if (!hooks || !hooks->is_seq()) continue;
        for (const auto& h : hooks->items)
            if (const recorders::Tree* id = h.is_map() ? h.get("id") : nullptr; id && id->is_scalar())
                l.ids.insert(id->value);
    }
    return l;
}

const char* k_hooks_header =
    "# pre-commit (https://pre-commit.com) runs these on every commit once `pre-commit install` ran.\n";

} // namespace

Found find_cassettes(const std::string& root) {
    Found f;
    std::map<std::string, std::set<std::string>> folders; // folder -> extensions
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const fs::directory_entry& e = *it;
        const std::string name = e.path().filename().string();
        std::error_code ec2;
        if (e.is_directory(ec2)) {
            if (skipped_folder(name) || e.is_symlink(ec2)) it.disable_recursion_pending();
            continue;
        }
        const std::string ext = e.path().extension().string();
        if (ext != ".yaml" && ext != ".yml") continue;
        if (!e.is_regular_file(ec2) || !is_cassette(e.path())) continue;
        ++f.cassettes;
        std::string rel = fs::relative(e.path().parent_path(), root, ec2).generic_string();
        if (rel.empty()) rel = ".";
        folders[rel].insert(ext.substr(1));
    }
    for (const auto& [dir, exts] : folders) {
        f.folders.push_back(dir);
        for (const auto& ext : exts)
            f.attributes.push_back((dir == "." ? std::string("/") : dir + "/") + "*." + ext + " diff=cassette");
    }
    return f;
}

std::string hook_files_regex(const std::vector<std::string>& folders) {
    static const std::regex usual(R"((^|/)(testdata|fixtures|cassettes|recordings|vcr)/.*\.ya?ml$)");
    std::vector<std::string> extra;
    for (const auto& d : folders) {
        if (std::regex_search((d == "." ? std::string() : d + "/") + "x.yaml", usual)) continue;
        extra.push_back(d == "." ? std::string() : regex_escape(d) + "/");
    }
    if (extra.empty()) return k_default_files;
    // A folder's own files, not those of folders below it.
    std::string alt;
    for (size_t k = 0; k < extra.size(); ++k) alt += (k ? "|" : "") + extra[k];
    return std::string(k_default_files) + "|^(" + alt + ")[^/]*\\.ya?ml$";
}

std::string default_config() {
    std::string out =
        "# .cassette.yaml: settings of `cassette lint`, `cassette redact` and `cassette diff`\n"
        "# (docs/configuration.md). Written by `cassette init` with the defaults spelled\n"
        "# out: as it stands this file changes nothing. A misspelt key is an error.\n"
        "lint:\n"
        "  # Each rule's level: error, warning or off (`cassette lint --explain RULE`). Commented\n"
        "  # out, a rule keeps its built-in level, also when a release changes it: uncomment\n"
        "  # `rules:` and the lines of the rules you set.\n"
        "  # rules:\n";
    for (const lint::Rule* r : lint::all_rules()) {
        // A note-level rule has no level to write (levels are error, warning,
        // off): an empty setting keeps its default.
        const bool note = r->enabled && r->severity == Severity::Note;
        std::string value = !r->enabled ? "off" : note ? "" : severity_name(r->severity);
        if (r->option_count || note) {
            std::vector<std::string> parts;
            if (!value.empty()) parts.push_back("level: " + value);
            for (size_t k = 0; k < r->option_count; ++k)
                parts.push_back(std::string(r->options[k].name) + ": " + r->options[k].default_value);
            value = "{" + util::join(parts, ", ") + "}";
        }

        std::string line = std::string("  #   ") + r->id + ": " + value;
        if (line.size() < 44) line.resize(44, ' ');
        out += line + "  # " + (note ? "(a note) " : "") + r->summary + "\n";
    }
    out +=
        "  # Files not to lint: path globs relative to this file's folder (testdata/legacy/**).\n"
        "  ignore: []\n"
        "redact:\n"
        "  placeholder: REDACTED        # what a secret is replaced with\n"
        "  min_confidence: medium       # low | medium | high: the least confidence reported and redacted\n"
        "  headers: []                  # header names whose values are always secret (X-Api-Key)\n"
        "  query: []                    # query parameters, likewise (api_key)\n"
        "  form: []                     # form fields, likewise (client_secret)\n"
        "  json: []                     # paths in JSON bodies, likewise ($.access_token)\n"
        "  patterns: []                 # extra detectors: {id: internal-token, regex: 'itk_[A-Za-z0-9]{20}'}\n"
        "  allow: []                    # values that are never secrets (test keys, placeholders)\n"
        "  allow_patterns: []           # RE2 patterns of such values\n"
        "  disable: []                  # detector ids to turn off (docs/redact.md)\n"
        "diff:\n"
        "  ignore_headers: []           # headers `cassette diff` does not report (beyond the volatile ones)\n"
        "  ignore_json_paths: []        # paths in JSON bodies it does not report ($.created_at)\n";
    return out;
}

std::string hooks_entry(const HookOptions& o, size_t indent) {
    const std::string p(indent, ' ');
    // Single quotes: the regex's backslashes stay as they are.
    std::string files = "'";
    for (char ch : o.files) files += ch == '\'' ? std::string("''") : std::string(1, ch);
    files += "'";
    std::string lint_entry = "cassette lint";
    if (!o.baseline.empty()) lint_entry += " --baseline " + o.baseline;
    std::string out;
    out += p + "# cassette (go-vcr cassettes), added by `cassette init`. `language: system` runs the\n";
    out += p + "# `cassette` on PATH and downloads nothing (pre-commit >= 4.4 calls it `unsupported`).\n";
    out += p + "- repo: local\n";
    out += p + "  hooks:\n";
    if (o.baseline.empty()) {
        out += p + "    # Replaces secrets in place; the commit then fails so you can review and stage the\n";
        out += p + "    # result. For a check that changes nothing use `entry: cassette redact --check`.\n";
        out += p + "    - id: cassette-redact\n";
        out += p + "      name: cassette redact\n";
        out += p + "      entry: cassette redact --skip-invalid\n";
        out += p + "      language: system\n";
        out += p + "      files: " + files + "\n";
    }
    out += p + "    - id: cassette-lint\n";
    out += p + "      name: cassette lint\n";
    out += p + "      entry: " + lint_entry + "\n";
    out += p + "      language: system\n";
    out += p + "      files: " + files + "\n";
    out += p + "      require_serial: true   # cassette lint runs its own workers\n";
    return out;
}

HooksEdit add_hooks(const std::optional<std::string>& existing, const HookOptions& o) {
    HooksEdit e;
    if (!existing) {
        e.kind = HooksEdit::Kind::Created;
        e.text = std::string(k_hooks_header) + "repos:\n" + hooks_entry(o, 2);
        return e;
    }
    const std::string& text = *existing;
    const std::optional<Listed> before = listed(text);
    if (!before) {
        e.why = "it is not a YAML mapping with a `repos` list";
        return e;
    }
    for (const auto& id : before->ids)
        if (id.rfind("cassette-", 0) == 0) {
            e.kind = HooksEdit::Kind::Present;
            return e;
        }
    std::string out;
    if (!before->top_keys || !recorders::parse_tree(text) || !recorders::parse_tree(text)->get("repos")) {
        out = text;
        if (!out.empty() && out.back() != '\n') out += '\n';
        out += "repos:\n" + hooks_entry(o, 2);
    } else {
        const recorders::Tree root = *recorders::parse_tree(text);
        const recorders::Tree* repos = root.get("repos");
        const std::vector<std::string> lines = lines_of(text);
        size_t key_line = 0; // 0-based line of `repos:`
        for (const auto& entry : root.entries)
            if (entry.first.is_scalar() && entry.first.value == "repos") key_line = entry.first.at.line - 1;
        const std::string_view value_text =
            repos->at.offset < text.size() ? std::string_view(text).substr(repos->at.offset) : std::string_view();
        if (repos->items.empty() && value_text.substr(0, 2) == "[]") {
            out = text.substr(0, repos->at.offset);
            while (!out.empty() && out.back() == ' ') out.pop_back();
            const size_t after = repos->at.offset + 2;
            const size_t eol = std::min(text.find('\n', after), text.size());
            const std::string_view rest = util::trim(std::string_view(text).substr(after, eol - after));
            if (!rest.empty() && rest[0] != '#') {
                e.why = "its `repos: []` line holds more than a comment";
                return e;
            }
            if (!rest.empty()) out += "  " + std::string(rest); // the line's comment stays
            out += "\n" + hooks_entry(o, 2);
            if (eol < text.size()) out += text.substr(eol + 1);
        } else if (!repos->items.empty() && value_text.substr(0, 1) != "[") {
            // The items' `- ` column, from the first item's line.
            const std::string& first = lines[repos->items.front().at.line - 1];
            size_t dash = repos->items.front().at.column - 1;
            while (dash > 0 && first[dash] != '-') --dash;
            if (first[dash] != '-') {
                e.why = "its `repos` list is laid out in a way cassette does not edit";
                return e;
            }
            // The block ends before the first line less indented than the items
            // (or as indented and no item); comments at or left of the items'
            // column after the last item belong to what follows.
            size_t last = key_line;
            for (size_t k = key_line + 1; k < lines.size(); ++k) {
                const std::string& l = lines[k];
                if (util::trim(l).empty()) continue;
                const size_t in = indent_of(l);
                if (blank_or_comment(l)) {
                    if (in > dash) last = k;
                    continue;
                }
                if (in < dash || (in == dash && l[in] != '-')) break;
                last = k;
            }
            for (size_t k = 0; k <= last; ++k) out += lines[k] + "\n";
            out += hooks_entry(o, dash);
            for (size_t k = last + 1; k < lines.size(); ++k) out += lines[k] + (k + 1 < lines.size() || text.back() == '\n' ? "\n" : "");
        } else {
            e.why = "its `repos` list is written in flow style (`[...]`)";
            return e;
        }
    }
    // A file with CRLF line endings gets CRLF in the entry too.
    if (text.find("\r\n") != std::string::npos) {
        std::string crlf;
        for (size_t k = 0; k < out.size(); ++k) {
            if (out[k] == '\n' && (k == 0 || out[k - 1] != '\r')) crlf += '\r';
            crlf += out[k];
        }
        out = std::move(crlf);
    }
    // The edit must have added one repo and kept everything else.
    const std::optional<Listed> after = listed(out);
    if (!after || after->repos != before->repos + 1 || after->ids.count("cassette-lint") == 0 ||
        after->top_keys < std::max<size_t>(before->top_keys, 1)) {
        e.why = "adding the entry would not give the expected YAML";
        return e;
    }
    e.kind = HooksEdit::Kind::Added;
    e.text = std::move(out);
    return e;
}

std::vector<std::string> missing_lines(const std::string& existing, const std::vector<std::string>& wanted) {
    std::set<std::string> have;
    for (const auto& l : lines_of(existing)) {
        std::string squeezed;
        for (char ch : l)
            if (ch != ' ' && ch != '\t' && ch != '\r') squeezed += ch;
        have.insert(squeezed);
    }
    std::vector<std::string> out;
    for (const auto& w : wanted) {
        std::string squeezed;
        for (char ch : w)
            if (ch != ' ') squeezed += ch;
        if (!have.count(squeezed)) out.push_back(w);
    }
    return out;
}

std::string append_lines(std::string existing, const std::vector<std::string>& lines) {
    const char* eol = existing.find("\r\n") != std::string::npos ? "\r\n" : "\n";
    if (!existing.empty() && existing.back() != '\n') existing += eol;
    for (const auto& l : lines) existing += l + eol;
    return existing;
}

GitResult run_git(const std::string& dir, const std::vector<std::string>& args) {
    GitResult r;
    std::vector<std::string> argv_s{"git", "-C", dir};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out_pipe[2], err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0) return r;
    if (pipe2(err_pipe, O_CLOEXEC) != 0) {
        close(out_pipe[0]);
        close(out_pipe[1]);
        return r;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (spawned == 0) {
        pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
        std::string* sinks[2] = {&r.out, &r.err};
        int open_fds = 2;
        char buf[4096];
        while (open_fds > 0) {
            if (poll(fds, 2, -1) < 0) {
                if (errno == EINTR) continue;
                break;
            }
            for (int k = 0; k < 2; ++k) {
                if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                const ssize_t n = read(fds[k].fd, buf, sizeof buf);
                if (n > 0) sinks[k]->append(buf, size_t(n));
                else if (n == 0 || errno != EINTR) {
                    fds[k].fd = -1;
                    --open_fds;
                }
            }
        }
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    close(out_pipe[0]);
    close(err_pipe[0]);
    return r;
}

std::optional<std::string> git_toplevel(const std::string& dir) {
    GitResult r = run_git(dir, {"rev-parse", "--show-toplevel"});
    if (r.code != 0) return std::nullopt;
    while (!r.out.empty() && (r.out.back() == '\n' || r.out.back() == '\r')) r.out.pop_back();
    if (r.out.empty()) return std::nullopt;
    return r.out;
}

} // namespace cassette::init
