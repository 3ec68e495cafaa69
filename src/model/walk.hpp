#pragma once
// Visit every scalar of a cassette with what it is and where it sits, so that
// passes (redact, fmt, the in-place writer) need no copy of the schema walk.
#include "model/cassette.hpp"

#include <functional>
#include <string_view>

namespace cassette {

enum class ScalarKind {
    String,  // a Go string field or a header/form value: emitted as a YAML string
    Raw,     // an int or bool field: its text is written as is
    Key,     // a header/form/trailer name
    Extra,   // inside a value go-vcr does not read
};

struct ScalarSite {
    ScalarKind kind = ScalarKind::String;
    // Column (0-based) of the mapping key this value belongs to, or of the
    // sequence item's "- " when `in_sequence`.
    int parent_column = 0;
    bool in_sequence = false;
    bool in_flow = false;              // inside a flow collection ([..] or {..})
    std::optional<size_t> interaction; // index of the interaction
    std::string_view path;             // e.g. "request.headers", "response.body"
    bool mapping_key = false;          // a mapping key (Key, or the key of an Extra entry)
};

using ScalarVisitor = std::function<void(Scalar&, const ScalarSite&)>;

// Visits fields, header names and values, list items, and extras' scalars
// in document order of the schema (not of the file), then (with the root)
// the scalars of the documents after the cassette's (Notes::documents,
// path "trailing-document", kind Extra).
void for_each_scalar(Cassette& c, const ScalarVisitor& visit);

// The same for a part: the root's own scalars (version, unknown root keys)
// when `root`, then those of interactions [from, to). Parts that together
// cover root and every interaction visit what for_each_scalar visits.
void for_each_scalar_in(Cassette& c, bool root, size_t from, size_t to, const ScalarVisitor& visit);

} // namespace cassette
