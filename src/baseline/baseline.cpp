#include "baseline/baseline.hpp"

#include "json/text.hpp"
#include "model/schema.hpp"
#include "redact/detect.hpp"
#include "redact/names.hpp"
#include "redact/redact.hpp"
#include "util/http.hpp"
#include "util/read_file.hpp"
#include "util/sha256.hpp"
#include "util/hex.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>

namespace cassette::baseline {

namespace {

namespace fs = std::filesystem;

constexpr char kSep = '\x1f'; // between the parts of an identity text

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Query parameter names (normalised as redact::normalize_name does) whose
// values change from one recording to the next without changing the request.
bool volatile_name(std::string_view raw) {
    if (raw == "_") return true; // jQuery's cache buster
    static const std::set<std::string, std::less<>> names = {
        // time
        "t", "ts", "timestamp", "time", "date", "now", "expires", "expiry", "exp", "xamzdate", "xamzexpires",
        "xgoogdate", "xgoogexpires", "oauthtimestamp",
        // once-only values and cache busters
        "nonce", "cnonce", "oauthnonce", "state", "cb", "cachebuster", "rnd", "rand", "random", "requestid",
        "traceid", "correlationid",
        // signatures and temporary credentials
        "sig", "signature", "xamzsignature", "xamzcredential", "xamzsecuritytoken", "xgoogsignature",
        "xgoogcredential", "oauthsignature",
        // paging tokens and cursors
        "pagetoken", "nextpagetoken", "cursor", "nextcursor", "continuation", "continuationtoken", "nexttoken",
        "after", "before", "startingafter", "endingbefore", "marker", "nextmarker"};
    return names.count(redact::normalize_name(raw)) > 0;
}

// 2026-12-04, 2026-12-04T20:20:08Z, ...
bool looks_like_date(std::string_view v) {
    if (v.size() < 10) return false;
    for (size_t k : {0, 1, 2, 3, 5, 6, 8, 9})
        if (v[k] < '0' || v[k] > '9') return false;
    return (v[4] == '-' && v[7] == '-') || (v[4] == '/' && v[7] == '/');
}

bool volatile_value(std::string_view v) {
    return (all_digits(v) && (v.size() == 10 || v.size() == 13)) || looks_like_date(v);
}

std::string hash(const std::string& salt, std::string_view text) {
    return util::sha256_hex(salt + '\n' + std::string(text)).substr(0, 16);
}

// A message with its digit runs replaced by '#' (line numbers, sizes).
std::string without_numbers(std::string_view message) {
    std::string out;
    for (size_t k = 0; k < message.size(); ++k) {
        if (message[k] >= '0' && message[k] <= '9') {
            out += '#';
            while (k + 1 < message.size() && message[k + 1] >= '0' && message[k + 1] <= '9') ++k;
        } else {
            out += message[k];
        }
    }
    return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t k = 0; k <= s.size(); ++k)
        if (k == s.size() || s[k] == sep) {
            out.emplace_back(s.substr(start, k - start));
            start = k + 1;
        }
    return out;
}

// ------------------------------------------------------------ field paths

struct Best {
    uint32_t offset;
    size_t size = SIZE_MAX;
    std::string path;
    void consider(const Span& span, const std::string& p) {
        if (span.end.offset <= span.begin.offset && span.begin.offset != offset) return;
        const bool inside =
            offset == span.begin.offset || (offset > span.begin.offset && offset < span.end.offset);
        if (!inside) return;
        const size_t n = span.end.offset >= span.begin.offset ? span.end.offset - span.begin.offset : 0;
        if (n < size || (n == size && p.size() > path.size())) {
            size = n;
            path = p;
        }
    }
    void field(const Field& f, const std::string& p) {
        if (!f.present) return;
        consider(f.key, p);
        consider(f.value.span, p);
    }
    void headers(const HeaderMap& m, const std::string& p, bool canonical) {
        if (!m.present) return;
        consider(m.key, p);
        consider(m.span, p);
        for (const HeaderEntry& e : m.entries) {
            const std::string name = p + "." + (canonical ? http::canonical_header_key(e.name.value) : e.name.value);
            consider(e.name.span, name);
            consider(e.values_span, name);
            for (size_t j = 0; j < e.values.size(); ++j) consider(e.values[j].span, name + "[" + std::to_string(j) + "]");
        }
    }
    void list(const StringList& l, const std::string& p) {
        if (!l.present) return;
        consider(l.key, p);
        consider(l.span, p);
        for (size_t j = 0; j < l.items.size(); ++j) consider(l.items[j].span, p + "[" + std::to_string(j) + "]");
    }
    void extra(const std::vector<NodeEntry>& entries, const std::string& prefix) {
        for (const NodeEntry& e : entries) {
            consider(e.key.span, prefix + e.key.value);
            consider(e.value.span, prefix + e.key.value);
        }
    }
};

// Every field of `s` that go-vcr knows (model/schema.hpp), then the keys it
// does not know. Header and trailer names are shown in Go's canonical form;
// form keys (url.Values) as written.
template <class S> void fields_of(Best& b, const S& s, const std::string& prefix) {
    schema::visit<S>(
        [&](const schema::Row<S>& r, const auto& m) {
            using M = std::remove_cvref_t<decltype(m)>;
            const std::string path = prefix + std::string(r.key);
            if constexpr (std::is_same_v<M, Field>) b.field(m, path);
            else if constexpr (std::is_same_v<M, HeaderMap>) b.headers(m, path, r.go_type != "url.Values");
            else if constexpr (std::is_same_v<M, StringList>) b.list(m, path);
        },
        s);
    b.extra(s.extra, prefix);
}

std::optional<size_t> interaction_at(const Cassette& c, uint32_t offset) {
    auto it = std::upper_bound(c.interactions.begin(), c.interactions.end(), offset,
                               [](uint32_t off, const Interaction& i) { return off < i.span.begin.offset; });
    if (it == c.interactions.begin()) return std::nullopt;
    --it;
    if (offset >= it->span.end.offset && it->span.end.offset > it->span.begin.offset) return std::nullopt;
    return size_t(it - c.interactions.begin());
}

} // namespace

Requests requests_of(const Cassette& c) {
    Requests r;
    std::map<std::string, size_t> seen;
    for (const Interaction& i : c.interactions) {
        std::string id(i.request.method.str());
        id += ' ';
        id += normalize_url(i.request.url.str());
        r.repeat.push_back(seen[id]++);
        r.identity.push_back(std::move(id));
        r.display.push_back(request_display(i.request.method.str(), i.request.url.str()));
    }
    return r;
}

namespace {

std::string identity_text(const Requests* req, std::optional<size_t> interaction, const std::string& path,
                          const std::string& digest, const std::string& message) {
    std::string out;
    if (req && interaction && *interaction < req->identity.size()) {
        out += req->identity[*interaction];
        out += kSep;
        out += std::to_string(req->repeat[*interaction]);
        out += kSep;
        out += req->display[*interaction];
    } else {
        out += kSep;
        out += kSep;
    }
    out += kSep;
    out += path;
    out += kSep;
    out += path.empty() ? without_numbers(message) : std::string();
    out += kSep;
    out += digest;
    return out;
}

} // namespace

// ------------------------------------------------------------------ URLs

std::string normalize_url(std::string_view url) {
    std::optional<http::UrlParts> u = http::parse_url(url);
    if (!u || u->opaque) return std::string(url);
    std::string out = lower(u->scheme);
    if (u->absolute) out += ':';
    if (u->has_authority) {
        out += "//";
        out += lower(u->host);
        const bool default_port = (u->port == "80" && out.rfind("http:", 0) == 0) ||
                                  (u->port == "443" && out.rfind("https:", 0) == 0);
        if (u->has_port && !u->port.empty() && !default_port) {
            out += ':';
            out += u->port;
        }
    }
    out += u->path;
    if (u->has_query) {
        const redact::NameRules names;
        std::vector<std::pair<std::string, std::string>> params;
        for (const http::QueryParam& p : http::parse_query(u->query)) {
            std::string v = p.value;
            if (volatile_name(p.name) || volatile_value(v) || names.param(p.name) != redact::NameClass::None) v = "*";
            params.emplace_back(p.name, std::move(v));
        }
        std::sort(params.begin(), params.end());
        for (size_t k = 0; k < params.size(); ++k) {
            out += k ? '&' : '?';
            out += http::query_escape(params[k].first);
            out += '=';
            out += params[k].second == "*" ? std::string("*") : http::query_escape(params[k].second);
        }
    }
    return out;
}

std::string request_display(std::string_view method, std::string_view url) {
    std::string out(method);
    out += ' ';
    std::optional<http::UrlParts> u = http::parse_url(url);
    if (!u || u->opaque) return out + "?";
    out += lower(u->host_port);
    // Each path segment, unless it looks like a credential or an opaque id.
    std::string_view path = u->path;
    size_t start = 0;
    while (start < path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        std::string_view seg = path.substr(start, end - start);
        const bool opaque = seg.size() >= 20 || redact::looks_like_credential(seg);
        out += opaque ? std::string_view("*") : seg;
        if (end < path.size()) out += '/';
        start = end + 1;
    }
    if (u->has_query) {
        std::set<std::string> seen;
        std::string q;
        for (const http::QueryParam& p : http::parse_query(u->query))
            if (seen.insert(p.name).second) {
                q += q.empty() ? '?' : '&';
                q += redact::looks_like_credential(p.name) ? std::string("*") : http::query_escape(p.name);
            }
        out += q;
    }
    return out;
}

// ----------------------------------------------------------- field paths

std::string field_path(const Cassette& c, std::optional<size_t> interaction, uint32_t offset) {
    Best b{offset};
    if (!interaction || *interaction >= c.interactions.size()) {
        fields_of(b, c, "");
        return b.path;
    }
    const Interaction& i = c.interactions[*interaction];
    fields_of(b, i, "");
    if (i.request.present) {
        b.consider(i.request.key, "request");
        fields_of(b, i.request, "request.");
    }
    if (i.response.present) {
        b.consider(i.response.key, "response");
        fields_of(b, i.response, "response.");
    }
    return b.path;
}

std::vector<std::string> identify(const Cassette* c, const std::vector<Diagnostic>& findings) {
    std::vector<std::string> out;
    out.reserve(findings.size());
    std::optional<Requests> req;
    if (c) req = requests_of(*c);
    for (const Diagnostic& d : findings) {
        std::optional<size_t> interaction = d.interaction;
        std::string path = d.field;
        if (path == "trailing-document") interaction.reset(); // as identify_secret
        if (c) {
            if (!interaction && d.where.line > 0) interaction = interaction_at(*c, d.where.offset);
            if (path.empty() && d.where.line > 0 && !(d.where.line == 1 && d.where.column == 1 && d.where.offset == 0))
                path = field_path(*c, interaction, d.where.offset);
        }
        // A secret found without its value (another recorder's file): keyed
        // by a hash of its message (which shows it masked), never the text.
        if (d.rule == "secret" && d.value_digest.empty())
            out.push_back(identity_text(req ? &*req : nullptr, interaction, path.empty() ? "-" : path,
                                        util::sha256_hex(without_numbers(d.message)), ""));
        else
            out.push_back(identity_text(req ? &*req : nullptr, interaction, path, d.value_digest, d.message));
    }
    return out;
}

std::string identify_secret(const Requests& req, const redact::Secret& s) {
    std::optional<size_t> interaction;
    if (s.location != "trailing-document") interaction = s.interaction;
    return identity_text(&req, interaction, s.location, util::sha256_hex(s.value), "");
}

// ------------------------------------------------------------- entries

std::string Entry::key() const {
    std::string k = file;
    for (const std::string* part : {&rule, &id, &path, &what, &value}) {
        k += kSep;
        k += *part;
    }
    k += kSep;
    k += std::to_string(n);
    return k;
}

Baseline Baseline::create() {
    std::random_device rd;
    Baseline b;
    for (int k = 0; k < 8; ++k) util::append_hex(b.salt, uint32_t(rd()) & 0xFFFF, 4, util::HexCase::Lower);
    return b;
}

Entry Baseline::entry(const std::string& file, const std::string& rule, const std::string& identity) const {
    // request identity, repeat, display, path, what, digest
    std::vector<std::string> parts = split(identity, kSep);
    parts.resize(6);
    Entry e;
    e.file = file;
    e.rule = rule;
    if (!parts[0].empty()) {
        e.id = hash(salt, parts[0]);
        e.n = size_t(std::strtoull(parts[1].c_str(), nullptr, 10));
        e.request = parts[2];
    }
    e.path = parts[3];
    e.what = parts[4];
    if (!parts[5].empty()) e.value = hash(salt, parts[5]);
    return e;
}

void Baseline::add(Entry e) {
    const std::string k = e.key();
    if (auto it = m_index.find(k); it != m_index.end()) {
        m_entries[it->second].count += e.count;
        m_remaining[k] += e.count;
        return;
    }
    m_index.emplace(k, m_entries.size());
    m_remaining[k] += e.count;
    m_entries.push_back(std::move(e));
}

bool Baseline::take(const Entry& e) {
    auto it = m_remaining.find(e.key());
    if (it == m_remaining.end() || it->second == 0) return false;
    --it->second;
    return true;
}

std::vector<Entry> Baseline::unused() const {
    std::vector<Entry> out;
    for (const Entry& e : m_entries) {
        auto it = m_remaining.find(e.key());
        if (it != m_remaining.end() && it->second > 0) {
            Entry left = e;
            left.count = it->second;
            out.push_back(std::move(left));
        }
    }
    return out;
}

namespace {

nlohmann::ordered_json entry_json(const Entry& e) {
    nlohmann::ordered_json j;
    j["file"] = e.file;
    j["rule"] = e.rule;
    if (!e.id.empty()) {
        j["request"] = e.request;
        j["n"] = e.n;
    }
    if (!e.path.empty()) j["path"] = e.path;
    if (!e.what.empty()) j["what"] = e.what;
    if (!e.value.empty()) j["value"] = e.value;
    if (!e.id.empty()) j["id"] = e.id;
    if (e.count != 1) j["count"] = e.count;
    return j;
}

bool entry_less(const Entry& a, const Entry& b) {
    return std::tie(a.file, a.request, a.n, a.path, a.rule, a.what, a.value, a.id) <
           std::tie(b.file, b.request, b.n, b.path, b.rule, b.what, b.value, b.id);
}

} // namespace

std::string Baseline::text() const {
    std::vector<Entry> sorted = m_entries;
    std::sort(sorted.begin(), sorted.end(), entry_less);
    std::string out = "{\n  \"cassette_baseline\": 1,\n  \"salt\": " + json::to_text(nlohmann::json(salt)) +
                      ",\n  \"entries\": [";
    for (size_t k = 0; k < sorted.size(); ++k) {
        out += k ? ",\n    " : "\n    ";
        out += json::to_text(entry_json(sorted[k]));
    }
    out += sorted.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

diag::Result<Baseline> Baseline::load(const std::string& path) {
    auto fail = [&](const std::string& message) { return diag::error(path, Mark{}, "baseline", message); };
    std::string text;
    if (std::optional<int> err = util::read_whole_file(path, text))
        return fail(*err == ENOENT ? std::string("no such file (write it with 'cassette lint --write-baseline ") + path + " PATH...')"
                                   : std::string("cannot read: ") + std::strerror(*err));
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return fail("not a baseline: not a JSON object");
    if (!doc.contains("cassette_baseline") || doc["cassette_baseline"] != 1)
        return fail("not a cassette baseline of version 1 (`cassette_baseline: 1` missing)");
    if (!doc.contains("salt") || !doc["salt"].is_string() || doc["salt"].get<std::string>().empty())
        return fail("`salt` must be a non-empty string");
    if (!doc.contains("entries") || !doc["entries"].is_array()) return fail("`entries` must be a list");
    Baseline b;
    b.salt = doc["salt"].get<std::string>();
    size_t index = 0;
    for (const auto& j : doc["entries"]) {
        const std::string where = "entry " + std::to_string(index++) + ": ";
        if (!j.is_object()) return fail(where + "not an object");
        Entry e;
        for (const auto& [k, v] : j.items()) {
            std::string* s = k == "file"      ? &e.file
                             : k == "rule"    ? &e.rule
                             : k == "request" ? &e.request
                             : k == "path"    ? &e.path
                             : k == "what"    ? &e.what
                             : k == "value"   ? &e.value
                             : k == "id"      ? &e.id
                                              : nullptr;
            if (s) {
                if (!v.is_string()) return fail(where + "`" + k + "` must be a string");
                *s = v.get<std::string>();
            } else if (k == "n" || k == "count") {
                if (!v.is_number_unsigned()) return fail(where + "`" + k + "` must be a number");
                (k == "n" ? e.n : e.count) = v.get<size_t>();
            } else {
                return fail(where + "unknown key `" + k + "`");
            }
        }
        if (e.file.empty() || e.rule.empty()) return fail(where + "`file` and `rule` are required");
        if (e.count == 0) return fail(where + "`count` must be at least 1");
        b.add(std::move(e));
    }
    return b;
}

std::string file_key(const std::string& baseline_path, const std::string& file) {
    if (file == "-" || file == "<stdin>") return "<stdin>";
    std::error_code ec;
    fs::path base = fs::absolute(baseline_path, ec).lexically_normal().parent_path();
    fs::path rel = fs::absolute(file, ec).lexically_normal().lexically_relative(base);
    if (rel.empty()) return fs::path(file).lexically_normal().generic_string();
    return rel.generic_string();
}

std::string describe_unused(const Entry& e) {
    std::string where = e.path.empty() ? (e.what.empty() ? std::string() : " (" + e.what + ")") : " at " + e.path;
    if (!e.id.empty()) where += " of " + e.request + (e.n ? " (repeat " + std::to_string(e.n) + ")" : "");
    return "baseline entry for `" + e.rule + "`" + where + " matches nothing" +
           (e.count > 1 ? " (" + std::to_string(e.count) + " times)" : "") +
           "; --write-baseline drops it";
}

size_t apply(Baseline& b, const std::string& baseline_path, std::vector<lint::FileResult>& results, const RanFn& ran) {
    size_t dropped = 0;
    std::map<std::string, size_t> linted; // file key -> result index
    for (size_t k = 0; k < results.size(); ++k) {
        lint::FileResult& r = results[k];
        if (r.io_error || r.skipped) continue;
        const std::string file = file_key(baseline_path, r.path);
        linted.emplace(file, k);
        std::vector<Diagnostic> kept;
        for (size_t j = 0; j < r.findings.size(); ++j) {
            if (j < r.identities.size() && b.take(b.entry(file, r.findings[j].rule, r.identities[j]))) {
                ++dropped;
                continue;
            }
            kept.push_back(std::move(r.findings[j]));
        }
        r.findings = std::move(kept);
        r.identities.clear();
    }
    // The notes come first in their file: findings stay sorted by position.
    std::map<size_t, std::vector<Diagnostic>> notes;
    for (const Entry& e : b.unused()) {
        auto it = linted.find(e.file);
        if (it == linted.end() || !ran(it->second, e.rule)) continue;
        Diagnostic d;
        d.rule = k_unused_rule;
        d.severity = Severity::Note;
        d.where = Mark{1, 1, 0};
        d.message = describe_unused(e);
        notes[it->second].push_back(std::move(d));
    }
    for (auto& [k, list] : notes) {
        auto& f = results[k].findings;
        f.insert(f.begin(), std::make_move_iterator(list.begin()), std::make_move_iterator(list.end()));
    }
    return dropped;
}

Baseline record(const std::optional<Baseline>& old, const std::string& baseline_path,
                const std::vector<lint::FileResult>& results, const RanFn& ran) {
    Baseline b = old ? Baseline{} : Baseline::create();
    if (old) b.salt = old->salt;
    std::map<std::string, size_t> linted;
    for (size_t k = 0; k < results.size(); ++k) {
        const lint::FileResult& r = results[k];
        if (r.io_error) continue;
        const std::string file = file_key(baseline_path, r.path);
        linted.emplace(file, k);
        for (size_t j = 0; j < r.findings.size() && j < r.identities.size(); ++j)
            b.add(b.entry(file, r.findings[j].rule, r.identities[j]));
    }
    if (old) {
        const fs::path base = fs::absolute(baseline_path).lexically_normal().parent_path();
        for (const Entry& e : old->entries()) {
            auto it = linted.find(e.file);
            std::error_code ec;
            const bool keep = it == linted.end() ? fs::exists(base / e.file, ec) : !ran(it->second, e.rule);
            if (keep) b.add(e);
        }
    }
    return b;
}

size_t filter_redactions(Baseline& b, const std::string& baseline_path, const std::string& file,
                         const Requests& requests, std::vector<redact::Redaction>& redactions,
                         std::vector<std::string>& stale) {
    const std::string key = file_key(baseline_path, file);
    const size_t before = redactions.size();
    std::erase_if(redactions, [&](const redact::Redaction& r) {
        return b.take(b.entry(key, "secret", identify_secret(requests, r.secret)));
    });
    for (const Entry& e : b.unused())
        if (e.file == key && e.rule == "secret") stale.push_back(describe_unused(e));
    return before - redactions.size();
}

std::string describe_written(const std::string& path, const std::optional<Baseline>& old, const Baseline& now) {
    size_t findings = 0, stale = 0;
    std::set<std::string> kept;
    for (const Entry& e : now.entries()) {
        findings += e.count;
        kept.insert(e.key());
    }
    if (old)
        for (const Entry& e : old->entries()) stale += !kept.count(e.key());
    const size_t n = now.entries().size();
    return "wrote " + path + ": " + std::to_string(n) + (n == 1 ? " entry" : " entries") + " for " +
           std::to_string(findings) + (findings == 1 ? " finding" : " findings") +
           (stale ? ", " + std::to_string(stale) + " stale dropped" : std::string());
}

std::string path_to_use(const std::string& flag, const config::Config* config) {
    if (!flag.empty() || !config || config->baseline.empty()) return flag;
    return (fs::path(config->path).parent_path() / config->baseline).lexically_normal().string();
}

} // namespace cassette::baseline
