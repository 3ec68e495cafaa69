#pragma once
// What a recorded request or response means as HTTP: its content type and
// encoding, and how to replace its body so that the lengths go-vcr recorded
// for it stay true. Every pass that asks these questions (fmt --pretty-json,
// redact, lint, ...) asks here, so they all answer alike.
//
// Header names match case-insensitively (HeaderMap::find): every header
// Go's canonical-key Header.Get finds in a go-vcr file (go-vcr records Go's
// canonical names) is found, and so is a hand-written "content-type".
// Header values follow Go's net/http: the first value is the header's value
// (Header.Get); content codings compare case-insensitively (RFC 9110 8.4.1;
// Go 1.19's Transport: ascii.EqualFold(Get("Content-Encoding"), "gzip")).
#include "model/cassette.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cassette {

// The first value of header `name`; "" when the header is absent or empty.
std::string_view header_value(const HeaderMap& headers, std::string_view name);

// The Content-Type header as written ("application/json; charset=utf-8").
std::string_view content_type(const HeaderMap& headers);

// The content codings of Content-Encoding, in order, lower-cased, with
// `identity` (no coding) and empty list elements left out: "gzip" for
// `Content-Encoding: GZIP`, {"gzip", "br"} for `gzip, br`. Every value of
// the header counts (a list may be split over several values).
std::vector<std::string> content_codings(const HeaderMap& headers);

// The body is encoded bytes (gzip, br, deflate, zstd, ...), not the
// representation its Content-Type names: content_codings is not empty.
bool is_compressed(const HeaderMap& headers);

enum class Side : uint8_t { Request, Response };

// Whether the lengths recorded for one side of `in` count the bytes of its
// stored body: false for a response to HEAD, a 1xx, 204 or 304 response (no
// body; a length there is the resource's) and a response with
// `uncompressed: true` (the transport decompressed the body). The lint rule
// content-length and body_resized agree through this.
bool lengths_count_body(const Interaction& in, Side side);

// A request's `content_length: 0` beside a non-empty body: Go's "unknown"
// for a client request (http.Request.ContentLength), not a wrong length.
bool unknown_request_length(int64_t content_length, size_t body_size);

// Replace the body of one side of `in` and keep its lengths true: marks the
// body dirty and updates `content_length` and a Content-Length header (see
// body_resized). Does nothing when `body` equals the current one.
void replace_body(Interaction& in, Side side, std::string body);

// The body of one side of `in` was edited in place (its scalar is dirty) and
// had `old_size` bytes: the lengths that describe it follow. A length is
// `content_length` or a Content-Length header value (decimal digits). It is
// set to the body's new size when it is Go's length of this body
// (http.Response.ContentLength: "Unless Request.Method is HEAD, values >= 0
// indicate that the given number of bytes may be read from Body"); one that
// was already off is corrected. Left as they are, because they are not the
// stored body's length: -1 (unknown), a request's 0 beside a non-empty body
// (Go's "unknown" for client requests), the lengths of a response to HEAD,
// of a 1xx, 204 or 304 response (no body; the length is the resource's), and
// of a response with `uncompressed: true` (the transport decompressed the
// body; a Content-Length left there counts wire bytes).
void body_resized(Interaction& in, Side side, size_t old_size);

} // namespace cassette
