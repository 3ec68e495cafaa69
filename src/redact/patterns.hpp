#pragma once
// The provider token patterns (detection by shape). One table: adding a
// provider is adding a row here and a golden case.
#include <cstdint>
#include <string_view>
#include <vector>

namespace cassette::redact {

// A literal that every match of a pattern holds, starting between
// `back_min` and `back_max` bytes after the match starts (`fold`: ASCII
// letters in any case). Detection looks for the atoms of all rows in one
// pass over a text and runs a row's regex only where a match could start,
// anchored there, instead of running every regex over every byte. A unit
// test checks that this finds exactly what RE2 finds without atoms, on the
// corpus and on generated text.
struct Atom {
    std::string_view text; // two bytes or more
    uint8_t back_min = 0;
    uint8_t back_max = 0;
    bool fold = false;
};

struct PatternRow {
    std::string_view id;   // detector id
    std::string_view kind; // human words
    // RE2 syntax. Without capture groups the whole match is the secret;
    // otherwise every participating group is one (a SigV4 header holds two).
    std::string_view regex;
    std::vector<Atom> atoms; // never empty for a built-in row
};

// In priority order: when two matches cover the same bytes, the earlier row
// names the finding.
const std::vector<PatternRow>& builtin_patterns();

} // namespace cassette::redact
