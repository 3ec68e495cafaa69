#pragma once
// Standard base64 (RFC 4648 alphabet, '=' padding), matching Go's
// base64.StdEncoding, which is what go-vcr and Go HTTP code use for bodies.
#include <optional>
#include <string>
#include <string_view>

namespace cassette::util {

std::string base64_encode(std::string_view data);

// Accepts exactly what Go's base64.StdEncoding.DecodeString accepts: '\r' and
// '\n' anywhere are ignored; any other character outside the alphabet
// (spaces included), missing or misplaced padding, or data after the padding
// makes it fail. Like Go (non-strict mode), unused low bits of the last
// quantum need not be zero.
std::optional<std::string> base64_decode(std::string_view text);

} // namespace cassette::util
