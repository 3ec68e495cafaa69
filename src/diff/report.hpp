#pragma once
// The result of comparing two cassettes, independent of how it is shown
// (dyff style: a list of {kind, where, path, from, to}; renderers in
// render_*.cpp turn it into text, markdown or JSON).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace cassette::diff {

// One difference. An added or removed interaction is one Change with an
// empty path; a changed interaction gives one Change per differing field.
struct Change {
    enum Kind { Added, Removed, Changed } kind = Changed;
    std::optional<size_t> old_index, new_index; // interaction positions (0-based)
    std::string method, url;                    // of the interaction (the new side when both exist)
    // Where in the interaction: "response.body$.choices[0].message.content",
    // "response.headers.Content-Type", "response.code", "request.body:12"
    // (a text hunk starting at line 12), "response.body.events[3]" (an SSE
    // event). "" for a whole interaction; "version" for the format change.
    std::string path;
    // Displayed values (JSON values in compact JSON text; several header
    // values as ["a", "b"]). Absent on the side where the thing does not exist.
    std::optional<std::string> old_value, new_value;
    // The values are lists shown as JSON arrays (several header values,
    // transfer_encoding): `--format json` gives them as arrays.
    bool list = false;
};

struct Summary {
    size_t changed = 0, added = 0, removed = 0, unchanged = 0; // interactions
    size_t ignored = 0; // differences hidden as volatile (shown with --all)
    int old_format = 0, new_format = 0;
    size_t old_interactions = 0, new_interactions = 0;
};

struct Report {
    std::string old_name, new_name; // as shown ("a/x.yaml" in git mode)
    Summary summary;
    std::vector<Change> changes;    // in the order of the new file (removed ones where they were)
    std::vector<std::string> notes; // things the reader should know ("compared as text: ...")

    bool has_differences() const { return !changes.empty(); }
};

} // namespace cassette::diff
