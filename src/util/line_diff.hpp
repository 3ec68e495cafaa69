#pragma once
// A unified diff of two texts, line by line (diff -u format), for
// `--dry-run` output. Built for the common case of a few changed lines in a
// large file: equal runs are skipped in one pass and each changed region is
// re-synchronised within a bounded window, so the time is linear in the
// input plus the size of the changes. The result is always a correct diff;
// for large scattered rewrites it may be longer than a minimal one.
#include <string>
#include <string_view>

namespace cassette::util {

// "" when the texts are equal. `context` lines around each change.
std::string unified_diff(std::string_view a, std::string_view b, std::string_view a_name, std::string_view b_name,
                         int context = 3);

} // namespace cassette::util
