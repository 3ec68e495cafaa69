#include "diff/diff.hpp"

#include "diff/align.hpp"
#include "json/text.hpp"
#include "model/schema.hpp"
#include "model/http.hpp"
#include "util/gzip.hpp"
#include "util/parallel.hpp"
#include "util/http.hpp"
#include "util/sha256.hpp"
#include "util/sse.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <utility>
#include <unordered_set>
#include <thread>
#include <map>
#include <unordered_map>

namespace cassette::diff {

using nlohmann::json;

const std::vector<std::string_view>& default_ignored_headers() {
    // Each of these differs between two recordings of the same exchange:
    // clocks (Date, Expires, Age, Last-Modified), per-request ids and traces
    // (request ids, AWS/Cloudflare/GCP/W3C trace ids), server timings, cache
    // validators that are hashes or versions of the moment (ETag), CDN node
    // names, and rate-limit counters. None of them changes what the code
    // under test does with the response.
    static const std::vector<std::string_view> list = {
        "Date", "Expires", "Age", "Last-Modified", "ETag",
        "X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Trace-Id", "X-Amzn-Requestid",
        "X-Amz-Request-Id", "X-Amz-Id-2", "X-Amz-Cf-Id", "X-Amz-Cf-Pop", "Cf-Ray",
        "X-Cloud-Trace-Context", "Traceparent", "Tracestate", "X-Github-Request-Id",
        "Server-Timing", "X-Runtime", "X-Envoy-Upstream-Service-Time", "Openai-Processing-Ms",
        "X-Served-By", "X-Cache", "X-Cache-Hits", "X-Timer",
        "X-Ratelimit-*", "Ratelimit-*", "Anthropic-Ratelimit-*",
    };
    return list;
}

bool header_pattern_matches(std::string_view pattern, std::string_view name) {
    if (!pattern.empty() && pattern.back() == '*') return util::starts_with_ci(name, pattern.substr(0, pattern.size() - 1));
    return util::iequals(pattern, name);
}

Cassette empty_cassette(int format) {
    Cassette c;
    c.version.present = true;
    c.version.value.value = std::to_string(format);
    c.interactions_present = true;
    return c;
}

namespace {

// Header values as a JSON array of strings (Change::list): renderers show
// one value as it is.
std::string show_values(const std::vector<std::string>& v) {
    return json_text(json(v));
}

// Set-Cookie without its expiry attributes, which carry the recording time.
std::string without_cookie_expiry(const std::string& value) {
    std::string out;
    size_t start = 0;
    bool first = true;
    while (start <= value.size()) {
        size_t semi = value.find(';', start);
        if (semi == std::string::npos) semi = value.size();
        std::string_view part = util::trim(std::string_view(value).substr(start, semi - start));
        const bool expiry = !first && (util::starts_with_ci(part, "expires") || util::starts_with_ci(part, "max-age"));
        if (!expiry) {
            if (!first) out += "; ";
            out += part;
        }
        first = false;
        start = semi + 1;
    }
    return out;
}

struct DecodedBody {
    std::string_view text; // text or bytes to compare
    std::string storage;   // gunzipped bytes, when decoded
    bool binary = false;
    bool gzip = false;
};

void decode_body(const std::string& raw, DecodedBody& d) {
    d.text = raw;
    if (util::valid_utf8(raw)) return;
    if (util::looks_gzip(raw)) {
        if (auto g = util::gunzip(raw, 64u << 20)) {
            d.storage = std::move(*g);
            d.text = d.storage;
            d.gzip = true;
            if (util::valid_utf8(d.text)) return;
        }
    }
    d.binary = true;
}

std::string binary_line(std::string_view bytes, bool gzip) {
    return std::string(gzip ? "gzip, " : "") + "binary, " + std::to_string(bytes.size()) + " bytes, sha256:" +
           util::sha256_hex(bytes).substr(0, 16);
}

// A host on this machine ("127.0.0.1", "localhost", "[::1]"): a test server's.
bool loopback_host(std::string_view host) {
    return util::iequals(host, "localhost") || host.substr(0, 4) == "127." || host == "[::1]";
}

struct Differ {
    const DiffOptions& o;
    Report& report;
    bool both_v2 = false;
    std::vector<Change> cur; // changes of the interaction being compared
    std::string where;       // "#3" of the interaction, for notes
    // The bodies of the request or response being compared (for the
    // Content-Length lines that only follow a body change).
    std::string_view body_a, body_b;

    // A length that says nothing but the size of its body: the byte count,
    // -1 or 0 (unknown, chunked), or absent.
    static bool length_follows(std::string_view length, std::string_view body) {
        return length.empty() || length == "-1" || length == "0" || length == std::to_string(body.size());
    }

    // content_length: shown when it tells more than "the body changed".
    void content_length(const std::string& path, const Field& a, const Field& b, bool same_body) {
        if (o.all) {
            field(path, a, b, "0");
            return;
        }
        if (same_body) return;
        const std::string_view va = a.present ? a.str() : "0", vb = b.present ? b.str() : "0";
        if (va == vb) return;
        if (length_follows(va, body_a) && length_follows(vb, body_b)) {
            ++report.summary.ignored;
            return;
        }
        field(path, a, b, "0");
    }

    // go-vcr v4's default matcher compares request bodies byte for byte:
    // the same JSON (or text) in other bytes is a difference for replay.
    // The whitespace outside strings of a JSON text, in bytes.
    static size_t json_spaces(std::string_view t) {
        size_t n = 0;
        bool in_string = false;
        for (size_t k = 0; k < t.size(); ++k) {
            const char c = t[k];
            if (in_string) {
                if (c == '\\') ++k;
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                ++n;
            }
        }
        return n;
    }

    // How two request bodies of equal content differ in their bytes, for the
    // note: a reviewer of two hashes cannot tell.
    static std::string how_bytes_differ(const std::string& a, const std::string& b) {
        DecodedBody da, db;
        decode_body(a, da);
        decode_body(b, db);
        if (da.gzip != db.gzip) return "the same content, gzip-compressed on one side only";
        if (da.gzip) return "the same content, compressed again";
        if (json_depth(a, k_max_json_depth) <= k_max_json_depth && json_depth(b, k_max_json_depth) <= k_max_json_depth) {
            const auto ja = nlohmann::ordered_json::parse(a, nullptr, false);
            const auto jb = nlohmann::ordered_json::parse(b, nullptr, false);
            if (!ja.is_discarded() && !jb.is_discarded()) {
                const bool order = cassette::json::to_text(ja) != cassette::json::to_text(jb), spacing = json_spaces(a) != json_spaces(b);
                if (order && spacing) return "the same JSON with its keys in another order and other spacing";
                if (order) return "the same JSON with its keys in another order";
                if (spacing) return "the same JSON with other spacing";
                return "the same JSON with other escapes";
            }
        }
        return "the same content in other bytes";
    }

    void request_bytes(const std::string& a, const std::string& b) {
        auto side = [](const std::string& v) {
            if (v.size() <= 200 && util::valid_utf8(v)) return v;
            return std::to_string(v.size()) + " bytes, sha256:" + util::sha256_hex(v).substr(0, 16);
        };
        add(Change::Changed, "request.body", side(a), side(b));
        report.notes.push_back(where + " request.body: " + how_bytes_differ(a, b) +
                               "; go-vcr v4's default matcher compares request bodies byte for byte, so replay of "
                               "the old bytes no longer matches (a recorder.WithMatcher comparing JSON would)");
    }

    // --all shows everything, the paths the user asked to ignore included.
    const std::vector<JsonPathPattern>& json_ignores() const {
        static const std::vector<JsonPathPattern> none;
        return o.all ? none : o.ignore_json_paths;
    }

    bool header_ignored(std::string_view name) const {
        if (o.all) return false;
        for (auto p : default_ignored_headers())
            if (header_pattern_matches(p, name)) return true;
        for (const auto& p : o.ignore_headers)
            if (header_pattern_matches(p, name)) return true;
        return false;
    }

    void add(Change::Kind kind, std::string path, std::optional<std::string> a, std::optional<std::string> b) {
        Change c;
        c.kind = kind;
        c.path = std::move(path);
        c.old_value = std::move(a);
        c.new_value = std::move(b);
        cur.push_back(std::move(c));
    }

    // A scalar field; an absent field counts as Go's zero value `zero`, as
    // go-vcr loads it (omitempty cassettes leave out what older ones wrote).
    void field(const std::string& path, const Field& a, const Field& b, std::string_view zero = "") {
        std::string_view va = a.present ? a.str() : zero, vb = b.present ? b.str() : zero;
        if (va == vb) return;
        add(Change::Changed, path, std::string(va), std::string(vb));
    }

    // "127.0.0.1:58028" -> ("127.0.0.1", true); no port -> (whole, false).
    static std::pair<std::string_view, bool> without_port(std::string_view addr) {
        const size_t colon = addr.rfind(':');
        if (colon == std::string_view::npos || colon + 1 == addr.size() ||
            addr.find_first_not_of("0123456789", colon + 1) != std::string_view::npos ||
            (addr.find('[') != std::string_view::npos && (colon == 0 || addr[colon - 1] != ']')))
            return {addr, false};
        return {addr.substr(0, colon), true};
    }

    // host and remote_addr: a new port on the same address is volatile for the
    // client's address (remote_addr: the port of each connection) and for a
    // test server on this machine (host: httptest picks a port each run).
    void address(const std::string& path, const Field& a, const Field& b, bool loopback_only) {
        const std::string_view va = a.present ? a.str() : "", vb = b.present ? b.str() : "";
        if (va != vb && !o.all) {
            const auto [ha, pa] = without_port(va);
            const auto [hb, pb] = without_port(vb);
            if (pa && pb && ha == hb && (!loopback_only || loopback_host(ha))) {
                ++report.summary.ignored;
                return;
            }
        }
        field(path, a, b);
    }

    void list(const std::string& path, const StringList& a, const StringList& b) {
        std::vector<std::string> va, vb;
        for (const auto& s : a.items) va.push_back(s.value);
        for (const auto& s : b.items) vb.push_back(s.value);
        if (va == vb) return;
        add(Change::Changed, path, json_text(json(va)), json_text(json(vb)));
        cur.back().list = true;
    }

    // Headers (canonical names, so case is no difference; values in order),
    // forms and trailers (exact names: url.Values keys are case-sensitive).
    using Values = std::map<std::string, std::vector<std::string>>;

    static Values collect(const HeaderMap& h, bool canonical) {
        Values m;
        for (const auto& e : h.entries) {
            auto& v = m[canonical ? http::canonical_header_key(e.name.value) : e.name.value];
            for (const auto& s : e.values) v.push_back(s.value);
        }
        return m;
    }

    // go-vcr v4.0.3+ records the whole Form, the URL's query included, where
    // older recorders wrote the body's form only (or nothing): the query's
    // values are taken out of the form before comparing (the URL already
    // shows a change of them). Go appends the query's values after the body's.
    static Values form_without_query(const HeaderMap& form, std::string_view url) {
        Values m = collect(form, false);
        const size_t q = url.find('?');
        if (q == std::string_view::npos || m.empty()) return m;
        std::string_view query = url.substr(q + 1);
        query = query.substr(0, query.find('#'));
        Values out = m;
        for (const auto& p : http::parse_query(query)) {
            auto it = out.find(p.name);
            if (it == out.end()) return m; // the form does not hold the query: an older recorder
            auto& v = it->second;
            auto last = std::find(v.rbegin(), v.rend(), p.value);
            if (last == v.rend()) return m;
            v.erase(std::next(last).base());
            if (v.empty()) out.erase(it);
        }
        return out;
    }

    void form(const Request& a, const Request& b, bool body_equal) {
        if (o.all) {
            headers("request.form", a.form, b.form, false, body_equal);
            return;
        }
        const Values ma = form_without_query(a.form, a.url.str()), mb = form_without_query(b.form, b.url.str());
        if (ma == mb && collect(a.form, false) != collect(b.form, false)) ++report.summary.ignored;
        compare_values("request.form", ma, mb, false, body_equal);
    }

    void headers(const std::string& path, const HeaderMap& a, const HeaderMap& b, bool canonical, bool body_equal) {
        compare_values(path, collect(a, canonical), collect(b, canonical), canonical, body_equal);
    }

    void compare_values(const std::string& path, const Values& ma, const Values& mb, bool canonical, bool body_equal) {
        auto ia = ma.begin(), ib = mb.begin();
        while (ia != ma.end() || ib != mb.end()) {
            const bool only_a = ib == mb.end() || (ia != ma.end() && ia->first < ib->first);
            const bool only_b = !only_a && (ia == ma.end() || ib->first < ia->first);
            const std::string& name = only_a ? ia->first : ib->first;
            const std::vector<std::string>* va = only_b ? nullptr : &ia->second;
            const std::vector<std::string>* vb = only_a ? nullptr : &ib->second;
            if (!only_b) ++ia;
            if (!only_a) ++ib;
            if (va && vb && *va == *vb) continue;
            if (canonical && header_ignored(name)) {
                ++report.summary.ignored;
                continue;
            }
            if (canonical && !o.all && va && vb) {
                // Content-Length follows the body: shown only when the body differs.
                if (util::iequals(name, "Content-Length") && va->size() == 1 && vb->size() == 1 &&
                    (body_equal || (length_follows((*va)[0], body_a) && length_follows((*vb)[0], body_b)))) {
                    ++report.summary.ignored;
                    continue;
                }
                if (util::iequals(name, "Set-Cookie") && va->size() == vb->size()) {
                    bool same = true;
                    for (size_t k = 0; k < va->size() && same; ++k)
                        same = without_cookie_expiry((*va)[k]) == without_cookie_expiry((*vb)[k]);
                    if (same) {
                        ++report.summary.ignored;
                        continue;
                    }
                }
            }
            const std::string p = path + "." + name;
            if (!va) add(Change::Added, p, std::nullopt, show_values(*vb));
            else if (!vb) add(Change::Removed, p, show_values(*va), std::nullopt);
            else add(Change::Changed, p, show_values(*va), show_values(*vb));
            cur.back().list = true;
        }
    }

    // Bodies. Returns true when they are equal (as content).
    bool body(const std::string& path, const std::string& a, const HeaderMap& ha, const std::string& b,
              const HeaderMap& hb) {
        if (a == b) return true;
        DecodedBody da, db;
        decode_body(a, da);
        decode_body(b, db);
        if (da.text == db.text) return true; // e.g. the same content gzipped twice (gzip headers hold a time)
        const size_t before = cur.size();
        if (da.binary || db.binary) {
            add(Change::Changed, path, a.empty() ? std::optional<std::string>() : binary_line(da.text, da.gzip),
                b.empty() ? std::optional<std::string>() : binary_line(db.text, db.gzip));
            if (a.empty()) cur.back().kind = Change::Added;
            if (b.empty()) cur.back().kind = Change::Removed;
            return false;
        }
        const std::string cta(content_type(ha)), ctb(content_type(hb));
        if (util::looks_sse(da.text, cta) || util::looks_sse(db.text, ctb)) {
            sse(path, da.text, db.text);
        } else if (!json_bodies(path, da.text, cta, db.text, ctb)) {
            lines(path, da.text, db.text);
        }
        return cur.size() == before;
    }

    static bool looks_json(std::string_view text, const std::string& ct) {
        std::string_view t = util::trim(text);
        return http::is_json_media(ct) || (!t.empty() && (t[0] == '{' || t[0] == '['));
    }

    // Structural comparison when both sides are JSON; false to fall back to text.
    bool json_bodies(const std::string& path, std::string_view a, const std::string& cta, std::string_view b,
                     const std::string& ctb) {
        if (!looks_json(a, cta) || !looks_json(b, ctb)) return false;
        json ja, jb;
        const JsonParse pa = parse_json(a, ja), pb = parse_json(b, jb);
        if (pa == JsonParse::TooDeep || pb == JsonParse::TooDeep) {
            report.notes.push_back(where + " " + path + ": JSON nested deeper than " + std::to_string(k_max_json_depth) +
                                   " levels, compared as text");
            return false;
        }
        if (pa != JsonParse::Ok || pb != JsonParse::Ok) return false;
        diff_json(ja, jb, path, json_ignores(), cur, &report.summary.ignored);
        return true;
    }

    // Line diff: one Change per hunk, named by its first line ("body:12",
    // 1-based, in the new text; in the old one for a pure removal).
    void lines(const std::string& path, std::string_view a, std::string_view b) {
        const auto la = util::split_lines(a), lb = util::split_lines(b);
        Interner in;
        std::vector<uint32_t> ka, kb;
        for (const auto& l : la) ka.push_back(in.id(l.text));
        for (const auto& l : lb) kb.push_back(in.id(l.text));
        const auto pairs = lcs(ka, kb);
        const size_t before = cur.size();
        size_t i = 0, j = 0;
        auto hunk = [&](size_t i1, size_t j1) {
            if (i == i1 && j == j1) return;
            std::optional<std::string> va, vb;
            for (size_t k = i; k < i1; ++k) va = (va ? *va + "\n" : std::string()) + std::string(la[k].text);
            for (size_t k = j; k < j1; ++k) vb = (vb ? *vb + "\n" : std::string()) + std::string(lb[k].text);
            const Change::Kind kind = !va ? Change::Added : !vb ? Change::Removed : Change::Changed;
            add(kind, path + ":" + std::to_string((vb ? j : i) + 1), std::move(va), std::move(vb));
            i = i1;
            j = j1;
        };
        for (auto [pi, pj] : pairs) {
            hunk(pi, pj);
            ++i, ++j;
        }
        hunk(la.size(), lb.size());
        if (cur.size() == before) {
            // Same lines, different bytes: line endings.
            add(Change::Changed, path, std::to_string(a.size()) + " bytes", std::to_string(b.size()) + " bytes");
            report.notes.push_back(where + " " + path + ": only line endings differ");
        }
    }

    // The data of an SSE event (data: lines joined by \n) and the rest of its lines.
    static void split_event(std::string_view ev, std::string& data, std::string& rest, int& data_lines) {
        data_lines = 0;
        for (const auto& l : util::split_lines(ev)) {
            std::string_view t = l.text;
            if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
            if (t.substr(0, 5) == "data:") {
                std::string_view v = t.substr(5);
                if (!v.empty() && v[0] == ' ') v.remove_prefix(1);
                if (data_lines++) data += '\n';
                data += v;
            } else {
                rest += t;
                rest += '\n';
            }
        }
    }

    // SSE bodies: events aligned like lines; paired events whose data is
    // JSON are compared structurally.
    void sse(const std::string& path, std::string_view a, std::string_view b) {
        const auto ea = util::sse_events(a), eb = util::sse_events(b);
        Interner in;
        std::vector<uint32_t> ka, kb;
        for (auto e : ea) ka.push_back(in.id(e));
        for (auto e : eb) kb.push_back(in.id(e));
        const auto pairs = lcs(ka, kb);
        size_t i = 0, j = 0;
        auto event_path = [&](size_t k) { return path + ".events[" + std::to_string(k) + "]"; };
        auto gap = [&](size_t i1, size_t j1) {
            for (; i < i1 && j < j1; ++i, ++j) event(event_path(j), ea[i], eb[j]);
            for (; i < i1; ++i) add(Change::Removed, event_path(i), std::string(ea[i]), std::nullopt);
            for (; j < j1; ++j) add(Change::Added, event_path(j), std::nullopt, std::string(eb[j]));
        };
        for (auto [pi, pj] : pairs) {
            gap(pi, pj);
            ++i, ++j;
        }
        gap(ea.size(), eb.size());
    }

    void event(const std::string& path, std::string_view a, std::string_view b) {
        std::string da, ra, db, rb;
        int na = 0, nb = 0;
        split_event(a, da, ra, na);
        split_event(b, db, rb, nb);
        if (ra == rb && na == 1 && nb == 1) {
            json ja, jb;
            if (parse_json(da, ja) == JsonParse::Ok && parse_json(db, jb) == JsonParse::Ok) {
                diff_json(ja, jb, path, json_ignores(), cur, &report.summary.ignored);
                return;
            }
        }
        add(Change::Changed, path, std::string(a), std::string(b));
    }

    // The fields compared for their meaning by request() and response()
    // below (the body and what follows it, the form without the query,
    // headers by canonical name, the duration as volatile), in their order.
    static constexpr std::string_view k_request_own[] = {"method", "url",     "body", "content_length",
                                                         "headers", "form",   "trailer"};
    static constexpr std::string_view k_response_own[] = {"code",    "status",  "body",    "content_length",
                                                          "headers", "trailer", "duration"};

    // Every other field of the schema (model/schema.hpp), as it is, in
    // go-vcr's order; the version 2 ones only between two version 2 files.
    // host and remote_addr: a new port on the same address is volatile.
    template <class S, size_t N> void plain_fields(const S& a, const S& b, const std::string_view (&own)[N]) {
        auto skip = [&](const schema::Row<S>& r) {
            if (r.since > 1 && !both_v2) return true;
            return std::find(std::begin(own), std::end(own), r.key) != std::end(own);
        };
        schema::visit<S>(schema::overloaded{
                             [&](const schema::Row<S>& r, const Field& x, const Field& y) {
                                 if (skip(r)) return;
                                 if (r.key == "host") address(std::string(schema::path(r)), x, y, true);
                                 else if (r.key == "remote_addr") address(std::string(schema::path(r)), x, y, false);
                                 else field(std::string(schema::path(r)), x, y, r.zero);
                             },
                             [&](const schema::Row<S>& r, const StringList& x, const StringList& y) {
                                 if (!skip(r)) list(std::string(schema::path(r)), x, y);
                             },
                             [&](const schema::Row<S>& r, const HeaderMap& x, const HeaderMap& y) {
                                 if (!skip(r)) headers(std::string(schema::path(r)), x, y, false, false);
                             },
                         },
                         a, b);
    }

    void request(const Request& a, const Request& b) {
        field("request.method", a.method, b.method);
        field("request.url", a.url, b.url);
        plain_fields(a, b, k_request_own);
        const bool same_body = body("request.body", a.body.value.value, a.headers, b.body.value.value, b.headers);
        if (same_body && a.body.value.value != b.body.value.value) request_bytes(a.body.value.value, b.body.value.value);
        body_a = a.body.value.value;
        body_b = b.body.value.value;
        if (both_v2) content_length("request.content_length", a.content_length, b.content_length, same_body);
        headers("request.headers", a.headers, b.headers, true, same_body);
        form(a, b, same_body);
        if (both_v2) headers("request.trailer", a.trailer, b.trailer, true, same_body);
    }

    void response(const Response& a, const Response& b) {
        field("response.code", a.code, b.code, "0");
        field("response.status", a.status, b.status);
        plain_fields(a, b, k_response_own);
        const bool same_body = body("response.body", a.body.value.value, a.headers, b.body.value.value, b.headers);
        // content_length follows the body (and -1 vs n is the transport's choice).
        body_a = a.body.value.value;
        body_b = b.body.value.value;
        if (both_v2) content_length("response.content_length", a.content_length, b.content_length, same_body);
        headers("response.headers", a.headers, b.headers, true, same_body);
        if (both_v2) headers("response.trailer", a.trailer, b.trailer, true, same_body);
        if (o.all) field("response.duration", a.duration, b.duration);
        else if (a.duration.str() != b.duration.str()) ++report.summary.ignored;
    }

    // Compares a pair; appends its changes to the report. False when equal.
    bool pair(const Interaction& a, size_t ia, const Interaction& b, size_t ib) {
        cur.clear();
        where = "#" + std::to_string(ib);
        request(a.request, b.request);
        response(a.response, b.response);
        if (cur.empty()) return false;
        for (auto& c : cur) {
            c.old_index = ia;
            c.new_index = ib;
            c.method = b.request.method.str();
            c.url = b.request.url.str();
            report.changes.push_back(std::move(c));
        }
        return true;
    }

    void whole(Change::Kind kind, const Interaction& in, size_t index) {
        Change c;
        c.kind = kind;
        (kind == Change::Added ? c.new_index : c.old_index) = index;
        c.method = in.request.method.str();
        c.url = in.request.url.str();
        report.changes.push_back(std::move(c));
        ++(kind == Change::Added ? report.summary.added : report.summary.removed);
    }
};

// Request identity: method, URL and body, interned to small ids (exact
// comparison, no hash collisions). Repeated requests get the same id, and
// the alignment pairs the k-th repeat with the k-th repeat.
struct TripleHash {
    size_t operator()(const std::array<uint32_t, 3>& t) const {
        return (size_t(t[0]) * 0x9E3779B97F4A7C15ull) ^ (size_t(t[1]) << 21) ^ (size_t(t[2]) * 0xC2B2AE3D27D4EB4Full);
    }
};

struct Keys {
    Interner strings;
    std::unordered_map<std::array<uint32_t, 3>, uint32_t, TripleHash> triples;

    uint32_t id(std::string_view method, std::string_view url, std::string_view body) {
        std::array<uint32_t, 3> t = {strings.id(method), strings.id(url), strings.id(body)};
        auto [it, added] = triples.try_emplace(t, uint32_t(triples.size()));
        return it->second;
    }
};

// The URL without query and fragment: requests that differ only there
// (timestamps, signatures, pagination cursors) pair as "changed".
std::string_view url_base(std::string_view url) {
    const size_t cut = url.find_first_of("?#");
    return cut == std::string_view::npos ? url : url.substr(0, cut);
}

// A path segment that names one resource rather than a kind of them: a
// number, a UUID or anything else holding a digit ("abc1", "tok_9fQ"), or a
// long random token (16+ characters mixing upper and lower case).
bool id_like_segment(std::string_view seg) {
    bool upper = false, lower = false;
    for (char ch : seg) {
        if (ch >= '0' && ch <= '9') return true;
        upper |= ch >= 'A' && ch <= 'Z';
        lower |= ch >= 'a' && ch <= 'z';
    }
    return seg.size() >= 16 && upper && lower;
}

// "yaml.v2 -> yaml.v3, indent 2 -> 4": how two layouts differ ("" when alike).
std::string layout_changes(const Layout& a, const Layout& b) {
    std::vector<std::string> parts;
    auto item = [&](const std::string& what, const std::string& va, const std::string& vb) {
        if (va != vb) parts.push_back(what + va + " -> " + vb);
    };
    item("", a.name() + " layout", b.name() + " layout");
    item("indent ", std::to_string(a.indent), std::to_string(b.indent));
    item("line ends ", a.crlf ? "CRLF" : "LF", b.crlf ? "CRLF" : "LF");
    item("byte order mark ", a.bom ? "yes" : "no", b.bom ? "yes" : "no");
    item("\"---\" first line ", a.doc_start ? "yes" : "no", b.doc_start ? "yes" : "no");
    item("final newline ", a.final_newline ? "yes" : "no", b.final_newline ? "yes" : "no");
    item("every field written ", a.all_fields ? "yes" : "no", b.all_fields ? "yes" : "no");
    item("line width ", a.width < 0 ? "none" : std::to_string(a.width), b.width < 0 ? "none" : std::to_string(b.width));
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

struct Op {
    enum Kind { Pair, Removed, Added } kind;
    size_t i, j;
};

// Pairs the interactions left between two exact matches, in two more
// passes: the same method and URL without its query, then the same method
// and URL shape (id-like segments and the ids earlier responses of the same
// recording returned count as one placeholder) for a resource re-created
// with a new id. Each pass aligns in order (LCS) and recurses into its gaps;
// what is left is removed or added.
struct Planner {
    const std::vector<Interaction>& A;
    const std::vector<Interaction>& B;
    std::vector<Op>& plan;
    size_t i = 0, j = 0;

    void removed(size_t upto) {
        for (; i < upto; ++i) plan.push_back({Op::Removed, i, 0});
    }
    void added(size_t upto) {
        for (; j < upto; ++j) plan.push_back({Op::Added, 0, j});
    }

    // `seg` was returned by one of the responses before interaction `k`
    // (a JSON string "seg", or in a header such as Location). Looks at the
    // 32 responses before, at most 8 MiB of them.
    static bool returned_earlier(const std::vector<Interaction>& side, size_t k, std::string_view seg) {
        if (seg.size() < 3) return false;
        std::string quoted = "\"" + std::string(seg) + "\"";
        size_t budget = size_t(8) << 20;
        for (size_t m = k; m > 0 && k - m < 32; --m) {
            const Response& r = side[m - 1].response;
            const std::string& body = r.body.value.value;
            if (body.size() > budget) break;
            budget -= body.size();
            if (body.find(quoted) != std::string::npos) return true;
            for (const auto& e : r.headers.entries)
                if (util::iequals(e.name.value, "Location"))
                    for (const auto& v : e.values)
                        if (v.value.find(seg) != std::string::npos) return true;
        }
        return false;
    }

    // The path segments of the URLs on both sides of the gap being paired:
    // one found on both sides is no id that changed with the recording.
    std::unordered_set<std::string_view> both_sides;
    // The URL prefixes (scheme, host, segments with the id-like ones as
    // placeholders) before each segment, per side: a segment can only be an
    // id returned earlier where the other side has a URL going the same way.
    std::unordered_set<std::string> prefixes_a, prefixes_b;

    // "https://strg7xq2.blob.core.windows.net": the host's labels that are
    // id-like as placeholders (a storage account, a bucket or a project
    // created for the test run has a new name each time).
    // The port of a test server on this machine ("http://127.0.0.1:56373",
    // httptest.NewServer, a container's mapped port) is a new one each run:
    // a placeholder too. Other ports stay (:8443 is another service).
    static std::string shape_host(std::string_view scheme_host) {
        std::string out;
        const size_t at = scheme_host.find("://");
        size_t start = at == std::string_view::npos ? 0 : at + 3;
        out = std::string(scheme_host.substr(0, start));
        const size_t colon = scheme_host.rfind(':');
        if (colon != std::string_view::npos && colon > start && colon + 1 < scheme_host.size() &&
            scheme_host.find_first_not_of("0123456789", colon + 1) == std::string_view::npos) {
            std::string_view host = scheme_host.substr(start, colon - start);
            if (host.find('@') != std::string_view::npos) host = host.substr(host.rfind('@') + 1);
            if (loopback_host(host)) return out + std::string(host) + ":\x01port";
        }
        while (start <= scheme_host.size()) {
            size_t end = scheme_host.find_first_of(".:", start);
            if (end == std::string_view::npos) end = scheme_host.size();
            const std::string_view label = scheme_host.substr(start, end - start);
            // The port (after ':') and labels such as us-east-1 stay: only whole labels with a digit
            // and a letter that are not a region-like word-dash-digit pattern count.
            const bool port = start > 0 && scheme_host[start - 1] == ':';
            if (!port && id_like_segment(label) && label.find('-') == std::string_view::npos) out += "\x01id";
            else out += label;
            if (end < scheme_host.size()) out += scheme_host[end];
            start = end + 1;
        }
        return out;
    }

    // Calls f(prefix, segment) for each path segment, the prefix with the
    // id-like segments before as placeholders.
    template <class F> static void for_each_segment(std::string_view url, F&& f) {
        url = url_base(url);
        size_t start = url.find("://");
        start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
        if (start == std::string_view::npos) return;
        std::string prefix = shape_host(url.substr(0, start));
        while (start < url.size()) {
            size_t end = url.find('/', start + 1);
            if (end == std::string_view::npos) end = url.size();
            const std::string_view seg = url.substr(start + 1, end - start - 1);
            f(std::as_const(prefix), seg);
            prefix += '/';
            if (id_like_segment(seg)) prefix += "\x01id";
            else prefix += seg;
            start = end;
        }
    }

    void collect_sides(size_t i1, size_t j1) {
        std::unordered_set<std::string_view> old_side;
        both_sides.clear();
        prefixes_a.clear();
        prefixes_b.clear();
        for (size_t k = i; k < i1; ++k)
            for_each_segment(A[k].request.url.str(), [&](const std::string& prefix, std::string_view seg) {
                old_side.insert(seg);
                prefixes_a.insert(prefix);
            });
        for (size_t k = j; k < j1; ++k)
            for_each_segment(B[k].request.url.str(), [&](const std::string& prefix, std::string_view seg) {
                if (old_side.count(seg)) both_sides.insert(seg);
                prefixes_b.insert(prefix);
            });
    }

    // The URL without query, its id-like segments as placeholders.
    std::string shape(const std::vector<Interaction>& side, size_t k) const {
        const auto& other = &side == &A ? prefixes_b : prefixes_a;
        std::string_view url = url_base(side[k].request.url.str());
        std::string out;
        size_t host_end = url.find("://");
        host_end = host_end == std::string_view::npos ? 0 : url.find('/', host_end + 3);
        out = host_end == std::string_view::npos ? std::string(url) : shape_host(url.substr(0, host_end));
        for_each_segment(url, [&](const std::string& prefix, std::string_view seg) {
            out += '/';
            if (id_like_segment(seg) ||
                (!both_sides.count(seg) && other.count(prefix) && returned_earlier(side, k, seg)))
                out += "\x01id";
            else
                out += seg;
        });
        return out;
    }

    // What kind of answer a response is, for telling the steps of a polling
    // loop apart: the status code and the short words among the top-level
    // string and boolean values of a JSON object ("state": "running"); ids,
    // times and long texts left out (they change with every recording).
    static std::string answer_kind(const Response& r) {
        std::string out(r.code.str());
        const std::string& body = r.body.value.value;
        std::string_view t = util::trim(body);
        if (t.empty() || t[0] != '{' || body.size() > (size_t(64) << 10)) return out; // status answers are small
        json j;
        if (parse_json(body, j) != JsonParse::Ok || !j.is_object()) return out;
        for (const auto& [k, v] : j.items()) {
            if (v.is_boolean()) {
                out += '\n' + k + '=' + (v.get<bool>() ? "true" : "false");
            } else if (v.is_string()) {
                const std::string& w = v.get_ref<const std::string&>();
                if (w.empty() || w.size() > 15 || id_like_segment(w) ||
                    w.find_first_of("0123456789 :/") != std::string::npos)
                    continue;
                out += '\n' + k + '=' + w;
            }
        }
        return out;
    }

    // The shape without scheme and host: the same test run against another
    // site or region (api.datad0g.com -> api.datadoghq.com, s3.us-east-1 ->
    // s3.eu-west-1) pairs, and its URL change is said, not every request
    // removed and added again.
    static std::string_view path_shape(std::string_view shape) {
        const size_t at = shape.find("://");
        if (at == std::string_view::npos) return shape;
        const size_t slash = shape.find('/', at + 3);
        return slash == std::string_view::npos ? std::string_view() : shape.substr(slash);
    }

    // Pairs [i, i1) with [j, j1) by the keys of `level` (0: URL without
    // query; 1: URL shape and the kind of answer; 2: URL shape; 3: the
    // shape of the path alone).
    void gap(size_t i1, size_t j1, int level) {
        if (i == i1 || j == j1 || level > 3) {
            removed(i1);
            added(j1);
            return;
        }
        Keys keys;
        std::vector<uint32_t> la, lb;
        if (level == 0) {
            for (size_t k = i; k < i1; ++k) la.push_back(keys.id(A[k].request.method.str(), url_base(A[k].request.url.str()), ""));
            for (size_t k = j; k < j1; ++k) lb.push_back(keys.id(B[k].request.method.str(), url_base(B[k].request.url.str()), ""));
        } else {
            collect_sides(i1, j1);
            // The shapes (kept for the interner's views), and at level 1 the
            // kind of answer of those whose shape the other side has too.
            std::vector<std::string> sa, sb, kinds_a(i1 - i), kinds_b(j1 - j);
            for (size_t k = i; k < i1; ++k) sa.push_back(shape(A, k));
            for (size_t k = j; k < j1; ++k) sb.push_back(shape(B, k));
            std::vector<uint32_t> ska, skb;
            for (size_t k = i; k < i1; ++k) ska.push_back(keys.id(A[k].request.method.str(), sa[k - i], ""));
            for (size_t k = j; k < j1; ++k) skb.push_back(keys.id(B[k].request.method.str(), sb[k - j], ""));
            if (level == 3) {
                Keys paths;
                for (size_t k = i; k < i1; ++k) la.push_back(paths.id(A[k].request.method.str(), path_shape(sa[k - i]), ""));
                for (size_t k = j; k < j1; ++k) lb.push_back(paths.id(B[k].request.method.str(), path_shape(sb[k - j]), ""));
            } else if (level == 2) {
                la = std::move(ska);
                lb = std::move(skb);
            } else {
                // Only where the order of several requests of one shape is in question.
                std::unordered_map<uint32_t, std::pair<size_t, size_t>> count;
                for (uint32_t x : ska) ++count[x].first;
                for (uint32_t x : skb) ++count[x].second;
                auto ambiguous = [&](uint32_t x) {
                    const auto& [na, nb] = count[x];
                    return na && nb && (na > 1 || nb > 1);
                };
                for (size_t k = i; k < i1; ++k)
                    if (ambiguous(ska[k - i])) kinds_a[k - i] = answer_kind(A[k].response);
                for (size_t k = j; k < j1; ++k)
                    if (ambiguous(skb[k - j])) kinds_b[k - j] = answer_kind(B[k].response);
                for (size_t k = i; k < i1; ++k) la.push_back(keys.id(A[k].request.method.str(), sa[k - i], kinds_a[k - i]));
                for (size_t k = j; k < j1; ++k) lb.push_back(keys.id(B[k].request.method.str(), sb[k - j], kinds_b[k - j]));
            }
        }
        const size_t i0 = i, j0 = j;
        for (auto [pi, pj] : lcs(la, lb)) {
            gap(i0 + pi, j0 + pj, level + 1);
            plan.push_back({Op::Pair, i++, j++});
        }
        gap(i1, j1, level + 1);
    }
};

} // namespace

Report compare(const Cassette& old_c, const Cassette& new_c, const DiffOptions& options) {
    Report r;
    r.summary.old_format = old_c.format();
    r.summary.new_format = new_c.format();
    r.summary.old_interactions = old_c.interactions.size();
    r.summary.new_interactions = new_c.interactions.size();
    const bool both_v2 = r.summary.old_format == 2 && r.summary.new_format == 2;
    if (r.summary.old_format != r.summary.new_format) {
        // One line for a format change: only fields both formats have are compared below.
        Change c;
        c.path = "version";
        c.old_value = std::to_string(r.summary.old_format);
        c.new_value = std::to_string(r.summary.new_format);
        r.changes.push_back(std::move(c));
    }

    const auto& A = old_c.interactions;
    const auto& B = new_c.interactions;
    // The plan first (pairing is cheap), then the work: what each pair of
    // interactions holds is compared on parallel threads for a big
    // cassette, each range of the plan into a report of its own, joined in
    // plan order (the result does not depend on the number of threads).
    std::vector<Op> plan;
    plan.reserve(std::max(A.size(), B.size()));
    // Pass 1: exact request identity.
    std::vector<uint32_t> ka, kb;
    {
        Keys keys;
        ka.reserve(A.size());
        kb.reserve(B.size());
        for (const auto& in : A) ka.push_back(keys.id(in.request.method.str(), in.request.url.str(), in.request.body.str()));
        for (const auto& in : B) kb.push_back(keys.id(in.request.method.str(), in.request.url.str(), in.request.body.str()));
    }
    // Passes 2 and 3 in each gap between exact matches (Planner).
    Planner planner{A, B, plan};
    for (auto [pi, pj] : lcs(ka, kb)) {
        planner.gap(pi, pj, 0);
        plan.push_back({Op::Pair, planner.i++, planner.j++});
    }
    planner.gap(A.size(), B.size(), 0);

    // Ranges of about the same number of source bytes of the pairs.
    size_t total = 0;
    for (const Op& op : plan)
        if (op.kind == Op::Pair) total += A[op.i].span.size() + B[op.j].span.size() + 1;
    const size_t threads = options.threads.split(total, util::split_at::kDiffBytes);
    std::vector<size_t> cut{0};
    for (size_t k = 0, acc = 0; k < plan.size() && cut.size() < threads; ++k) {
        if (plan[k].kind == Op::Pair) acc += A[plan[k].i].span.size() + B[plan[k].j].span.size() + 1;
        if (acc * threads >= total * cut.size() && k + 1 < plan.size()) cut.push_back(k + 1);
    }
    cut.push_back(plan.size());
    std::vector<Report> parts(cut.size() - 1);
    options.threads.run(parts.size(), [&](size_t k) {
        Differ dk{options, parts[k]};
        dk.both_v2 = both_v2;
        for (size_t n = cut[k]; n < cut[k + 1]; ++n) {
            const Op& op = plan[n];
            if (op.kind == Op::Removed) dk.whole(Change::Removed, A[op.i], op.i);
            else if (op.kind == Op::Added) dk.whole(Change::Added, B[op.j], op.j);
            else if (dk.pair(A[op.i], op.i, B[op.j], op.j)) ++parts[k].summary.changed;
            else ++parts[k].summary.unchanged;
        }
    });
    for (Report& part : parts) {
        for (auto& c : part.changes) r.changes.push_back(std::move(c));
        for (auto& n : part.notes) r.notes.push_back(std::move(n));
        r.summary.changed += part.summary.changed;
        r.summary.unchanged += part.summary.unchanged;
        r.summary.added += part.summary.added;
        r.summary.removed += part.summary.removed;
        r.summary.ignored += part.summary.ignored;
    }
    // --all shows everything: also a rewrite that changed only the layout
    // (another YAML writer, indentation, line ends), which no field shows.
    if (options.all && !old_c.source.empty() && !new_c.source.empty() && old_c.source.view() != new_c.source.view()) {
        const std::string how = layout_changes(old_c.layout, new_c.layout);
        if (r.changes.empty())
            r.notes.push_back("the files differ only in layout" + (how.empty() ? std::string(" (quoting, line breaks, key order)") : ": " + how));
        else if (!how.empty())
            r.notes.push_back("layout: " + how);
    }
    return r;
}

} // namespace cassette::diff
