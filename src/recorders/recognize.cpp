#include "recorders/recognize.hpp"

#include "redact/detect.hpp"
#include "redact/patterns.hpp"
#include "util/strings.hpp"

#include <yaml.h>

#include <algorithm>

namespace cassette::recorders {

const Tree* Tree::get(std::string_view key) const {
    if (kind != Kind::Mapping) return nullptr;
    for (const auto& [k, v] : entries)
        if (k.kind == Kind::Scalar && k.value == key) return &v;
    return nullptr;
}

namespace {

// libyaml counts characters (a BOM not at all); the tree wants byte offsets
// too. Marks only move forward, so one cursor converts them all.
class Offsets {
public:
    explicit Offsets(std::string_view text) : m_text(text) {
        if (text.substr(0, 3) == "\xEF\xBB\xBF") m_byte = 3;
    }
    Mark operator()(const yaml_mark_t& m) {
        while (m_chars < m.index && m_byte < m_text.size()) {
            ++m_byte;
            while (m_byte < m_text.size() && (static_cast<unsigned char>(m_text[m_byte]) & 0xC0) == 0x80) ++m_byte;
            ++m_chars;
        }
        return Mark{uint32_t(m.line + 1), uint32_t(m.column + 1), uint32_t(m_byte)};
    }

private:
    std::string_view m_text;
    size_t m_byte = 0, m_chars = 0;
};

struct Parser {
    yaml_parser_t p;
    explicit Parser(std::string_view text) {
        yaml_parser_initialize(&p);
        yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    }
    ~Parser() { yaml_parser_delete(&p); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
};

struct Event {
    yaml_event_t e;
    bool live = false;
    ~Event() {
        if (live) yaml_event_delete(&e);
    }
};

constexpr int kMaxDepth = 200;

// One node from the event after `first`; false on an error.
bool read_node(Parser& ps, const yaml_event_t& first, Offsets& at, Tree& out, int depth) {
    if (depth > kMaxDepth) return false;
    out.at = at(first.start_mark);
    auto tag_of = [](const yaml_char_t* t) { return t ? std::string(reinterpret_cast<const char*>(t)) : std::string(); };
    switch (first.type) {
    case YAML_SCALAR_EVENT:
        out.kind = Tree::Kind::Scalar;
        out.value.assign(reinterpret_cast<const char*>(first.data.scalar.value), first.data.scalar.length);
        out.tag = tag_of(first.data.scalar.tag);
        out.quoted = first.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
        return true;
    case YAML_ALIAS_EVENT: out.kind = Tree::Kind::Alias; return true;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        const bool map = first.type == YAML_MAPPING_START_EVENT;
        out.kind = map ? Tree::Kind::Mapping : Tree::Kind::Sequence;
        out.tag = tag_of(map ? first.data.mapping_start.tag : first.data.sequence_start.tag);
        for (;;) {
            Event ev;
            if (!yaml_parser_parse(&ps.p, &ev.e)) return false;
            ev.live = true;
            if (ev.e.type == YAML_SEQUENCE_END_EVENT || ev.e.type == YAML_MAPPING_END_EVENT) return true;
            if (!map) {
                out.items.emplace_back();
                if (!read_node(ps, ev.e, at, out.items.back(), depth + 1)) return false;
                continue;
            }
            out.entries.emplace_back();
            if (!read_node(ps, ev.e, at, out.entries.back().first, depth + 1)) return false;
            Event val;
            if (!yaml_parser_parse(&ps.p, &val.e)) return false;
            val.live = true;
            if (!read_node(ps, val.e, at, out.entries.back().second, depth + 1)) return false;
        }
    }
    default: return false;
    }
}

std::string str(const Tree* t) { return t && t->is_scalar() ? t->value : std::string(); }
bool has(const Tree* t, std::string_view key) { return t && t->get(key); }
const Tree* first_item(const Tree* t) { return t && t->is_seq() && !t->items.empty() ? &t->items.front() : nullptr; }

std::string keys(std::initializer_list<std::string_view> ks) {
    std::vector<std::string> out;
    for (auto k : ks) out.push_back("`" + std::string(k) + "`");
    return util::join(out, ", ");
}

Verdict other(std::string recorder, std::string evidence, std::string hint, const Tree& at) {
    Verdict v;
    v.kind = Verdict::Kind::Other;
    v.recorder = std::move(recorder);
    v.evidence = std::move(evidence);
    v.hint = std::move(hint);
    v.where = at.at;
    return v;
}

// A root list of request/response pairs: whose?
std::optional<Verdict> classify_list(const Tree& root) {
    const Tree* item = first_item(&root);
    if (!item || !item->is_map()) return std::nullopt;
    if (has(item, "scope") && (has(item, "method") || has(item, "path")))
        return other("nock", keys({"scope", "method", "path"}) + " in a list",
                     "nock.back's `afterRecord` or `before` hooks remove it", *item);
    const Tree* req = item->get("request");
    const Tree* resp = item->get("response");
    if (!req || !resp) {
        req = item->get("Request");
        resp = item->get("Response");
        if (req && resp)
            return other("HTTP recorder (a list of `Request`/`Response` pairs: govcr, EasyVCR or similar)",
                         keys({"Request", "Response"}), "", *item);
        return std::nullopt;
    }
    if (item->tag.find("VCR::HTTPInteraction") != std::string::npos)
        return other("Ruby VCR 1.x", "`" + item->tag + "` items", "VCR's `filter_sensitive_data` replaces it", *item);
    const Tree* status = resp->get("status");
    if ((status && status->is_map() && has(status, "http_version")) || (has(req, "url") && status && status->is_map()))
        return other("PHP-VCR", keys({"request.url", "response.status.http_version"}),
                     "PHP-VCR's request matchers and a `vcr.before_record` hook remove it", *item);
    if (has(req, "host") && has(req, "path") && (has(req, "protocol") || has(req, "port")))
        return other("vcrpy (before 1.0)", keys({"request.host", "request.path", "request.protocol"}),
                     "vcrpy's `filter_headers` and `before_record_request` remove it", *item);
    if (has(resp, "status_code"))
        return other("ExVCR (Elixir)", keys({"request", "response.status_code"}),
                     "ExVCR's `filter_sensitive_data` replaces it", *item);
    return other("HTTP recorder (a list of `request`/`response` pairs)", keys({"request", "response"}), "", *item);
}

// What a YAML mapping with no cassette keys probably is, for the note.
std::string guess_plain(const Tree& root) {
    if (has(&root, "jobs") && (has(&root, "on") || has(&root, "true"))) return "a GitHub Actions workflow";
    if (has(&root, "repos")) return "a pre-commit configuration";
    if (has(&root, "services") && !has(&root, "interactions")) return "a Compose file";
    if (has(&root, "apiVersion") && has(&root, "kind")) return "a Kubernetes manifest";
    if (has(&root, "openapi") || has(&root, "swagger")) return "an OpenAPI document";
    if (has(&root, "stages") || has(&root, "before_script")) return "a CI configuration";
    if (has(&root, "updates") && has(&root, "version")) return "a Dependabot configuration";
    return "";
}

Verdict not_cassette(std::string what, std::string evidence) {
    Verdict v;
    v.kind = Verdict::Kind::NotCassette;
    v.recorder = std::move(what);
    v.evidence = std::move(evidence);
    return v;
}

} // namespace

std::optional<Tree> parse_tree(std::string_view text) {
    Parser ps(text);
    Offsets at(text);
    for (;;) {
        Event ev;
        if (!yaml_parser_parse(&ps.p, &ev.e)) return std::nullopt;
        ev.live = true;
        switch (ev.e.type) {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT: continue;
        case YAML_STREAM_END_EVENT: return std::nullopt; // no document
        default: {
            Tree t;
            if (!read_node(ps, ev.e, at, t, 0)) return std::nullopt;
            return t;
        }
        }
    }
}

Verdict classify(const Tree& root) {
    if (root.is_seq()) {
        if (auto v = classify_list(root)) return *v;
        Verdict v = not_cassette(root.items.empty() ? "an empty list, as nock writes for a recording without requests"
                                                    : "a list",
                                 "");
        return v;
    }
    if (!root.is_map()) return Verdict{};
    // Ruby VCR, R's vcr, betamax and the Rust and Java ports of VCR's format.
    if (const Tree* with = root.get("recorded_with"); with || has(&root, "http_interactions")) {
        const std::string by = str(with);
        std::string evidence = "`http_interactions`" + (by.empty() ? std::string() : " and `recorded_with: " + by + "`");
        if (util::starts_with_ci(by, "betamax"))
            return other("betamax", evidence, "betamax's `define_cassette_placeholder` replaces it", root);
        if (by.rfind("vcr/", 0) == 0)
            return other("R vcr", evidence, "vcr's `filter_sensitive_data` replaces it", root);
        return other("Ruby VCR", evidence, "VCR's `filter_sensitive_data` replaces it", root);
    }
    // Polly.js: a HAR with its own creator (persister:fs), or keyed by
    // recording id (persister:local-storage / rest).
    auto har_verdict = [&](const Tree& log) -> std::optional<Verdict> {
        if (!log.is_map() || !has(&log, "entries")) return std::nullopt;
        const Tree* creator = log.get("creator");
        const std::string name = str(creator ? creator->get("name") : nullptr);
        if (util::iequals(name, "Polly.JS") || has(&log, "_recordingName"))
            return other("Polly.js", "a HAR `log` with `creator.name: " + (name.empty() ? std::string("?") : name) + "`",
                         "Polly's `beforePersist` hook removes it", log);
        return other("HAR" + (name.empty() ? std::string() : " (" + name + ")"), "`log.entries`",
                     "'cassette convert --from har' makes a go-vcr cassette of it", log);
    };
    if (const Tree* log = root.get("log"))
        if (auto v = har_verdict(*log)) return *v;
    if (root.entries.size() == 1 && root.entries[0].second.is_map())
        if (const Tree* log = root.entries[0].second.get("log"))
            if (auto v = har_verdict(*log)) return *v;
    // vcrpy (YAML and JSON serializers) and Java's Betamax / OkReplay tapes
    // hold `interactions` too.
    const Tree* first = first_item(root.get("interactions"));
    // Betamax's and OkReplay's older tapes hold tagged flow lists
    // (`!!okreplay.RecordedInteraction [...]`), newer ones mappings.
    if (root.tag == "!tape" || (first && first->tag.find("RecordedInteraction") != std::string::npos))
        return other("Betamax (Java) or OkReplay", root.tag == "!tape" ? "`!tape`" : "`" + first->tag + "` items",
                     "OkReplay's and Betamax's MatchRules and tape editing remove it", first ? *first : root);
    if (const Tree* item = first; item && item->is_map()) {
        const Tree* req = item->get("request");
        const Tree* resp = item->get("response");
        const Tree* status = resp ? resp->get("status") : nullptr;
        if (has(item, "recorded") && has(&root, "name"))
            return other("Betamax (Java) or OkReplay", keys({"name", "interactions[].recorded"}),
                         "OkReplay's and Betamax's MatchRules and tape editing remove it", *item);
        if (req && has(req, "uri") && !has(req, "url"))
            return other("vcrpy", keys({"request.uri"}) + (status && status->is_map() ? ", `response.status.code`" : ""),
                         "vcrpy's `filter_headers`, `filter_query_parameters` and `before_record_*` hooks remove it",
                         *item);
    }
    if (has(&root, "version") || has(&root, "interactions")) return Verdict{};
    if (const Tree* item = first_item(root.get("responses")); item && has(item, "response"))
        return other("responses (Python `_recorder`)", keys({"responses[].response"}), "", *item);
    if (const Tree* data = root.get("data"); data && has(data, "pairs"))
        return other("Hoverfly simulation", keys({"data.pairs", "meta"}), "", root);
    if (has(&root, "Entries") && (has(&root, "Initial") || has(&root, "Version")))
        return other("httpreplay (cloud.google.com/go/httpreplay)", keys({"Initial", "Entries"}), "", root);
    if (const Tree* item = first_item(root.get("tracks") ? root.get("tracks") : root.get("Tracks")); item)
        return other("govcr", keys({"tracks"}), "govcr's `RequestFilters`/`ResponseFilters` remove it", root);
    if (has(&root, "req") && has(&root, "res") && has(&root, "meta"))
        return other("talkback", keys({"meta", "req", "res"}), "", root);
    if (const Tree* item = first_item(root.get("mappings")); item && has(item, "request") && has(item, "response"))
        return other("WireMock", keys({"mappings[].request", "mappings[].response"}), "", root);
    if (const Tree* req = root.get("request"); req && req->is_map() && has(&root, "response") &&
                                                 (has(req, "urlPattern") || has(req, "urlPath") || has(req, "url")))
        return other("WireMock", keys({"request", "response"}), "", root);
    if (root.entries.empty()) return Verdict{};
    std::vector<std::string> names;
    for (const auto& [k, v] : root.entries) {
        if (names.size() == 3) {
            names.push_back("...");
            break;
        }
        names.push_back("`" + k.value + "`");
    }
    return not_cassette(guess_plain(root), "keys " + util::join(names, ", ") + "; no `version` or `interactions`");
}

bool starts_with_list_or_tag(std::string_view text) {
    size_t at = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (at < text.size()) {
        const size_t eol = std::min(text.find('\n', at), text.size());
        std::string_view line = util::trim(text.substr(at, eol - at));
        at = eol + 1;
        if (line.empty() || line[0] == '#' || line[0] == '%') continue;
        if (line.substr(0, 3) == "---") {
            line = util::trim(line.substr(3));
            if (line.empty() || line[0] == '#') continue;
        }
        return line[0] == '-' || line[0] == '[' || line[0] == '!' || line[0] == '&' || line[0] == '*';
    }
    return false;
}

bool worth_a_look(const Cassette* c) {
    if (!c) return false;
    if (c->format() == 0) return true;
    return !c->interactions.empty() && !c->interactions.front().request.url.present;
}

Verdict recognize(const Cassette* c, bool read_ok, std::string_view source) {
    if (read_ok && !worth_a_look(c)) return Verdict{};
    std::optional<Tree> t = parse_tree(source);
    if (!t) return Verdict{};
    return classify(*t);
}

std::string describe(const Verdict& v) {
    switch (v.kind) {
    case Verdict::Kind::Other: {
        const bool har = v.recorder.rfind("HAR", 0) == 0;
        std::string article = har ? "a " : (v.recorder.find_first_of("AEIOUaeiou") == 0 ? "an " : "a ");
        return article + v.recorder + (har ? " file" : " cassette") + " (" + v.evidence + "), not go-vcr's";
    }
    case Verdict::Kind::NotCassette:
        return "not a cassette" + (v.recorder.empty() && v.evidence.empty() ? std::string()
                                   : " (" + (v.recorder.empty() ? v.evidence
                                             : v.evidence.empty() ? v.recorder
                                                                  : v.recorder + ": " + v.evidence) +
                                         ")");
    case Verdict::Kind::GoVcr: break;
    }
    return "a go-vcr cassette";
}

namespace {

void walk(const Tree& t, std::string& path, const std::function<void(const Tree&, const std::string&)>& fn) {
    switch (t.kind) {
    case Tree::Kind::Scalar: fn(t, path); return;
    case Tree::Kind::Alias: return;
    case Tree::Kind::Sequence:
        for (size_t k = 0; k < t.items.size(); ++k) {
            const size_t keep = path.size();
            path += "[" + std::to_string(k) + "]";
            walk(t.items[k], path, fn);
            path.resize(keep);
        }
        return;
    case Tree::Kind::Mapping:
        for (const auto& [key, value] : t.entries) {
            const size_t keep = path.size();
            if (key.is_scalar()) {
                if (!path.empty()) path += '.';
                path += key.value;
            }
            walk(key, path, fn);
            walk(value, path, fn);
            path.resize(keep);
        }
        return;
    }
}

} // namespace

namespace {

bool reported(const redact::PatternMatch& m, std::string_view secret, const redact::DetectOptions& options) {
    if (redact::looks_redacted(secret)) return false;
    for (const auto& id : options.disable)
        if (id == m.id) return false;
    for (const auto& value : options.allow)
        if (value == secret) return false;
    return true;
}

} // namespace

std::string mask_by_shape(std::string_view text, const redact::Detector& detector,
                          const redact::DetectOptions& options) {
    std::vector<redact::PatternMatch> found = redact::pattern_matches(detector, text);
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
    std::string out;
    out.reserve(text.size());
    size_t at = 0;
    for (const auto& m : found) {
        if (m.begin < at) continue; // overlaps one already masked
        const std::string_view secret = text.substr(m.begin, m.end - m.begin);
        if (!reported(m, secret, options)) continue;
        out.append(text.substr(at, m.begin - at));
        out += util::mask_secret(secret);
        at = m.end;
    }
    out.append(text.substr(at));
    if (!out.empty() && out.back() != '\n') out += '\n';
    return out;
}

std::vector<Found> find_secrets(const Tree& root, const redact::Detector& detector, const redact::DetectOptions& options) {
    std::vector<Found> out;
    std::string path;
    walk(root, path, [&](const Tree& s, const std::string& where) {
        if (s.value.size() < 8) return;
        for (const redact::PatternMatch& m : redact::pattern_matches(detector, s.value)) {
            const std::string_view secret = std::string_view(s.value).substr(m.begin, m.end - m.begin);
            if (!reported(m, secret, options)) continue;
            Found f;
            f.where = s.at;
            f.detector = m.id;
            f.kind = m.id;
            for (const auto& row : redact::builtin_patterns())
                if (row.id == m.id) f.kind = std::string(row.kind);
            f.location = where.empty() ? std::string("the document") : where;
            f.masked = util::mask_secret(secret);
            out.push_back(std::move(f));
        }
    });
    return out;
}

} // namespace cassette::recorders
