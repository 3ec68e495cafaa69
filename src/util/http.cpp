#include "util/http.hpp"

#include "util/base64.hpp"
#include "util/strings.hpp"

#include <array>
#include <cstdint>

namespace cassette::http {

namespace {

// RFC 7230 tchar: "!#$%&'*+-.^_`|~", DIGIT, ALPHA.
bool is_tchar(unsigned char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (unsigned char c : s)
        if (!is_tchar(c)) return false;
    return true;
}

using util::iequals;

// textproto.TrimString's notion of space.
bool is_trim_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Trims [b, e) of s in place.
void trim_range(std::string_view s, size_t& b, size_t& e) {
    while (b < e && is_trim_space(s[b])) ++b;
    while (e > b && is_trim_space(s[e - 1])) --e;
}

// net/http's validCookieValueByte.
bool valid_cookie_value_byte(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != ';' && c != '\\'; }

// parseCookieValue on s[b, e): strips one pair of surrounding quotes when
// allowed and checks the bytes. Narrows [b, e) to the value.
bool cookie_value(std::string_view s, size_t& b, size_t& e, bool allow_quotes, bool& quoted) {
    quoted = false;
    if (allow_quotes && e - b > 1 && s[b] == '"' && s[e - 1] == '"') {
        ++b;
        --e;
        quoted = true;
    }
    for (size_t i = b; i < e; ++i)
        if (!valid_cookie_value_byte(uint8_t(s[i]))) return false;
    return true;
}

} // namespace

// ---------------------------------------------------------------- headers

std::string canonical_header_key(std::string_view key) {
    for (unsigned char c : key)
        if (!is_tchar(c)) return std::string(key);
    std::string out(key);
    bool upper = true;
    for (char& c : out) {
        if (upper && c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        else if (!upper && c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        upper = c == '-';
    }
    return out;
}

bool valid_header_name(std::string_view name) { return is_token(name); }

bool valid_method(std::string_view method) { return is_token(method); }

// ----------------------------------------------------------------- status

std::string_view status_text(int code) {
    switch (code) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 102: return "Processing";
    case 103: return "Early Hints";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 205: return "Reset Content";
    case 206: return "Partial Content";
    case 207: return "Multi-Status";
    case 208: return "Already Reported";
    case 226: return "IM Used";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 305: return "Use Proxy";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Request Entity Too Large";
    case 414: return "Request URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Requested Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 418: return "I'm a teapot";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Entity";
    case 423: return "Locked";
    case 424: return "Failed Dependency";
    case 425: return "Too Early";
    case 426: return "Upgrade Required";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    case 506: return "Variant Also Negotiates";
    case 507: return "Insufficient Storage";
    case 508: return "Loop Detected";
    case 510: return "Not Extended";
    case 511: return "Network Authentication Required";
    default: return "";
    }
}

bool status_matches(std::string_view status, int code) {
    // Compare text, not numbers, so "0200 OK" or an overflowing digit run
    // never matches.
    size_t i = 0;
    while (i < status.size() && status[i] >= '0' && status[i] <= '9') ++i;
    if (i < status.size() && status[i] != ' ') return false;
    return i > 0 && status.substr(0, i) == std::to_string(code);
}

// ---------------------------------------------------------------- cookies

std::vector<Cookie> parse_cookie_header(std::string_view s) {
    std::vector<Cookie> out;
    size_t pos = 0;
    while (pos < s.size()) {
        size_t semi = s.find(';', pos);
        size_t b = pos, e = semi == std::string_view::npos ? s.size() : semi;
        pos = semi == std::string_view::npos ? s.size() : semi + 1;
        trim_range(s, b, e);
        if (b == e) continue;
        std::string_view part = s.substr(b, e - b);
        size_t eq = part.find('=');
        Cookie c;
        c.name_begin = b;
        c.name_end = eq == std::string_view::npos ? e : b + eq;
        // A part without '=' is a cookie with an empty value, as in Go.
        size_t vb = eq == std::string_view::npos ? e : b + eq + 1, ve = e;
        if (!is_token(s.substr(c.name_begin, c.name_end - c.name_begin))) continue;
        if (!cookie_value(s, vb, ve, true, c.quoted)) continue;
        c.name = std::string(s.substr(c.name_begin, c.name_end - c.name_begin));
        c.value_begin = vb;
        c.value_end = ve;
        c.value = std::string(s.substr(vb, ve - vb));
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<Cookie> parse_set_cookie(std::string_view s) {
    size_t lb = 0, le = s.size();
    trim_range(s, lb, le);
    size_t semi = s.substr(0, le).find(';', lb);
    size_t b = lb, e = semi == std::string_view::npos ? le : semi;
    trim_range(s, b, e);
    std::string_view first = s.substr(b, e - b);
    size_t eq = first.find('=');
    if (eq == std::string_view::npos) return std::nullopt; // also covers an empty line
    Cookie c;
    c.name_begin = b;
    c.name_end = b + eq;
    if (!is_token(s.substr(c.name_begin, c.name_end - c.name_begin))) return std::nullopt;
    size_t vb = b + eq + 1, ve = e;
    if (!cookie_value(s, vb, ve, true, c.quoted)) return std::nullopt;
    c.name = std::string(s.substr(c.name_begin, eq));
    c.value_begin = vb;
    c.value_end = ve;
    c.value = std::string(s.substr(vb, ve - vb));
    // Attributes: the rest of the trimmed line, split at every ';'.
    const std::string_view line = s.substr(0, le);
    size_t pos = semi == std::string_view::npos ? le : semi + 1;
    while (semi != std::string_view::npos) {
        semi = line.find(';', pos);
        size_t ab = pos, ae = semi == std::string_view::npos ? le : semi;
        pos = ae + 1;
        trim_range(s, ab, ae);
        if (ab == ae) continue;
        std::string_view part = s.substr(ab, ae - ab);
        size_t aeq = part.find('=');
        if (aeq == std::string_view::npos) c.attributes.emplace_back(std::string(part), std::string());
        else c.attributes.emplace_back(std::string(part.substr(0, aeq)), std::string(part.substr(aeq + 1)));
    }
    return c;
}

std::optional<std::string_view> cookie_attribute(const Cookie& cookie, std::string_view name) {
    for (auto it = cookie.attributes.rbegin(); it != cookie.attributes.rend(); ++it)
        if (iequals(it->first, name)) return std::string_view(it->second);
    return std::nullopt;
}

// ------------------------------------------------------------ media types

std::string media_type(std::string_view content_type) {
    size_t e = content_type.find(';');
    if (e == std::string_view::npos) e = content_type.size();
    size_t b = 0;
    while (b < e && (content_type[b] == ' ' || content_type[b] == '\t')) ++b;
    while (e > b && (content_type[e - 1] == ' ' || content_type[e - 1] == '\t')) --e;
    return util::to_lower(content_type.substr(b, e - b));
}

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

} // namespace

bool is_json_media(std::string_view content_type) {
    const std::string mt = media_type(content_type);
    if (mt == "application/json" || mt == "text/json") return true;
    const size_t slash = mt.find('/');
    return slash != std::string::npos && slash > 0 && ends_with(mt, "+json") && mt.size() > slash + 1 + 5;
}

bool is_form_media(std::string_view content_type) {
    return media_type(content_type) == "application/x-www-form-urlencoded";
}

bool is_text_media(std::string_view content_type) {
    const std::string mt = media_type(content_type);
    if (starts_with(mt, "text/")) return true;
    if (is_json_media(mt) || is_form_media(mt)) return true;
    if (ends_with(mt, "+xml") || ends_with(mt, "+yaml")) return true;
    static constexpr std::array<std::string_view, 14> kText{
        "application/xml",        "application/x-ndjson",  "application/jsonl",      "application/json-seq",
        "application/javascript", "application/x-javascript", "application/ecmascript", "application/graphql",
        "application/yaml",       "application/x-yaml",    "application/csv",        "application/sql",
        "application/x-sh",       "application/jwt"};
    for (auto t : kText)
        if (mt == t) return true;
    return false;
}

// ------------------------------------------------------------- basic auth

std::optional<std::pair<std::string, std::string>> parse_basic_auth(std::string_view header_value) {
    constexpr std::string_view kPrefix = "Basic ";
    if (header_value.size() < kPrefix.size() || !iequals(header_value.substr(0, kPrefix.size()), kPrefix))
        return std::nullopt;
    auto decoded = util::base64_decode(header_value.substr(kPrefix.size()));
    if (!decoded) return std::nullopt;
    const size_t colon = decoded->find(':');
    if (colon == std::string::npos) return std::nullopt;
    return std::make_pair(decoded->substr(0, colon), decoded->substr(colon + 1));
}

std::string make_basic_auth(std::string_view user, std::string_view pass) {
    std::string plain;
    plain.reserve(user.size() + 1 + pass.size());
    plain.append(user).append(":").append(pass);
    return "Basic " + util::base64_encode(plain);
}

} // namespace cassette::http
