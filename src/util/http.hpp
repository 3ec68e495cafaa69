#pragma once
// Go net/http and net/url semantics that the lint, redact, diff and convert
// passes need to judge and edit recorded requests and responses the way
// go-vcr (and the Go program that replays the cassette) sees them. The
// reference is Go 1.19's standard library; tests/go/httpref runs it for the
// differential tests.
//
// Parsers that feed redaction return byte offsets into their input so a
// secret can be replaced while every other byte (and the input's own
// percent-encoding) is kept. No function throws.
#include "util/percent.hpp" // query_escape and the other percent-encoders

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cassette::http {

// ---------------------------------------------------------------- headers

// http.CanonicalHeaderKey: first letter and letters after '-' upper case,
// the rest lower case ("content-type" -> "Content-Type"). A key holding a
// byte that is not an RFC 7230 token character (space, ':', non-ASCII, ...)
// is returned unchanged, as Go does; "" stays "".
std::string canonical_header_key(std::string_view key);

// RFC 7230 token (1*tchar): what Go's transport accepts as a header name.
bool valid_header_name(std::string_view name);

// Go's validMethod: a non-empty token (http.NewRequest rejects anything
// else with "net/http: invalid method").
bool valid_method(std::string_view method);

// ----------------------------------------------------------------- status

// http.StatusText (Go 1.19 table): "OK" for 200, "" for unknown codes.
std::string_view status_text(int code);

// go-vcr's `status` is resp.Status, "200 OK". True when the status starts
// with the decimal `code` (no sign, no leading zeros) followed by the end or
// a space; the reason phrase is not checked (servers send their own).
bool status_matches(std::string_view status, int code);

// ------------------------------------------------------------------- URLs

// Half-open byte range [begin, end) into the string that was parsed.
struct ByteRange {
    size_t begin = 0;
    size_t end = 0;
    size_t size() const { return end - begin; }
    bool empty() const { return begin == end; }
};

// A URL split the way Go's url.Parse splits it. Every view is the raw
// (still percent-encoded) text inside the parsed string, and the matching
// `*_at` range gives its offsets; `has_*` tells an empty part from an absent
// one ("http://h/?" has an empty query, "http://h/" none).
struct UrlParts {
    std::string_view scheme;    // as written (Go lower-cases it); "" for relative URLs
    std::string_view authority; // between "//" and the path: userinfo@host:port
    std::string_view userinfo;  // before the last '@' of the authority
    std::string_view user;      // userinfo up to the first ':'
    std::string_view password;  // userinfo after the first ':'
    std::string_view host_port; // Go's URL.Host (raw): host plus ":port"
    std::string_view host;      // host_port without ":port"; IPv6 keeps its brackets
    std::string_view port;      // digits after ':'; may be empty ("h:")
    std::string_view path;      // Go's Path (raw); for an opaque URL Go's Opaque
    std::string_view query;     // after the first '?', Go's RawQuery
    std::string_view fragment;  // after the first '#'
    ByteRange scheme_at, authority_at, userinfo_at, user_at, password_at, host_port_at, host_at, port_at, path_at,
        query_at, fragment_at;
    bool absolute = false;      // has a scheme
    bool opaque = false;        // "scheme:rest" where rest does not start with '/' (mailto:x)
    bool has_authority = false; // "//" authority present (may be empty: "file:///x")
    bool has_userinfo = false;
    bool has_password = false;
    bool has_port = false;
    bool has_query = false;
    bool has_fragment = false;
};

// url.Parse: nullopt exactly where Go returns an error (control bytes
// before '#', "missing protocol scheme", colon in a relative URL's first
// segment, bad '%' escapes in userinfo/host/path/fragment, invalid
// userinfo characters, bad port, missing ']', disallowed host bytes).
// Accepts absolute and relative URLs, "*" and "".
std::optional<UrlParts> parse_url(std::string_view url);

// url.PathUnescape: decodes %XX ('+' stays '+'); nullopt on a malformed
// escape. Use it to compare a raw UrlParts view with a decoded value.
std::optional<std::string> percent_decode(std::string_view raw);

// One name=value pair of a query string or form body.
struct QueryParam {
    std::string name;  // decoded ('+' is a space, %XX)
    std::string value; // decoded
    size_t name_begin = 0, name_end = 0;   // raw (encoded) name in the input
    size_t value_begin = 0, value_end = 0; // raw value; both == name_end when there is no '='
    bool has_equals = false;
};

// url.ParseQuery (Go 1.19), in input order: pairs split at '&', empty pairs
// ignored, name and value split at the first '='. As in Go 1.19, a pair
// containing ';' is invalid and skipped (it is not a separator), and so is a
// pair with a malformed %-escape; `had_error` (if given) is set when any
// pair was skipped for those reasons (ParseQuery's error). Works for
// application/x-www-form-urlencoded bodies too.
std::vector<QueryParam> parse_query(std::string_view raw, bool* had_error = nullptr);

// url.QueryUnescape: '+' is a space, %XX decoded; nullopt on a malformed
// escape.
std::optional<std::string> query_unescape(std::string_view s);

// ---------------------------------------------------------------- cookies

struct Cookie {
    std::string name;
    std::string value;              // without the surrounding double quotes, if any
    size_t name_begin = 0, name_end = 0;
    size_t value_begin = 0, value_end = 0; // raw value in the input, inside the quotes
    bool quoted = false;            // the value was written "like this"
    // Set-Cookie only: every non-empty attribute after the first ';', in
    // order, trimmed, split at the first '=' (value "" when there is none).
    // Names are as written (compare case-insensitively, see
    // cookie_attribute). Attributes Go files under Cookie.Unparsed (unknown
    // names, invalid values) are kept here too.
    std::vector<std::pair<std::string, std::string>> attributes;
};

// Request `Cookie:` header value ("a=1; b=2") as Go's readCookies: parts
// split at ';' and trimmed; parts with an invalid (non-token) name or a value
// with bytes outside cookie-octet ('"', ';', '\\', controls, non-ASCII; a
// single surrounding pair of quotes is allowed) are skipped.
std::vector<Cookie> parse_cookie_header(std::string_view header_value);

// Response `Set-Cookie:` header value as Go's readSetCookies: nullopt where
// Go drops the line (no '=' in the first part, invalid name or value).
std::optional<Cookie> parse_set_cookie(std::string_view header_value);

// Value of the attribute named `name` (ASCII case-insensitive: "Max-Age",
// "path", ...), or nullopt. The last one wins, as in Go where a later
// attribute overwrites an earlier one.
std::optional<std::string_view> cookie_attribute(const Cookie& cookie, std::string_view name);

// ------------------------------------------------------------ media types

// "Application/JSON; charset=utf-8" -> "application/json": the part before
// ';', trimmed of spaces and tabs, ASCII lower-cased. "" for "".
std::string media_type(std::string_view content_type);

// A body that is one JSON document: application/json, text/json and any
// "<type>/<subtype>+json" (application/problem+json, application/vnd.api+json).
// Line-delimited JSON (application/x-ndjson, application/jsonl,
// application/json-seq) is deliberately *not* JSON here: the body is a
// sequence of documents and a JSON parser would reject it; it is text.
bool is_json_media(std::string_view content_type);

// application/x-www-form-urlencoded, the bodies parse_query reads.
// multipart/form-data is not (it needs a MIME parser).
bool is_form_media(std::string_view content_type);

// Bodies that are human-readable text: text/*, the JSON and form types
// above, line-delimited JSON, XML (application/xml, */*+xml), JavaScript,
// GraphQL, YAML, CSV-like application types. Binary or unknown types are
// false.
bool is_text_media(std::string_view content_type);

// ------------------------------------------------------------- basic auth

// Go's Request.BasicAuth on an Authorization value: "Basic " (scheme
// case-insensitive, exactly one space) + standard padded base64 of
// "user:pass" (Go's decoder skips '\r' and '\n'). nullopt when the scheme,
// the base64 or the ':' is missing.
std::optional<std::pair<std::string, std::string>> parse_basic_auth(std::string_view header_value);

// Request.SetBasicAuth's value: "Basic " + base64("user:pass").
std::string make_basic_auth(std::string_view user, std::string_view pass);

} // namespace cassette::http
