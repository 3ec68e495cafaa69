#pragma once
// Helpers shared by the HAR export and import (and the JSON export), so both
// directions agree on what is derived and what must be carried in _cassette.
#include "convert/presence.hpp"
#include "model/cassette.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cassette::convert {

// A scalar of an unknown key that the canonical writer copies as is (a
// number, a bool, a word) rather than emitting as a string.
bool plain_raw(const Scalar& s);

// The writer's field set for this cassette (format, omitempty or not).
FieldSet field_set_of(const Cassette& c);

// The value of a decimal int written in its canonical form ("200", "-1"),
// else nullopt ("+1", "007", "0x10", "").
std::optional<int64_t> canonical_int(std::string_view text);

// Milliseconds as an exact JSON number: 1500000 ns -> "1.5"; negative -> "0".
std::string ms_text(int64_t ns);

// HAR statusText for go-vcr's `status` ("404 Not Found" with code 404 ->
// "Not Found"; a status not starting with the code is returned whole).
std::string_view status_text_of(std::string_view status, std::string_view code_text);

// go-vcr's `status` from a HAR status code and statusText.
std::string reconstruct_status(std::string_view code_text, std::string_view status_text);

// True when HAR's flat header list, grouped by exact name in order of first
// appearance, gives back exactly these entries (no empty value lists, no
// duplicate names, valid UTF-8 everywhere).
bool default_header_grouping(const HeaderMap& m);

} // namespace cassette::convert
