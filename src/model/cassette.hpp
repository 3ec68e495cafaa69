#pragma once
// The one in-memory model of a go-vcr cassette, for both formats go-vcr has
// written (version 1: go-vcr v1/v2; version 2: go-vcr v3/v4). See
// ../shared/FORMAT.md section 2 for the fields and their order.
//
// Every scalar keeps its decoded value *and* where and how it was written
// (span, style, tag), so that the edit-in-place writer can give back the input
// byte for byte and replace only the values a pass changed. Keys go-vcr does
// not know are kept as generic nodes (`extra`), never dropped.
#include "model/source.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <memory>
#include <string_view>
#include <vector>

namespace cassette {

enum class ScalarStyle : uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

// A string that is almost always empty (a scalar's explicit tag): one
// pointer where a std::string takes 32 bytes, in each of the hundreds of
// thousands of scalars of a big cassette.
class RareText {
public:
    RareText() = default;
    RareText(const RareText& o) : m_text(o.m_text ? std::make_unique<std::string>(*o.m_text) : nullptr) {}
    RareText(RareText&&) noexcept = default;
    RareText& operator=(const RareText& o) {
        if (this != &o) m_text = o.m_text ? std::make_unique<std::string>(*o.m_text) : nullptr;
        return *this;
    }
    RareText& operator=(RareText&&) noexcept = default;
    RareText& operator=(std::string text) {
        if (text.empty()) m_text.reset();
        else m_text = std::make_unique<std::string>(std::move(text));
        return *this;
    }
    bool empty() const { return !m_text; }
    std::string_view view() const { return m_text ? std::string_view(*m_text) : std::string_view(); }
    operator std::string_view() const { return view(); }
    bool operator==(std::string_view other) const { return view() == other; }

private:
    std::unique_ptr<std::string> m_text;
};

// Members ordered by size: 80 bytes (a 100 MiB cassette has ~240,000).
struct Scalar {
    std::string value;                      // decoded content; a !!binary scalar holds the decoded bytes
    Span span;                              // the node's source bytes (tag included)
    RareText tag;                           // any other explicit tag, as written (e.g. "!!str"); empty if none
    ScalarStyle style = ScalarStyle::Plain; // how the source wrote it
    bool binary = false;                    // tagged !!binary
    bool dirty = false;                     // set by a pass that changed `value`: the writer re-emits it
};

// A value go-vcr does not read (an unknown key's value), kept as a small tree.
struct NodeEntry;
struct Node {
    enum class Kind { Scalar, Sequence, Mapping };
    Kind kind = Kind::Scalar;
    Scalar scalar;                 // Kind::Scalar
    std::vector<Node> items;       // Kind::Sequence
    std::vector<NodeEntry> entries; // Kind::Mapping, in source order
    Span span;
    bool flow = false;             // written in flow style ([..] / {..})
};
struct NodeEntry {
    Scalar key;
    Node value;
};

// A known key holding a scalar.
struct Field {
    bool present = false;
    Span key;      // the key's source span
    Scalar value;

    std::string_view str() const { return value.value; }
    // Integer value if the scalar is a plain YAML int (decimal, optional sign).
    std::optional<int64_t> as_int() const;
    std::optional<bool> as_bool() const;
    void set(std::string v) {
        value.value = std::move(v);
        value.dirty = true;
    }
};

// map[string][]string: headers, form, trailer. Order, case and duplicates of
// the source are kept.
struct HeaderEntry {
    Scalar name;
    std::vector<Scalar> values;
    Span values_span;
    bool values_flow = false;
};
struct HeaderMap {
    bool present = false;
    Span key;
    Span span;      // the mapping's span ({} included)
    bool flow = false;
    std::vector<HeaderEntry> entries;

    // First entry whose name matches case-insensitively (http.Header.Get
    // canonicalises; this matches what a reader of the file means).
    const HeaderEntry* find(std::string_view name) const;
    HeaderEntry* find(std::string_view name);
    bool empty() const { return entries.empty(); }
};

// []string: transfer_encoding.
struct StringList {
    bool present = false;
    Span key;
    Span span;
    bool flow = false;
    std::vector<Scalar> items;
};

struct Request {
    bool present = false;
    Span key;
    Span span;
    Field proto, proto_major, proto_minor, content_length; // v2 only
    StringList transfer_encoding;                          // v2 only
    HeaderMap trailer;                                     // v2 only
    Field host, remote_addr, request_uri;                  // v2 only
    Field body;
    HeaderMap form;
    HeaderMap headers;
    Field url, method;
    std::vector<NodeEntry> extra; // keys go-vcr does not read
};

struct Response {
    bool present = false;
    Span key;
    Span span;
    Field proto, proto_major, proto_minor; // v2 only
    StringList transfer_encoding;          // v2 only
    HeaderMap trailer;                     // v2 only
    Field content_length, uncompressed;    // v2 only
    Field body;
    HeaderMap headers;
    Field status, code, duration;
    std::vector<NodeEntry> extra;
};

struct Interaction {
    Span span;
    Field id; // v2 only
    Request request;
    Response response;
    std::vector<NodeEntry> extra;
};

// Which YAML library laid the file out (FORMAT.md 4.0).
enum class Emitter { YamlV2, YamlV3, YamlV4, Goccy };

// "yaml.v2", "yaml.v3", "yaml.v4", "goccy", and back (nullopt for any
// other name): how HAR and JSON exports name the emitter.
const char* emitter_name(Emitter e);
std::optional<Emitter> emitter_named(std::string_view name);

struct Layout {
    Emitter emitter = Emitter::YamlV3;
    int indent = 4;             // best_indent: 2 or 4
    bool indentless = false;    // a sequence under a mapping key starts at the key's column
    int width = -1;             // fold plain/quoted scalars past this column (80 for yaml.v2); -1 never
    bool doc_start = true;      // "---" first line
    bool final_newline = true;  // ends with "\n"
    bool crlf = false;          // line breaks are \r\n (hand-edited files)
    bool bom = false;           // starts with a UTF-8 BOM
    bool all_fields = false;    // v2 format written with every field (go-vcr v3..v4.0.2, no omitempty)

    // "yaml.v2", "yaml.v3", "yaml.v4", "compact", "goccy", "custom"
    std::string name() const;
};

// `base` laid out as the writer a `--style` name stands for (FORMAT.md 4.0):
// "yaml.v2" (indent 2, indentless, folded at 80), "yaml.v3" (indent 4),
// "compact" (yaml.v4 with indent 2, indentless). Only the emitter, indent,
// indentless and width change; any other name gives `base` back.
Layout with_style(Layout base, std::string_view style);

// A comment of the first document (go-vcr never writes any; people and
// tools add them). Kept by every write: in place as bytes, canonically next
// to the node it annotates (model/notes.hpp, yaml/notes.hpp).
struct Comment {
    enum class Kind : uint8_t {
        Before,   // whole-line comment lines above a key or sequence item
        Trailing, // after the content of a line (`key: value  # why`)
        End,      // after the last node of the document
    };
    Kind kind = Kind::Before;
    // Before: re-indented with the node (it sat at the node's column).
    bool aligned = false;
    // Before / End: the lines as in the file, indentation included, joined
    // by "\n" (blank lines between comment lines kept), no final break.
    // Trailing: from the blanks before '#' to the end of the line.
    std::string text;
    // The node annotated, as a JSON pointer over the model
    // ("/interactions/0/request/headers/Authorization/0"; model/notes.hpp);
    // empty for End, and when the read kept no interactions.
    std::string anchor;
    uint32_t offset = 0; // where it starts in the source it was read from
};

// What a file holds besides go-vcr's document: kept byte for byte.
struct Notes {
    // Before the document (before `---` or the first key): comment and
    // blank lines, %YAML / %TAG directives. Verbatim.
    std::string header;
    std::vector<Comment> comments; // in source order
    // From the end of the first document (a `...` line, or the `---` of the
    // next document) to the end of the file: later YAML documents, which
    // go-vcr's loader (yaml.v3/v2 Unmarshal) never reads. Verbatim.
    std::string rest;
    uint32_t rest_offset = 0;    // where `rest` starts in `Cassette::source`
    // The documents of `rest`, read: their scalars are searched for secrets
    // and edited in place by redact (model/walk.hpp, path "trailing-document").
    std::vector<Node> documents;
    bool empty() const { return header.empty() && comments.empty() && rest.empty(); }
};

struct Cassette {
    std::string path;   // as given by the user; "-" for stdin
    SourceText source;  // the bytes read; every Span indexes into it

    Field version;
    bool interactions_present = false;
    Span interactions_key;
    Span interactions_span;
    bool interactions_flow = false;
    std::vector<Interaction> interactions;
    std::vector<NodeEntry> extra;

    Layout layout;
    Notes notes; // comments, a header, later documents

    // 1 or 2 when version is a valid int; 0 otherwise.
    int format() const;
};

// Human name of a scalar style, for messages.
const char* style_name(ScalarStyle s);

// A YAML null as go-yaml resolves it: an untagged plain scalar that is
// empty, `~`, `null`, `Null` or `NULL`. Go decodes it to the zero value.
bool is_null(const Scalar& s);

} // namespace cassette
