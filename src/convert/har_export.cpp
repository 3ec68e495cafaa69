// Cassette -> HAR 1.2, streamed (see har.hpp for what goes where).
#include "convert/har.hpp"
#include "convert/har_internal.hpp"
#include "convert/har_notes.hpp"
#include "convert/presence.hpp"
#include "model/schema.hpp"
#include "model/http.hpp"
#include "util/duration.hpp"
#include "util/http.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

#include <charconv>
#include <cstdio>

namespace cassette::convert {

// ---------------------------------------------------------------- dates

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + int64_t(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = int64_t(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

bool digits(std::string_view s, size_t at, size_t n, int64_t& out) {
    if (at + n > s.size()) return false;
    out = 0;
    for (size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

} // namespace

std::optional<int64_t> parse_rfc3339(std::string_view s) {
    int64_t y, mo, d, h, mi, sec;
    if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
        !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
        !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
        return std::nullopt;
    static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap) return std::nullopt;
    size_t i = 19;
    int64_t frac_ns = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        size_t start = i;
        int64_t scale = 100000000;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            frac_ns += (s[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
        if (i == start) return std::nullopt;
    }
    int64_t offset_s = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int64_t oh, om;
        if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, om) || oh > 23 ||
            om > 59)
            return std::nullopt;
        offset_s = (oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    const int64_t days = days_from_civil(y, unsigned(mo), unsigned(d));
    const int64_t secs = days * 86400 + h * 3600 + mi * 60 + sec - offset_s;
    return secs * 1000000000LL + frac_ns;
}

std::string format_har_time(int64_t ns) {
    int64_t secs = ns / 1000000000LL;
    int64_t rem = ns % 1000000000LL;
    if (rem < 0) {
        rem += 1000000000LL;
        --secs;
    }
    int64_t days = secs / 86400;
    int64_t sod = secs % 86400;
    if (sod < 0) {
        sod += 86400;
        --days;
    }
    int64_t y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", (long long)y, m, d,
                  (long long)(sod / 3600), (long long)(sod / 60 % 60), (long long)(sod % 60), (long long)(rem / 1000000));
    return buf;
}

// --------------------------------------------------------------- helpers

std::string ms_text(int64_t ns) {
    if (ns < 0) ns = 0;
    std::string out = std::to_string(ns / 1000000);
    int64_t frac = ns % 1000000;
    if (frac != 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%06lld", (long long)frac);
        std::string f = buf;
        while (!f.empty() && f.back() == '0') f.pop_back();
        out += '.';
        out += f;
    }
    return out;
}

std::optional<int64_t> canonical_int(std::string_view text) {
    if (text.empty() || text.size() > 19) return std::nullopt;
    int64_t v = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
    if (std::to_string(v) != text) return std::nullopt;
    return v;
}

std::string_view status_text_of(std::string_view status, std::string_view code_text) {
    std::string_view text = status;
    if (text.size() > code_text.size() && text.substr(0, code_text.size()) == code_text && text[code_text.size()] == ' ')
        text.remove_prefix(code_text.size() + 1);
    else if (text == code_text)
        text = {};
    return text;
}

std::string reconstruct_status(std::string_view code_text, std::string_view status_text) {
    if (status_text.empty()) return std::string(code_text);
    std::string s(code_text);
    s += ' ';
    s += status_text;
    return s;
}

bool default_header_grouping(const HeaderMap& m) {
    for (size_t i = 0; i < m.entries.size(); ++i) {
        if (m.entries[i].values.empty() || !util::valid_utf8(m.entries[i].name.value)) return false;
        for (const auto& v : m.entries[i].values)
            if (!util::valid_utf8(v.value)) return false;
        for (size_t j = 0; j < i; ++j)
            if (m.entries[j].name.value == m.entries[i].name.value) return false;
    }
    return true;
}

namespace {

void bytes_value(JsonOut& j, std::string_view key, std::string_view bytes);

// A raw YAML int (id, code, content_length, ...): a JSON number when the text
// is the number's canonical form, else the text as a string so nothing is lost.
void raw_value(JsonOut& j, std::string_view text) {
    if (auto v = canonical_int(text)) j.integer(*v);
    else if (text == "true" || text == "false") j.boolean(text == "true");
    else j.string(text);
}

// Text as a JSON string under `key`, or, when it is not valid UTF-8 (JSON
// cannot hold it), base64 under `key`_base64.
void bytes_value(JsonOut& j, std::string_view key, std::string_view bytes) {
    if (util::valid_utf8(bytes)) {
        j.member(key, bytes);
    } else {
        j.key(std::string(key) + "_base64");
        j.base64(bytes);
    }
}

void name_values(JsonOut& j, const HeaderMap& m) {
    j.begin_array();
    for (const auto& e : m.entries)
        for (const auto& v : e.values) {
            j.begin_object();
            j.member("name", e.name.value);
            j.member("value", v.value);
            j.end_object();
        }
    j.end_array();
}

// map[string][]string in _cassette: [{"name": n, "values": [...]}], keeping
// order, duplicates and empty value lists.
void header_map_json(JsonOut& j, const HeaderMap& m) {
    j.begin_array();
    for (const auto& e : m.entries) {
        j.begin_object();
        bytes_value(j, "name", e.name.value);
        j.key("values");
        j.begin_array();
        for (const auto& v : e.values) {
            if (util::valid_utf8(v.value)) {
                j.string(v.value);
            } else {
                j.begin_object();
                j.key("base64");
                j.base64(v.value);
                j.end_object();
            }
        }
        j.end_array();
        j.end_object();
    }
    j.end_array();
}

void node_json(JsonOut& j, const Node& n) {
    j.begin_object();
    switch (n.kind) {
    case Node::Kind::Scalar: {
        const Scalar& s = n.scalar;
        if (plain_raw(s)) bytes_value(j, "raw", s.value);
        else bytes_value(j, "str", s.value);
        break;
    }
    case Node::Kind::Sequence:
        j.key("seq");
        j.begin_array();
        for (const auto& item : n.items) node_json(j, item);
        j.end_array();
        break;
    case Node::Kind::Mapping:
        j.key("map");
        j.begin_array();
        for (const auto& e : n.entries) {
            j.begin_object();
            bytes_value(j, "key", e.key.value);
            j.key("value");
            node_json(j, e.value);
            j.end_object();
        }
        j.end_array();
        break;
    }
    j.end_object();
}

void extras_json(JsonOut& j, std::string_view key, const std::vector<NodeEntry>& extra) {
    if (extra.empty()) return;
    j.key(key);
    j.begin_array();
    for (const auto& e : extra) {
        j.begin_object();
        bytes_value(j, "key", e.key.value);
        j.key("value");
        node_json(j, e.value);
        j.end_object();
    }
    j.end_array();
}

void cookies_request(JsonOut& j, const HeaderMap& headers) {
    j.begin_array();
    for (const auto& e : headers.entries) {
        if (!util::iequals(e.name.value, "Cookie")) continue;
        for (const auto& v : e.values)
            for (const auto& c : http::parse_cookie_header(v.value)) {
                j.begin_object();
                j.member("name", c.name);
                j.member("value", c.value);
                j.end_object();
            }
    }
    j.end_array();
}

void cookies_response(JsonOut& j, const HeaderMap& headers) {
    j.begin_array();
    for (const auto& e : headers.entries) {
        if (!util::iequals(e.name.value, "Set-Cookie")) continue;
        for (const auto& v : e.values) {
            auto c = http::parse_set_cookie(v.value);
            if (!c) continue;
            j.begin_object();
            j.member("name", c->name);
            j.member("value", c->value);
            if (auto p = http::cookie_attribute(*c, "Path")) j.member("path", *p);
            if (auto d = http::cookie_attribute(*c, "Domain")) j.member("domain", *d);
            if (http::cookie_attribute(*c, "HttpOnly")) j.member_bool("httpOnly", true);
            if (http::cookie_attribute(*c, "Secure")) j.member_bool("secure", true);
            j.end_object();
        }
    }
    j.end_array();
}

std::string_view raw_query(std::string_view url) {
    if (auto u = http::parse_url(url)) return u->has_query ? u->query : std::string_view();
    size_t q = url.find('?');
    if (q == std::string_view::npos) return {};
    std::string_view rest = url.substr(q + 1);
    return rest.substr(0, rest.find('#'));
}

void params(JsonOut& j, std::string_view raw) {
    j.begin_array();
    for (const auto& p : http::parse_query(raw)) {
        j.begin_object();
        j.member("name", p.name);
        j.member("value", p.value);
        j.end_object();
    }
    j.end_array();
}

void raw_member(JsonOut& j, std::string_view key, const Field& f) {
    if (!f.present) return;
    j.key(key);
    raw_value(j, f.str());
}

void string_member(JsonOut& j, std::string_view key, const Field& f) {
    if (f.present) bytes_value(j, key, f.str());
}

void list_member(JsonOut& j, std::string_view key, const StringList& l) {
    if (!l.present) return;
    j.key(key);
    j.begin_array();
    for (const auto& s : l.items) j.string(s.value);
    j.end_array();
}

void map_member(JsonOut& j, std::string_view key, const HeaderMap& m) {
    if (!m.present) return;
    j.key(key);
    header_map_json(j, m);
}

void request_json(JsonOut& j, const Request& r) {
    const std::string_view url = r.url.str();
    const std::string_view body = r.body.str();
    j.begin_object();
    j.member("method", r.method.str());
    j.member("url", url);
    j.member("httpVersion", r.proto.present ? r.proto.str() : std::string_view("HTTP/1.1"));
    j.key("cookies");
    cookies_request(j, r.headers);
    j.key("headers");
    name_values(j, r.headers);
    j.key("queryString");
    params(j, raw_query(url));
    if (!body.empty()) {
        const std::string_view content_type = header_value(r.headers, "Content-Type");
        j.key("postData");
        j.begin_object();
        j.member("mimeType", content_type);
        if (util::valid_utf8(body)) {
            j.member("text", body);
        } else {
            j.key("text");
            j.base64(body);
        }
        if (http::is_form_media(content_type)) {
            j.key("params");
            params(j, body);
        }
        j.end_object();
    }
    j.member("headersSize", int64_t(-1));
    j.member("bodySize", int64_t(body.size()));
    j.end_object();
}

void response_json(JsonOut& j, const Response& r, int64_t code) {
    const std::string_view body = r.body.str();
    const std::string_view status = r.status.str();
    const std::string code_text = std::to_string(code);
    j.begin_object();
    j.member("status", code);
    j.member("statusText", status_text_of(status, code_text));
    j.member("httpVersion", r.proto.present ? r.proto.str() : std::string_view("HTTP/1.1"));
    j.key("cookies");
    cookies_response(j, r.headers);
    j.key("headers");
    name_values(j, r.headers);
    j.key("content");
    j.begin_object();
    j.member("size", int64_t(body.size()));
    j.member("mimeType", header_value(r.headers, "Content-Type"));
    if (util::valid_utf8(body)) {
        j.member("text", body);
    } else {
        j.key("text");
        j.base64(body);
        j.member("encoding", "base64");
    }
    j.end_object();
    j.member("redirectURL", header_value(r.headers, "Location"));
    j.member("headersSize", int64_t(-1));
    // A transparently decompressed body (FORMAT.md 6.4): the bytes on the
    // wire are unknown.
    j.member("bodySize", r.uncompressed.str() == "true" ? int64_t(-1) : int64_t(body.size()));
    j.end_object();
}

// Every other field of the schema (model/schema.hpp), in go-vcr's order,
// under its own key in `_cassette` (HAR import reads them back by key).
template <class S, size_t N>
void carried_fields(JsonOut& j, const S& s, const std::string_view (&native)[N]) {
    auto is_native = [&](std::string_view key) { return har_native(native, key); };
    schema::visit<S>(schema::overloaded{
                         [&](const schema::Row<S>& r, const Field& f) {
                             if (is_native(r.key)) return;
                             if (schema::is_raw(r.kind)) raw_member(j, r.key, f);
                             else string_member(j, r.key, f);
                         },
                         [&](const schema::Row<S>& r, const HeaderMap& m) {
                             if (!is_native(r.key)) map_member(j, r.key, m);
                         },
                         [&](const schema::Row<S>& r, const StringList& l) {
                             if (!is_native(r.key)) list_member(j, r.key, l);
                         },
                     },
                     s);
}

void cassette_entry_json(JsonOut& j, const Interaction& in, const FieldSet& set, int64_t code) {
    const Request& rq = in.request;
    const Response& rs = in.response;
    j.key("_cassette");
    j.begin_object();
    raw_member(j, "id", in.id);
    if (rs.duration.present) bytes_value(j, "duration", rs.duration.str());

    j.key("request");
    j.begin_object();
    carried_fields(j, rq, k_har_request);
    if (!util::valid_utf8(rq.body.str())) j.member("body_encoding", "base64");
    if (!default_header_grouping(rq.headers)) map_member(j, "headers", rq.headers);
    if (!util::valid_utf8(rq.method.str())) bytes_value(j, "method", rq.method.str());
    if (!util::valid_utf8(rq.url.str())) bytes_value(j, "url", rq.url.str());
    extras_json(j, "extra", rq.extra);
    j.end_object();

    j.key("response");
    j.begin_object();
    carried_fields(j, rs, k_har_response);
    if (rs.code.str() != std::to_string(code)) raw_member(j, "code", rs.code);
    {
        const std::string code_text = std::to_string(code);
        const std::string_view status = rs.status.str();
        if (!util::valid_utf8(status) || reconstruct_status(code_text, status_text_of(status, code_text)) != status)
            bytes_value(j, "status", status);
    }
    if (!default_header_grouping(rs.headers)) map_member(j, "headers", rs.headers);
    extras_json(j, "extra", rs.extra);
    j.end_object();

    Interaction& mi = const_cast<Interaction&>(in); // the field walk takes a mutable model; nothing changes
    if (!presence_is_default(set, mi)) {
        j.key("fields");
        j.begin_object();
        j.member_bool("id", in.id.present);
        j.member("request", present_names(request_fields(mi.request)));
        j.member("response", present_names(response_fields(mi.response)));
        j.end_object();
    }
    extras_json(j, "extra", in.extra);
    j.end_object();
}

void layout_json(JsonOut& j, const Layout& l) {
    j.key("layout");
    j.begin_object();
    j.member("name", l.name());
    j.member("emitter", emitter_name(l.emitter));
    j.member("indent", int64_t(l.indent));
    j.member_bool("indentless", l.indentless);
    j.member("width", int64_t(l.width));
    j.member_bool("all_fields", l.all_fields);
    j.end_object();
}

} // namespace

bool plain_raw(const Scalar& s) {
    // The condition under which the canonical writer copies an unknown
    // key's scalar as is (a number, a bool) instead of quoting it.
    return s.style == ScalarStyle::Plain && s.span.begin.line == s.span.end.line && s.tag.empty() && !s.binary &&
           s.value.find('\n') == std::string::npos;
}

FieldSet field_set_of(const Cassette& c) {
    FieldSet set;
    set.format = c.format() == 1 ? 1 : 2;
    set.all_fields = c.layout.all_fields;
    return set;
}

void write_har(const Cassette& c, const HarExportOptions& options, const Sink& sink) {
    JsonOut j(sink);
    const FieldSet set = field_set_of(c);
    j.begin_object();
    j.key("log");
    j.begin_object();
    j.member("version", "1.2");
    j.key("creator");
    j.begin_object();
    j.member("name", "cassette");
    j.member("version", options.creator_version);
    j.end_object();
    j.key("_cassette");
    j.begin_object();
    if (c.version.present) {
        j.key("version");
        raw_value(j, c.version.str());
    }
    layout_json(j, c.layout);
    extras_json(j, "extra", c.extra);
    notes_json(j, c); // comments, header, later documents (har_notes.hpp)
    j.end_object();
    j.key("entries");
    j.begin_array();
    int64_t t = options.start_ns;
    for (const auto& in : c.interactions) {
        const std::optional<int64_t> dur = http::parse_go_duration(in.response.duration.str());
        const int64_t ns = dur && *dur > 0 ? *dur : 0;
        const int64_t code = canonical_int(in.response.code.str()).value_or(0);
        j.begin_object();
        j.member("startedDateTime", format_har_time(t));
        t += ns;
        const std::string ms = ms_text(ns);
        j.key("time");
        j.number_text(ms);
        j.key("request");
        request_json(j, in.request);
        j.key("response");
        response_json(j, in.response, code);
        j.key("cache");
        j.begin_object();
        j.end_object();
        j.key("timings");
        j.begin_object();
        j.member("blocked", int64_t(-1));
        j.member("dns", int64_t(-1));
        j.member("connect", int64_t(-1));
        j.member("ssl", int64_t(-1));
        j.member("send", int64_t(0));
        j.key("wait");
        j.number_text(ms);
        j.member("receive", int64_t(0));
        j.end_object();
        cassette_entry_json(j, in, set, code);
        j.end_object();
    }
    j.end_array();
    j.end_object();
    j.end_object();
}

std::string to_har(const Cassette& c, const HarExportOptions& options) {
    std::string out;
    write_har(c, options, [&](std::string_view chunk) { out.append(chunk); });
    return out;
}

} // namespace cassette::convert
