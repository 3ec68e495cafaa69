#pragma once
// Two ways to write a cassette (FORMAT.md 7):
//  - in place: the source bytes, with only the scalars a pass marked dirty
//    re-emitted the way the file's own writer would emit them. An unchanged
//    model gives the input back byte for byte.
//  - canonical: the whole document as go-vcr's writer for a layout saves it.
#include "model/cassette.hpp"
#include "yaml/emit_scalar.hpp"

#include <optional>
#include <string>

namespace cassette::yaml {

// The go-yaml flavour whose scalar rules a layout follows.
Dialect dialect_of(const Layout& layout);

// Source bytes with every dirty scalar replaced.
std::string write_in_place(const Cassette& c);

// The document as go-vcr's writer with `layout` would save it: `---`, key
// order of go-vcr's structs, header/form keys sorted, scalars in the
// writer's styles, one final newline. Fields absent from the model are not
// written; keys go-vcr does not know are kept (after the known ones).
std::string write_canonical(const Cassette& c, const Layout& layout);

// Re-read `text` and check that every value equals the model's. Returns a
// message naming the first difference, or nullopt. Commands call this
// before replacing a file, so a writer bug can never corrupt a cassette.
std::optional<std::string> verify_written(const Cassette& expected, const std::string& text);
// The same without a copy of `text` (a big file's bytes): the text is
// moved into the check's model and moved back. When the check fails, `text`
// may have been emptied (the caller writes nothing then).
std::optional<std::string> verify_written_borrowing(const Cassette& expected, std::string& text);

} // namespace cassette::yaml
