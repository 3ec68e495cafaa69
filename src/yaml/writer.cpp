#include "yaml/writer.hpp"
#include "yaml/notes.hpp"

#include "model/equal.hpp"
#include "model/schema.hpp"
#include "model/walk.hpp"
#include "util/huge_pages.hpp"
#include "util/parallel.hpp"
#include "yaml/reader.hpp"
#include "util/base64.hpp"
#include "util/hex.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <thread>
#include <vector>

namespace cassette::yaml {

namespace {

size_t code_points(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

int col0(const Mark& m) { return m.column > 0 ? int(m.column) - 1 : 0; }

// Indentation rules of the emitters (FORMAT.md 4.1, 4.2). yaml.v2 and goccy
// add the indent; yaml.v3 and yaml/v4 step two past a "- " and otherwise snap
// to the next multiple of the indent.
struct Indents {
    int best = 2;
    bool snap = false;
    bool indentless = true;

    explicit Indents(const Layout& l)
        : best(l.indent), snap(l.emitter == Emitter::YamlV3 || l.emitter == Emitter::YamlV4),
          indentless(l.indentless) {}

    // A block (mapping or scalar content) inside a mapping whose keys are at `key_col`.
    int in_mapping(int key_col) const { return snap ? best * ((key_col + best) / best) : key_col + best; }
    // A block inside a sequence item whose "- " is at `dash_col`.
    int in_sequence(int dash_col) const { return snap ? dash_col + 2 : dash_col + best; }
    // Where the "- " of a sequence that is the value of a key at `key_col` goes.
    int sequence_dash(int key_col) const { return indentless ? key_col : in_mapping(key_col); }
};

// A double-quoted scalar safe in any context (flow collections, keys) that
// reads back as exactly `v`: YAML escapes are code points, so bytes that are
// not UTF-8 go in a `!!binary` scalar (what go-yaml does for such a string);
// characters a reader refuses raw (C1 controls, U+FEFF, U+FFFE/U+FFFF) or
// folds as line breaks (U+0085, U+2028, U+2029) are escaped.
std::string flow_quoted(std::string_view v) {
    if (!util::valid_utf8(v)) return "!!binary \"" + util::base64_encode(v) + "\"";
    std::string out = "\"";
    for (size_t i = 0; i < v.size();) {
        unsigned char c = (unsigned char)v[i];
        if (c >= 0x80) {
            const size_t w = util::utf8_sequence_length(v, i);
            uint32_t cp = w == 2 ? ((c & 0x1Fu) << 6) | ((unsigned char)v[i + 1] & 0x3Fu)
                          : w == 3 ? ((c & 0x0Fu) << 12) | (((unsigned char)v[i + 1] & 0x3Fu) << 6) |
                                         ((unsigned char)v[i + 2] & 0x3Fu)
                                   : 0x10000; // 4 bytes: always printable
            if (cp <= 0x9F || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF) {
                out += "\\u";
                util::append_hex(out, cp, 4);
            } else {
                out.append(v.substr(i, w));
            }
            i += w;
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case 0: out += "\\0"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                out += "\\x";
                util::append_hex_byte(out, c);
            } else {
                out += char(c);
            }
        }
        ++i;
    }
    out += '"';
    return out;
}


// A literal block leaves the emitter at column 0 after its last line break
// (\n, or U+2028 / U+2029, which libyaml also treats as breaks); the caller
// adds one only after flow scalars and `|-` blocks.
bool ends_with_break(std::string_view s) {
    return (!s.empty() && s.back() == '\n') || s.ends_with("\xE2\x80\xA8") || s.ends_with("\xE2\x80\xA9");
}

// ------------------------------------------------------------------ canonical

class Canonical {
public:
    Canonical(const Layout& l, std::string_view source) : m_in(l), m_src(source) {
        // A layout no go-vcr writer produces (a file re-indented by a YAML
        // formatter) gets go-vcr's structure at its own indentation, and
        // keeps the bytes of the values fmt has no reason to touch.
        m_keep = l.name() == "custom";
        m_ctx.dialect = dialect_of(l);
        m_ctx.width = l.emitter == Emitter::YamlV2 ? l.width : -1;
        m_ctx.safe = true;
        m_ctx.best_indent = l.indent;
    }

    // `sink`: the text goes to it a piece at a time (about kPiece bytes,
    // whole interactions) instead of being returned whole.
    std::string run(const Cassette& c, const TextSink* sink = nullptr) {
        m_sink = sink;
        if (sink) {
            m_out.reserve(kPiece + kPiece / 4);
        } else {
            m_out.reserve(c.source.size() + c.source.size() / 8);
            util::advise_huge_pages(m_out);
        }
        m_out += "---\n";
        start_key(0, "version");
        m_out += ' ';
        m_out += c.version.present ? c.version.value.value : std::string("2");
        m_out += '\n';
        for (const auto& e : c.extra) extra_entry(0, e);
        start_key(0, "interactions");
        if (c.interactions.empty()) {
            m_out += " []\n";
        } else {
            m_out += '\n';
            int dash = m_in.sequence_dash(0);
            for (const auto& in : c.interactions) {
                interaction(dash, in);
                if (m_sink && m_out.size() >= kPiece) hand_over();
                if (!m_sink_ok) return {}; // the sink wants nothing more
            }
        }
        if (m_sink) {
            hand_over();
            return {};
        }
        return std::move(m_out);
    }

private:
    static constexpr size_t kPiece = size_t(1) << 20;
    const TextSink* m_sink = nullptr;
    bool m_sink_ok = true;
    void hand_over() {
        if (m_sink_ok && !m_out.empty()) m_sink_ok = (*m_sink)(m_out);
        m_out.clear();
    }


    // Begin a mapping key line: indentation, unless the key follows a "- ".
    void start_key(int indent, std::string_view key) {
        if (m_after_dash) {
            m_after_dash = false;
        } else {
            m_out.append(size_t(indent), ' ');
        }
        EmitContext kc = m_ctx;
        kc.indent = indent;
        kc.column = indent;
        // A key longer than 128 bytes or on several lines is not a simple key:
        // go-yaml writes "? key" and ":" on the next line. goccy writes every
        // key inline; only one a reader would not take (1024 characters or
        // more) goes in the "? " form here.
        if (!is_simple_key(key, m_ctx.dialect)) {
            kc.column = indent + 2;
            kc.indent = m_in.in_mapping(indent);
            kc.parent_indent = indent;
            std::string text = emit_string(key, kc);
            m_out += "? ";
            m_out += text;
            if (!ends_with_break(text)) m_out += '\n';
            m_out.append(size_t(indent), ' ');
            m_out += ':';
            return;
        }
        append_key(m_out, key, kc);
        m_out += ':';
    }

    void dash(int col) {
        m_out.append(size_t(col), ' ');
        m_out += "- ";
        m_after_dash = true;
    }

    // A value emitted in place, then the line break a flow scalar or a `|-`
    // block leaves to the caller.
    void scalar(std::string_view value, const EmitContext& vc) {
        const size_t start = m_out.size();
        append_string(m_out, value, vc);
        if (!ends_with_break(std::string_view(m_out).substr(start))) m_out += '\n';
    }

    // In a kept layout: an unchanged value written on one line in flow
    // style goes out as the file has it ("*/*" stays double-quoted), with
    // the line break after it. Block scalars and changed values are
    // re-emitted (their indentation may move).
    bool kept_scalar(const Scalar& s) {
        if (!m_keep || s.dirty || s.binary || !s.tag.empty() || s.span.size() == 0) return false;
        if (s.style != ScalarStyle::Plain && s.style != ScalarStyle::SingleQuoted && s.style != ScalarStyle::DoubleQuoted)
            return false;
        if (s.span.begin.line != s.span.end.line || s.span.end.offset > m_src.size()) return false;
        m_out += m_src.substr(s.span.begin.offset, s.span.size());
        m_out += '\n';
        return true;
    }

    // In a kept layout: an empty flow collection as the file spells it
    // (`[ ]`, `{ }`); `fallback` otherwise. Appends " " + text + "\n".
    void empty_collection(bool flow, const Span& span, std::string_view fallback) {
        m_out += ' ';
        std::string_view text = fallback;
        if (m_keep && flow && span.begin.line == span.end.line && span.size() >= 2 && span.end.offset <= m_src.size())
            text = m_src.substr(span.begin.offset, span.size());
        m_out += text;
        m_out += '\n';
    }

    int key_end_column(int indent, std::string_view key) const { return indent + int(code_points(key)) + 2; }

    void string_value(int indent, std::string_view key, const Scalar& v) {
        start_key(indent, key);
        m_out += ' ';
        if (kept_scalar(v)) return;
        EmitContext vc = m_ctx;
        vc.indent = m_in.in_mapping(indent);
        vc.parent_indent = indent;
        vc.column = key_end_column(indent, key);
        scalar(v.value, vc);
    }

    void raw_value(int indent, std::string_view key, const Field& f, std::string_view fallback) {
        start_key(indent, key);
        m_out += ' ';
        // A null int or bool is Go's zero value, which go-vcr writes.
        m_out += is_null(f.value) ? fallback : std::string_view(f.value.value);
        m_out += '\n';
    }

    void field(int indent, std::string_view key, const Field& f) {
        if (f.present) string_value(indent, key, f.value);
    }
    void raw(int indent, std::string_view key, const Field& f, std::string_view fallback) {
        if (f.present) raw_value(indent, key, f, fallback);
    }

    void sequence_item(int dash_col, const Scalar& v) {
        dash(dash_col);
        m_after_dash = false;
        if (kept_scalar(v)) return;
        EmitContext vc = m_ctx;
        vc.indent = m_in.in_sequence(dash_col);
        vc.parent_indent = dash_col;
        vc.column = dash_col + 2;
        vc.in_sequence = true;
        scalar(v.value, vc);
    }

    void header_map(int indent, std::string_view key, const HeaderMap& m) {
        if (!m.present) return;
        start_key(indent, key);
        if (m.entries.empty()) {
            empty_collection(m.flow, m.span, "{}");
            return;
        }
        m_out += '\n';
        int inner = m_in.in_mapping(indent);
        std::vector<const HeaderEntry*> sorted;
        sorted.reserve(m.entries.size());
        for (const auto& e : m.entries) sorted.push_back(&e);
        Dialect d = m_ctx.dialect;
        std::stable_sort(sorted.begin(), sorted.end(), [d](const HeaderEntry* a, const HeaderEntry* b) {
            return key_less(a->name.value, b->name.value, d);
        });
        for (const HeaderEntry* e : sorted) {
            start_key(inner, e->name.value);
            if (e->values.empty()) {
                empty_collection(e->values_flow, e->values_span, "[]");
                continue;
            }
            m_out += '\n';
            int d_col = m_in.sequence_dash(inner);
            for (const auto& v : e->values) sequence_item(d_col, v);
        }
    }

    void string_list(int indent, std::string_view key, const StringList& l) {
        if (!l.present) return;
        start_key(indent, key);
        if (l.items.empty()) {
            empty_collection(l.flow, l.span, "[]");
            return;
        }
        m_out += '\n';
        int d_col = m_in.sequence_dash(indent);
        for (const auto& v : l.items) sequence_item(d_col, v);
    }

    void extras(int indent, const std::vector<NodeEntry>& entries) {
        for (const auto& e : entries) extra_entry(indent, e);
    }

    void extra_entry(int indent, const NodeEntry& e) {
        start_key(indent, e.key.value);
        node_value(indent, e.value);
    }

    // A scalar we keep as the source wrote it when it is a plain non-string
    // (a number, a bool): re-emitting it as a string would change its type.
    void generic_scalar(int block_indent, int parent_indent, int column, const Scalar& s, bool in_sequence = false) {
        if (s.style == ScalarStyle::Plain && s.span.begin.line == s.span.end.line && s.tag.empty() && !s.binary &&
            s.value.find('\n') == std::string::npos) {
            std::string text = s.value.empty() ? std::string("null") : s.value;
            m_out += text;
            m_out += '\n';
            return;
        }
        if (kept_scalar(s)) return;
        EmitContext vc = m_ctx;
        vc.indent = block_indent;
        vc.parent_indent = parent_indent;
        vc.column = column;
        vc.in_sequence = in_sequence;
        scalar(s.value, vc);
    }

    // The value part after "key:" of an extra entry.
    void node_value(int key_indent, const Node& n) {
        switch (n.kind) {
        case Node::Kind::Scalar:
            m_out += ' ';
            generic_scalar(m_in.in_mapping(key_indent), key_indent, key_indent + 2 /*approx*/, n.scalar);
            return;
        case Node::Kind::Mapping: {
            if (n.entries.empty()) {
                empty_collection(n.flow, n.span, "{}");
                return;
            }
            m_out += '\n';
            int inner = m_in.in_mapping(key_indent);
            for (const auto& e : n.entries) extra_entry(inner, e);
            return;
        }
        case Node::Kind::Sequence: {
            if (n.items.empty()) {
                empty_collection(n.flow, n.span, "[]");
                return;
            }
            m_out += '\n';
            int d_col = m_in.sequence_dash(key_indent);
            for (const auto& item : n.items) sequence_node(d_col, item);
            return;
        }
        }
    }

    void sequence_node(int dash_col, const Node& n) {
        dash(dash_col);
        switch (n.kind) {
        case Node::Kind::Scalar:
            m_after_dash = false;
            generic_scalar(m_in.in_sequence(dash_col), dash_col, dash_col + 2, n.scalar, true);
            return;
        case Node::Kind::Mapping: {
            if (n.entries.empty()) {
                m_after_dash = false;
                m_out += "{}\n";
                return;
            }
            int inner = m_in.in_sequence(dash_col);
            for (const auto& e : n.entries) extra_entry(inner, e);
            return;
        }
        case Node::Kind::Sequence: {
            m_after_dash = false;
            if (n.items.empty()) {
                m_out += "[]\n";
                return;
            }
            // A sequence directly inside a sequence item: written on the next line.
            m_out += '\n';
            int d_col = m_in.in_sequence(dash_col);
            for (const auto& item : n.items) sequence_node(d_col, item);
            return;
        }
        }
    }

    // The fields of a request or response, in the schema's order
    // (model/schema.hpp), then the keys go-vcr does not know.
    template <class S> void fields(int indent, const S& s) {
        schema::visit<S>(schema::overloaded{
                             [&](const schema::Row<S>& r, const Field& f) { scalar_field(indent, r, f); },
                             [&](const schema::Row<S>& r, const HeaderMap& m) { header_map(indent, r.key, m); },
                             [&](const schema::Row<S>& r, const StringList& l) { string_list(indent, r.key, l); },
                         },
                         s);
        extras(indent, s.extra);
    }

    // An int or bool is written as is (a null as Go's zero value), a string
    // as go-yaml would quote it.
    template <class S> void scalar_field(int indent, const schema::Row<S>& r, const Field& f) {
        if (schema::is_raw(r.kind)) raw(indent, r.key, f, r.zero);
        else field(indent, r.key, f);
    }

    // A request or response: `key: {}` when it holds nothing.
    template <class S> void nested(int indent, std::string_view key, const S& s) {
        start_key(indent, key);
        if (!has_any(s)) {
            m_out += " {}\n";
            return;
        }
        m_out += '\n';
        fields(m_in.in_mapping(indent), s);
    }

    template <class S> static bool has_any(const S& s) {
        for (const auto& r : schema::rows<S>())
            if (schema::present(r, s)) return true;
        return !s.extra.empty();
    }

    void interaction(int dash_col, const Interaction& in) {
        dash(dash_col);
        int keys = m_in.in_sequence(dash_col);
        schema::visit<Interaction>(
            schema::overloaded{
                [&](const schema::Row<Interaction>& r, const Field& f) { scalar_field(keys, r, f); },
                [&](const schema::Row<Interaction>& r, const Request& q) { nested(keys, r.key, q); },
                [&](const schema::Row<Interaction>& r, const Response& s) { nested(keys, r.key, s); },
            },
            in);
        extras(keys, in.extra);
    }

    Indents m_in;
    std::string_view m_src;
    bool m_keep = false;
    EmitContext m_ctx;
    std::string m_out;
    bool m_after_dash = false;
};

} // namespace

Dialect dialect_of(const Layout& layout) {
    switch (layout.emitter) {
    case Emitter::YamlV2: return Dialect::V2;
    case Emitter::YamlV3: return Dialect::V3;
    case Emitter::YamlV4: return Dialect::V4;
    case Emitter::Goccy: return Dialect::Goccy;
    }
    return Dialect::V3;
}

std::string write_canonical(const Cassette& c, const Layout& layout) {
    Canonical w(layout, c.source);
    std::string text = w.run(c);
    if (!c.notes.empty()) text = with_notes(std::move(text), c); // yaml/notes.hpp
    return text;
}

void write_canonical_to(const Cassette& c, const Layout& layout, const TextSink& sink) {
    if (!c.notes.empty()) { // comments need the whole text (rare in big files)
        sink(write_canonical(c, layout));
        return;
    }
    Canonical w(layout, c.source);
    w.run(c, &sink);
}

std::vector<Layout> writer_layouts(const Cassette& c) {
    std::vector<Layout> out;
    auto add = [&](Emitter e, int indent, bool indentless, int width) {
        Layout l = c.layout;
        l.emitter = e;
        l.indent = indent;
        l.indentless = indentless;
        l.width = width;
        out.push_back(l);
    };
    if (c.format() == 1) {
        add(Emitter::YamlV2, 2, true, 80);
        add(Emitter::YamlV2, 2, true, -1);
        add(Emitter::YamlV3, 4, false, -1);
    } else {
        add(Emitter::YamlV3, 4, false, -1);
        add(Emitter::YamlV4, 4, false, -1);
        add(Emitter::YamlV4, 2, true, -1);
        add(Emitter::Goccy, 2, true, -1);
    }
    return out;
}

bool canonical_under(const Cassette& c, const Layout& layout) {
    const std::string_view src = c.source;
    size_t at = 0;
    bool same = true;
    write_canonical_to(c, layout, [&](std::string_view piece) {
        same = src.substr(at, piece.size()) == piece;
        at += piece.size();
        return same;
    });
    return same && at == src.size();
}

std::optional<Layout> canonical_elsewhere(const Cassette& c) {
    for (const Layout& l : writer_layouts(c)) {
        if (l.emitter == c.layout.emitter && l.indent == c.layout.indent && l.indentless == c.layout.indentless &&
            l.width == c.layout.width)
            continue;
        if (canonical_under(c, l)) return l;
    }
    return std::nullopt;
}

std::string write_in_place(const Cassette& c) {
    std::string out;
    out.reserve(c.source.size() + c.source.size() / 16);
    write_in_place_to(c, [&](std::string_view piece) {
        out += piece;
        return true;
    });
    return out;
}

void write_in_place_to(const Cassette& c, const TextSink& sink) { write_in_place_from(c, 0, sink); }

void write_in_place_from(const Cassette& c, size_t from, const TextSink& sink) {
    struct Edit {
        size_t begin, end;
        std::string text;
    };
    std::vector<Edit> edits;
    const Layout& layout = c.layout;
    Indents in(layout);
    EmitContext base;
    base.dialect = dialect_of(layout);
    base.width = layout.emitter == Emitter::YamlV2 ? layout.width : -1;
    base.safe = true;
    base.best_indent = layout.indent;
    std::string_view src = c.source;

    Cassette& mc = const_cast<Cassette&>(c); // the walk does not change the model
    for_each_scalar(mc, [&](Scalar& s, const ScalarSite& site) {
        if (!s.dirty) return;
        const bool was_block = s.style == ScalarStyle::Literal || s.style == ScalarStyle::Folded;
        std::string text;
        if (site.kind == ScalarKind::Raw) {
            text = s.value;
        } else if (site.in_flow) {
            text = flow_quoted(s.value);
        } else {
            EmitContext ctx = base;
            ctx.column = col0(s.span.begin);
            ctx.indent = site.in_sequence ? in.in_sequence(site.parent_column) : in.in_mapping(site.parent_column);
            ctx.parent_indent = site.parent_column;
            ctx.in_sequence = site.in_sequence;
            // A key is never folded (yaml.v2 would fold a long quoted string
            // over lines, which no reader takes as a key).
            text = site.mapping_key ? emit_key(s.value, ctx) : emit_string(s.value, ctx);
        }
        size_t begin = s.span.begin.offset, end = s.span.end.offset;
        if (ends_with_break(text) && !was_block) {
            // A flow scalar becomes a block: its line break now comes from the block.
            if (src.compare(end, 2, "\r\n") == 0) end += 2;
            else if (end < src.size() && src[end] == '\n') end += 1;
        } else if (!ends_with_break(text) && was_block) {
            text += '\n';
        }
        if (layout.crlf) {
            std::string crlf;
            crlf.reserve(text.size() + 16);
            for (char ch : text) {
                if (ch == '\n') crlf += '\r';
                crlf += ch;
            }
            text = std::move(crlf);
        }
        edits.push_back(Edit{begin, end, std::move(text)});
    });
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
    // The unchanged stretches go to the sink as views of the source, a few
    // MiB at a time; a mapped source's pages leave memory once handed over
    // (see SourceText).
    constexpr size_t kStretch = size_t(4) << 20;
    bool ok = true;
    size_t released = 0;
    auto copy = [&](size_t at, size_t to) {
        while (ok && at < to) {
            const size_t upto = std::min(to, at + kStretch);
            ok = sink(src.substr(at, upto - at));
            if (upto >= released + kStretch || upto == src.size()) {
                c.source.release(released, upto);
                released = upto;
            }
            at = upto;
        }
    };
    size_t pos = std::min(from, src.size());
    released = pos;
    for (const auto& e : edits) {
        if (e.begin < pos) continue; // overlapping edits cannot happen for distinct scalars (or before `from`)
        copy(pos, e.begin);
        if (ok) ok = sink(e.text);
        pos = e.end;
    }
    copy(pos, src.size());
}

std::optional<std::string> verify_written(const Cassette& expected, const std::string& text,
                                          const util::ThreadBudget& threads) {
    std::string copy = text;
    return verify_written_borrowing(expected, copy, threads);
}

namespace {

// The expected interactions' digests equal `got`, computed in parts for a
// big cassette.
bool same_digests(const Cassette& expected, const std::vector<InteractionDigest>& got,
                  const util::ThreadBudget& threads) {
    const size_t n = expected.interactions.size();
    if (got.size() != n) return false;
    const size_t parts = threads.split(n, util::split_at::kDigestInteractions);
    std::vector<char> same(parts, 1);
    threads.run(parts, [&](size_t k) {
        for (size_t i = n * k / parts; i < n * (k + 1) / parts && same[k]; ++i)
            same[k] = digest_of(expected.interactions[i]) == got[i];
    });
    return std::all_of(same.begin(), same.end(), [](char v) { return v != 0; });
}

std::string unreadable(const ReadResult& r) {
    std::string why = r.diagnostics.empty() ? "unreadable" : r.diagnostics.front().message;
    return "the written text does not read back: " + why;
}

// Read `text` without copying it: it is moved into the read and given back
// (its model's source), unless the read left no model.
ReadResult read_back(const Cassette& expected, std::string& text, const ReadOptions& options) {
    ReadResult r = read_cassette(std::move(text), expected.path, options);
    text.clear();
    if (r.cassette) text = r.cassette->source.take();
    return r;
}

} // namespace

namespace {

// The check itself; `read(options)` reads the written text.
template <class Read>
std::optional<std::string> verify_with(const Cassette& expected, const util::ThreadBudget& threads, const Read& read) {
    // The written text is read keeping a digest of each interaction, not the
    // interaction: no second model in memory (for a 100 MiB cassette it
    // would be 150 MB). Equal digests mean equal data (model/equal.hpp).
    {
        ReadOptions digest_only;
        digest_only.digest_interactions = true;
        digest_only.threads = threads;
        const ReadResult r = read(digest_only);
        if (!r.ok()) return unreadable(r);
        if (auto d = notes_difference(expected, *r.cassette)) return "not kept: " + *d;
        if (!first_difference_root(expected, *r.cassette) && same_digests(expected, r.digests, threads)) return std::nullopt;
    }
    // Something differs (or is only spelled differently: see digest_of): the
    // text is read into a model to name the first difference, if any.
    ReadOptions whole;
    whole.threads = threads;
    const ReadResult r = read(whole);
    if (!r.ok()) return unreadable(r);
    if (auto d = first_difference(expected, *r.cassette)) return "a value would change on writing: " + *d;
    return std::nullopt;
}

} // namespace

std::optional<std::string> verify_written_borrowing(const Cassette& expected, std::string& text,
                                                    const util::ThreadBudget& threads) {
    return verify_with(expected, threads, [&](const ReadOptions& o) { return read_back(expected, text, o); });
}

std::optional<std::string> verify_written_source(const Cassette& expected, const SourceText& text,
                                                 const util::ThreadBudget& threads) {
    // A mapped text is shared, not copied, and its pages are dropped as the
    // reads go.
    return verify_with(expected, threads, [&](const ReadOptions& o) { return read_cassette(text, expected.path, o); });
}

} // namespace cassette::yaml
