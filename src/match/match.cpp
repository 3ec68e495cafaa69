// go-vcr's matchers and its replay loop (Cassette.GetInteraction), and the
// explanation of a miss: every blocking field of the nearest interaction.
#include "match/match.hpp"
#include "diff/json_diff.hpp"
#include "util/http.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace cassette::match {

namespace {

// ------------------------------------------------------------ Go semantics

const std::vector<std::string>* find(const Values& values, std::string_view key) {
    for (const auto& [k, v] : values)
        if (k == key) return &v;
    return nullptr;
}

// defaultMatcher.deepEqualContents on two maps: nil and empty are equal,
// otherwise reflect.DeepEqual (same keys, same values in the same order).
bool equal_contents(const Values& a, const Values& b) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a) {
        const auto* other = find(b, k);
        if (!other || *other != v) return false;
    }
    return true;
}

// equal_contents(without(a, ignored), without(b, ignored)), without copies.
bool equal_ignoring(const Values& a, const Values& b, const std::vector<std::string>& ignored) {
    if (ignored.empty()) return equal_contents(a, b);
    auto skip = [&](const std::string& k) { return std::find(ignored.begin(), ignored.end(), k) != ignored.end(); };
    size_t na = 0, nb = 0;
    for (const auto& [k, v] : a) {
        if (skip(k)) continue;
        ++na;
        const auto* other = find(b, k);
        if (!other || *other != v) return false;
    }
    for (const auto& kv : b) nb += !skip(kv.first);
    return na == nb;
}

Values without(const Values& values, const std::vector<std::string>& ignored) {
    Values out;
    for (const auto& kv : values)
        if (std::find(ignored.begin(), ignored.end(), kv.first) == ignored.end()) out.push_back(kv);
    return out;
}

bool is_token_char(unsigned char c) {
    return c > 0x20 && c < 0x7f && std::string_view("()<>@,;:\\\"/[]?=").find(char(c)) == std::string_view::npos;
}

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (unsigned char c : s)
        if (!is_token_char(c)) return false;
    return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim_left(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    return s;
}

// mime.ParseMediaType, as far as ParseForm needs it: the lower-cased media
// type, and whether Go reports an error (it still returns the type for a
// bad parameter, and ParseForm then reads the body all the same).
std::pair<std::string, std::string> parse_media_type(std::string_view v) {
    const size_t semi = v.find(';');
    std::string base = util::to_lower(util::trim(v.substr(0, semi == std::string_view::npos ? v.size() : semi)));
    {
        // checkMediaTypeDisposition: token ["/" token]
        const size_t slash = base.find('/');
        const std::string_view type = std::string_view(base).substr(0, slash);
        if (!is_token(type)) return {"", base.empty() ? "mime: no media type" : "mime: expected token after slash"};
        if (slash != std::string::npos) {
            const std::string_view sub = std::string_view(base).substr(slash + 1);
            if (!is_token(sub)) return {"", "mime: expected token after slash"};
        }
    }
    std::string_view rest = semi == std::string_view::npos ? std::string_view() : v.substr(semi);
    std::vector<std::string> seen;
    while (!rest.empty()) {
        rest = trim_left(rest);
        if (rest.empty()) break;
        // consumeMediaParam: ";" key "=" (token | quoted-string)
        std::string_view p = rest;
        bool ok = false;
        std::string key;
        if (p.front() == ';') {
            p = trim_left(p.substr(1));
            size_t n = 0;
            while (n < p.size() && is_token_char(static_cast<unsigned char>(p[n]))) ++n;
            key = util::to_lower(p.substr(0, n));
            p = trim_left(p.substr(n));
            if (!key.empty() && !p.empty() && p.front() == '=') {
                p = trim_left(p.substr(1));
                if (!p.empty() && p.front() == '"') {
                    size_t k = 1;
                    while (k < p.size() && p[k] != '"') k += p[k] == '\\' ? 2 : 1;
                    if (k < p.size()) {
                        ok = true;
                        p = p.substr(k + 1);
                    }
                } else {
                    size_t m = 0;
                    while (m < p.size() && is_token_char(static_cast<unsigned char>(p[m]))) ++m;
                    if (m > 0) {
                        ok = true;
                        p = p.substr(m);
                    }
                }
            }
        }
        if (!ok) {
            if (util::trim(rest) == ";") break; // trailing semicolons are no error
            return {base, "mime: invalid media parameter"};
        }
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) return {base, "mime: duplicate parameter name"};
        seen.push_back(key);
        rest = p;
    }
    return {base, ""};
}

void add_query(Values& form, std::string_view raw, std::string* error) {
    bool bad = false;
    for (auto& q : http::parse_query(raw, &bad)) {
        bool added = false;
        for (auto& [k, v] : form)
            if (k == q.name) {
                v.push_back(q.value);
                added = true;
                break;
            }
        if (!added) form.push_back({q.name, {q.value}});
    }
    if (bad && error->empty()) *error = "invalid query (a ';' or a bad %-escape; url.ParseQuery)";
}

// The state of one *http.Request across the interactions GetInteraction
// compares it with: Go's ParseForm runs once (the first time the v4
// matcher gets that far), caches r.Form, returns its error only that
// time, and reads an application/x-www-form-urlencoded body to the end,
// so the interactions compared afterwards see an empty body.
struct SendState {
    bool form_parsed = false;
    bool body_consumed = false;
    size_t consumed_at = 0; // the interaction whose comparison consumed it (and got the form error)
    Values form;
    std::string form_error;
};

// http.Request.ParseForm.
void parse_form(const Request& r, SendState& s, size_t interaction) {
    s.form_parsed = true;
    s.consumed_at = interaction;
    Values post;
    if (r.method == "POST" || r.method == "PUT" || r.method == "PATCH") {
        const auto* ct_values = find(r.headers, "Content-Type"); // Header.Get: the canonical key only
        std::string ct = ct_values && !ct_values->empty() ? (*ct_values)[0] : "";
        if (ct.empty()) ct = "application/octet-stream";
        auto [type, err] = parse_media_type(ct);
        s.form_error = err;
        if (type == "application/x-www-form-urlencoded") {
            s.body_consumed = true;
            add_query(post, r.body.str(), &s.form_error);
        }
    }
    s.form = post;
    const auto parts = http::parse_url(r.url);
    if (parts && parts->has_query) add_query(s.form, parts->query, &s.form_error);
}

// The body the matcher reads when comparing interaction `index`: empty
// once ParseForm consumed it while comparing an earlier one.
std::string_view body_seen(const Request& r, const SendState& s, size_t index = SIZE_MAX) {
    return s.body_consumed && s.consumed_at != index ? std::string_view() : std::string_view(r.body.str());
}

// A digest of the fields the v4 matcher compares before ParseForm, the body
// left out (what it sees depends on the send state): proto, proto major and
// minor, headers (minus the ignored ones; a map, so summed per key),
// content length, transfer encoding, host. Equal fields give equal digests,
// so different digests mean the matcher returns false before ParseForm,
// with no effect on the send state: replay() skips those interactions.
uint64_t pre_form_digest(const Request& r, const Options& o) {
    auto mix = [](uint64_t h, uint64_t v) {
        h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        return h;
    };
    const std::hash<std::string_view> hs;
    uint64_t h = hs(r.proto);
    h = mix(h, uint64_t(r.proto_major));
    h = mix(h, uint64_t(r.proto_minor));
    h = mix(h, uint64_t(r.content_length));
    for (const auto& t : r.transfer_encoding) h = mix(h, hs(t));
    h = mix(h, r.transfer_encoding.size());
    h = mix(h, hs(r.host));
    uint64_t headers = 0;
    for (const auto& [k, v] : r.headers) {
        if (std::find(o.ignore_headers.begin(), o.ignore_headers.end(), k) != o.ignore_headers.end()) continue;
        uint64_t e = hs(k);
        for (const auto& x : v) e = mix(e, hs(x));
        headers += mix(e, v.size());
    }
    return mix(h, headers);
}

// The matcher itself, short-circuiting as go-vcr's does.
bool matches(const Request& r, const Request& i, const Options& o, SendState& s, size_t interaction) {
    if (r.method != i.method) return false;
    if (r.url != i.url) return false;
    if (o.matcher != Matcher::V4) return true;
    if (r.proto != i.proto || r.proto_major != i.proto_major || r.proto_minor != i.proto_minor) return false;
    if (!equal_ignoring(r.headers, i.headers, o.ignore_headers)) return false;
    if (body_seen(r, s, interaction) != i.body.str()) return false;
    if (r.content_length != i.content_length) return false;
    if (r.transfer_encoding != i.transfer_encoding) return false;
    if (r.host != i.host) return false;
    if (!s.form_parsed) {
        parse_form(r, s, interaction);
        if (!s.form_error.empty()) return false;
    }
    if (!equal_contents(s.form, i.form)) return false;
    if (!equal_contents(r.trailer, i.trailer)) return false;
    if (r.remote_addr != i.remote_addr) return false;
    if (r.request_uri != i.request_uri) return false;
    return true;
}

// ------------------------------------------------------------ explanation

std::string shown_values(const std::vector<std::string>& v) {
    if (v.size() == 1) return v[0];
    std::string s = "[";
    for (size_t k = 0; k < v.size(); ++k) s += (k ? ", " : "") + v[k];
    return s + "]";
}

std::optional<std::string> opt(const std::vector<std::string>* v) {
    if (!v) return std::nullopt;
    return shown_values(*v);
}

// Per key, in the recorded order and then the request's new keys.
void compare_values(const char* field, const Values& recorded, const Values& request, std::vector<Block>& out) {
    std::vector<std::string> keys;
    for (const auto& kv : recorded) keys.push_back(kv.first);
    for (const auto& kv : request)
        if (!find(recorded, kv.first)) keys.push_back(kv.first);
    for (const auto& k : keys) {
        const auto* a = find(recorded, k);
        const auto* b = find(request, k);
        if (a && b && *a == *b) continue;
        Block blk{field, k, opt(a), opt(b), ""};
        // Keys are compared exactly: a key that differs only in case.
        const Values& other = a ? request : recorded;
        for (const auto& kv : other)
            if (kv.first != k && util::iequals(kv.first, k)) {
                blk.note = "the other side has it as '" + kv.first + "': go-vcr compares keys case-sensitively";
                break;
            }
        out.push_back(std::move(blk));
    }
}

Values query_values(std::string_view raw) {
    Values v;
    std::string ignored;
    add_query(v, raw, &ignored);
    return v;
}

void url_blocks(const std::string& recorded, const std::string& request, std::vector<Block>& out) {
    auto a = http::parse_url(recorded);
    auto b = http::parse_url(request);
    if (!a || !b) {
        out.push_back({"url", "", recorded, request, a ? "" : "the recorded URL does not parse"});
        return;
    }
    const size_t before = out.size();
    auto part = [&](const char* field, std::string_view x, std::string_view y, bool has_x, bool has_y) {
        if (x == y && has_x == has_y) return;
        out.push_back({field, "", has_x ? std::optional<std::string>(std::string(x)) : std::nullopt,
                       has_y ? std::optional<std::string>(std::string(y)) : std::nullopt, ""});
    };
    part("url.scheme", a->scheme, b->scheme, !a->scheme.empty(), !b->scheme.empty());
    part("url.userinfo", a->userinfo, b->userinfo, a->has_userinfo, b->has_userinfo);
    part("url.host", a->host_port, b->host_port, true, true);
    part("url.path", a->path, b->path, true, true);
    if (a->query != b->query || a->has_query != b->has_query) {
        const size_t at = out.size();
        compare_values("url.query", query_values(a->query), query_values(b->query), out);
        if (out.size() == at)
            out.push_back({"url.query", "", std::string(a->query), std::string(b->query),
                           "the same parameters, written in another order or encoding"});
    }
    part("url.fragment", a->fragment, b->fragment, a->has_fragment, b->has_fragment);
    if (out.size() == before)
        out.push_back({"url", "", recorded, request, "the same parts, written differently (percent-encoding)"});
}

// A short piece of a body around its first difference.
std::string excerpt(std::string_view s, size_t at) {
    const size_t from = at > 24 ? at - 24 : 0;
    std::string out = from ? "…" : "";
    out += s.substr(from, 64);
    if (from + 64 < s.size()) out += "…";
    return out;
}

constexpr size_t k_max_json_blocks = 10;

void body_blocks(std::string_view recorded, std::string_view request, bool consumed, size_t consumed_at,
                 std::vector<Block>& out) {
    std::string note;
    if (consumed)
        note = "go-vcr's ParseForm read the form body to the end while comparing interaction #" +
               std::to_string(consumed_at) + ", so the matcher sees an empty body here";
    nlohmann::json ja, jb;
    if (!consumed && !recorded.empty() && !request.empty() && diff::parse_json(recorded, ja) == diff::JsonParse::Ok &&
        diff::parse_json(request, jb) == diff::JsonParse::Ok) {
        std::vector<diff::Change> changes;
        size_t ignored = 0;
        diff::diff_json(ja, jb, "", {}, changes, &ignored);
        if (!changes.empty()) {
            for (size_t k = 0; k < changes.size() && k < k_max_json_blocks; ++k)
                out.push_back({"body", changes[k].path.empty() ? "$" : changes[k].path, changes[k].old_value,
                               changes[k].new_value, ""});
            if (changes.size() > k_max_json_blocks)
                out.back().note = "and " + std::to_string(changes.size() - k_max_json_blocks) + " more JSON differences";
            return;
        }
        note = "the same JSON, written differently (go-vcr compares the bytes)";
    }
    size_t at = 0;
    while (at < recorded.size() && at < request.size() && recorded[at] == request[at]) ++at;
    std::string where = "recorded " + std::to_string(recorded.size()) + " bytes, request " +
                        std::to_string(request.size()) + " bytes, first difference at byte " + std::to_string(at);
    out.push_back({"body", "", excerpt(recorded, at), excerpt(request, at), note.empty() ? where : note + "; " + where});
}

// `first_only`: the first block is all the caller needs (the later ones,
// a body's JSON difference among them, are left out once there is one).
std::vector<Block> explain(const Request& r, const Request& i, const Options& o, const SendState& s, size_t index,
                           bool first_only = false) {
    std::vector<Block> out;
    if (r.method != i.method) out.push_back({"method", "", i.method, r.method, ""});
    if (r.url != i.url) url_blocks(i.url, r.url, out);
    if (o.matcher != Matcher::V4 || (first_only && !out.empty())) return out;
    auto num = [&](const char* field, int64_t a, int64_t b) {
        if (a != b) out.push_back({field, "", std::to_string(a), std::to_string(b), ""});
    };
    if (r.proto != i.proto) out.push_back({"proto", "", i.proto, r.proto, ""});
    num("proto_major", i.proto_major, r.proto_major);
    num("proto_minor", i.proto_minor, r.proto_minor);
    compare_values("header", without(i.headers, o.ignore_headers), without(r.headers, o.ignore_headers), out);
    if (first_only && !out.empty()) return out;
    const std::string_view seen = body_seen(r, s, index);
    if (seen != i.body.str()) body_blocks(i.body.str(), seen, seen.size() != r.body.size(), s.consumed_at, out);
    num("content_length", i.content_length, r.content_length);
    if (r.transfer_encoding != i.transfer_encoding)
        out.push_back({"transfer_encoding", "", shown_values(i.transfer_encoding), shown_values(r.transfer_encoding), ""});
    if (r.host != i.host) out.push_back({"host", "", i.host, r.host, ""});
    SendState t = s;
    if (!t.form_parsed) parse_form(r, t, index);
    if (!t.form_error.empty() && t.consumed_at == index)
        out.push_back({"form", "", std::nullopt, std::nullopt,
                       "Go's ParseForm fails (" + t.form_error +
                           "): the matcher returns false for the first interaction it gets that far with, this one"});
    compare_values("form", i.form, t.form, out);
    compare_values("trailer", i.trailer, r.trailer, out);
    if (r.remote_addr != i.remote_addr) out.push_back({"remote_addr", "", i.remote_addr, r.remote_addr, ""});
    if (r.request_uri != i.request_uri) out.push_back({"request_uri", "", i.request_uri, r.request_uri, ""});
    return out;
}

// How far an interaction is from matching, to pick the nearest: a
// different method or endpoint weighs more than the other fields.
// The parts of a URL the nearest-interaction search compares, parsed once.
struct UrlKey {
    std::string endpoint; // host:port + path; "" when the URL does not parse
    std::string query;
};

UrlKey url_key(const std::string& url) {
    UrlKey k;
    if (auto p = http::parse_url(url)) {
        k.endpoint = std::string(p->host_port) + std::string(p->path);
        k.query = std::string(p->query);
    }
    return k;
}

size_t distance(const Request& r, const UrlKey& rk, const Request& i, const UrlKey& ik, const Options& o,
                const SendState& s, size_t index) {
    size_t d = 0;
    if (r.method != i.method) d += 16;
    if (r.url != i.url) {
        d += 4;
        if (rk.endpoint.empty() || rk.endpoint != ik.endpoint) d += 8;
        else if (rk.query != ik.query) d += 2;
    }
    if (o.matcher != Matcher::V4) return d;
    d += (r.proto != i.proto) + (r.proto_major != i.proto_major) + (r.proto_minor != i.proto_minor);
    // Differing header keys, the ignored ones skipped (no copies: this runs
    // for every candidate).
    auto ignored = [&](const std::string& k) {
        return std::find(o.ignore_headers.begin(), o.ignore_headers.end(), k) != o.ignore_headers.end();
    };
    for (const auto& [k, v] : i.headers) {
        if (ignored(k)) continue;
        const auto* other = find(r.headers, k);
        d += !other || *other != v;
    }
    for (const auto& kv : r.headers) d += !ignored(kv.first) && !find(i.headers, kv.first);
    d += 2 * (body_seen(r, s, index) != i.body.str());
    d += (r.content_length != i.content_length) + (r.transfer_encoding != i.transfer_encoding) + (r.host != i.host);
    d += !equal_contents(r.trailer, i.trailer) + (r.remote_addr != i.remote_addr) + (r.request_uri != i.request_uri);
    return d;
}

std::string option_for(const std::string& header) {
    if (header == "Authorization") return "--ignore-authorization (WithIgnoreAuthorization())";
    if (header == "User-Agent") return "--ignore-user-agent (WithIgnoreUserAgent())";
    return "--ignore-header " + header + " (WithIgnoreHeaders(\"" + header + "\"))";
}

void add_hints(Outcome& out, const Options& o, const std::vector<std::string>& query_keys) {
    if (out.used) {
        out.hints.push_back("interaction #" + std::to_string(*out.used) + " matches but was replayed for request #" +
                            std::to_string(*out.used_by) +
                            " already: --repeat (recorder.WithReplayableInteractions(true)) replays it again");
    }
    if (out.blocking.empty() || o.matcher != Matcher::V4) return;
    // go-vcr v4.0.0-v4.0.2 recorded the body's form only (PostForm) while
    // the matcher compares Form, which has the URL query too.
    bool query_only_form = true;
    for (const auto& b : out.blocking)
        query_only_form = query_only_form && b.field == "form" && !b.recorded && b.request && !b.name.empty();
    if (query_only_form && query_keys.size()) {
        for (const auto& b : out.blocking)
            query_only_form = query_only_form && std::find(query_keys.begin(), query_keys.end(), b.name) != query_keys.end();
        if (query_only_form)
            out.hints.push_back("the recorded form lacks the URL's query parameters: go-vcr v4.0.0-v4.0.2 recorded the "
                                "body's form only (PostForm) while its matcher compares the full Form "
                                "(dnaeon/go-vcr#116, fixed in v4.0.3); re-record with go-vcr v4.0.3 or later");
    }
    bool only_headers = true;
    for (const auto& b : out.blocking) only_headers = only_headers && b.field == "header";
    if (!only_headers) return;
    std::vector<std::string> names;
    for (const auto& b : out.blocking)
        if (std::find(names.begin(), names.end(), b.name) == names.end()) names.push_back(b.name);
    std::string fix;
    for (const auto& n : names) fix += (fix.empty() ? "" : ", ") + option_for(n);
    out.hints.push_back("only headers block interaction #" + std::to_string(*out.nearest) + ": " + fix +
                        " would replay it");
}

} // namespace

std::vector<Block> blocking_fields(const Request& request, const Request& recorded, const Options& options,
                                   bool body_consumed, bool first_only) {
    SendState s;
    s.body_consumed = body_consumed;
    s.consumed_at = SIZE_MAX - 1;
    return explain(request, recorded, options, s, SIZE_MAX, first_only);
}

constexpr size_t k_max_candidates = 512;

Report replay(const std::vector<Request>& requests, const std::vector<std::string>& errors,
              const std::vector<Request>& recorded, const Options& options) {
    Report report;
    report.options = options;
    // Both matchers compare the method and the URL first: only the
    // interactions with the request's method and URL can match, and they
    // are tried in file order, as GetInteraction's loop meets them.
    std::unordered_map<std::string, std::vector<size_t>> by_key, by_endpoint;
    std::vector<UrlKey> keys(recorded.size());
    for (size_t i = 0; i < recorded.size(); ++i) {
        by_key[recorded[i].method + ' ' + recorded[i].url].push_back(i);
        if (!options.explain) continue; // the nearest interaction is not searched
        keys[i] = url_key(recorded[i].url);
        if (!keys[i].endpoint.empty()) by_endpoint[keys[i].endpoint].push_back(i);
    }
    static const std::vector<size_t> none;
    auto lookup = [](const std::unordered_map<std::string, std::vector<size_t>>& m, const std::string& k)
        -> const std::vector<size_t>& {
        auto it = m.find(k);
        return it == m.end() ? none : it->second;
    };
    // v4: the interactions with the request's method, URL and pre-form
    // digest, in file order: the others fail before ParseForm (no effect on
    // the send state), so GetInteraction's loop can skip them.
    const bool v4 = options.matcher == Matcher::V4;
    auto digest_key = [](const Request& q, uint64_t digest) {
        return q.method + ' ' + q.url + '\0' + std::to_string(digest);
    };
    std::unordered_map<std::string, std::vector<size_t>> by_digest;
    if (v4)
        for (size_t i = 0; i < recorded.size(); ++i)
            by_digest[digest_key(recorded[i], pre_form_digest(recorded[i], options))].push_back(i);
    std::vector<std::optional<size_t>> replayed_by(recorded.size()); // the request that replayed each interaction
    for (size_t k = 0; k < requests.size(); ++k) {
        const Request& r = requests[k];
        Outcome out;
        out.index = k;
        out.method = r.method;
        out.url = r.url;
        out.origin = r.origin;
        if (k < errors.size() && !errors[k].empty()) {
            out.error = errors[k];
            ++report.errors;
            report.outcomes.push_back(std::move(out));
            continue;
        }
        SendState state;
        const std::vector<size_t>& same = lookup(by_key, r.method + ' ' + r.url);
        // GetInteraction: the first eligible interaction that matches.
        const std::vector<size_t>& candidates =
            v4 && !same.empty() ? lookup(by_digest, digest_key(r, pre_form_digest(r, options))) : same;
        for (size_t i : candidates) {
            if (!options.repeat && replayed_by[i]) continue;
            if (matches(r, recorded[i], options, state, i)) {
                out.replays = i;
                if (!replayed_by[i]) replayed_by[i] = k;
                break;
            }
        }
        if (out.replays) {
            ++report.matched;
            report.outcomes.push_back(std::move(out));
            continue;
        }
        ++report.unmatched;
        if (!options.explain) { // only which interaction replays
            report.outcomes.push_back(std::move(out));
            continue;
        }
        const UrlKey rk = url_key(r.url);
        // A replayed interaction that would match: only one with the same method and URL.
        if (!options.repeat)
            for (size_t i : same) {
                SendState fresh = state;
                if (replayed_by[i] && explain(r, recorded[i], options, fresh, i).empty()) {
                    out.used = i;
                    out.used_by = replayed_by[i];
                    break;
                }
            }
        // The nearest eligible interaction: among those with the same method
        // and URL, else the same host and path, else all.
        size_t best = SIZE_MAX, best_d = SIZE_MAX;
        auto consider = [&](size_t i) {
            if (replayed_by[i] && !options.repeat) return;
            const size_t d = distance(r, rk, recorded[i], keys[i], options, state, i);
            if (d < best_d || (d == best_d && i < best)) {
                best_d = d;
                best = i;
            }
        };
        // An interaction that fails only because ParseForm consumed the body.
        std::optional<size_t> consumed_victim;
        if (state.body_consumed)
            for (size_t i : same) {
                if ((replayed_by[i] && !options.repeat) || i == state.consumed_at) continue;
                SendState intact = state;
                intact.body_consumed = false;
                if (explain(r, recorded[i], options, intact, i).empty()) {
                    consumed_victim = i;
                    break;
                }
            }
        // Past the first k_max_candidates eligible ones of a tier the search
        // stops: a miss costs at most that many comparisons.
        size_t looked = 0;
        auto consider_capped = [&](size_t i) {
            if (looked >= k_max_candidates || (replayed_by[i] && !options.repeat)) return;
            ++looked;
            consider(i);
        };
        for (size_t i : same) consider(i);
        if (best == SIZE_MAX && !rk.endpoint.empty())
            for (size_t i : lookup(by_endpoint, rk.endpoint)) consider_capped(i);
        looked = 0;
        if (best == SIZE_MAX)
            for (size_t i = 0; i < recorded.size() && looked < k_max_candidates; ++i) consider_capped(i);
        if (best != SIZE_MAX) {
            out.nearest = best;
            out.blocking = explain(r, recorded[best], options, state, best);
        }
        std::vector<std::string> query_keys;
        if (auto parts = http::parse_url(r.url); parts && parts->has_query)
            for (const auto& kv : query_values(parts->query)) query_keys.push_back(kv.first);
        add_hints(out, options, query_keys);
        if (consumed_victim)
            out.hints.push_back("interaction #" + std::to_string(*consumed_victim) +
                                " would match, but go-vcr's ParseForm read the form body to the end while comparing "
                                "interaction #" + std::to_string(state.consumed_at) +
                                ", so every later interaction sees an empty body (a go-vcr quirk: the miss on #" +
                                std::to_string(state.consumed_at) + " makes #" + std::to_string(*consumed_victim) +
                                " unreachable)");
        report.outcomes.push_back(std::move(out));
    }
    return report;
}

} // namespace cassette::match
