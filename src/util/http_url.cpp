// URL and query-string parts of util/http.hpp, following Go 1.19 net/url.
#include "util/http.hpp"
#include "util/hex.hpp"

#include <cstdint>

namespace cassette::http {

namespace {

// Go's unescape modes that matter for validation (the decoded bytes are the
// same in every mode except that '+' means space in query components).
enum class Mode { Path, UserPassword, Host, Zone, Fragment, QueryComponent };

using util::hex_value;
using util::is_hex_digit;

bool is_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Host bytes Go accepts unescaped (shouldEscape(c, encodeHost) == false).
bool host_byte_ok(unsigned char c) {
    if (is_alnum(c)) return true;
    switch (c) {
    case '-': case '_': case '.': case '~':
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',': case ';': case '=':
    case ':': case '[': case ']': case '<': case '>': case '"':
        return true;
    default:
        return false;
    }
}

// Go's unescape: validates s for `mode` and, if `out` is given, decodes.
bool unescape(std::string_view s, Mode mode, std::string* out) {
    const bool hostish = mode == Mode::Host || mode == Mode::Zone;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = uint8_t(s[i]);
        if (c == '%') {
            if (i + 2 >= s.size() || !is_hex_digit(s[i + 1]) || !is_hex_digit(s[i + 2])) return false;
            const std::string_view esc = s.substr(i, 3);
            // RFC 3986: a host %-encodes only non-ASCII bytes; RFC 6874 adds
            // %25 for the zone separator.
            if (mode == Mode::Host && hex_value(s[i + 1]) < 8 && esc != "%25") return false;
            if (mode == Mode::Zone) {
                const unsigned char v = uint8_t(hex_value(s[i + 1]) << 4 | hex_value(s[i + 2]));
                if (esc != "%25" && v != ' ' && !(v < 0x80 && host_byte_ok(v))) return false;
            }
            i += 3;
            continue;
        }
        if (hostish && c < 0x80 && !host_byte_ok(c)) return false;
        ++i;
    }
    if (out) {
        out->clear();
        out->reserve(s.size());
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '%') {
                out->push_back(char(hex_value(s[i + 1]) << 4 | hex_value(s[i + 2])));
                i += 2;
            } else if (s[i] == '+' && mode == Mode::QueryComponent) {
                out->push_back(' ');
            } else {
                out->push_back(s[i]);
            }
        }
    }
    return true;
}

bool valid_optional_port(std::string_view colon_port) {
    if (colon_port.empty()) return true;
    if (colon_port[0] != ':') return false;
    for (char c : colon_port.substr(1))
        if (c < '0' || c > '9') return false;
    return true;
}

// Go's validUserinfo; any non-ASCII byte fails (Go checks runes and none
// above 0x7f is allowed).
bool valid_userinfo(std::string_view s) {
    for (unsigned char c : s) {
        if (is_alnum(c)) continue;
        switch (c) {
        case '-': case '.': case '_': case ':': case '~': case '!': case '$': case '&': case '\'':
        case '(': case ')': case '*': case '+': case ',': case ';': case '=': case '%': case '@':
            continue;
        default:
            return false;
        }
    }
    return true;
}

struct Cursor {
    std::string_view whole;
    void set(std::string_view& view, ByteRange& at, size_t b, size_t e) const {
        at = {b, e};
        view = whole.substr(b, e - b);
    }
};

// parseHost on whole[b, e); fills host/port.
bool parse_host(const Cursor& cur, UrlParts& p, size_t b, size_t e) {
    const std::string_view hp = cur.whole.substr(b, e - b);
    cur.set(p.host_port, p.host_port_at, b, e);
    size_t host_end = e;
    if (!hp.empty() && hp[0] == '[') {
        const size_t close = hp.rfind(']');
        if (close == std::string_view::npos) return false;
        const std::string_view colon_port = hp.substr(close + 1);
        if (!valid_optional_port(colon_port)) return false;
        host_end = b + close + 1;
        const size_t zone = hp.substr(0, close).find("%25");
        if (zone != std::string_view::npos) {
            if (!unescape(hp.substr(0, zone), Mode::Host, nullptr) ||
                !unescape(hp.substr(zone, close - zone), Mode::Zone, nullptr) ||
                !unescape(hp.substr(close), Mode::Host, nullptr))
                return false;
        } else if (!unescape(hp, Mode::Host, nullptr)) {
            return false;
        }
    } else {
        const size_t colon = hp.rfind(':');
        if (colon != std::string_view::npos) {
            if (!valid_optional_port(hp.substr(colon))) return false;
            host_end = b + colon;
        }
        if (!unescape(hp, Mode::Host, nullptr)) return false;
    }
    cur.set(p.host, p.host_at, b, host_end);
    if (host_end < e) {
        p.has_port = true;
        cur.set(p.port, p.port_at, host_end + 1, e);
    } else {
        cur.set(p.port, p.port_at, e, e);
    }
    return true;
}

bool parse_authority(const Cursor& cur, UrlParts& p, size_t b, size_t e) {
    const std::string_view auth = cur.whole.substr(b, e - b);
    const size_t at = auth.rfind('@');
    if (!parse_host(cur, p, at == std::string_view::npos ? b : b + at + 1, e)) return false;
    if (at == std::string_view::npos) {
        cur.set(p.userinfo, p.userinfo_at, b, b);
        cur.set(p.user, p.user_at, b, b);
        cur.set(p.password, p.password_at, b, b);
        return true;
    }
    const std::string_view ui = auth.substr(0, at);
    if (!valid_userinfo(ui)) return false;
    p.has_userinfo = true;
    cur.set(p.userinfo, p.userinfo_at, b, b + at);
    const size_t colon = ui.find(':');
    if (colon == std::string_view::npos) {
        if (!unescape(ui, Mode::UserPassword, nullptr)) return false;
        cur.set(p.user, p.user_at, b, b + at);
        cur.set(p.password, p.password_at, b + at, b + at);
        return true;
    }
    if (!unescape(ui.substr(0, colon), Mode::UserPassword, nullptr) ||
        !unescape(ui.substr(colon + 1), Mode::UserPassword, nullptr))
        return false;
    p.has_password = true;
    cur.set(p.user, p.user_at, b, b + colon);
    cur.set(p.password, p.password_at, b + colon + 1, b + at);
    return true;
}

} // namespace

std::optional<UrlParts> parse_url(std::string_view url) {
    const Cursor cur{url};
    UrlParts p;
    // Url.Parse cuts the fragment off first; only the part before it is
    // checked for control bytes.
    const size_t hash = url.find('#');
    const size_t end = hash == std::string_view::npos ? url.size() : hash;
    if (hash != std::string_view::npos) {
        p.has_fragment = true;
        cur.set(p.fragment, p.fragment_at, hash + 1, url.size());
        if (!unescape(p.fragment, Mode::Fragment, nullptr)) return std::nullopt;
    } else {
        cur.set(p.fragment, p.fragment_at, url.size(), url.size());
    }
    for (size_t i = 0; i < end; ++i)
        if (uint8_t(url[i]) < 0x20 || url[i] == 0x7f) return std::nullopt;
    // Defaults for the parts that may stay absent: empty ranges at a
    // sensible position.
    cur.set(p.scheme, p.scheme_at, 0, 0);
    cur.set(p.query, p.query_at, end, end);
    if (url.substr(0, end) == "*") {
        cur.set(p.path, p.path_at, 0, 1);
        cur.set(p.authority, p.authority_at, 0, 0);
        cur.set(p.host_port, p.host_port_at, 0, 0);
        cur.set(p.host, p.host_at, 0, 0);
        cur.set(p.port, p.port_at, 0, 0);
        cur.set(p.userinfo, p.userinfo_at, 0, 0);
        cur.set(p.user, p.user_at, 0, 0);
        cur.set(p.password, p.password_at, 0, 0);
        return p;
    }
    // getScheme: letters, then letters/digits/+-. up to ':'.
    size_t rest = 0;
    for (size_t i = 0; i < end; ++i) {
        const char c = url[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            if (i == 0) break;
            continue;
        }
        if (c == ':') {
            if (i == 0) return std::nullopt; // "missing protocol scheme"
            cur.set(p.scheme, p.scheme_at, 0, i);
            p.absolute = true;
            rest = i + 1;
        }
        break;
    }
    size_t rest_end = end;
    const size_t q = url.substr(0, end).find('?', rest);
    if (q != std::string_view::npos) {
        p.has_query = true;
        cur.set(p.query, p.query_at, q + 1, end);
        rest_end = q;
    }
    const std::string_view r = url.substr(rest, rest_end - rest);
    cur.set(p.authority, p.authority_at, rest, rest);
    cur.set(p.userinfo, p.userinfo_at, rest, rest);
    cur.set(p.user, p.user_at, rest, rest);
    cur.set(p.password, p.password_at, rest, rest);
    cur.set(p.host_port, p.host_port_at, rest, rest);
    cur.set(p.host, p.host_at, rest, rest);
    cur.set(p.port, p.port_at, rest, rest);
    if (r.empty() || r[0] != '/') {
        if (p.absolute) {
            // A rootless path after a scheme is Go's Opaque; it is not
            // unescaped or validated.
            p.opaque = true;
            cur.set(p.path, p.path_at, rest, rest_end);
            return p;
        }
        // RFC 3986 4.2: a relative-path reference's first segment has no ':'.
        if (r.substr(0, r.find('/')).find(':') != std::string_view::npos) return std::nullopt;
    }
    size_t path_begin = rest;
    if ((p.absolute || r.substr(0, 3) != "///") && r.substr(0, 2) == "//") {
        const size_t ab = rest + 2;
        const size_t slash = r.find('/', 2);
        const size_t ae = slash == std::string_view::npos ? rest_end : rest + slash;
        p.has_authority = true;
        cur.set(p.authority, p.authority_at, ab, ae);
        if (!parse_authority(cur, p, ab, ae)) return std::nullopt;
        path_begin = ae;
    }
    cur.set(p.path, p.path_at, path_begin, rest_end);
    if (!unescape(p.path, Mode::Path, nullptr)) return std::nullopt;
    return p;
}

std::optional<std::string> percent_decode(std::string_view raw) {
    std::string out;
    if (!unescape(raw, Mode::Path, &out)) return std::nullopt;
    return out;
}

std::vector<QueryParam> parse_query(std::string_view raw, bool* had_error) {
    std::vector<QueryParam> out;
    if (had_error) *had_error = false;
    size_t pos = 0;
    while (pos < raw.size()) {
        const size_t amp = raw.find('&', pos);
        const size_t b = pos, e = amp == std::string_view::npos ? raw.size() : amp;
        pos = amp == std::string_view::npos ? raw.size() : amp + 1;
        const std::string_view pair = raw.substr(b, e - b);
        // Go 1.17+ no longer treats ';' as a separator: the whole pair is
        // rejected and ParseQuery reports an error.
        if (pair.find(';') != std::string_view::npos) {
            if (had_error) *had_error = true;
            continue;
        }
        if (pair.empty()) continue;
        QueryParam qp;
        const size_t eq = pair.find('=');
        qp.name_begin = b;
        qp.name_end = eq == std::string_view::npos ? e : b + eq;
        qp.has_equals = eq != std::string_view::npos;
        qp.value_begin = qp.has_equals ? b + eq + 1 : qp.name_end;
        qp.value_end = qp.has_equals ? e : qp.name_end;
        if (!unescape(raw.substr(qp.name_begin, qp.name_end - qp.name_begin), Mode::QueryComponent, &qp.name) ||
            !unescape(raw.substr(qp.value_begin, qp.value_end - qp.value_begin), Mode::QueryComponent, &qp.value)) {
            if (had_error) *had_error = true;
            continue;
        }
        out.push_back(std::move(qp));
    }
    return out;
}

std::optional<std::string> query_unescape(std::string_view s) {
    std::string out;
    if (!unescape(s, Mode::QueryComponent, &out)) return std::nullopt;
    return out;
}

} // namespace cassette::http
