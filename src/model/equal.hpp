#pragma once
// Data equality of two cassettes: what go-vcr would load from them is the
// same. Layout, styles, spans and header order do not count; header names'
// order of values and duplicates do.
#include "model/cassette.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace cassette {

// A description of the first difference ("interactions[3].response.body"),
// or nullopt when the data is equal.
std::optional<std::string> first_difference(const Cassette& a, const Cassette& b);

// The same comparison for what lies outside the interactions (version and
// the root's unknown keys); the interactions are not looked at.
std::optional<std::string> first_difference_root(const Cassette& a, const Cassette& b);

// A 128-bit digest of what first_difference compares in one interaction.
// Equal data gives equal digests except where first_difference treats two
// spellings as equal (a quoted "" and a null under an unknown key): those may
// differ, so a caller must treat different digests as "compare the models".
// Different data gives different digests (a change of one value always; any
// other change but with odds of 2^-64 per lane). The write check uses it to
// compare a written text without building a second model.
struct InteractionDigest {
    uint64_t a = 0, b = 0;
    bool operator==(const InteractionDigest&) const = default;
};
InteractionDigest digest_of(const Interaction& in);

} // namespace cassette
