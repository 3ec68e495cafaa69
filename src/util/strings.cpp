#include "util/strings.hpp"

#include "util/utf8.hpp"

namespace cassette::util {

namespace {

inline bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

template <typename Parts>
std::string join_impl(const Parts& parts, std::string_view sep) {
    size_t total = 0;
    for (const auto& p : parts) total += p.size() + sep.size();
    std::string out;
    out.reserve(total);
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out.append(sep);
        out.append(parts[i]);
    }
    return out;
}

constexpr std::string_view k_ellipsis = "\xe2\x80\xa6"; // U+2026 …
constexpr std::string_view k_replacement = "\xef\xbf\xbd"; // U+FFFD

} // namespace

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    }
    return true;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view s) {
    size_t b = 0;
    size_t e = s.size();
    while (b < e && is_space(s[b])) ++b;
    while (e > b && is_space(s[e - 1])) --e;
    return s.substr(b, e - b);
}

std::vector<Line> split_lines(std::string_view s) {
    std::vector<Line> lines;
    size_t start = 0;
    while (start < s.size()) {
        const size_t nl = s.find('\n', start);
        if (nl == std::string_view::npos) {
            lines.push_back({s.substr(start), {}});
            break;
        }
        const bool crlf = nl > start && s[nl - 1] == '\r';
        const size_t text_end = crlf ? nl - 1 : nl;
        lines.push_back({s.substr(start, text_end - start), s.substr(text_end, nl + 1 - text_end)});
        start = nl + 1;
    }
    return lines;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) { return join_impl(parts, sep); }
std::string join(const std::vector<std::string_view>& parts, std::string_view sep) { return join_impl(parts, sep); }

std::string mask_secret(std::string_view s) {
    // Code points as byte ranges; an invalid byte is a unit of its own.
    struct Unit {
        size_t at, len; // len 0: invalid byte at `at`
    };
    std::vector<Unit> units;
    units.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const size_t len = utf8_sequence_length(s, i);
        units.push_back({i, len});
        i += len == 0 ? 1 : len;
    }
    const size_t n = units.size();
    const size_t keep = n >= 16 ? 4 : n >= 8 ? 2 : 0;
    auto emit = [&](std::string& out, const Unit& u) {
        if (u.len == 0) out.append(k_replacement);
        else out.append(s.substr(u.at, u.len));
    };
    std::string out;
    for (size_t i = 0; i < keep; ++i) emit(out, units[i]);
    out.append(k_ellipsis);
    for (size_t i = n - keep; i < n; ++i) emit(out, units[i]);
    return out;
}

} // namespace cassette::util
