#pragma once
// Helpers shared by the HAR export and import (and the JSON export), so both
// directions agree on what is derived and what must be carried in _cassette.
#include "convert/presence.hpp"
#include "model/cassette.hpp"

#include <cstddef>
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

// The request / response fields HAR 1.2 holds itself (method, url,
// httpVersion, postData / content, headers, status, statusText, time): the
// export writes them there, and in `_cassette` only what HAR's form loses.
// Every other field of the schema (model/schema.hpp) travels in `_cassette`
// under its own key, in go-vcr's order, and the import reads it back by key.
inline constexpr std::string_view k_har_request[] = {"proto", "body", "headers", "url", "method"};
inline constexpr std::string_view k_har_response[] = {"proto", "body", "headers", "status", "code", "duration"};
template <size_t N> constexpr bool har_native(const std::string_view (&native)[N], std::string_view key) {
    for (std::string_view n : native)
        if (n == key) return true;
    return false;
}

} // namespace cassette::convert
