#include "lint/lint.hpp"

#include "model/walk.hpp"
#include "recorders/recognize.hpp"
#include "redact/detect.hpp"
#include "util/parallel.hpp"
#include "util/read_file.hpp"
#include "util/suggest.hpp"
#include "yaml/reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

namespace cassette::lint {

Settings make_settings(const config::Config* config, const std::vector<std::string>& select,
                       const std::vector<std::string>& ignore) {
    Settings s;
    s.config = config;
    for (const Rule* r : all_rules()) {
        RuleSetting rs;
        rs.on = r->enabled;
        rs.severity = r->severity;
        if (config) {
            if (auto it = config->lint.rules.find(r->id); it != config->lint.rules.end()) {
                const config::RuleConfig& rc = it->second;
                if (rc.off) rs.on = false;
                else if (rc.level) {
                    rs.on = true;
                    rs.severity = *rc.level;
                }
                rs.options = rc.options;
            }
        }
        // A file that does not parse is reported whatever --select names (no
        // other rule can run on it, and CI must not pass it): as ruff does.
        if (!select.empty())
            rs.on = std::find(select.begin(), select.end(), r->id) != select.end() || std::string_view(r->id) == "syntax";
        if (std::find(ignore.begin(), ignore.end(), r->id) != ignore.end()) rs.on = false;
        if (rs.on && std::string_view(r->id) == "secret") {
            redact::DetectOptions o = redact::from_config(config ? config->redact : config::RedactConfig{});
            s.detector = std::make_shared<const redact::Detector>(o);
        }
        s.rules.push_back(std::move(rs));
    }
    return s;
}

bool rule_on(const Settings& settings, std::string_view id) {
    const auto& rules = all_rules();
    for (size_t k = 0; k < rules.size() && k < settings.rules.size(); ++k)
        if (id == rules[k]->id) return settings.rules[k].on;
    return false;
}

diag::Result<void> validate_config(const config::Config& config) {
    auto at = [&](const Mark& m, const std::string& message) { return config::problem(config.path, m, message); };
    for (const auto& [id, rc] : config.lint.rules) {
        const Rule* rule = find_rule(id);
        if (!rule) return at(rc.where, "unknown rule `" + id + "`" + util::did_you_mean(id, rule_ids()));
        for (const auto& [name, value] : rc.options) {
            const RuleOption* opt = nullptr;
            std::vector<std::string> names;
            for (size_t k = 0; k < rule->option_count; ++k) {
                names.emplace_back(rule->options[k].name);
                if (name == rule->options[k].name) opt = &rule->options[k];
            }
            const Mark m = rc.option_marks.count(name) ? rc.option_marks.at(name) : rc.where;
            if (!opt) {
                std::string msg = "rule `" + id + "` has no option `" + name + "`";
                msg += names.empty() ? std::string(" (it takes only `level`)") : util::did_you_mean(name, names);
                return at(m, msg);
            }
            if (opt->validate)
                if (auto problem = opt->validate(value)) return at(m, "`" + id + "." + name + "`: " + *problem);
        }
    }
    return {};
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

} // namespace

std::vector<Suppression> find_suppressions(std::string_view src) {
    std::vector<Suppression> out;
    static constexpr std::string_view k_marker = "cassette:";
    size_t line = 1, counted_to = 0, line_start = 0;
    for (size_t pos = src.find(k_marker); pos != std::string_view::npos; pos = src.find(k_marker, pos + 1)) {
        // Line bookkeeping only between hits: the scan is a memchr-speed find.
        for (size_t k = counted_to; k < pos; ++k)
            if (src[k] == '\n') {
                ++line;
                line_start = k + 1;
            }
        counted_to = pos;
        // `#`, optional blanks, then the marker; the `#` starts a comment only
        // at the line start or after a blank (YAML).
        size_t h = pos;
        while (h > line_start && is_space(src[h - 1])) --h;
        if (h == line_start || src[h - 1] != '#') continue;
        size_t hash = h - 1;
        if (hash > line_start && !is_space(src[hash - 1])) continue;
        size_t k = pos + k_marker.size();
        while (k < src.size() && is_space(src[k])) ++k;
        if (src.substr(k, 6) != "ignore") continue;
        k += 6;
        Suppression s;
        s.where = Mark{uint32_t(line), uint32_t(hash - line_start + 1), uint32_t(hash)};
        if (k < src.size() && src[k] == '[') {
            size_t close = src.find(']', k);
            size_t eol = src.find('\n', k);
            if (close == std::string_view::npos || (eol != std::string_view::npos && close > eol)) continue;
            size_t j = k + 1;
            while (j < close) {
                while (j < close && (is_space(src[j]) || src[j] == ',')) ++j;
                size_t b = j;
                while (j < close && !is_space(src[j]) && src[j] != ',') ++j;
                if (j > b) {
                    s.rules.emplace_back(src.substr(b, j - b));
                    s.rule_marks.push_back(Mark{uint32_t(line), uint32_t(b - line_start + 1), uint32_t(b)});
                }
            }
            if (s.rules.empty()) continue; // `ignore[]` suppresses nothing: not a suppression
        } else if (k < src.size() && !is_space(src[k]) && src[k] != '\n' && src[k] != '\r') {
            continue; // `ignored`, `ignore-file`: not ours
        }
        // Alone on its line: it is about the next line.
        bool alone = true;
        for (size_t b = line_start; b < hash; ++b) alone = alone && is_space(src[b]);
        s.target_line = uint32_t(alone ? line + 1 : line);
        out.push_back(std::move(s));
    }
    return out;
}

namespace {

// Drop markers that sit inside a quoted or block scalar (a body that
// mentions "# cassette: ignore" is text, not a comment). One walk over the
// model, done only when the file has markers at all.
void drop_markers_in_scalars(const Cassette& c, std::vector<Suppression>& sups) {
    std::vector<bool> inside(sups.size(), false);
    for_each_scalar(const_cast<Cassette&>(c), [&](Scalar& s, const ScalarSite&) {
        if (s.style == ScalarStyle::Plain) return; // a plain scalar ends at " #"
        for (size_t k = 0; k < sups.size(); ++k)
            if (sups[k].where.offset > s.span.begin.offset && sups[k].where.offset < s.span.end.offset) inside[k] = true;
    });
    std::vector<Suppression> kept;
    for (size_t k = 0; k < sups.size(); ++k)
        if (!inside[k]) kept.push_back(std::move(sups[k]));
    sups = std::move(kept);
}

const char* reader_rule(const std::string& r) {
    if (r == "duplicate-key") return "duplicate-key";
    if (r == "type") return "type";
    return "syntax"; // syntax, alias, anything new the reader may add
}

void apply_suppressions(std::vector<Suppression>& sups, std::vector<Diagnostic>& findings, const Settings& settings) {
    if (sups.empty()) return;
    const auto& rules = all_rules();
    std::vector<std::vector<bool>> used(sups.size());
    for (size_t k = 0; k < sups.size(); ++k) used[k].assign(std::max<size_t>(1, sups[k].rules.size()), false);
    std::vector<Diagnostic> kept;
    for (Diagnostic& d : findings) {
        bool dropped = false;
        for (size_t k = 0; k < sups.size() && !dropped; ++k) {
            if (sups[k].target_line != d.where.line) continue;
            if (sups[k].rules.empty()) {
                used[k][0] = dropped = true;
                continue;
            }
            for (size_t j = 0; j < sups[k].rules.size(); ++j)
                if (sups[k].rules[j] == d.rule) used[k][j] = dropped = true;
        }
        if (!dropped) kept.push_back(std::move(d));
    }
    findings = std::move(kept);
    size_t unused_index = 0;
    while (std::string_view(rules[unused_index]->id) != "unused-suppression") ++unused_index;
    const RuleSetting& unused = settings.rules[unused_index];
    if (!unused.on) return;
    auto add = [&](Mark at, std::string msg) {
        Diagnostic d;
        d.rule = "unused-suppression";
        d.severity = unused.severity;
        d.where = at;
        d.message = std::move(msg);
        findings.push_back(std::move(d));
    };
    for (size_t k = 0; k < sups.size(); ++k) {
        const Suppression& s = sups[k];
        if (s.rules.empty()) {
            if (!used[k][0]) add(s.where, "`# cassette: ignore` suppresses nothing on line " + std::to_string(s.target_line));
            continue;
        }
        for (size_t j = 0; j < s.rules.size(); ++j) {
            const Rule* r = find_rule(s.rules[j]);
            if (!r) {
                add(s.rule_marks[j], "unknown rule `" + s.rules[j] + "` in a suppression comment" +
                                         util::did_you_mean(s.rules[j], rule_ids()));
                continue;
            }
            size_t idx = size_t(std::find(rules.begin(), rules.end(), r) - rules.begin());
            // A rule that did not run cannot have been needed or not.
            if (!used[k][j] && settings.rules[idx].on)
                add(s.rule_marks[j], "suppression of `" + s.rules[j] + "` is unused: no such finding on line " +
                                         std::to_string(s.target_line));
        }
    }
}

} // namespace

namespace {

size_t rule_index(std::string_view id) {
    const auto& rules = all_rules();
    size_t k = 0;
    while (k < rules.size() && std::string_view(rules[k]->id) != id) ++k;
    return k;
}

// Another recorder's cassette: one note saying so, and the secret search by
// shape over all of its strings (none of go-vcr's rules apply).
void lint_other(const recorders::Verdict& v, std::string_view source, const Settings& settings,
                std::vector<Diagnostic>& findings) {
    const RuleSetting& note = settings.rules[rule_index("other-recorder")];
    if (note.on) {
        Diagnostic d;
        d.rule = "other-recorder";
        d.severity = note.severity;
        d.where = v.where;
        d.message = recorders::describe(v) + ": only the secret search applies";
        findings.push_back(std::move(d));
    }
    const RuleSetting& secret = settings.rules[rule_index("secret")];
    if (!secret.on || !settings.detector) return;
    std::optional<recorders::Tree> tree = recorders::parse_tree(source);
    if (!tree) return;
    const redact::DetectOptions options =
        settings.config ? redact::from_config(settings.config->redact) : redact::DetectOptions{};
    for (const recorders::Found& f : recorders::find_secrets(*tree, *settings.detector, options)) {
        Diagnostic d;
        d.rule = "secret";
        d.severity = secret.severity;
        d.where = f.where;
        d.message = f.kind + " in " + f.location + " (" + f.masked + ")" +
                    (v.hint.empty() ? std::string() : "; " + v.hint + " (cassette redact writes go-vcr cassettes only)");
        findings.push_back(std::move(d));
    }
}

} // namespace

FileResult lint_source(SourceText source, const std::string& path, const Settings& settings, bool found_below) {
    (void)found_below; // no longer changes anything: YAML that is no cassette is skipped when named too
    FileResult result;
    result.path = path;
    if (source.size() > kMaxSourceBytes) {
        result.io_error = "too big: cassette reads files of up to 4 GiB";
        return result;
    }
    std::vector<Suppression> sups = find_suppressions(source);
    // A mapped file leaves memory until the reader faults it in again (it
    // drops it again as it goes): the file and the model are not in memory
    // whole at the same time.
    source.release(0, source.size());
    // A root list (nock, PHP-VCR) leaves the reader no model: its bytes are
    // kept for the recogniser.
    std::optional<SourceText> list_source;
    if (recorders::starts_with_list_or_tag(source)) list_source = source;
    yaml::ReadOptions ro;
    ro.keep_going = true;
    ro.threads = settings.threads;
    yaml::ReadResult read = yaml::read_cassette(std::move(source), path, ro);
    // The reader's findings under lint's rule ids.
    std::vector<Diagnostic> reader;
    for (Diagnostic d : read.diagnostics) {
        if (d.rule == "io") {
            result.io_error = d.message;
            return result;
        }
        d.rule = reader_rule(d.rule);
        if (d.where.line == 0) d.where = Mark{1, 1, 0};
        reader.push_back(std::move(d));
    }
    if (list_source || (read.cassette && (!read.ok() || recorders::worth_a_look(&*read.cassette)))) {
        const std::string_view text = read.cassette ? read.cassette->source.view() : list_source->view();
        const recorders::Verdict v =
            recorders::recognize(read.cassette ? &*read.cassette : nullptr, read.ok() && read.cassette, text);
        // Named or found: pre-commit names every file its pattern matches.
        if (v.kind == recorders::Verdict::Kind::NotCassette) {
            result.skipped = recorders::describe(v);
            return result;
        }
        if (v.kind == recorders::Verdict::Kind::Other) {
            lint_other(v, text, settings, result.findings);
            apply_suppressions(sups, result.findings, settings);
            std::stable_sort(result.findings.begin(), result.findings.end(),
                             [](const Diagnostic& a, const Diagnostic& b) { return a.where.line < b.where.line; });
            if (settings.identify) result.identities = settings.identify(nullptr, result.findings);
            return result;
        }
    }
    const auto& rules = all_rules();
    static const Cassette k_empty;
    const Cassette& c = read.cassette ? *read.cassette : k_empty;
    // Without a model (a syntax error stops the reader) only the reader's
    // rules have anything to say; model rules would report the void.
    // Each rule reports into its own list; the lists are joined in rule
    // order. On a big file the secret rule (the slow one; it uses threads
    // of its own) runs beside the others: rules only read the model.
    std::vector<std::vector<Diagnostic>> found(rules.size());
    auto run_rule = [&](size_t k) {
        const RuleSetting& rs = settings.rules[k];
        if (!rs.on || (!read.cassette && !rules[k]->from_reader)) return;
        Context ctx(c, reader, rs.options, settings.config, rules[k]->id, rs.severity, found[k]);
        ctx.detector = settings.detector.get();
        ctx.threads = settings.threads;
        rules[k]->check(ctx);
    };
    size_t beside = rules.size();
    if (settings.threads.split(c.source.size(), util::split_at::kLintRulesBytes) > 1)
        for (size_t k = 0; k < rules.size(); ++k)
            if (std::string_view(rules[k]->id) == "secret") beside = k;
    settings.threads.run(beside < rules.size() ? 2 : 1, [&](size_t part) {
        if (part == 1) return run_rule(beside);
        for (size_t k = 0; k < rules.size(); ++k)
            if (k != beside) run_rule(k);
    });
    size_t count = 0;
    for (const auto& f : found) count += f.size();
    result.findings.reserve(count);
    for (auto& f : found) {
        for (auto& d : f) result.findings.push_back(std::move(d));
        std::vector<Diagnostic>().swap(f);
    }
    if (read.cassette && !sups.empty()) drop_markers_in_scalars(c, sups);
    apply_suppressions(sups, result.findings, settings);
    std::stable_sort(result.findings.begin(), result.findings.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.where.line != b.where.line) return a.where.line < b.where.line;
        if (a.where.column != b.where.column) return a.where.column < b.where.column;
        return a.rule < b.rule;
    });
    if (settings.identify) result.identities = settings.identify(read.cassette ? &c : nullptr, result.findings);
    return result;
}

FileResult lint_file(const std::string& path, const Settings& settings, bool found_below) {
    if (auto mapped = yaml::map_source(path)) return lint_source(std::move(*mapped), path, settings, found_below);
    std::string data;
    if (std::optional<int> err = util::read_whole_file(path, data)) {
        FileResult result;
        result.path = path;
        result.io_error = *err == EISDIR ? std::string("is a directory") : std::string("cannot read: ") + std::strerror(*err);
        return result;
    }
    return lint_source(std::move(data), path, settings, found_below);
}

} // namespace cassette::lint
