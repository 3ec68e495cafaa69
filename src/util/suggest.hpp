#pragma once
// "Did you mean" suggestions for misspelt keys, rule ids and options.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cassette::util {

// Levenshtein distance (insertions, deletions, substitutions; bytes).
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible
// typo: distance <= max(1, len/3) (so `heders` -> `headers` but `foo` finds
// nothing among unrelated keys), or else a candidate `word` (3+ chars) is a
// prefix of (`warn` -> `warning`). Ties go to the earlier candidate.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean `x`?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

} // namespace cassette::util
