#pragma once
// Where a byte of a scalar's decoded value is in the source: the line and
// column of the secret itself, not of the scalar holding it, for a
// multi-line body (a literal block, a double-quoted string folded or with
// escapes, a folded plain or single-quoted scalar).
#include "model/cassette.hpp"

#include <string_view>

namespace cassette::redact {

// The source position of decoded byte `at` of `s`; the scalar's start
// when the source does not hold the scalar (a model built by hand) or it
// is !!binary.
Mark source_mark(std::string_view source, const Scalar& s, size_t at);

} // namespace cassette::redact
