#pragma once
// Two ways to write a cassette (FORMAT.md 7):
//  - in place: the source bytes, with only the scalars a pass marked dirty
//    re-emitted the way the file's own writer would emit them. An unchanged
//    model gives the input back byte for byte.
//  - canonical: the whole document as go-vcr's writer for a layout saves it.
#include "model/cassette.hpp"
#include "util/parallel.hpp"
#include "yaml/emit_scalar.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cassette::yaml {

// The go-yaml flavour whose scalar rules a layout follows.
Dialect dialect_of(const Layout& layout);

// Where a writer can put its text a piece at a time (a big file's text goes
// to the temporary file without being held whole). Returns false to stop:
// the writer then hands over nothing more.
using TextSink = std::function<bool(std::string_view piece)>;

// Source bytes with every dirty scalar replaced.
std::string write_in_place(const Cassette& c);
void write_in_place_to(const Cassette& c, const TextSink& sink);
// The same from byte `from` of the source on (the later documents' text).
void write_in_place_from(const Cassette& c, size_t from, const TextSink& sink);

// The document as go-vcr's writer with `layout` would save it: `---`, key
// order of go-vcr's structs, header/form keys sorted, scalars in the
// writer's styles, one final newline. Fields absent from the model are not
// written; keys go-vcr does not know are kept (after the known ones). The
// notes (header, comments, later documents) are put back (yaml/notes.hpp).
std::string write_canonical(const Cassette& c, const Layout& layout);
void write_canonical_to(const Cassette& c, const Layout& layout, const TextSink& sink);

// The layouts of go-vcr's writers for a cassette of c's format (FORMAT.md
// 4.0): yaml.v2 (folding at 80 and not) and yaml.v3 for format 1; yaml.v3,
// yaml/v4, yaml/v4's compact encoder and goccy for format 2.
std::vector<Layout> writer_layouts(const Cassette& c);
// Whether write_canonical(c, layout) is c's source byte for byte (the
// writing stops at the first difference).
bool canonical_under(const Cassette& c, const Layout& layout);
// A writer's layout other than c.layout under which the file is already
// canonical (the evidence in the file fitted several writers and detection
// chose another), or nullopt.
std::optional<Layout> canonical_elsewhere(const Cassette& c);

// Re-read `text` and check that every value equals the model's. Returns a
// message naming the first difference, or nullopt. Commands call this
// before replacing a file, so a writer bug can never corrupt a cassette.
// `threads`: the command's budget (the re-read and the digests).
std::optional<std::string> verify_written(const Cassette& expected, const std::string& text,
                                          const util::ThreadBudget& threads = {});
// The same without a copy of `text` (a big file's bytes): the text is
// moved into the check's model and moved back. When the check fails, `text`
// may have been emptied (the caller writes nothing then).
std::optional<std::string> verify_written_borrowing(const Cassette& expected, std::string& text,
                                                    const util::ThreadBudget& threads = {});
// The same for a text already in a file (mapped: read without a copy).
std::optional<std::string> verify_written_source(const Cassette& expected, const SourceText& text,
                                                 const util::ThreadBudget& threads = {});

} // namespace cassette::yaml
