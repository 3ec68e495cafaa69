// goccy/go-yaml 1.18 string emission (go-vcr v4.0.5), FORMAT.md 4.8.
//
// Best effort and empirical: there is no goccy 1.18 to run here. What is
// known from real cassettes: strings that need quoting get Go
// strconv.Quote-style double quotes (so JSON bodies and SSE streams become one
// long line with \" and \n escapes); multi-line text that needs no quoting
// becomes a `|` block; everything else is plain, control characters and all
// (goccy writes them raw, which is not valid YAML, 4.7). No folding.
#include "yaml/emit_scalar.hpp"

#include "util/hex.hpp"

#include <cstdint>

namespace cassette::yaml::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits_in_base(std::string_view s, int base) {
    if (s.empty()) return false;
    for (char c : s) {
        int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'z') ? c - 'a' + 10 : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : 99;
        if (d >= base) return false;
    }
    return true;
}

// Go's strconv.ParseFloat syntax for a text without base prefix or
// underscores: a sign, digits with at most one '.', at least one digit, then
// an optional exponent. A syntactically valid text out of range still counts
// (ParseFloat's ErrRange), as goccy's isNumber does.
bool go_float_syntax(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        if (is_digit(s[i])) digits = true;
        else if (s[i] == '.' && !dot) dot = true;
        else break;
    }
    if (!digits) return false;
    if (i == s.size()) return true;
    if (s[i] != 'e' && s[i] != 'E') return false;
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i)
        if (!is_digit(s[i])) return false;
    return true;
}

// goccy 1.18 token.isNumber: toNumber succeeded, or failed only on range.
// The sign is taken off ('+' then '-'), underscores dropped, then the base
// comes from a 0x/0o/0b prefix, a leading 0 (octal), a single '.' (float)
// or else 10; strconv then parses the rest (a range error still counts).
bool looks_like_number(std::string_view value) {
    if (value.empty() || value.front() == '_') return false;
    size_t dots = 0;
    for (char c : value) dots += c == '.';
    if (dots > 1) return false;
    const bool negative = value.front() == '-';
    std::string_view t = value;
    if (!t.empty() && t.front() == '+') t.remove_prefix(1);
    if (!t.empty() && t.front() == '-') t.remove_prefix(1);
    std::string n;
    n.reserve(t.size());
    for (char c : t)
        if (c != '_') n += c;
    std::string_view v = n;
    if (v.starts_with("0x")) return all_digits_in_base(v.substr(2), 16);
    if (v.starts_with("0o")) return all_digits_in_base(v.substr(2), 8);
    if (v.starts_with("0b")) return all_digits_in_base(v.substr(2), 2);
    if (v.starts_with("0") && v.size() > 1 && dots == 0) return all_digits_in_base(v, 8);
    if (dots == 1) {
        // ParseFloat("-" + rest): a second sign is a syntax error.
        if (negative && !v.empty() && (v.front() == '+' || v.front() == '-')) return false;
        return go_float_syntax(v);
    }
    return all_digits_in_base(v, 10);
}

// Go's time.Parse pieces (time/format.go): a number of 1-2 digits (getnum
// not fixed: a second digit is taken when there is one) or exactly 2.
bool take_num(std::string_view& s, bool fixed, int& out) {
    if (s.empty() || !is_digit(s[0])) return false;
    if (s.size() < 2 || !is_digit(s[1])) {
        if (fixed) return false;
        out = s[0] - '0';
        s.remove_prefix(1);
        return true;
    }
    out = (s[0] - '0') * 10 + (s[1] - '0');
    s.remove_prefix(2);
    return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// "2006-01-02": a 4-character year (atoi: an optional sign, then digits),
// month 01-12, a day valid in that month.
bool take_date(std::string_view& s) {
    if (s.size() < 10) return false;
    std::string_view y = s.substr(0, 4);
    size_t k = (y[0] == '+' || y[0] == '-') ? 1 : 0;
    if (k == y.size()) return false;
    int year = 0;
    for (size_t i = k; i < y.size(); ++i) {
        if (!is_digit(y[i])) return false;
        year = year * 10 + (y[i] - '0');
    }
    if (y[0] == '-') year = -year;
    std::string_view r = s.substr(4);
    int month = 0, day = 0;
    if (r[0] != '-') return false;
    r.remove_prefix(1);
    if (!take_num(r, true, month) || month < 1 || month > 12) return false;
    if (r.empty() || r[0] != '-') return false;
    r.remove_prefix(1);
    if (!take_num(r, true, day)) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int in_month = month == 2 && leap(year) ? 29 : days[month - 1];
    if (day < 1 || day > in_month) return false;
    s = r;
    return true;
}

// "15:04:05" with a fraction (',' or '.' and digits) allowed after the seconds.
bool take_clock(std::string_view& s) {
    int h = 0, m = 0, sec = 0;
    if (!take_num(s, false, h) || h >= 24) return false;
    if (s.empty() || s[0] != ':') return false;
    s.remove_prefix(1);
    if (!take_num(s, true, m) || m >= 60) return false;
    if (s.empty() || s[0] != ':') return false;
    s.remove_prefix(1);
    if (!take_num(s, true, sec) || sec >= 60) return false;
    if (s.size() >= 2 && (s[0] == '.' || s[0] == ',') && is_digit(s[1])) {
        size_t n = 1;
        while (n < s.size() && is_digit(s[n])) ++n;
        s.remove_prefix(n);
    }
    return true;
}

// "Z07:00": 'Z', or a sign, hours (at most 24), ':', minutes (at most 60).
bool take_zone(std::string_view& s) {
    if (!s.empty() && s[0] == 'Z') {
        s.remove_prefix(1);
        return true;
    }
    if (s.size() < 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return false;
    if (!is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[4]) || !is_digit(s[5])) return false;
    const int h = (s[1] - '0') * 10 + (s[2] - '0'), m = (s[4] - '0') * 10 + (s[5] - '0');
    if (h > 24 || m > 60) return false;
    s.remove_prefix(6);
    return true;
}

// goccy 1.18 token.isTimestamp: time.Parse succeeds with RFC3339Nano (also
// with a lower-case 't'), DateTime, DateOnly or "15:4".
bool looks_like_timestamp(std::string_view v) {
    if (v.empty() || !(is_digit(v[0]) || v[0] == '+' || v[0] == '-')) return false;
    {
        std::string_view s = v;
        if (take_date(s)) {
            if (s.empty()) return true; // DateOnly
            const char sep = s[0];
            s.remove_prefix(1);
            if (sep == 'T' || sep == 't') {
                if (take_clock(s) && take_zone(s) && s.empty()) return true;
            } else if (sep == ' ') {
                if (take_clock(s) && s.empty()) return true;
            }
        }
    }
    std::string_view s = v;
    int h = 0, m = 0;
    if (!take_num(s, false, h) || h >= 24 || s.empty() || s[0] != ':') return false;
    s.remove_prefix(1);
    return take_num(s, false, m) && m < 60 && s.empty();
}

// goccy 1.18 token.IsNeedQuoted (what encodeString double-quotes).
bool needs_quote(std::string_view v) {
    if (v.empty() || v == "-") return true;
    // reservedEncKeywordMap: YAML 1.2 null and bools, and the YAML 1.1 bools
    // goccy quotes for other readers' sake (not .inf / .nan).
    static const char* const reserved[] = {"null", "Null", "NULL", "~",   "true", "True", "TRUE", "false", "False",
                                           "FALSE", "y",   "Y",    "yes", "Yes",  "YES",  "n",    "N",     "no",
                                           "No",    "NO",  "on",   "On",  "ON",   "off",  "Off",  "OFF"};
    if (v.size() <= 5)
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
    if (looks_like_timestamp(v)) return true;
    for (size_t i = 0; i < v.size(); ++i) {
        char c = v[i];
        if (c == '#' || c == '\\') return true;
        if ((c == ':' || c == '-') && i + 1 < v.size() && v[i + 1] == ' ') return true;
    }
    return false;
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
    constexpr auto lower = util::HexCase::Lower;
    std::string out = "\"";
    for (size_t i = 0; i < s.size();) {
        size_t w = 1;
        bool ok = true;
        uint32_t r = decode(s, i, w, ok);
        if (!ok) {
            out += "\\x";
            util::append_hex(out, r, 2, lower);
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
                    util::append_hex(out, r, 2, lower);
                } else if (r <= 0xFFFF) {
                    out += "\\u";
                    util::append_hex(out, r, 4, lower);
                } else {
                    out += "\\U";
                    util::append_hex(out, r, 8, lower);
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
    // Literal block (ast.StringNode.String): the header from the trailing
    // line breaks; every line of the value written at the block indent and
    // joined with "\n", then the indent of the empty last line (the value's
    // final break) dropped, and the indent of the line before it when that
    // one is empty too (`|+`). So an empty line inside the block keeps the
    // indent as trailing spaces. In a sequence item the printer re-indents
    // the lines and leaves empty ones empty (ast.SequenceNode).
    const bool ends_nl = value.back() == '\n';
    const bool keep = value.size() >= 2 && value.substr(value.size() - 2) == "\n\n";
    std::string out(keep ? std::string_view("|+") : ends_nl ? std::string_view("|") : std::string_view("|-"));
    const size_t width = size_t(ctx.indent < 0 ? 0 : ctx.indent);
    std::string_view body = ends_nl ? value.substr(0, value.size() - 1) : value; // the empty last line goes
    size_t pos = 0;
    for (;;) {
        const size_t nl = body.find('\n', pos);
        const std::string_view line = body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        const bool last = nl == std::string_view::npos;
        out += '\n';
        // The last line's indent is trimmed when it is empty (`|+`). goccy
        // trims `width` spaces off the end of the indented last line
        // whatever it holds, losing a line's own trailing spaces (its bug):
        // only the exact mode repeats that.
        if (last && ends_nl && !ctx.safe) {
            std::string s(width, ' ');
            s.append(line);
            if (s.size() >= width && s.compare(s.size() - width, width, std::string(width, ' ')) == 0)
                s.resize(s.size() - width);
            out += s;
        } else if (last && ends_nl && line.empty()) {
        } else if (!(line.empty() && ctx.in_sequence)) {
            out.append(width, ' ');
            out.append(line);
        }
        if (last) break;
        pos = nl + 1;
    }
    if (ends_nl) out += '\n';
    return out;
}

} // namespace cassette::yaml::detail
