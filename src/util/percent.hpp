#pragma once
// Percent-encoding (RFC 3986 2.1), every variant the tool writes, in one
// place: they differ only in which bytes stay as they are. Every other byte
// becomes %XX with upper-case hex digits, as RFC 3986 recommends and Go's
// net/url writes. Decoding is url.PathUnescape / url.QueryUnescape in
// util/http.hpp (percent_decode, query_unescape).
#include <string>
#include <string_view>

namespace cassette::http {

// url.QueryEscape: [A-Za-z0-9-_.~] stay, a space becomes '+'. For query
// strings and application/x-www-form-urlencoded bodies.
std::string query_escape(std::string_view s);

// Only RFC 3986 unreserved characters [A-Za-z0-9-_.~] stay; a space is %20.
// The result means the same text in any part of a URL (userinfo, path,
// query, fragment), whichever decoder reads it.
std::string escape_unreserved(std::string_view s);

// A file path as the path of a URI (SARIF's artifactLocation.uri):
// [A-Za-z0-9/-_.~@+] stay, so '/' separates segments; a space is %20.
std::string escape_uri_path(std::string_view path);

} // namespace cassette::http
