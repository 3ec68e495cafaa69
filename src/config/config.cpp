#include "config/config.hpp"

#include "util/suggest.hpp"

#include <re2/re2.h>
// GCC 12+ warns about a dangling pointer inside yaml-cpp's own headers
// (node/impl.h); a false positive we cannot fix here.
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#endif
#include <yaml-cpp/yaml.h>
#pragma GCC diagnostic pop

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace cassette::config {

namespace {

namespace fs = std::filesystem;

// Thrown with the first problem: it ends the load.
struct Failed {
    Diagnostic problem;
};

class Loader {
public:
    explicit Loader(std::string path) : m_path(std::move(path)) {}

    Config load(const YAML::Node& root) {
        Config c;
        c.path = m_path;
        if (!root || root.IsNull()) return c; // an empty file is the default configuration
        if (!root.IsMap()) fail(root.Mark(), "the configuration must be a mapping with `lint`, `redact` and `diff`");
        static const std::vector<std::string> sections = {"lint", "redact", "diff", "baseline"};
        for (const auto& [key, value] : entries(root, sections, "top-level key")) {
            if (key == "lint") read_lint(value, c.lint);
            else if (key == "baseline") c.baseline = scalar(value, "`baseline`");
            else if (key == "redact") read_redact(value, c.redact);
            else read_diff(value, c.diff);
        }
        return c;
    }

    [[noreturn]] void fail(const YAML::Mark& m, const std::string& message) { fail(to_mark(m), message); }
    [[noreturn]] void fail(const Mark& at, const std::string& message) { throw Failed{problem(m_path, at, message)}; }

    // What only the layers above know (Checks), once the whole file is read.
    void check(const Config& c, const Checks& checks) {
        if (!checks.detector_ids.empty()) {
            std::vector<std::string> known = checks.detector_ids;
            for (const auto& p : c.redact.patterns) known.push_back("custom:" + p.id);
            for (size_t k = 0; k < c.redact.disable.size(); ++k) {
                const std::string& id = c.redact.disable[k];
                if (std::find(known.begin(), known.end(), id) != known.end()) continue;
                // A likely typo gets the suggestion; otherwise the whole list.
                std::string hint = util::did_you_mean(id, known);
                if (hint.empty()) {
                    hint = " (known: ";
                    for (const auto& d : checks.detector_ids) hint += d + ", ";
                    hint += "custom:<id>)";
                }
                fail(c.redact.disable_marks[k], "unknown detector `" + id + "` in redact.disable" + hint);
            }
        }
        if (checks.json_path) {
            for (size_t k = 0; k < c.diff.ignore_json_paths.size(); ++k)
                if (auto why = checks.json_path(c.diff.ignore_json_paths[k]))
                    fail(c.diff.ignore_json_path_marks[k], *why);
        }
        if (checks.lint) {
            diag::Result<void> r = checks.lint(c);
            if (!r) throw Failed{r.error()};
        }
    }

private:
    struct Entry {
        std::string key;
        YAML::Node value;
    };

    // The entries of a mapping, checked against the allowed keys (empty:
    // any key) and for duplicates, in file order. A null node is an empty
    // mapping (`lint:` with nothing under it).
    std::vector<Entry> entries(const YAML::Node& map, const std::vector<std::string>& allowed, const char* what) {
        std::vector<Entry> out;
        if (map.IsNull()) return out;
        if (!map.IsMap()) fail(map.Mark(), std::string("expected a mapping for ") + what + "s, found " + kind(map));
        std::set<std::string> seen;
        for (auto it = map.begin(); it != map.end(); ++it) {
            // A copy: `it->` is a proxy whose pair dies at the end of the statement
            // (ASan: stack-use-after-scope with a reference).
            const YAML::Node k = it->first;
            if (!k.IsScalar()) fail(k.Mark(), std::string("a ") + what + " must be a plain string");
            const std::string key = k.Scalar();
            if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                fail(k.Mark(), "unknown " + std::string(what) + " `" + key + "`" + util::did_you_mean(key, allowed));
            if (!seen.insert(key).second) fail(k.Mark(), "`" + key + "` is already defined in this mapping");
            out.push_back(Entry{key, it->second});
        }
        return out;
    }

    static std::string kind(const YAML::Node& n) {
        if (n.IsMap()) return "a mapping";
        if (n.IsSequence()) return "a list";
        if (n.IsNull()) return "nothing";
        return "`" + n.Scalar() + "`";
    }

    std::string scalar(const YAML::Node& n, const std::string& what) {
        if (!n.IsScalar()) fail(n.Mark(), what + " must be a string, found " + kind(n));
        return n.Scalar();
    }

    std::vector<std::string> list(const YAML::Node& n, const std::string& what, std::vector<Mark>* marks = nullptr) {
        std::vector<std::string> out;
        if (n.IsNull()) return out;
        if (!n.IsSequence()) fail(n.Mark(), what + " must be a list, found " + kind(n));
        for (const auto& item : n) {
            out.push_back(scalar(item, "an item of " + what));
            if (marks) marks->push_back(to_mark(item.Mark()));
        }
        return out;
    }

    void check_regex(const YAML::Node& n, const std::string& regex) {
        RE2::Options o;
        o.set_log_errors(false);
        RE2 re(regex, o);
        if (!re.ok()) fail(n.Mark(), "invalid regular expression (RE2 syntax): " + re.error());
    }

    static Mark to_mark(const YAML::Mark& m) {
        Mark out;
        if (m.is_null()) return out;
        out.line = uint32_t(m.line + 1);
        out.column = uint32_t(m.column + 1);
        out.offset = size_t(m.pos);
        return out;
    }

    std::optional<std::pair<Severity, bool>> level(const std::string& text) {
        if (text == "error") return std::pair{Severity::Error, false};
        if (text == "warning") return std::pair{Severity::Warning, false};
        if (text == "off") return std::pair{Severity::Warning, true};
        return std::nullopt;
    }

    void set_level(const YAML::Node& n, RuleConfig& r) {
        std::string text = scalar(n, "a rule level");
        auto l = level(text);
        if (!l) fail(n.Mark(), "level must be error, warning or off, found `" + text + "`" +
                                   util::did_you_mean(text, {"error", "warning", "off"}));
        if (l->second) r.off = true;
        else r.level = l->first;
    }

    void read_lint(const YAML::Node& n, LintConfig& lint) {
        static const std::vector<std::string> keys = {"rules", "ignore"};
        for (const auto& [key, value] : entries(n, keys, "`lint` key")) {
            if (key == "ignore") {
                lint.ignore = list(value, "lint.ignore");
                continue;
            }
            // Rule ids are checked by lint against its registry (it knows
            // them; this loader is shared with commands that do not).
            if (value.IsNull()) continue;
            if (!value.IsMap()) fail(value.Mark(), "lint.rules must be a mapping of rule ids to settings");
            for (auto it = value.begin(); it != value.end(); ++it) {
                const std::string id = scalar(it->first, "a rule id");
                if (lint.rules.count(id)) fail(it->first.Mark(), "rule `" + id + "` is configured twice");
                RuleConfig r;
                r.where = to_mark(it->first.Mark());
                const YAML::Node v = it->second; // a copy: see entries()
                if (v.IsScalar()) {
                    set_level(v, r);
                } else if (v.IsMap()) {
                    for (const auto& [opt, ov] : entries(v, {}, "rule option")) {
                        if (opt == "level") {
                            set_level(ov, r);
                        } else {
                            r.options[opt] = scalar(ov, "option `" + opt + "` of rule `" + id + "`");
                            r.option_marks[opt] = to_mark(ov.Mark());
                        }
                    }
                } else if (!v.IsNull()) {
                    fail(v.Mark(), "rule `" + id + "`: expected error, warning, off or a mapping, found a list");
                }
                lint.rules.emplace(id, std::move(r));
            }
        }
    }

    void read_redact(const YAML::Node& n, RedactConfig& r) {
        static const std::vector<std::string> keys = {"placeholder", "headers",        "query",  "form",   "json",
                                                      "patterns",    "allow_patterns", "allow",  "disable",
                                                      "min_confidence"};
        for (const auto& [key, value] : entries(n, keys, "`redact` key")) {
            const std::string what = "redact." + key;
            if (key == "placeholder") r.placeholder = scalar(value, what);
            else if (key == "headers") r.headers = list(value, what);
            else if (key == "query") r.query = list(value, what);
            else if (key == "form") r.form = list(value, what);
            else if (key == "json") r.json = list(value, what);
            else if (key == "allow") r.allow = list(value, what);
            else if (key == "disable") r.disable = list(value, what, &r.disable_marks);
            else if (key == "min_confidence") {
                r.min_confidence = scalar(value, what);
                if (r.min_confidence != "low" && r.min_confidence != "medium" && r.min_confidence != "high")
                    fail(value.Mark(), what + ": expected low, medium or high, found `" + r.min_confidence + "`");
            }
            else if (key == "allow_patterns") {
                r.allow_patterns = list(value, what);
                size_t i = 0;
                for (const auto& item : value) check_regex(item, r.allow_patterns[i++]);
            } else {
                if (value.IsNull()) continue;
                if (!value.IsSequence()) fail(value.Mark(), what + " must be a list of {id, regex}");
                std::set<std::string> ids;
                for (const auto& item : value) {
                    RedactConfig::Pattern p;
                    bool has_id = false, has_regex = false;
                    for (const auto& [pk, pv] : entries(item, {"id", "regex"}, "pattern key")) {
                        if (pk == "id") {
                            p.id = scalar(pv, "a pattern id");
                            has_id = true;
                            if (!ids.insert(p.id).second) fail(pv.Mark(), "pattern id `" + p.id + "` is used twice");
                        } else {
                            p.regex = scalar(pv, "a pattern regex");
                            has_regex = true;
                            check_regex(pv, p.regex);
                        }
                    }
                    if (!has_id || !has_regex || p.id.empty() || p.regex.empty())
                        fail(item.Mark(), "a pattern needs a non-empty `id` and `regex`");
                    r.patterns.push_back(std::move(p));
                }
            }
        }
    }

    void read_diff(const YAML::Node& n, DiffConfig& d) {
        static const std::vector<std::string> keys = {"ignore_headers", "ignore_json_paths"};
        for (const auto& [key, value] : entries(n, keys, "`diff` key")) {
            if (key == "ignore_headers") d.ignore_headers = list(value, "diff." + key);
            else d.ignore_json_paths = list(value, "diff." + key, &d.ignore_json_path_marks);
        }
    }

    std::string m_path;
};

} // namespace

Diagnostic problem(const std::string& path, const Mark& where, const std::string& message) {
    return diag::error(path, where, k_rule, message);
}

diag::Result<Config> parse_config(const std::string& text, const std::string& path, const Checks& checks) {
    Loader loader(path);
    try {
        YAML::Node root = YAML::Load(text);
        Config c = loader.load(root);
        loader.check(c, checks);
        return c;
    } catch (const Failed& f) {
        return f.problem;
    } catch (const YAML::Exception& e) {
        try {
            loader.fail(e.mark, e.msg);
        } catch (const Failed& f) {
            return f.problem;
        }
    }
}

diag::Result<Config> load_config(const std::string& path, const Checks& checks) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return problem(path, Mark{}, "cannot read the configuration file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_config(ss.str(), path, checks);
}

std::optional<std::string> find_config(const std::string& start_dir) {
    std::error_code ec;
    fs::path dir = fs::absolute(start_dir.empty() ? "." : start_dir, ec).lexically_normal();
    if (ec) return std::nullopt;
    for (;;) {
        fs::path candidate = dir / k_file_name;
        if (fs::is_regular_file(candidate, ec)) return candidate.string();
        if (fs::exists(dir / ".git", ec)) return std::nullopt; // the repository root: stop here
        fs::path parent = dir.parent_path();
        if (parent == dir || parent.empty()) return std::nullopt;
        dir = parent;
    }
}

std::optional<uint64_t> parse_size(std::string_view text) {
    size_t i = 0;
    uint64_t n = 0;
    if (text.empty()) return std::nullopt;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        uint64_t d = uint64_t(text[i] - '0');
        if (n > (UINT64_MAX - d) / 10) return std::nullopt;
        n = n * 10 + d;
        ++i;
    }
    if (i == 0) return std::nullopt;
    std::string_view unit = text.substr(i);
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    static const std::pair<std::string_view, uint64_t> units[] = {
        {"", 1},           {"B", 1},
        {"KiB", 1ull << 10}, {"MiB", 1ull << 20}, {"GiB", 1ull << 30},
        {"kB", 1000},      {"KB", 1000},      {"MB", 1000000}, {"GB", 1000000000},
    };
    for (const auto& [name, factor] : units) {
        if (unit == name) {
            if (n > UINT64_MAX / factor) return std::nullopt;
            return n * factor;
        }
    }
    return std::nullopt;
}

namespace {

// Does `p` (a pattern fragment without '/') match the segment `s`?
bool segment_match(std::string_view p, std::string_view s) {
    size_t pi = 0, si = 0, star_p = std::string_view::npos, star_s = 0;
    while (si < s.size()) {
        if (pi < p.size() && p[pi] == '*') {
            star_p = pi++;
            star_s = si;
            continue;
        }
        if (pi < p.size() && p[pi] == '[') {
            size_t close = p.find(']', pi + 2);
            if (close != std::string_view::npos) {
                bool negate = p[pi + 1] == '!' || p[pi + 1] == '^';
                size_t k = pi + 1 + (negate ? 1 : 0);
                bool hit = false;
                for (; k < close; ++k) {
                    if (k + 2 < close && p[k + 1] == '-') {
                        if (s[si] >= p[k] && s[si] <= p[k + 2]) hit = true;
                        k += 2;
                    } else if (p[k] == s[si]) {
                        hit = true;
                    }
                }
                if (hit != negate) {
                    pi = close + 1;
                    ++si;
                    continue;
                }
            } else if (s[si] == '[') {
                ++pi;
                ++si;
                continue;
            }
        } else if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si])) {
            ++pi;
            ++si;
            continue;
        }
        if (star_p == std::string_view::npos) return false;
        pi = star_p + 1;
        si = ++star_s;
    }
    while (pi < p.size() && p[pi] == '*') ++pi;
    return pi == p.size();
}

std::vector<std::string_view> split_path(std::string_view s) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '/') {
            if (i > start) out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

bool match_segments(const std::vector<std::string_view>& p, size_t pi, const std::vector<std::string_view>& s,
                    size_t si) {
    while (pi < p.size()) {
        if (p[pi] == "**") {
            for (size_t k = si; k <= s.size(); ++k)
                if (match_segments(p, pi + 1, s, k)) return true;
            return false;
        }
        if (si >= s.size() || !segment_match(p[pi], s[si])) return false;
        ++pi;
        ++si;
    }
    return si == s.size();
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    if (pattern.size() >= 2 && pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
    if (path.size() >= 2 && path.substr(0, 2) == "./") path.remove_prefix(2);
    std::vector<std::string_view> s = split_path(path);
    if (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
    if (pattern.find('/') == std::string_view::npos) {
        for (auto seg : s)
            if (segment_match(pattern, seg)) return true;
        return false;
    }
    // A trailing '/' means "everything under this folder".
    std::string p(pattern);
    if (p.back() == '/') p += "**";
    return match_segments(split_path(p), 0, s, 0);
}

} // namespace cassette::config
