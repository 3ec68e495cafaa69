#pragma once
// A cassette's notes (comments, the lines before its document, the YAML
// documents after it: Cassette::notes) in a HAR's `log._cassette.notes`, so
// that cassette -> HAR -> cassette keeps them:
//
//   "notes": {
//     "header": "# Copyright ...\n\n",
//     "comments": [{"kind": "before", "node": "/interactions/0", "aligned": true, "text": "# why"}, ...],
//     "rest": "---\ntime: \"1775761967\"\n"
//   }
//
// kind is "before" (whole-line comments above the node), "trailing" (after
// the node on its line) or "end" (after the last node); node is a JSON
// pointer over the cassette (model/notes.hpp). A text that is not UTF-8 goes
// under `header_base64` / `rest_base64` / `text_base64`.
#include "convert/json_out.hpp"
#include "model/cassette.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace cassette::convert {

// The "notes" member, when the cassette has any.
void notes_json(JsonOut& j, const Cassette& c);

struct NotesError {
    std::string path; // below log._cassette.notes
    std::string message;
};
// Read `meta["notes"]` (meta: log._cassette) into `out`.
std::optional<NotesError> read_notes_json(const nlohmann::json& meta, Notes& out);

} // namespace cassette::convert
