#pragma once
// Renderers of a diff Report (report.hpp). They print what they are given:
// secrets must have been masked before (mask.hpp).
#include "diff/report.hpp"

#include <string>

namespace cassette::diff {

// Displayed values longer than this are cut in text and markdown (JSON output
// keeps them whole).
inline constexpr size_t k_max_shown_value = 4000;

// `~ #3 POST url` sections with +/-/~ lines and a summary line; ANSI colour
// when `color`.
std::string render_text(const Report& r, bool color);

// A pull-request comment: summary table, notes, common changes, added and
// removed interactions, then a <details> block per changed interaction with
// a fenced diff. At most `max_bytes` bytes (0: no limit): the summary is
// always printed, the sections while they fit, then a line counting what
// was left out.
std::string render_markdown(const Report& r, size_t max_bytes = 0);

// GitHub's limit for a comment is 65,536 characters; the default budget
// leaves room for a heading around it.
inline constexpr size_t k_default_markdown_bytes = 64000;

// {"summary": {...}, "changes": [...], "notes": [...]}, two-space indented.
std::string render_json(const Report& r);

// "2 changed, 1 added, 0 removed, 14 unchanged"
std::string summary_line(const Summary& s);

// The value cut to k_max_shown_value bytes (at a UTF-8 boundary) with a note.
std::string shown(const std::string& value);

} // namespace cassette::diff
