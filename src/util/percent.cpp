#include "util/percent.hpp"

#include "util/hex.hpp"

namespace cassette::http {

namespace {

bool unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

// `keep(c)` bytes as they are, a space as `space` when given, the rest %XX.
template <typename Keep>
std::string escape(std::string_view s, Keep keep, char space = 0) {
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        if (keep(c)) {
            out += char(c);
        } else if (c == ' ' && space) {
            out += space;
        } else {
            out += '%';
            util::append_hex_byte(out, c);
        }
    }
    return out;
}

} // namespace

std::string query_escape(std::string_view s) { return escape(s, unreserved, '+'); }

std::string escape_unreserved(std::string_view s) { return escape(s, unreserved); }

std::string escape_uri_path(std::string_view path) {
    return escape(path, [](unsigned char c) { return unreserved(c) || c == '/' || c == '@' || c == '+'; });
}

} // namespace cassette::http
