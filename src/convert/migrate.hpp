#pragma once
// Cassette format migration (FORMAT.md 2.1, 2.2): go-vcr v3+ refuses
// `version: 1` files and go-vcr v1/v2 ignore v2's extra keys; users are told
// to re-record everything. These passes convert the data instead.
#include "model/cassette.hpp"

#include <string>
#include <utility>
#include <vector>

namespace cassette::convert {

struct MigrationReport {
    // Fields format 1 cannot hold, with how many interactions had them.
    std::vector<std::pair<std::string, size_t>> dropped;
    // Other changes worth telling the user about.
    std::vector<std::string> notes;
};

// version 1 -> 2 as go-vcr v4 (v4.0.3+, omitempty) records it: ids 0..n-1;
// request proto HTTP/1.1 (what Go's client records), content_length from the
// body, host from the URL; form gets the URL query appended after the body
// form (v4.0.3+ records Request.Form); response proto HTTP/1.1 (format 1
// never recorded it), content_length from the body; `duration: ""` -> `0s`.
// `layout` is the writer to lay it out for. A cassette already at version 2
// is left alone (returns false).
bool migrate_to_v2(Cassette& c, const Layout& layout, MigrationReport& report);

// version 2 -> 1: drops the v2-only fields (counted in the report), removes
// the URL query values v4 adds to `form` (format 1 recorded the body form
// only), and when every duration is 0s writes `duration: ""` as go-vcr
// v1.0-v1.2 did (so v1 -> v2 -> v1 gives the same data). Returns false when
// the cassette is already version 1.
bool migrate_to_v1(Cassette& c, const Layout& layout, MigrationReport& report);

} // namespace cassette::convert
