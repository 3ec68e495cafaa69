#include "yaml/one_line_scalar.hpp"

#include "util/hex.hpp"
#include "util/utf8.hpp"

#include <array>

namespace cassette::yaml {

namespace {

// Bytes a decoder must look at; every other byte (printable ASCII) is part
// of the value as it is.
using Stops = std::array<bool, 256>;

constexpr Stops stops(std::string_view specials, bool tab_stops) {
    Stops t{};
    for (int c = 0; c < 256; ++c) t[size_t(c)] = c < 0x20 || c >= 0x7F;
    if (!tab_stops) t['\t'] = false;
    for (char c : specials) t[(unsigned char)c] = true;
    return t;
}

constexpr Stops kSingle = stops("'", false);
constexpr Stops kDouble = stops("\"\\", false);
constexpr Stops kPlain = stops(":#", true);

// The length of the UTF-8 sequence at `p` (`n` bytes left) when it encodes
// a code point libyaml's reader lets into a scalar, U+00A0..U+D7FF,
// U+E000..U+FFFD and U+10000..U+10FFFF, but not U+FEFF (a byte order mark
// has its own rules) nor U+2028 and U+2029 (line breaks, as U+0085 is);
// 0 otherwise, for invalid and refused text alike.
size_t printable_sequence(const unsigned char* p, size_t n) {
    const unsigned c0 = p[0];
    auto cont = [&](size_t k) { return k < n && (p[k] & 0xC0) == 0x80; };
    if (c0 < 0xC2) return 0;
    if (c0 < 0xE0) {
        if (!cont(1)) return 0;
        const unsigned cp = ((c0 & 0x1F) << 6) | (p[1] & 0x3F);
        return cp >= 0xA0 ? 2 : 0;
    }
    if (c0 < 0xF0) {
        if (!cont(1) || !cont(2)) return 0;
        const unsigned cp = ((c0 & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF || cp > 0xFFFD) return 0;
        if (cp == 0x2028 || cp == 0x2029) return 0; // line breaks to libyaml
        return 3;
    }
    if (c0 < 0xF5) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        const unsigned cp = ((c0 & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        return cp >= 0x10000 && cp <= 0x10FFFF ? 4 : 0;
    }
    return 0;
}

// Walks `content`: runs of ordinary bytes are copied, and `special(i)`
// handles the byte at i (a stop), returning the bytes it took (0: refuse).
// Multi-byte characters are taken here.
template <class Special>
bool walk(std::string_view content, const Stops& table, std::string& out, uint32_t& chars, const Special& special) {
    const auto* p = reinterpret_cast<const unsigned char*>(content.data());
    const size_t n = content.size();
    out.clear();
    out.reserve(n);
    chars = 0;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && !table[p[run]]) ++run;
        out.append(content.data() + i, run - i);
        chars += uint32_t(run - i);
        i = run;
        if (i == n) break;
        if (p[i] >= 0x80) {
            const size_t len = printable_sequence(p + i, n - i);
            if (!len) return false;
            out.append(content.data() + i, len);
            ++chars;
            i += len;
            continue;
        }
        const size_t took = special(p, n, i);
        if (!took) return false;
        i += took;
    }
    return true;
}

} // namespace

bool decode_single_quoted_line(std::string_view content, std::string& out, uint32_t& chars) {
    return walk(content, kSingle, out, chars, [&](const unsigned char* p, size_t n, size_t i) -> size_t {
        // Only '' (a quote) is special; a lone quote would end the scalar
        // early, and control characters are refused by libyaml.
        if (p[i] == '\'' && i + 1 < n && p[i + 1] == '\'') {
            out += '\'';
            chars += 2;
            return 2;
        }
        return 0;
    });
}

bool decode_double_quoted_line(std::string_view content, std::string& out, uint32_t& chars) {
    return walk(content, kDouble, out, chars, [&](const unsigned char* p, size_t n, size_t i) -> size_t {
        if (p[i] != '\\' || i + 1 >= n) return 0; // a quote ending early, a control character, "\" last
        const unsigned char e = p[i + 1];
        size_t digits = 0;
        switch (e) {
        case '0': out += '\0'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 't':
        case '\t': out += '\t'; break;
        case 'n': out += '\n'; break;
        case 'v': out += '\v'; break;
        case 'f': out += '\f'; break;
        case 'r': out += '\r'; break;
        case 'e': out += '\x1B'; break;
        case ' ': out += ' '; break;
        case '"': out += '"'; break;
        case '/': out += '/'; break;
        case '\\': out += '\\'; break;
        case 'N': util::append_utf8(out, 0x85); break;
        case '_': util::append_utf8(out, 0xA0); break;
        case 'L': util::append_utf8(out, 0x2028); break;
        case 'P': util::append_utf8(out, 0x2029); break;
        case 'x': digits = 2; break;
        case 'u': digits = 4; break;
        case 'U': digits = 8; break;
        default: return 0;
        }
        if (digits) {
            if (n - i - 2 < digits) return 0;
            uint32_t cp = 0;
            for (size_t k = 0; k < digits; ++k) {
                const int d = util::hex_value(char(p[i + 2 + k]));
                if (d < 0) return 0;
                cp = (cp << 4) | uint32_t(d);
            }
            if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
            util::append_utf8(out, cp);
        }
        chars += uint32_t(2 + digits);
        return 2 + digits;
    });
}

bool decode_plain_line(std::string_view content, std::string& out, uint32_t& chars) {
    if (content.empty()) return false;
    const char first = content.front(), last = content.back();
    if (std::string_view("-?:,[]{}#&*!|>'\"%@` \t").find(first) != std::string_view::npos) return false;
    if (last == ' ') return false;
    return walk(content, kPlain, out, chars, [&](const unsigned char* p, size_t n, size_t i) -> size_t {
        // ':' is text unless a blank or the end follows; '#' unless a blank
        // comes before. Tabs and control characters: no. (Flow indicators
        // are text after the first character in block context, the only
        // one the reader asks for.)
        if ((p[i] == ':' && i + 1 < n && p[i + 1] != ' ') || (p[i] == '#' && p[i - 1] != ' ')) {
            out += char(p[i]);
            ++chars;
            return 1;
        }
        return 0;
    });
}

} // namespace cassette::yaml
