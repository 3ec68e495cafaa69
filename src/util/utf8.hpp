#pragma once
// UTF-8 checks with Go's rules (unicode/utf8): overlong forms, UTF-16
// surrogates (U+D800..U+DFFF) and code points above U+10FFFF are invalid.
// Cassette bodies are often large and mostly ASCII, so ASCII is checked
// eight bytes at a time.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cassette::util {

// utf8.ValidString.
bool valid_utf8(std::string_view s);

// Offset of the first byte of the first invalid sequence, for error
// messages; nullopt when s is valid.
std::optional<size_t> first_invalid_utf8(std::string_view s);

// Number of code points, counted like Go's utf8.RuneCountInString: each byte
// of an invalid sequence counts as one (it would decode as U+FFFD).
size_t utf8_length(std::string_view s);

// Length in bytes of the valid sequence starting at s[i], or 0 when the bytes
// there are not valid UTF-8. Requires i < s.size().
size_t utf8_sequence_length(std::string_view s, size_t i);

// Appends code point `cp` (at most U+10FFFF) as UTF-8.
void append_utf8(std::string& out, uint32_t cp);

} // namespace cassette::util
