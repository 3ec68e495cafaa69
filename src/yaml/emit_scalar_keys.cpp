// Map-key order: go-yaml sorts map[string]... keys with keyList.Less
// (FORMAT.md 4.3); goccy sorts by bytes.
#include "yaml/emit_scalar.hpp"

#include <clocale>
#include <cstdint>
#include <cwctype>
#include <locale.h>
#include <vector>

namespace cassette::yaml {

namespace {

// Decode to code points the way Go's []rune(string) does: each invalid byte
// becomes U+FFFD.
std::vector<uint32_t> runes(std::string_view s) {
    std::vector<uint32_t> out;
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = b[i];
        auto cont = [&](size_t k) { return i + k < s.size() && (b[i + k] & 0xC0) == 0x80; };
        if (c < 0x80) {
            out.push_back(c);
            i += 1;
        } else if (c >= 0xC2 && c <= 0xDF && cont(1)) {
            out.push_back(((c & 0x1Fu) << 6) | (b[i + 1] & 0x3Fu));
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2) && !(c == 0xE0 && b[i + 1] < 0xA0) &&
                   !(c == 0xED && b[i + 1] >= 0xA0)) {
            out.push_back(((c & 0x0Fu) << 12) | ((b[i + 1] & 0x3Fu) << 6) | (b[i + 2] & 0x3Fu));
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3) && !(c == 0xF0 && b[i + 1] < 0x90) &&
                   !(c == 0xF4 && b[i + 1] >= 0x90)) {
            out.push_back(((c & 0x07u) << 18) | ((b[i + 1] & 0x3Fu) << 12) | ((b[i + 2] & 0x3Fu) << 6) |
                          (b[i + 3] & 0x3Fu));
            i += 4;
        } else {
            out.push_back(0xFFFD);
            i += 1;
        }
    }
    return out;
}

// Go's unicode.IsLetter / IsDigit. ASCII is exact; beyond ASCII we lean on
// the C library's Unicode tables (C.UTF-8), which agree with Go for letters
// of the common scripts. Header names are ASCII in practice.
locale_t utf8_locale() {
    static locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return loc;
}

bool is_letter(uint32_t r) {
    if (r < 0x80) return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z');
    if (r == 0xAA || r == 0xBA || r == 0xB5) return true;
    if (r < 0xC0 || r == 0xD7 || r == 0xF7) return false;
    locale_t loc = utf8_locale();
    if (loc == static_cast<locale_t>(nullptr)) return false;
    return iswalpha_l(static_cast<wint_t>(r), loc) != 0;
}

bool is_digit(uint32_t r) { return r >= '0' && r <= '9'; }

// An ASCII string seen as its runes without decoding (header names are
// ASCII: the sort of every header map then allocates nothing).
struct AsciiRunes {
    std::string_view s;
    uint32_t operator[](size_t i) const { return static_cast<unsigned char>(s[i]); }
    size_t size() const { return s.size(); }
};

bool is_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

template <class Runes> bool go_yaml_less_runes(const Runes& a, const Runes& b, bool v3) {
    bool digits = false;
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (a[i] == b[i]) {
            digits = is_digit(a[i]);
            continue;
        }
        const bool al = is_letter(a[i]), bl = is_letter(b[i]);
        if (al && bl) return a[i] < b[i];
        if (al || bl) {
            // A letter right after a shared digit sorts first in yaml.v3
            // ("a1b" < "a1-"); otherwise the non-letter does.
            if (v3 && digits) return al;
            return bl;
        }
        // Two non-letters: compare digit runs numerically. Go uses int64 and
        // lets long runs wrap; do the same.
        uint64_t an = 0, bn = 0;
        if (a[i] == '0' || b[i] == '0') {
            for (size_t j = i; j-- > 0 && is_digit(a[j]);) {
                if (a[j] != '0') {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        size_t ai = i, bi = i;
        for (; ai < a.size() && is_digit(a[ai]); ++ai) an = an * 10 + (a[ai] - '0');
        for (; bi < b.size() && is_digit(b[bi]); ++bi) bn = bn * 10 + (b[bi] - '0');
        if (an != bn) return static_cast<int64_t>(an) < static_cast<int64_t>(bn);
        if (ai != bi) return ai < bi;
        return a[i] < b[i];
    }
    return a.size() < b.size();
}

bool go_yaml_less(std::string_view as, std::string_view bs, bool v3) {
    if (is_ascii(as) && is_ascii(bs)) return go_yaml_less_runes(AsciiRunes{as}, AsciiRunes{bs}, v3);
    return go_yaml_less_runes(runes(as), runes(bs), v3);
}

} // namespace

bool key_less(std::string_view a, std::string_view b, Dialect d) {
    if (d == Dialect::Goccy) return a < b; // string_view compares bytes as unsigned char
    return go_yaml_less(a, b, d != Dialect::V2);
}

} // namespace cassette::yaml
