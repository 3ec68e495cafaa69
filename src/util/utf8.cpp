#include "util/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace cassette::util {

namespace {

constexpr uint64_t k_high_bits = 0x8080808080808080ull;

inline bool ascii8(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return (w & k_high_bits) == 0;
}

inline bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

} // namespace

size_t utf8_sequence_length(std::string_view s, size_t i) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t left = s.size() - i;
    const unsigned char c = p[i];
    if (c < 0x80) return 1;
    // The allowed range of the second byte is what excludes overlongs
    // (E0, F0), surrogates (ED) and values beyond U+10FFFF (F4).
    if (c >= 0xC2 && c <= 0xDF) {
        return left >= 2 && continuation(p[i + 1]) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (left < 3) return 0;
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
        const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
        if (p[i + 1] < lo || p[i + 1] > hi || !continuation(p[i + 2])) return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (left < 4) return 0;
        const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
        if (p[i + 1] < lo || p[i + 1] > hi || !continuation(p[i + 2]) || !continuation(p[i + 3])) return 0;
        return 4;
    }
    return 0; // 80..C1 (continuation or overlong lead), F5..FF
}

std::optional<size_t> first_invalid_utf8(std::string_view s) {
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n && ascii8(s.data() + i)) {
            i += 8;
            continue;
        }
        const size_t len = utf8_sequence_length(s, i);
        if (len == 0) return i;
        i += len;
    }
    return std::nullopt;
}

bool valid_utf8(std::string_view s) { return !first_invalid_utf8(s).has_value(); }

size_t utf8_length(std::string_view s) {
    const size_t n = s.size();
    size_t count = 0;
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n && ascii8(s.data() + i)) {
            i += 8;
            count += 8;
            continue;
        }
        const size_t len = utf8_sequence_length(s, i);
        i += len == 0 ? 1 : len;
        ++count;
    }
    return count;
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

} // namespace cassette::util
