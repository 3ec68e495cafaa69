#pragma once
// The provider token patterns (detection by shape). One table: adding a
// provider is adding a row here and a golden case.
#include <string_view>
#include <vector>

namespace cassette::redact {

struct PatternRow {
    std::string_view id;   // detector id
    std::string_view kind; // human words
    // RE2 syntax. Without capture groups the whole match is the secret;
    // otherwise every participating group is one (a SigV4 header holds two).
    std::string_view regex;
};

// In priority order: when two matches cover the same bytes, the earlier row
// names the finding.
const std::vector<PatternRow>& builtin_patterns();

} // namespace cassette::redact
