// go-yaml scalar emission (yaml.v2 / yaml.v3 / yaml/v4). The functions below
// follow the libyaml emitter's own state (column, "whitespace", "indention")
// because its folding and indentation decisions depend on it; see
// FORMAT.md 4.4-4.7 for the observable rules.
#include "yaml/emit_scalar.hpp"

#include "util/base64.hpp"
#include "util/hex.hpp"

#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cassette::yaml {

namespace detail {
std::string goccy_emit_string(std::string_view value, const EmitContext& ctx, bool key);
ScalarStyle goccy_style(std::string_view value);
std::string goccy_quote(std::string_view value);
} // namespace detail

namespace {

// ---- UTF-8 (private: the emitter works on bytes like libyaml does) ----

// Byte length of the character starting with `lead` (libyaml's width()).
int width(unsigned char lead) {
    if ((lead & 0x80) == 0x00) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 0;
}

// Go's utf8.ValidString: no overlongs, no surrogates, nothing above U+10FFFF.
bool valid_utf8(std::string_view s) {
    size_t i = 0;
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    while (i < s.size()) {
        // Bodies are mostly ASCII: step over 8 such bytes at once.
        if (s.size() - i >= 8) {
            uint64_t word;
            std::memcpy(&word, b + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned char c = b[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        auto cont = [&](size_t k) { return i + k < s.size() && (b[i + k] & 0xC0) == 0x80; };
        if (c >= 0xC2 && c <= 0xDF) {
            if (!cont(1)) return false;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (!cont(1) || !cont(2)) return false;
            if (c == 0xE0 && b[i + 1] < 0xA0) return false;
            if (c == 0xED && b[i + 1] >= 0xA0) return false;
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (!cont(1) || !cont(2) || !cont(3)) return false;
            if (c == 0xF0 && b[i + 1] < 0x90) return false;
            if (c == 0xF4 && b[i + 1] >= 0x90) return false;
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

uint32_t decode_at(std::string_view s, size_t i) {
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    int w = width(b[i]);
    uint32_t v = w == 1 ? b[i] : w == 2 ? (b[i] & 0x1F) : w == 3 ? (b[i] & 0x0F) : (b[i] & 0x07);
    for (int k = 1; k < w; ++k) v = (v << 6) | (b[i + k] & 0x3F);
    return v;
}

// go-yaml's encodeBase64: std base64; when the text is 70 chars or more it
// is cut into 70-char lines, each followed by "\n".
std::string encode_base64_lines(std::string_view in) {
    const std::string enc = util::base64_encode(in);
    constexpr size_t line_len = 70;
    const size_t lines = enc.size() / line_len + 1;
    if (lines == 1) return enc;
    std::string out;
    for (size_t k = 0; k < enc.size(); k += line_len) {
        out += enc.substr(k, line_len);
        out += '\n';
    }
    return out;
}

// ---- libyaml character classes (yamlprivateh.go), on a byte index ----

unsigned char at(std::string_view s, size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; }

bool is_space(std::string_view s, size_t i) { return at(s, i) == ' '; }
bool is_blank(std::string_view s, size_t i) { return at(s, i) == ' ' || at(s, i) == '\t'; }
bool is_break(std::string_view s, size_t i) {
    unsigned char c = at(s, i);
    return c == '\r' || c == '\n' || (c == 0xC2 && at(s, i + 1) == 0x85) ||
           (c == 0xE2 && at(s, i + 1) == 0x80 && (at(s, i + 2) == 0xA8 || at(s, i + 2) == 0xA9));
}
bool is_blankz(std::string_view s, size_t i) { return is_blank(s, i) || is_break(s, i) || i >= s.size() || at(s, i) == 0; }
bool is_printable(std::string_view s, size_t i) {
    unsigned char c = at(s, i), c1 = at(s, i + 1), c2 = at(s, i + 2);
    return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && c1 >= 0xA0) || (c > 0xC2 && c < 0xED) ||
           (c == 0xED && c1 < 0xA0) || c == 0xEE ||
           (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)));
}
// libyaml's is_bom looks at the start of the value whatever the index, so a
// value starting with U+FEFF gets every character escaped in double quotes.
bool starts_with_bom(std::string_view s) { return at(s, 0) == 0xEF && at(s, 1) == 0xBB && at(s, 2) == 0xBF; }

// ---- byte classes for the fast paths ----
//
// The per-character functions above follow libyaml literally; the loops
// below use them only for the characters that can change a decision and
// take every other run of bytes in one go. The input is valid UTF-8 there
// (prepare() turns anything else into base64), so a run can stop only at
// lead bytes and ASCII, never inside a character.

// Bits of kByteClass.
// A continuation byte is only ever reached inside a character whose lead
// byte was accepted, so the classes that accept leads accept them too.
constexpr uint8_t kQuiet = 1;     // analysis: printable, not blank, not a break, not ':' or '#'
constexpr uint8_t kPlainRun = 2;  // plain / literal: not a space, not a break (nor a lead that may start one)
constexpr uint8_t kSingleRun = 4; // single-quoted: also not '\''
constexpr uint8_t kDoubleRun = 8; // double-quoted: written as is (printable, not a space, a break, '"' or '\\')
constexpr uint8_t kSpace = 16;    // ' ' (a run takes it only when no folding can happen)

constexpr std::array<uint8_t, 256> make_byte_classes() {
    std::array<uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const bool ascii_graphic = c >= 0x21 && c <= 0x7E;
        const bool continuation = c >= 0x80 && c <= 0xBF;
        // Leads of characters that are always printable and never a break:
        // U+00C0..U+CFFF except the U+2000 block (LS, PS) of lead 0xE2.
        const bool printable_lead = c >= 0xC3 && c <= 0xEC && c != 0xE2;
        const bool break_or_lead = c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2;
        uint8_t k = 0;
        if ((ascii_graphic && c != ':' && c != '#') || printable_lead || continuation) k |= kQuiet;
        if (!break_or_lead && c != ' ') k |= kPlainRun;
        if (!break_or_lead && c != ' ' && c != '\'') k |= kSingleRun;
        if ((ascii_graphic && c != '"' && c != '\\') || printable_lead || continuation) k |= kDoubleRun;
        if (c == ' ') k |= kSpace;
        t[size_t(c)] = k;
    }
    return t;
}
constexpr std::array<uint8_t, 256> kByteClass = make_byte_classes();

// The end of the run of bytes from `i` whose class has a bit of `mask`;
// `leads` grows by the code points crossed (bytes that are not 10xxxxxx).
// `ex1`/`ex2` are the printable ASCII bytes the class leaves out (0: none):
// with SSE2, 16 printable ASCII bytes are checked at once, and only other
// bytes go through the table.
size_t skip_run(const unsigned char* b, size_t i, size_t n, uint8_t mask, char ex1, char ex2, size_t& leads) {
#if defined(__SSE2__)
    const __m128i above = _mm_set1_epi8((mask & kSpace) ? 0x1F : 0x20);
    const __m128i below = _mm_set1_epi8(0x7F);
    const __m128i e1 = _mm_set1_epi8(ex1), e2 = _mm_set1_epi8(ex2);
#endif
    for (;;) {
#if defined(__SSE2__)
        if (n - i >= 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
            // Signed compares: bytes >= 0x80 are negative, never "above".
            const __m128i in = _mm_and_si128(_mm_cmpgt_epi8(x, above), _mm_cmplt_epi8(x, below));
            const __m128i out = _mm_or_si128(_mm_cmpeq_epi8(x, e1), _mm_cmpeq_epi8(x, e2));
            const unsigned stop = ~unsigned(_mm_movemask_epi8(in) & ~_mm_movemask_epi8(out)) & 0xFFFFu;
            if (stop == 0) {
                i += 16;
                leads += 16;
                continue;
            }
            const unsigned k = unsigned(__builtin_ctz(stop));
            i += k;
            leads += k;
        }
#endif
        if (i < n && (kByteClass[b[i]] & mask)) {
            leads += (b[i] & 0xC0) != 0x80;
            ++i;
            continue;
        }
        return i;
    }
}

// ---- analysis (yaml_emitter_analyze_scalar) ----

struct Analysis {
    bool multiline = false;
    bool block_plain_allowed = true;
    bool single_quoted_allowed = true;
    bool block_allowed = true;
};

Analysis analyze(std::string_view v, Dialect d) {
    Analysis a;
    if (v.empty()) {
        a.block_allowed = false;
        return a;
    }
    bool block_indicators = false, line_breaks = false, special = false, tabs = false;
    bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
    bool break_space = false, space_break = false;
    bool previous_space = false, previous_break = false;
    if (v.size() >= 3 && (v.substr(0, 3) == "---" || v.substr(0, 3) == "...")) block_indicators = true;
    bool preceded_by_whitespace = true;
    const auto* b = reinterpret_cast<const unsigned char*>(v.data());
    for (size_t i = 0; i < v.size();) {
        if (i > 0 && (kByteClass[b[i]] & (kQuiet | kSpace))) {
            // A run of spaces and characters that change nothing but the
            // "previous" flags (printable, not a tab, not a break, not ':' or
            // '#'): only its first and last characters matter.
            if (b[i] == ' ' && previous_break) break_space = true;
            size_t unused = 0;
            i = skip_run(b, i + 1, v.size(), kQuiet | kSpace, ':', '#', unused);
            const bool space = b[i - 1] == ' ';
            if (space && i == v.size()) trailing_space = true;
            previous_space = space;
            previous_break = false;
            preceded_by_whitespace = space;
            continue;
        }
        const size_t w = static_cast<size_t>(width(at(v, i)));
        const bool followed_by_whitespace = i + w >= v.size() || is_blank(v, i + w);
        const char c = v[i];
        if (i == 0) {
            switch (c) {
            case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*':
            case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
                block_indicators = true;
                break;
            case '?': case ':': case '-':
                if (followed_by_whitespace) block_indicators = true;
                break;
            default:
                break;
            }
        } else {
            if (c == ':' && followed_by_whitespace) block_indicators = true;
            if (c == '#' && preceded_by_whitespace) block_indicators = true;
        }
        if (c == '\t' && d != Dialect::V2) {
            // yaml.v3 treats a tab like a special character for the flow
            // styles but still allows it in a literal block.
            tabs = true;
        } else if (!is_printable(v, i)) {
            special = true;
        }
        if (is_space(v, i)) {
            if (i == 0) leading_space = true;
            if (i + w == v.size()) trailing_space = true;
            if (previous_break) break_space = true;
            previous_space = true;
            previous_break = false;
        } else if (is_break(v, i)) {
            line_breaks = true;
            if (i == 0) leading_break = true;
            if (i + w == v.size()) trailing_break = true;
            if (previous_space) space_break = true;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blankz(v, i);
        i += w;
    }
    a.multiline = line_breaks;
    if (leading_space || leading_break || trailing_space || trailing_break) a.block_plain_allowed = false;
    if (trailing_space) a.block_allowed = false;
    if (break_space) {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if (space_break || tabs || special) {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if (space_break || special) a.block_allowed = false;
    if (line_breaks) a.block_plain_allowed = false;
    if (block_indicators) a.block_plain_allowed = false;
    return a;
}

// ---- the Go layer (stringv) plus style selection ----

struct Prepared {
    std::string_view text; // what the emitter writes: the value itself, or `base64` for binary
    std::string base64;
    bool binary = false;
    ScalarStyle style = ScalarStyle::Plain;
    Analysis analysis;

    Prepared() = default;
    Prepared(const Prepared&) = delete; // `text` may point into `base64`
    Prepared& operator=(const Prepared&) = delete;
};

void prepare(Prepared& p, std::string_view value, Dialect d, bool simple_key) {
    ScalarStyle requested;
    if (!valid_utf8(value)) {
        p.binary = true;
        p.base64 = encode_base64_lines(value);
        p.text = p.base64;
        requested = p.text.find('\n') != std::string_view::npos ? ScalarStyle::Literal : ScalarStyle::Plain;
    } else {
        p.text = value;
        if (p.text.find('\n') != std::string_view::npos) {
            requested = ScalarStyle::Literal;
        } else if (!resolves_to_non_string(value, d)) {
            requested = ScalarStyle::Plain;
        } else {
            requested = ScalarStyle::DoubleQuoted;
        }
    }
    p.analysis = analyze(p.text, d);
    const Analysis& a = p.analysis;
    ScalarStyle style = requested;
    if (simple_key && a.multiline) style = ScalarStyle::DoubleQuoted;
    if (style == ScalarStyle::Plain) {
        if (!a.block_plain_allowed) style = ScalarStyle::SingleQuoted;
        if (p.text.empty() && simple_key) style = ScalarStyle::SingleQuoted;
    }
    if (style == ScalarStyle::SingleQuoted && !a.single_quoted_allowed) style = ScalarStyle::DoubleQuoted;
    if (style == ScalarStyle::Literal && (!a.block_allowed || simple_key)) style = ScalarStyle::DoubleQuoted;
    p.style = style;
}

// ---- the writer: a tiny model of libyaml's output state ----

class Writer {
public:
    // Appends to `out` (the caller's buffer: no string per scalar).
    Writer(std::string& out, const EmitContext& ctx, Dialect d)
        : d_(d), out_(out), column_(ctx.column), indent_(ctx.indent < 0 ? 0 : ctx.indent) {
        // best_width <= 2 * best_indent means "unset" to libyaml, which then uses 80.
        int bi = best_indent(ctx);
        if (ctx.width < 0) {
            best_width_ = INT_MAX;
        } else if (ctx.width <= bi * 2) {
            best_width_ = 80;
        } else {
            best_width_ = ctx.width;
        }
        best_indent_ = bi;
    }

    static int best_indent(const EmitContext& ctx) {
        if (ctx.best_indent >= 2 && ctx.best_indent <= 9) return ctx.best_indent;
        return (ctx.dialect == Dialect::V3 || ctx.dialect == Dialect::V4) ? 4 : 2;
    }

    void put(char c) {
        out_ += c;
        ++column_;
    }
    void put_break() {
        out_ += '\n';
        column_ = 0;
        if (d_ != Dialect::V2) indention_ = true;
    }
    // Copies one character (any width) and advances by one column.
    void write(std::string_view s, size_t& i) {
        size_t w = static_cast<size_t>(width(at(s, i)));
        out_.append(s.substr(i, w));
        ++column_;
        i += w;
    }
    // Copies the run of bytes from `i` whose class has a bit of `mask`,
    // advancing the column by its code points; returns the run's last byte
    // (0 when the run is empty).
    unsigned char run(std::string_view s, size_t& i, uint8_t mask, char ex1 = 0, char ex2 = 0) {
        const auto* b = reinterpret_cast<const unsigned char*>(s.data());
        size_t leads = 0;
        const size_t j = skip_run(b, i, s.size(), mask, ex1, ex2, leads);
        if (j == i) return 0;
        out_.append(s.data() + i, j - i);
        column_ += int(leads);
        const unsigned char last = b[j - 1];
        i = j;
        return last;
    }
    // Runs may take spaces only when a space can never become a fold.
    uint8_t space_bit(bool allow_breaks) const { return allow_breaks && best_width_ != INT_MAX ? 0 : kSpace; }

    void write_all(std::string_view s) {
        for (size_t i = 0; i < s.size();) write(s, i);
    }
    void write_break(std::string_view s, size_t& i) {
        if (s[i] == '\n') {
            put_break();
            ++i;
        } else {
            write(s, i);
            column_ = 0;
            if (d_ != Dialect::V2) indention_ = true;
        }
    }
    void write_indent() {
        if (!indention_ || column_ > indent_ || (column_ == indent_ && !whitespace_)) put_break();
        while (column_ < indent_) put(' ');
        whitespace_ = true;
        if (d_ == Dialect::V2) indention_ = true;
    }
    void write_indicator(std::string_view ind, bool need_whitespace, bool is_whitespace, bool is_indention) {
        if (need_whitespace && !whitespace_) put(' ');
        write_all(ind);
        whitespace_ = is_whitespace;
        indention_ = indention_ && is_indention;
    }

    void write_tag(std::string_view tag) {
        if (!whitespace_) put(' ');
        write_all(tag);
        whitespace_ = false;
        indention_ = false;
    }

    void plain(std::string_view v, bool allow_breaks) {
        if ((!v.empty() || d_ == Dialect::V2) && !whitespace_) put(' ');
        bool spaces = false, breaks = false;
        for (size_t i = 0; i < v.size();) {
            if (is_space(v, i)) {
                if (allow_breaks && !spaces && column_ > best_width_ && !is_space(v, i + 1)) {
                    write_indent();
                    ++i;
                } else {
                    write(v, i);
                }
                spaces = true;
            } else if (is_break(v, i)) {
                if (!breaks && v[i] == '\n') put_break();
                write_break(v, i);
                if (d_ == Dialect::V2) indention_ = true;
                breaks = true;
            } else {
                if (breaks) write_indent();
                write(v, i);
                spaces = run(v, i, kPlainRun | space_bit(allow_breaks)) == ' ';
                indention_ = false;
                breaks = false;
            }
        }
        if (!v.empty() || d_ == Dialect::V2) whitespace_ = false;
        indention_ = false;
    }

    void single_quoted(std::string_view v, bool allow_breaks) {
        write_indicator("'", true, false, false);
        bool spaces = false, breaks = false;
        for (size_t i = 0; i < v.size();) {
            if (is_space(v, i)) {
                if (allow_breaks && !spaces && column_ > best_width_ && i > 0 && i + 1 < v.size() &&
                    !is_space(v, i + 1)) {
                    write_indent();
                    ++i;
                } else {
                    write(v, i);
                }
                spaces = true;
            } else if (is_break(v, i)) {
                if (!breaks && v[i] == '\n') put_break();
                write_break(v, i);
                if (d_ == Dialect::V2) indention_ = true;
                breaks = true;
            } else {
                if (breaks) write_indent();
                if (v[i] == '\'') put('\'');
                write(v, i);
                spaces = run(v, i, kSingleRun | space_bit(allow_breaks), '\'') == ' ';
                indention_ = false;
                breaks = false;
            }
        }
        write_indicator("'", false, false, false);
        whitespace_ = false;
        indention_ = false;
    }

    void double_quoted(std::string_view v, bool allow_breaks) {
        const bool bom = starts_with_bom(v);
        bool spaces = false;
        write_indicator("\"", true, false, false);
        for (size_t i = 0; i < v.size();) {
            const unsigned char c = at(v, i);
            if (!is_printable(v, i) || bom || is_break(v, i) || c == '"' || c == '\\') {
                const uint32_t cp = decode_at(v, i);
                i += static_cast<size_t>(width(c));
                put('\\');
                switch (cp) {
                case 0x00: put('0'); break;
                case 0x07: put('a'); break;
                case 0x08: put('b'); break;
                case 0x09: put('t'); break;
                case 0x0A: put('n'); break;
                case 0x0B: put('v'); break;
                case 0x0C: put('f'); break;
                case 0x0D: put('r'); break;
                case 0x1B: put('e'); break;
                case 0x22: put('"'); break;
                case 0x5C: put('\\'); break;
                case 0x85: put('N'); break;
                case 0xA0: put('_'); break;
                case 0x2028: put('L'); break;
                case 0x2029: put('P'); break;
                default: {
                    int digits;
                    if (cp <= 0xFF) {
                        put('x');
                        digits = 2;
                    } else if (cp <= 0xFFFF) {
                        put('u');
                        digits = 4;
                    } else {
                        put('U');
                        digits = 8;
                    }
                    for (int k = (digits - 1) * 4; k >= 0; k -= 4) put(util::hex_digit(cp >> k));
                }
                }
                spaces = false;
            } else if (is_space(v, i)) {
                if (allow_breaks && !spaces && column_ > best_width_ && i > 0 && i + 1 < v.size()) {
                    write_indent();
                    // A space that starts the continuation line would be
                    // folded away by a reader; escape it.
                    if (is_space(v, i + 1)) put('\\');
                    ++i;
                } else {
                    write(v, i);
                }
                spaces = true;
            } else {
                write(v, i);
                // (With a BOM every character is escaped: no run.)
                spaces = !bom && run(v, i, kDoubleRun | space_bit(allow_breaks), '"', '\\') == ' ';
            }
        }
        write_indicator("\"", false, false, false);
        whitespace_ = false;
        indention_ = false;
    }

    // leading_break_fix: yaml/v4 (and yaml.v2) end the header line before the
    // content, so a leading line break becomes an empty first line; yaml.v3
    // does not and loses it (FORMAT.md 4.7).
    void literal(std::string_view v, bool header_break, bool hint_on_leading_break, int indicator = 0) {
        write_indicator("|", true, false, false);
        if (is_space(v, 0) || (hint_on_leading_break && is_break(v, 0))) {
            const char digit = static_cast<char>('0' + (indicator > 0 ? indicator : best_indent_));
            write_indicator(std::string_view(&digit, 1), false, false, false);
        }
        char chomp = 0;
        if (v.empty()) {
            chomp = '-';
        } else {
            size_t i = v.size() - 1;
            while ((at(v, i) & 0xC0) == 0x80) --i;
            if (!is_break(v, i)) {
                chomp = '-';
            } else if (i == 0) {
                chomp = '+';
            } else {
                --i;
                while ((at(v, i) & 0xC0) == 0x80) --i;
                if (is_break(v, i)) chomp = '+';
            }
        }
        if (chomp) write_indicator(std::string_view(&chomp, 1), false, false, false);
        if (header_break) put_break();
        if (d_ == Dialect::V2) indention_ = true;
        whitespace_ = true;
        bool breaks = true;
        for (size_t i = 0; i < v.size();) {
            if (is_break(v, i)) {
                write_break(v, i);
                if (d_ == Dialect::V2) indention_ = true;
                breaks = true;
            } else {
                if (breaks) write_indent();
                write(v, i);
                run(v, i, kPlainRun | kSpace);
                indention_ = false;
                breaks = false;
            }
        }
    }

private:
    Dialect d_;
    std::string& out_;
    int column_;
    int indent_;
    int best_width_ = INT_MAX;
    int best_indent_ = 2;
    // The scalar is written after "key: " / "- ": the separating space is
    // already out and the line is not pure indentation.
    bool whitespace_ = true;
    bool indention_ = false;
};

// The first line that is not empty starts with a tab (a leading space would
// get an indentation indicator, which settles the indentation).
bool first_content_starts_with_tab(std::string_view v) {
    size_t i = 0;
    while (i < v.size() && is_break(v, i)) i += static_cast<size_t>(width(at(v, i)));
    return i < v.size() && v[i] == '\t';
}

// The first line that is not empty starts with a space.
bool first_content_starts_with_space(std::string_view v) {
    size_t i = 0;
    while (i < v.size() && is_break(v, i)) i += static_cast<size_t>(width(at(v, i)));
    return i < v.size() && v[i] == ' ';
}

void emit(std::string& out, std::string_view value, const EmitContext& ctx, bool simple_key) {
    const Dialect d = ctx.dialect;
    const bool v3_family = d == Dialect::V3 || d == Dialect::V4;
    Prepared p;
    prepare(p, value, d, simple_key);
    // yaml.v3 writes a lone "\n" as `|4+` with no content (reads back as "");
    // yaml/v4 double-quotes it.
    if (p.style == ScalarStyle::Literal && !p.binary && p.text == "\n" &&
        (d == Dialect::V4 || (d == Dialect::V3 && ctx.safe)))
        p.style = ScalarStyle::DoubleQuoted;
    // yaml.v3 allows a tab in a literal block, but when the first non-empty
    // line starts with one (and no indentation indicator is written) its own
    // parser, like libyaml, rejects the block ("found a tab character where
    // an indentation space is expected"). Safe mode double-quotes instead.
    if (ctx.safe && v3_family && p.style == ScalarStyle::Literal && !p.binary && first_content_starts_with_tab(p.text))
        p.style = ScalarStyle::DoubleQuoted;
    // rc.4 dropped the indicator for a value starting with a line break; it
    // is not needless when the first non-empty line starts with a space (the
    // reader would take that space for indentation): safe mode keeps it.
    bool hint_on_break = d != Dialect::V4;
    if (ctx.safe && !hint_on_break && p.style == ScalarStyle::Literal && is_break(p.text, 0) &&
        first_content_starts_with_space(p.text))
        hint_on_break = true;
    // The indentation indicator must say how far past the parent indentation
    // the content is (see EmitContext::parent_indent); where it cannot (more
    // than 9 columns), safe mode double-quotes.
    int indicator = 0;
    if (ctx.safe && ctx.parent_indent >= 0 && p.style == ScalarStyle::Literal) {
        indicator = (ctx.indent < 0 ? 0 : ctx.indent) - ctx.parent_indent;
        if (indicator < 1 || indicator > 9) {
            const bool needs_indicator = is_space(p.text, 0) || (hint_on_break && is_break(p.text, 0));
            if (needs_indicator && !p.binary) p.style = ScalarStyle::DoubleQuoted;
            indicator = 0;
        }
    }
    Writer w(out, ctx, d);
    if (p.binary) w.write_tag("!!binary");
    const bool allow_breaks = !simple_key;
    switch (p.style) {
    case ScalarStyle::Plain: w.plain(p.text, allow_breaks); break;
    case ScalarStyle::SingleQuoted: w.single_quoted(p.text, allow_breaks); break;
    case ScalarStyle::DoubleQuoted: w.double_quoted(p.text, allow_breaks); break;
    case ScalarStyle::Literal:
    case ScalarStyle::Folded: {
        bool header_break = !v3_family;                   // yaml.v2 always ends the header line
        if (d == Dialect::V4) header_break = true;        // fixed in yaml/v4
        if (d == Dialect::V3 && ctx.safe && is_break(p.text, 0)) header_break = true; // rc.3 form
        w.literal(p.text, header_break, hint_on_break, indicator);
        break;
    }
    }
}

} // namespace

namespace {

// goccy writes some values its own reader takes but no YAML reader gives
// back (control characters and invalid UTF-8 raw, a `|` block whose first
// line starts with a space, a plain scalar starting with "? "). Safe mode
// keeps goccy's choice only where libyaml's own analysis allows that style.
bool goccy_reads_back(std::string_view value, bool key) {
    if (!valid_utf8(value)) return false;
    ScalarStyle style = detail::goccy_style(value);
    if (key && style == ScalarStyle::Literal) style = ScalarStyle::DoubleQuoted;
    const Analysis a = analyze(value, Dialect::V3);
    switch (style) {
    case ScalarStyle::Plain: return a.block_plain_allowed;
    case ScalarStyle::Literal: {
        // goccy writes no indentation indicator: there must be a non-empty
        // line (a block of empty lines reads back as ""), and the first must
        // not start with a space or a tab.
        // Nor may it hold NEL, LS or PS: libyaml reads them as line breaks,
        // and goccy writes no indentation after them (found by fuzz_writer:
        // "\u2028m..." read back as an empty line and "m" at column 0).
        size_t i = 0;
        while (i < value.size() && value[i] == '\n') ++i;
        const bool unicode_break = value.find("\xC2\x85") != std::string_view::npos ||
                                   value.find("\xE2\x80\xA8") != std::string_view::npos ||
                                   value.find("\xE2\x80\xA9") != std::string_view::npos;
        // No CR either: a reader takes it for a line break.
        return a.block_allowed && !unicode_break && value.find('\r') == std::string_view::npos && i < value.size() &&
               value[i] != ' ' && value[i] != '\t';
    }
    default: return true; // Go-quoted: every non-printable character escaped
    }
}

void goccy_safe(std::string& out, std::string_view value, const EmitContext& ctx, bool key) {
    if (!ctx.safe || goccy_reads_back(value, key)) {
        out += detail::goccy_emit_string(value, ctx, key);
        return;
    }
    if (valid_utf8(value)) {
        out += detail::goccy_quote(value);
        return;
    }
    // Not UTF-8: only !!binary keeps the bytes (what go-yaml writes).
    EmitContext v3 = ctx;
    v3.dialect = Dialect::V3;
    emit(out, value, v3, key);
}

} // namespace

void append_string(std::string& out, std::string_view value, const EmitContext& ctx) {
    if (ctx.dialect == Dialect::Goccy) {
        goccy_safe(out, value, ctx, false);
        return;
    }
    emit(out, value, ctx, false);
}

void append_key(std::string& out, std::string_view key, const EmitContext& ctx) {
    if (ctx.dialect == Dialect::Goccy) {
        goccy_safe(out, key, ctx, true);
        return;
    }
    emit(out, key, ctx, true);
}

std::string emit_string(std::string_view value, const EmitContext& ctx) {
    std::string out;
    append_string(out, value, ctx);
    return out;
}

std::string emit_key(std::string_view key, const EmitContext& ctx) {
    std::string out;
    append_key(out, key, ctx);
    return out;
}

bool is_simple_key(std::string_view key, Dialect d) {
    if (d == Dialect::Goccy) {
        // goccy writes every key inline, however long. libyaml (and go-yaml)
        // read an implicit key only when its ':' comes within 1024
        // characters of its start: a longer one does not read back (found by
        // fuzz/fuzz_emit: a header name of 300 NUL bytes, 1,200 characters
        // once escaped). Control characters are escaped in a key, so one
        // code point per character is counted.
        EmitContext ctx;
        ctx.dialect = d;
        size_t chars = 0;
        for (char ch : emit_key(key, ctx)) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
        return chars < 1024;
    }
    Prepared p;
    prepare(p, key, d, true);
    if (p.analysis.multiline) return false;
    size_t len = p.text.size() + (p.binary ? 8 : 0); // "!!" handle + "binary" suffix
    return len <= 128;
}

ScalarStyle chosen_style(std::string_view value, Dialect d) {
    if (d == Dialect::Goccy) {
        // What the canonical writer emits (goccy_safe): goccy's own style
        // where it reads back, Go-quoted where goccy's would not.
        if (!goccy_reads_back(value, false) && valid_utf8(value)) return ScalarStyle::DoubleQuoted;
        return detail::goccy_style(value);
    }
    Prepared p;
    prepare(p, value, d, false);
    if (d == Dialect::V4 && p.style == ScalarStyle::Literal && !p.binary && p.text == "\n")
        return ScalarStyle::DoubleQuoted;
    return p.style;
}

} // namespace cassette::yaml
