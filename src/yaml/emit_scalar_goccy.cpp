// goccy/go-yaml 1.18 string emission (go-vcr v4.0.5), FORMAT.md 4.8.
//
// Best effort and empirical: there is no goccy 1.18 to run here. What is
// known from real cassettes: strings that need quoting get Go
// strconv.Quote-style double quotes (so JSON bodies and SSE streams become one
// long line with \" and \n escapes); multi-line text that needs no quoting
// becomes a `|` block; everything else is plain, control characters and all
// (goccy writes them raw, which is not valid YAML, 4.7). No folding.
#include "yaml/emit_scalar.hpp"

#include <cstdint>

namespace cassette::yaml::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// goccy's number check: something a YAML reader takes for an int or a simple
// float. Exponents ("1e3") and ".inf" are observed to stay plain.
bool looks_like_number(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (i >= s.size()) return false;
    if (s.size() - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o' || s[i + 1] == 'b')) {
        const char kind = s[i + 1];
        for (size_t k = i + 2; k < s.size(); ++k) {
            char c = s[k];
            bool ok = kind == 'x' ? (is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '_')
                      : kind == 'o' ? ((c >= '0' && c <= '7') || c == '_')
                                    : (c == '0' || c == '1' || c == '_');
            if (!ok) return false;
        }
        return true;
    }
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (is_digit(c)) {
            digits = true;
        } else if (c == '.' && !dot) {
            dot = true;
        } else if (c == '_' && digits) {
        } else {
            return false;
        }
    }
    return digits;
}

// YYYY-MM-DD, optionally followed by a time: quoted so it stays a string.
bool looks_like_timestamp(std::string_view s) {
    if (s.size() < 10) return false;
    for (int k : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!is_digit(s[size_t(k)])) return false;
    return s[4] == '-' && s[7] == '-' && (s.size() == 10 || s[10] == 'T' || s[10] == 't' || s[10] == ' ');
}

bool needs_quote(std::string_view v) {
    if (v.empty() || v == "-") return true;
    static const char* const reserved[] = {"null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE"};
    for (const char* r : reserved)
        if (v == r) return true;
    if (looks_like_number(v)) return true;
    switch (v.front()) {
    case '*': case '&': case '[': case '{': case '}': case ']': case ',': case '!': case '|': case '>': case '%':
    case '\'': case '"': case '@': case ' ': case '`':
        return true;
    default:
        break;
    }
    if (v.back() == ':' || v.back() == ' ') return true;
    for (size_t i = 0; i < v.size(); ++i) {
        char c = v[i];
        if (c == '#' || c == '\\') return true;
        if ((c == ':' || c == '-') && i + 1 < v.size() && v[i + 1] == ' ') return true;
    }
    return looks_like_timestamp(v);
}

// Decode one UTF-8 character the way Go's range loop does; invalid bytes
// come back as width 1 with `ok` false.
uint32_t decode(std::string_view s, size_t i, size_t& w, bool& ok) {
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    unsigned char c = b[i];
    ok = true;
    auto cont = [&](size_t k) { return i + k < s.size() && (b[i + k] & 0xC0) == 0x80; };
    if (c < 0x80) {
        w = 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF && cont(1)) {
        w = 2;
        return ((c & 0x1Fu) << 6) | (b[i + 1] & 0x3Fu);
    }
    if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2) && !(c == 0xE0 && b[i + 1] < 0xA0) &&
        !(c == 0xED && b[i + 1] >= 0xA0)) {
        w = 3;
        return ((c & 0x0Fu) << 12) | ((b[i + 1] & 0x3Fu) << 6) | (b[i + 2] & 0x3Fu);
    }
    if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3) && !(c == 0xF0 && b[i + 1] < 0x90) &&
        !(c == 0xF4 && b[i + 1] >= 0x90)) {
        w = 4;
        return ((c & 0x07u) << 18) | ((b[i + 1] & 0x3Fu) << 12) | ((b[i + 2] & 0x3Fu) << 6) | (b[i + 3] & 0x3Fu);
    }
    w = 1;
    ok = false;
    return c;
}

// Approximation of Go's unicode.IsPrint beyond ASCII: separators other than
// U+0020, C1 controls, format characters and private use are escaped.
bool go_is_print(uint32_t r) {
    if (r < 0x20 || r == 0x7F) return false;
    if (r < 0x7F) return true;
    if (r >= 0x80 && r <= 0xA0) return false;
    if (r == 0xAD || r == 0x1680 || r == 0x180E || (r >= 0x2000 && r <= 0x200F) || (r >= 0x2028 && r <= 0x202F) ||
        (r >= 0x205F && r <= 0x2064) || r == 0x3000 || r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB) ||
        r == 0xFFFE || r == 0xFFFF || (r >= 0xE000 && r <= 0xF8FF) || r >= 0xF0000)
        return false;
    return true;
}

// Go's strconv.Quote.
std::string go_quote(std::string_view s) {
    static const char* hex = "0123456789abcdef";
    std::string out = "\"";
    for (size_t i = 0; i < s.size();) {
        size_t w = 1;
        bool ok = true;
        uint32_t r = decode(s, i, w, ok);
        if (!ok) {
            out += "\\x";
            out += hex[(r >> 4) & 0xF];
            out += hex[r & 0xF];
        } else if (r == '"' || r == '\\') {
            out += '\\';
            out += char(r);
        } else if (go_is_print(r)) {
            out.append(s.substr(i, w));
        } else {
            switch (r) {
            case '\a': out += "\\a"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\v': out += "\\v"; break;
            default:
                if (r < 0x20 || r == 0x7F) {
                    out += "\\x";
                    out += hex[(r >> 4) & 0xF];
                    out += hex[r & 0xF];
                } else if (r <= 0xFFFF) {
                    out += "\\u";
                    for (int k = 12; k >= 0; k -= 4) out += hex[(r >> k) & 0xF];
                } else {
                    out += "\\U";
                    for (int k = 28; k >= 0; k -= 4) out += hex[(r >> k) & 0xF];
                }
            }
        }
        i += w;
    }
    out += '"';
    return out;
}

} // namespace

std::string goccy_quote(std::string_view value) { return go_quote(value); }

ScalarStyle goccy_style(std::string_view value) {
    if (needs_quote(value)) return ScalarStyle::DoubleQuoted;
    if (value.find('\n') != std::string_view::npos) return ScalarStyle::Literal;
    return ScalarStyle::Plain;
}

std::string goccy_emit_string(std::string_view value, const EmitContext& ctx, bool key) {
    ScalarStyle style = goccy_style(value);
    if (key && style == ScalarStyle::Literal) style = ScalarStyle::DoubleQuoted;
    if (style == ScalarStyle::DoubleQuoted) return go_quote(value);
    if (style == ScalarStyle::Plain) return std::string(value);
    // Literal block: chomping from the trailing line breaks, content lines at
    // the block indent, empty lines left empty.
    std::string out;
    if (value.size() >= 2 && value.substr(value.size() - 2) == "\n\n") {
        out = "|+";
    } else if (value.back() == '\n') {
        out = "|";
    } else {
        out = "|-";
    }
    const std::string pad(size_t(ctx.indent < 0 ? 0 : ctx.indent), ' ');
    std::string_view rest = value;
    while (!rest.empty()) {
        size_t nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        out += '\n';
        if (!line.empty()) {
            out += pad;
            out.append(line);
        }
        if (nl == std::string_view::npos) break;
        rest.remove_prefix(nl + 1);
    }
    if (value.back() == '\n') out += '\n';
    return out;
}

} // namespace cassette::yaml::detail
