#pragma once
// Re-emitting string scalars exactly as go-vcr's YAML libraries write them.
//
// go-yaml (gopkg.in/yaml.v2, yaml.v3, go.yaml.in/yaml/v4) is a port of
// libyaml's emitter; goccy/go-yaml is a different library. A cassette edited
// by `cassette` must keep the bytes a re-recording would produce, so the
// style choice (plain / quoted / literal), escapes, block headers and the
// yaml.v2 line folding are reproduced here character for character.
// See ../shared/FORMAT.md sections 3.3, 4.3-4.8.
#include "model/cassette.hpp"

#include <string>
#include <string_view>

namespace cassette::yaml {

// gopkg.in/yaml.v2 2.4.0, yaml.v3 3.0.1, go.yaml.in/yaml/v4 (rc.4 behaviour),
// goccy/go-yaml 1.18.
enum class Dialect { V2, V3, V4, Goccy };

struct EmitContext {
    Dialect dialect = Dialect::V3;
    // emitter.indent while the scalar is written: the column where folded
    // continuation lines and literal block content lines start.
    int indent = 0;
    // 0-based column (in code points) of the scalar's first character (after
    // "key: " or "- ").
    int column = 0;
    // best_width: 80 folds (yaml.v2); -1 never folds.
    int width = -1;
    // true: never produce a form that reads back as a different value
    // (FORMAT.md 4.7): yaml.v3's literal block for a value starting with a line
    // break loses that break, and a lone "\n" becomes `|4+` with no content.
    // Those two cases get the yaml/v4 fix instead; and a literal block whose
    // first non-empty line starts with a tab (which yaml.v3's own parser
    // rejects) is double-quoted. false: reproduce the library byte for byte,
    // bugs included.
    bool safe = true;
    // best_indent, the digit of a literal block's indentation indicator.
    // 0 = the dialect's Marshal default (V2 2, V3/V4 4, Goccy 2); set 2 for
    // yaml/v4 encoders configured with SetIndent(2) (P4c, FORMAT.md 4.0).
    int best_indent = 0;
    // Column a reader takes as the parent indentation of a block scalar here:
    // the mapping key's column for a value, the "- "'s column for a sequence
    // item; -1 unknown. go-yaml writes best_indent as the indentation
    // indicator (`|4-`) even where the content is not best_indent columns
    // past that (a sequence item in yaml.v3, a key at column 6), which no
    // reader accepts; safe mode writes the true distance instead.
    int parent_indent = -1;
    // The scalar is a sequence item (goccy leaves the empty lines of a
    // literal block empty there, and indents them in a mapping value).
    bool in_sequence = false;
};

// The characters the emitter writes for a Go `string` value, starting at the
// scalar's first character (a `!!binary ` tag included). Folded lines and
// literal block content lines carry their leading indentation. A literal
// block ends with the line break(s) the emitter wrote for the value itself
// (`|-` blocks therefore end without one); a flow scalar has no trailing line
// break.
std::string emit_string(std::string_view value, const EmitContext& ctx);
// The same, appended to `out` (the writers build one buffer: no string per scalar).
void append_string(std::string& out, std::string_view value, const EmitContext& ctx);

// A mapping key as the emitter writes it in "simple key" context: never
// folded, a multi-line value double-quoted, empty -> `""`.
// Only valid when is_simple_key() holds; otherwise go-yaml writes the key in
// the explicit `? ` form, which this function does not lay out.
std::string emit_key(std::string_view key, const EmitContext& ctx);
void append_key(std::string& out, std::string_view key, const EmitContext& ctx);

// Whether go-yaml writes `key` as an implicit (simple) key: single-line and at
// most 128 bytes (tag and base64 included for binary keys). For goccy, which
// writes every key inline: whether that key reads back (under 1024 characters).
bool is_simple_key(std::string_view key, Dialect d);

// The final style emit_string uses (a `!!binary` value reports the style of
// its base64 text).
ScalarStyle chosen_style(std::string_view value, Dialect d);

// True when a string value would be read back as a non-string (int, float,
// bool, null, timestamp, merge key) if written plain, so go-yaml quotes it.
bool resolves_to_non_string(std::string_view value, Dialect d);

// Map-key order of headers, form and trailer: go-yaml's keyList.Less
// (V2/V3/V4, FORMAT.md 4.3) or plain byte order (Goccy).
bool key_less(std::string_view a, std::string_view b, Dialect d);

} // namespace cassette::yaml
