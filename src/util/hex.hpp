#pragma once
// Hexadecimal digits: the one table (both cases) and the one decoder, for
// percent-encoding, JSON and YAML escapes, digests and messages. Which case
// a caller uses is part of the format it writes: upper case for
// percent-encoding (RFC 3986 2.1, Go's url.QueryEscape) and yaml.v3's
// escapes, lower case for Go's json and strconv.Quote and hex digests.
#include <cstdint>
#include <string>

namespace cassette::util {

enum class HexCase : uint8_t { Upper, Lower };

// The digit for the low four bits of v.
constexpr char hex_digit(unsigned v, HexCase c = HexCase::Upper) {
    return "0123456789ABCDEF0123456789abcdef"[(v & 15u) + (c == HexCase::Lower ? 16u : 0u)];
}

// The `digits` low hex digits of v, most significant first: 2 for a byte
// ("%2F", "\x7f"), 4 for "\u00e9", 8 for "\U0001F600" and a SHA-256 word.
inline void append_hex(std::string& out, uint32_t v, int digits, HexCase c = HexCase::Upper) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += hex_digit(v >> shift, c);
}

// Two digits of a byte ("2F").
inline void append_hex_byte(std::string& out, unsigned char byte, HexCase c = HexCase::Upper) {
    append_hex(out, byte, 2, c);
}

// The value of a hex digit of either case; -1 for any other byte.
constexpr int hex_value(char ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

constexpr bool is_hex_digit(char ch) { return hex_value(ch) >= 0; }

} // namespace cassette::util
