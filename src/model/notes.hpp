#pragma once
// Comments, a header and later documents (Cassette::notes): found in a read
// cassette's source and tied to the nodes they annotate, so that a canonical
// write (yaml/notes.hpp) puts each one back next to its node.
//
// A node is named by a JSON pointer over the model, not by a source offset,
// so that the name survives a rewrite and a HAR round trip:
// "/version", "/interactions/3", "/interactions/3/request/headers/Accept/0",
// "/interactions/3/request/extra_key". '~' and '/' in a name are written
// "~0" and "~1" (RFC 6901); the second header of the same name in one map is
// "Name~2" + its number (1, 2, ...), which no RFC 6901 name can be.
#include "model/cassette.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cassette {

struct Anchor {
    std::string path;
    uint32_t begin = 0;  // offset of the key, or of the node of a sequence item
    uint32_t column = 0; // 0-based column a comment above it sits at: the key's, or the item's "- "
    // Where a trailing comment goes: the end of the line that the node's own
    // text ends on (a key with a block collection: its key line; a block
    // scalar: its indicator line; any other scalar: its last line).
    uint32_t trail = 0;
    bool item = false;   // a sequence item (a comment above it goes above its "- ")
};

// Every key and sequence item of the first document with its name, sorted
// by `begin` (an item before the first key of its mapping).
std::vector<Anchor> anchors_of(const Cassette& c);

// Fill c.notes.header and c.notes.comments from c.source. `hashes` are the
// offsets of every '#' that starts a comment, if it is outside every scalar
// (at a line start or after a blank; the reader dropped those inside scalars);
// c.notes.rest_offset says where the first document ends. With `anchors`,
// each comment is tied to its node (needs the interactions: not for a
// digest-only read).
void attach_notes(Cassette& c, const std::vector<uint32_t>& hashes, bool anchors);

// The comment text without indentation or the blanks before '#', one entry
// per comment line: what a write must keep (compared by the write check).
std::vector<std::string> comment_lines(const Notes& n);

} // namespace cassette
