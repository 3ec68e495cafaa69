// Would a string, written plain, be read back by go-yaml as something other
// than a string? This mirrors the decisions of go-yaml's `resolve("", s)`
// (yaml.v2 2.4.0 / yaml.v3 3.0.1 built with Go >= 1.13, whose strconv parsers
// decide what counts as an int or float), plus the extra quoting `stringv`
// does for base-60 floats and (v3) YAML 1.1 booleans. Only the yes/no answer
// matters here, never the value.
#include "yaml/emit_scalar.hpp"

#include "util/strings.hpp"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace cassette::yaml {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
using util::ascii_lower;

int digit_value(char c) {
    if (is_digit(c)) return c - '0';
    char l = ascii_lower(c);
    if (l >= 'a' && l <= 'z') return l - 'a' + 10;
    return 99;
}

// Unsigned digits in `base`, no sign, no prefix, fits in uint64. Empty fails.
bool parse_digits(std::string_view s, int base, uint64_t& out) {
    if (s.empty()) return false;
    uint64_t v = 0;
    for (char c : s) {
        int d = digit_value(c);
        if (d >= base) return false;
        if (v > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) return false;
        v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    out = v;
    return true;
}

// strconv.ParseUint(s, base, 64) for base 0 (prefix detection) or a fixed
// base. Underscores were stripped by the caller, so they never appear.
bool go_parse_uint(std::string_view s, int base, uint64_t& out) {
    if (s.empty()) return false;
    if (base == 0) {
        base = 10;
        if (s[0] == '0') {
            if (s.size() >= 3 && ascii_lower(s[1]) == 'b') {
                base = 2;
                s.remove_prefix(2);
            } else if (s.size() >= 3 && ascii_lower(s[1]) == 'o') {
                base = 8;
                s.remove_prefix(2);
            } else if (s.size() >= 3 && ascii_lower(s[1]) == 'x') {
                base = 16;
                s.remove_prefix(2);
            } else {
                base = 8;
                s.remove_prefix(1);
                if (s.empty()) {
                    out = 0;
                    return true;
                }
            }
        }
    }
    return parse_digits(s, base, out);
}

// strconv.ParseInt(s, base, 64): optional sign, then ParseUint, then range.
bool go_parse_int(std::string_view s, int base) {
    if (s.empty()) return false;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    uint64_t u = 0;
    if (!go_parse_uint(s, base, u)) return false;
    return neg ? u <= (uint64_t{1} << 63) : u <= static_cast<uint64_t>(INT64_MAX);
}

// A decimal float text (already validated) that does not overflow to +-Inf:
// Go's ParseFloat reports overflow as an error, so "1e400" stays a string.
bool finite_decimal(std::string_view s) {
    std::string t;
    for (char c : s)
        if (c != '_') t.push_back(c);
    errno = 0;
    double v = std::strtod(t.c_str(), nullptr);
    return !std::isinf(v);
}

// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
bool yaml_style_float(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i < s.size() && s[i] == '.') {
        ++i;
        size_t st = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i == st) return false;
    } else {
        size_t st = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i == st) return false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            while (i < s.size() && is_digit(s[i])) ++i;
        }
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        size_t st = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i == st) return false;
    }
    return i == s.size();
}

// strconv's underscoreOK: underscores only between digits (or after a base prefix).
bool underscore_ok(std::string_view s) {
    char saw = '^';
    size_t i = 0;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
    bool hex = false;
    if (s.size() >= 2 && s[0] == '0' && (ascii_lower(s[1]) == 'b' || ascii_lower(s[1]) == 'o' || ascii_lower(s[1]) == 'x')) {
        i = 2;
        saw = '0';
        hex = ascii_lower(s[1]) == 'x';
    }
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (is_digit(c) || (hex && ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f')) {
            saw = '0';
            continue;
        }
        if (c == '_') {
            if (saw != '0') return false;
            saw = '_';
            continue;
        }
        if (saw == '_') return false;
        saw = '!';
    }
    return saw != '_';
}

// strconv.ParseFloat(s, 64) succeeds, for a string that starts with '.'
// (the only case go-yaml hands the raw text to ParseFloat). Starting with a
// dot rules out signs, hex mantissas, "inf" and "nan".
bool go_parse_float_dot(std::string_view s) {
    size_t i = 0;
    bool underscores = false, sawdot = false, sawdigits = false;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c == '_') {
            underscores = true;
        } else if (c == '.') {
            if (sawdot) break;
            sawdot = true;
        } else if (is_digit(c)) {
            sawdigits = true;
        } else {
            break;
        }
    }
    if (!sawdigits) return false;
    if (i < s.size() && ascii_lower(s[i]) == 'e') {
        ++i;
        if (i >= s.size()) return false;
        if (s[i] == '+' || s[i] == '-') ++i;
        if (i >= s.size() || !is_digit(s[i])) return false;
        for (; i < s.size() && (is_digit(s[i]) || s[i] == '_'); ++i)
            if (s[i] == '_') underscores = true;
    }
    if (underscores && !underscore_ok(s.substr(0, i))) return false;
    if (i != s.size()) return false;
    return finite_decimal(s);
}

// ---- time.Parse for the four layouts go-yaml tries (resolve.go) ----

// time.getnum(s, false): one or two digits.
bool getnum(std::string_view& s, int& v) {
    if (s.empty() || !is_digit(s[0])) return false;
    if (s.size() < 2 || !is_digit(s[1])) {
        v = s[0] - '0';
        s.remove_prefix(1);
        return true;
    }
    v = (s[0] - '0') * 10 + (s[1] - '0');
    s.remove_prefix(2);
    return true;
}

// time.atoi: optional sign, then only digits (possibly none).
bool time_atoi(std::string_view s) {
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

int days_in(int month, int year) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) {
        bool leap = (year % 4 == 0) && (year % 100 != 0 || year % 400 == 0);
        return leap ? 29 : 28;
    }
    return days[month - 1];
}

std::string_view cut_space(std::string_view s) {
    while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
    return s;
}

// sep: 0 = date only, 'T' / 't' / ' ' = the date-time layouts; with_zone for the
// two RFC 3339 ones ("Z07:00").
bool parse_layout(std::string_view v, char sep, bool with_zone) {
    if (v.size() < 4) return false;
    int year = 0;
    for (int k = 0; k < 4; ++k) {
        if (!is_digit(v[k])) return false;
        year = year * 10 + (v[k] - '0');
    }
    v.remove_prefix(4);
    if (v.empty() || v[0] != '-') return false;
    v.remove_prefix(1);
    int month = 0, day = 0;
    if (!getnum(v, month) || month < 1 || month > 12) return false;
    if (v.empty() || v[0] != '-') return false;
    v.remove_prefix(1);
    if (!getnum(v, day)) return false;
    if (sep != 0) {
        if (sep == ' ') {
            // A space in a Go layout matches one or more spaces.
            if (!v.empty() && v[0] != ' ') return false;
            v = cut_space(v);
        } else {
            if (v.empty() || v[0] != sep) return false;
            v.remove_prefix(1);
        }
        int hour = 0, minute = 0, second = 0;
        if (!getnum(v, hour) || hour >= 24) return false;
        if (v.empty() || v[0] != ':') return false;
        v.remove_prefix(1);
        if (!getnum(v, minute) || minute >= 60) return false;
        if (v.empty() || v[0] != ':') return false;
        v.remove_prefix(1);
        if (!getnum(v, second) || second >= 60) return false;
        // Optional fraction (".999999999" in the layout): '.' or ',' then digits.
        if (v.size() >= 2 && (v[0] == '.' || v[0] == ',') && is_digit(v[1])) {
            size_t i = 1;
            while (i < v.size() && is_digit(v[i])) ++i;
            v.remove_prefix(i);
        }
        if (with_zone) {
            if (!v.empty() && v[0] == 'Z') {
                v.remove_prefix(1);
            } else {
                if (v.size() < 6 || v[3] != ':') return false;
                if (!time_atoi(v.substr(1, 2)) || !time_atoi(v.substr(4, 2))) return false;
                if (v[0] != '+' && v[0] != '-') return false;
                v.remove_prefix(6);
            }
        }
    }
    if (!v.empty()) return false;
    return day >= 1 && day <= days_in(month, year);
}

bool go_yaml_timestamp(std::string_view s) {
    size_t i = 0;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i != 4 || i == s.size() || s[i] != '-') return false;
    return parse_layout(s, 'T', true) || parse_layout(s, 't', true) || parse_layout(s, ' ', false) ||
           parse_layout(s, 0, false);
}

// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`
bool is_base60_float(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= s.size() || !is_digit(s[i])) return false;
    ++i;
    while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
    int groups = 0;
    while (i < s.size() && s[i] == ':') {
        ++i;
        // [0-5]?[0-9]: one digit, or two with the first in 0-5.
        if (i >= s.size() || !is_digit(s[i])) return false;
        if (i + 1 < s.size() && is_digit(s[i + 1]) && s[i] <= '5') {
            i += 2;
        } else {
            i += 1;
        }
        ++groups;
    }
    if (groups == 0) return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
    }
    return i == s.size();
}

bool is_old_bool(std::string_view s) {
    static const char* const words[] = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
                                        "n", "N", "no", "No", "NO", "off", "Off", "OFF"};
    for (const char* w : words)
        if (s == w) return true;
    return false;
}

bool in_resolve_map(std::string_view s) {
    static const char* const words[] = {"true", "True", "TRUE", "false", "False", "FALSE", "", "~", "null", "Null",
                                        "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf",
                                        "+.INF", "-.inf", "-.Inf", "-.INF"};
    // "<<" (merge) is in go-yaml's table too, but the lookup only happens for
    // strings whose first byte is a resolve hint, which '<' is not: it stays a
    // plain string.
    for (const char* w : words)
        if (s == w) return true;
    // yaml.v2 has the YAML 1.1 booleans in the map; yaml.v3 quotes them through
    // isOldBool instead. Either way they end up quoted.
    return is_old_bool(s);
}

// "-" + digits, for go-yaml's explicit "-0b" / "-0o" branches.
std::string negated(std::string_view digits) {
    std::string s(1, '-');
    s.append(digits);
    return s;
}

bool resolve_non_string(std::string_view in, Dialect d) {
    if (in_resolve_map(in)) return true;
    if (in.empty()) return true;
    char c = in[0];
    if (c == '.') return go_parse_float_dot(in);
    if (!(c == '+' || c == '-' || is_digit(c))) return false;
    if (go_yaml_timestamp(in)) return true;
    std::string plain;
    for (char ch : in)
        if (ch != '_') plain.push_back(ch);
    std::string_view p = plain;
    uint64_t u = 0;
    if (go_parse_int(p, 0) || go_parse_uint(p, 0, u)) return true;
    if (yaml_style_float(p) && finite_decimal(p)) return true;
    if (p.substr(0, 2) == "0b") {
        if (go_parse_int(p.substr(2), 2) || go_parse_uint(p.substr(2), 2, u)) return true;
    } else if (p.substr(0, 3) == "-0b") {
        if (go_parse_int(negated(p.substr(3)), 2)) return true;
    }
    if (d != Dialect::V2) {
        // yaml.v3 added explicit YAML 1.2 octal branches; they also accept a
        // sign after the prefix ("0o-17"), which ParseInt's base 0 does not.
        if (p.substr(0, 2) == "0o") {
            if (go_parse_int(p.substr(2), 8) || go_parse_uint(p.substr(2), 8, u)) return true;
        } else if (p.substr(0, 3) == "-0o") {
            if (go_parse_int(negated(p.substr(3)), 8)) return true;
        }
    }
    return false;
}

} // namespace

bool resolves_to_non_string(std::string_view value, Dialect d) {
    if (resolve_non_string(value, d)) return true;
    if (is_base60_float(value)) return true;
    return false;
}

} // namespace cassette::yaml
