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
// `resume` (optional) keeps where the last call stopped in a flow scalar, so
// that the offsets of one scalar asked for in increasing order cost one
// walk over it, not one each.
struct MarkResume {
    const Scalar* scalar = nullptr;
    Mark cursor;
    size_t decoded = 0;
};
// may_read false: only what the model says (a literal block's lines, from
// its end); the scalar's start when the source would have to be read.
Mark source_mark(std::string_view source, const Scalar& s, size_t at, MarkResume* resume = nullptr,
                 bool may_read = true);

// The mark of decoded byte `at` of a one-line single-quoted scalar, or of a
// one-line double-quoted one written with go-yaml's escapes, from the value alone (no source byte is read: a
// big file's pages stay released). False when the scalar is not one, or
// its source length says it was written with other escapes.
// `resume` keeps the check and the position for the next, later offset of
// the same scalar.
struct QuotedResume {
    const Scalar* scalar = nullptr;
    bool ok = false;
    size_t i = 0, bytes = 0, chars = 0;
};
bool quoted_line_mark(const Scalar& s, size_t at, Mark& out, QuotedResume* resume = nullptr);

} // namespace cassette::redact
