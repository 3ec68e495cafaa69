#pragma once
// Writing a cassette's notes (Cassette::notes: header, comments, later
// documents) with a canonical text of its document, and checking that a
// written text kept them.
#include "model/cassette.hpp"

#include <optional>
#include <string>

namespace cassette::yaml {

// The text after the first document (Notes::rest) with each scalar of the
// later documents that a pass changed (redact) re-emitted in place.
std::string rest_text(const Cassette& c);

// `canonical` (the first document as a go-vcr writer saves it, from
// write_canonical) with c's notes put back: the header first, each comment
// next to its node (above the key or item it was above, re-indented with it
// when it sat at its column; a trailing comment at the end of its node's
// line), the comments after the last node next, the later documents last.
// A comment whose node is gone goes with those after the last node: none is
// ever dropped. Line breaks are "\n" throughout (a CRLF file's header and
// later documents too, as its document).
std::string with_notes(std::string canonical, const Cassette& c);

// What a written text (read back as `written`) lost of `expected`'s notes,
// or nullopt: the header, the later documents, every comment line.
std::optional<std::string> notes_difference(const Cassette& expected, const Cassette& written);

} // namespace cassette::yaml
