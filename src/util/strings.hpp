#pragma once
// Small string helpers used everywhere. Case-insensitivity is ASCII only:
// it is for header names, media types and YAML keys, never for user text.
#include <string>
#include <string_view>
#include <vector>

namespace cassette::util {

constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);

// Leading and trailing ASCII whitespace (space, \t, \n, \r, \f, \v) removed.
std::string_view trim(std::string_view s);

// One line of a text and how it ended, so that text + ending over all lines
// gives back the input byte for byte (a file may mix \n and \r\n).
struct Line {
    std::string_view text;   // without its line ending
    std::string_view ending; // "\n", "\r\n", or "" for a last line without one
};
// A final line ending does not start an empty extra line; "" gives no lines.
std::vector<Line> split_lines(std::string_view s);

std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string join(const std::vector<std::string_view>& parts, std::string_view sep);

// How every secret is shown in our output. Counted in code points so the
// result is always valid UTF-8 (an invalid byte shows as U+FFFD):
//   16+ code points: first 4 + "…" + last 4   ("sk-p…9fQa")
//   8 to 15:         first 2 + "…" + last 2   ("ab…yz")
//   fewer than 8:    "…" alone
// so no more than 8 characters of a secret are ever shown. Callers may add
// " (n chars)" themselves.
std::string mask_secret(std::string_view s);

} // namespace cassette::util
