#include "util/duration.hpp"

#include <array>

namespace cassette::http {

namespace {

constexpr uint64_t kOverflow = uint64_t{1} << 63; // |min int64|, the largest magnitude Go allows

struct UnitEntry {
    std::string_view name;
    uint64_t ns;
};
// Both micro spellings are accepted because Go accepts them (the emitter
// writes U+00B5 only).
constexpr std::array<UnitEntry, 8> kUnits{{
    {"ns", 1},
    {"us", 1000},
    {"\xC2\xB5s", 1000},
    {"\xCE\xBCs", 1000},
    {"ms", 1000000},
    {"s", 1000000000},
    {"m", 60ull * 1000000000},
    {"h", 3600ull * 1000000000},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

} // namespace

std::optional<int64_t> parse_go_duration(std::string_view s) {
    bool neg = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s == "0") return 0;
    if (s.empty()) return std::nullopt;
    uint64_t total = 0;
    while (!s.empty()) {
        if (!(s[0] == '.' || is_digit(s[0]))) return std::nullopt;
        // Integer part: any overflow is an error (as Go's leadingInt).
        uint64_t v = 0;
        size_t i = 0;
        for (; i < s.size() && is_digit(s[i]); ++i) {
            if (v > kOverflow / 10) return std::nullopt;
            v = v * 10 + uint64_t(s[i] - '0');
            if (v > kOverflow) return std::nullopt;
        }
        const bool pre = i > 0;
        s.remove_prefix(i);
        // Fraction: Go stops accumulating precision instead of failing, and
        // computes the fractional nanoseconds in float64; we do the same so
        // rounding is identical.
        uint64_t f = 0;
        double scale = 1;
        bool post = false;
        if (!s.empty() && s[0] == '.') {
            s.remove_prefix(1);
            size_t j = 0;
            bool overflow = false;
            for (; j < s.size() && is_digit(s[j]); ++j) {
                if (overflow) continue;
                if (f > (kOverflow - 1) / 10) {
                    overflow = true;
                    continue;
                }
                uint64_t y = f * 10 + uint64_t(s[j] - '0');
                if (y > kOverflow) {
                    overflow = true;
                    continue;
                }
                f = y;
                scale *= 10;
            }
            post = j > 0;
            s.remove_prefix(j);
        }
        if (!pre && !post) return std::nullopt;
        // The unit is everything up to the next digit or '.', so "1sx" has
        // the unknown unit "sx".
        size_t u = 0;
        while (u < s.size() && !(s[u] == '.' || is_digit(s[u]))) ++u;
        if (u == 0) return std::nullopt;
        std::string_view unit_name = s.substr(0, u);
        s.remove_prefix(u);
        uint64_t unit = 0;
        for (const auto& e : kUnits)
            if (e.name == unit_name) unit = e.ns;
        if (unit == 0) return std::nullopt;
        if (v > kOverflow / unit) return std::nullopt;
        v *= unit;
        if (f > 0) {
            v += static_cast<uint64_t>(double(f) * (double(unit) / scale));
            if (v > kOverflow) return std::nullopt;
        }
        total += v;
        if (total > kOverflow) return std::nullopt;
    }
    if (neg) return static_cast<int64_t>(uint64_t{0} - total); // two's complement, as Go's -Duration(d)
    if (total > kOverflow - 1) return std::nullopt;
    return static_cast<int64_t>(total);
}

namespace {

// Writes the fraction of v/10^prec backwards into buf ending at w, omitting
// trailing zeros and the '.' when the fraction is zero; returns the new w and
// v/10^prec.
size_t fmt_frac(char* buf, size_t w, uint64_t& v, int prec) {
    bool print = false;
    for (int i = 0; i < prec; ++i) {
        int digit = int(v % 10);
        print = print || digit != 0;
        if (print) buf[--w] = char('0' + digit);
        v /= 10;
    }
    if (print) buf[--w] = '.';
    return w;
}

size_t fmt_int(char* buf, size_t w, uint64_t v) {
    if (v == 0) {
        buf[--w] = '0';
        return w;
    }
    while (v > 0) {
        buf[--w] = char('0' + v % 10);
        v /= 10;
    }
    return w;
}

} // namespace

std::string format_go_duration(int64_t d) {
    char buf[32];
    size_t w = sizeof buf;
    uint64_t u = static_cast<uint64_t>(d);
    const bool neg = d < 0;
    if (neg) u = uint64_t{0} - u;
    if (u < 1000000000ull) {
        // Sub-second values use the largest unit that keeps an integer part.
        int prec = 0;
        buf[--w] = 's';
        if (u == 0) return "0s";
        if (u < 1000) {
            buf[--w] = 'n';
        } else if (u < 1000000) {
            prec = 3;
            buf[--w] = '\xB5';
            buf[--w] = '\xC2';
        } else {
            prec = 6;
            buf[--w] = 'm';
        }
        w = fmt_frac(buf, w, u, prec);
        w = fmt_int(buf, w, u);
    } else {
        buf[--w] = 's';
        w = fmt_frac(buf, w, u, 9);
        w = fmt_int(buf, w, u % 60);
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            w = fmt_int(buf, w, u % 60);
            u /= 60;
            if (u > 0) {
                buf[--w] = 'h';
                w = fmt_int(buf, w, u);
            }
        }
    }
    if (neg) buf[--w] = '-';
    return std::string(buf + w, sizeof buf - w);
}

} // namespace cassette::http
