#pragma once
// Data equality of two cassettes: what go-vcr would load from them is the
// same. Layout, styles, spans and header order do not count; header names'
// order of values and duplicates do.
#include "model/cassette.hpp"

#include <optional>
#include <string>

namespace cassette {

// A description of the first difference ("interactions[3].response.body"),
// or nullopt when the data is equal.
std::optional<std::string> first_difference(const Cassette& a, const Cassette& b);

} // namespace cassette
