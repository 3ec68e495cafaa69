#include "yaml/reader.hpp"

#include "model/notes.hpp"
#include "model/schema.hpp"
#include "util/base64.hpp"
#include "util/hex.hpp"
#include "util/mapped_file.hpp"
#include "util/read_file.hpp"
#include "yaml/one_line_scalar.hpp"
#include "yaml/reader_internal.hpp"

#include <yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string_view>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cassette::yaml {

bool ReadResult::ok() const {
    if (!cassette) return false;
    for (const auto& d : diagnostics)
        if (d.severity == Severity::Error) return false;
    return true;
}

namespace {

constexpr const char* kBinaryTag = "tag:yaml.org,2002:binary";

// Line/column of a byte offset, for errors libyaml reports by offset only.
Mark mark_at_offset(std::string_view text, size_t offset) {
    Mark m;
    m.offset = offset;
    m.line = 1;
    m.column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            ++m.line;
            m.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++m.column;
        }
    }
    return m;
}

bool is_null_scalar(const Scalar& s) { return is_null(s); }

std::string short_tag(const char* tag) {
    std::string t = tag;
    const std::string prefix = "tag:yaml.org,2002:";
    if (t.rfind(prefix, 0) == 0) return "!!" + t.substr(prefix.size());
    return t;
}

// A scalar's value for a message: quoted, shortened, never the whole thing.
std::string preview(const std::string& v) {
    std::string out;
    size_t n = 0;
    for (char c : v) {
        if (n >= 24) {
            out += "...";
            break;
        }
        if (c == '\n') out += "\\n";
        else if ((unsigned char)c < 0x20) out += '?';
        else out += c;
        ++n;
    }
    return "\"" + out + "\"";
}

// Thrown only inside this file to unwind to read_cassette on a fatal problem.
struct Stop {};

// Reads libyaml's events into the model: a whole file (read_stream), or one
// piece of a big one (read_piece, see pieces.cpp). With `long_lines` the
// fast path of long_lines.hpp is on.
class Reader {
public:
    // `long_lines`: libyaml is given the text with long lines taken out
    // (see "Long lines"); a LongLineMiss then says to read again without.
    Reader(Cassette& c, std::vector<Diagnostic>& diags, const ReadOptions& opts, const Piece& piece,
           bool long_lines = false)
        : m_c(c), m_diags(diags), m_opts(opts), m_piece(piece),
          m_text(std::string_view(c.source).substr(piece.begin, piece.end - piece.begin)),
          m_long(long_lines ? std::make_unique<LongLineInput>(m_text, opts.for_tests.long_line_min) : nullptr),
          m_map(m_text, piece.begin, m_long ? &m_long->holes() : nullptr),
          m_seen(size_t(std::max(opts.max_depth, 0)) + 2) {
        yaml_parser_initialize(&m_parser);
        if (m_long)
            yaml_parser_set_input(&m_parser, &LongLineInput::read, m_long.get());
        else
            yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(m_text.data()),
                                         m_text.size());
        yaml_parser_set_encoding(&m_parser, YAML_UTF8_ENCODING);
    }
    ~Reader() {
        if (m_has_event) yaml_event_delete(&m_event);
        yaml_parser_delete(&m_parser);
    }
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    void read_stream();
    // A piece after the first: a block sequence of interactions at
    // `column`, nothing else. Returns false when the piece is not exactly
    // that (the caller then reads the whole file on one thread).
    bool read_piece(std::vector<Interaction>& out, uint32_t column, Mark& seq_end);
    // Interactions into `slots` instead (read_stream and read_piece; not
    // with ReadOptions::digest_interactions).
    void use_slots(Slots* slots) { m_slots = slots; }

    // After read_stream on the first piece: the interactions sequence was a
    // block sequence at `column` still open when the piece ended.
    bool interactions_open_at_end(uint32_t column) const {
        return m_c.interactions_present && !m_c.interactions_flow && m_seq_column == column && m_seq_open_at_end;
    }

    // After a read with long lines taken out: every one was read back.
    bool long_lines_done() const { return !m_long || m_next_hole == m_long->holes().size(); }
    size_t long_lines_read() const { return m_next_hole; }

private:
    // ---- events
    const yaml_event_t& next() {
        if (m_has_event) yaml_event_delete(&m_event);
        m_has_event = false;
        if (!yaml_parser_parse(&m_parser, &m_event)) syntax_error();
        m_has_event = true;
        if (m_long) {
            switch (m_event.type) {
            case YAML_SEQUENCE_START_EVENT:
                m_flow.push_back(m_event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
                m_flow_open += m_flow.back();
                break;
            case YAML_MAPPING_START_EVENT:
                m_flow.push_back(m_event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
                m_flow_open += m_flow.back();
                break;
            case YAML_SEQUENCE_END_EVENT:
            case YAML_MAPPING_END_EVENT:
                if (!m_flow.empty()) {
                    m_flow_open -= m_flow.back();
                    m_flow.pop_back();
                }
                break;
            default: break;
            }
        }
        if (m_event.type == YAML_ALIAS_EVENT && !m_trailing) {
            Mark at = mark(m_event.start_mark);
            error("alias", at,
                  "aliases are not supported (go-vcr never writes anchors; expand the value by hand)");
            throw Stop{};
        }
        return m_event;
    }

    // A block scalar ends at the start of the line after its last line, in a
    // whole read as in a piece: its end mark is never moved to the next "- ".
    Span scalar_span(const yaml_event_t& e) {
        const bool block = e.data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                           e.data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
        return Span{mark(e.start_mark), block ? mark(e.end_mark, false) : mark(e.end_mark)};
    }

    Mark mark(const yaml_mark_t& m, bool close_at_next_item = true) {
        Mark out;
        out.line = uint32_t(m.line + 1) + m_piece.line_base;
        out.column = uint32_t(m.column + 1);
        out.offset = m_map.to_byte(m.index);
        if (m_long) {
            // On a line with a hole, after it: libyaml counted the stand-in.
            // (By offset, not line number: libyaml also breaks lines at CR,
            // NEL, LS and PS, none of which is in a hole.)
            const Hole* h = m_map.hole_behind();
            const size_t at = out.offset - m_piece.begin;
            if (h && at >= h->end && at <= h->line_end())
                out.column += h->chars - h->stand_in();
        }
        if (close_at_next_item && !m_piece.last && out.offset == m_piece.end) {
            // The end of a piece that is not the end of the file: a whole
            // read would have closed the open nodes at the next item's "- "
            // (same line: a piece ends with a line break).
            out.column = m_piece.next_column + 1;
            out.offset = m_piece.end + m_piece.next_column;
        }
        return out;
    }
    bool at_piece_end(const yaml_mark_t& m) { return m_map.to_byte(m.index) == m_piece.end; }
    Span span_of(const yaml_event_t& e) { return Span{mark(e.start_mark), mark(e.end_mark)}; }

    [[noreturn]] void syntax_error() {
        if (m_long) throw LongLineMiss{};
        Diagnostic d;
        d.rule = "syntax";
        std::string msg = m_parser.problem ? m_parser.problem : "invalid YAML";
        if (m_parser.error == YAML_READER_ERROR) {
            d.where = mark_at_offset(m_c.source, m_piece.begin + m_parser.problem_offset);
            if (std::strstr(msg.c_str(), "UTF-8"))
                msg = "invalid UTF-8 (" + msg + "); binary data must be a !!binary base64 value";
            else if (std::strstr(msg.c_str(), "control characters"))
                msg = "control characters are not allowed (byte 0x" + hex_byte(m_parser.problem_value) + ")";
        } else {
            d.where = mark(m_parser.problem_mark);
            if (m_parser.context) {
                msg += " ";
                msg += m_parser.context;
                msg += " at line " + std::to_string(m_parser.context_mark.line + 1) + ", column " +
                       std::to_string(m_parser.context_mark.column + 1);
            }
        }
        d.message = msg;
        d.interaction = m_current_interaction;
        m_diags.push_back(std::move(d));
        throw Stop{};
    }

    static std::string hex_byte(int v) {
        std::string s;
        util::append_hex_byte(s, static_cast<unsigned char>(v));
        return s;
    }

    void error(const std::string& rule, Mark at, std::string message) {
        // Documents after the cassette's are only data go-vcr never reads:
        // anything YAML accepts is fine there.
        if (m_trailing && rule != "syntax") return;
        if (m_long) throw LongLineMiss{};
        Diagnostic d;
        d.rule = rule;
        d.where = at;
        d.message = std::move(message);
        d.interaction = m_current_interaction;
        m_diags.push_back(std::move(d));
        if (!m_opts.keep_going) throw Stop{};
    }

    void enter(const yaml_event_t& e) {
        if (++m_depth > m_opts.max_depth) {
            error("syntax", mark(e.start_mark),
                  "nesting deeper than " + std::to_string(m_opts.max_depth) + " levels is not supported");
            throw Stop{};
        }
    }
    void leave() { --m_depth; }

    // A scalar whose value was taken out: checked and decoded (see "Long
    // lines").
    Scalar long_value(const yaml_event_t& e, Hole& h) {
        Scalar s;
        const auto style = e.data.scalar.style;
        if (e.data.scalar.tag || e.data.scalar.length != h.stand_in() || m_flow_open ||
            style != (h.style == '\'' ? YAML_SINGLE_QUOTED_SCALAR_STYLE
                      : h.style == '"' ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                       : YAML_PLAIN_SCALAR_STYLE))
            throw LongLineMiss{};
        const std::string_view content = m_text.substr(h.begin, h.end - h.begin);
        const bool decoded = h.style == '\'' ? decode_single_quoted_line(content, s.value, h.chars)
                             : h.style == '"' ? decode_double_quoted_line(content, s.value, h.chars)
                                              : decode_plain_line(content, s.value, h.chars);
        if (!decoded) throw LongLineMiss{};
        s.style = h.style == '\'' ? ScalarStyle::SingleQuoted
                  : h.style == '"' ? ScalarStyle::DoubleQuoted
                                   : ScalarStyle::Plain;
        s.span.begin = mark(e.start_mark);
        ++m_next_hole;
        s.span.end = mark(e.end_mark);
        if (s.span.end.offset - m_piece.begin != h.line_end()) throw LongLineMiss{};
        if (m_piece.hashes) m_piece.hashes->cover(s.span, s, m_c.source.view());
        return s;
    }

    Scalar make_scalar(const yaml_event_t& e) {
        Hole* hole = nullptr; // the next hole, not read yet
        if (m_long && m_next_hole < m_long->holes().size()) {
            hole = &m_long->holes()[m_next_hole];
            const size_t at = m_map.to_byte(e.start_mark.index) - m_piece.begin;
            if (at == hole->start()) return long_value(e, *hole);
            if (at > hole->start()) throw LongLineMiss{}; // its scalar was not where it should be
        }
        Scalar s;
        s.value.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        switch (e.data.scalar.style) {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: s.style = ScalarStyle::SingleQuoted; break;
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: s.style = ScalarStyle::DoubleQuoted; break;
        case YAML_LITERAL_SCALAR_STYLE: s.style = ScalarStyle::Literal; break;
        case YAML_FOLDED_SCALAR_STYLE: s.style = ScalarStyle::Folded; break;
        default: s.style = ScalarStyle::Plain; break;
        }
        s.span = scalar_span(e);
        if (hole && s.span.end.offset - m_piece.begin > hole->start()) throw LongLineMiss{}; // a hole inside
        if (m_piece.hashes) m_piece.hashes->cover(s.span, s, m_c.source.view());
        if (e.data.scalar.tag) {
            const char* tag = reinterpret_cast<const char*>(e.data.scalar.tag);
            if (std::strcmp(tag, kBinaryTag) == 0) {
                s.binary = true;
                // go-yaml decodes !!binary with Go's base64.StdEncoding.
                auto decoded = util::base64_decode(s.value);
                if (!decoded) {
                    error("type", s.span.begin, "!!binary value is not valid base64");
                } else {
                    s.value = std::move(*decoded);
                }
            } else {
                s.tag = short_tag(tag);
            }
        }
        return s;
    }

    // Consume the rest of a node whose start event is current (for values we
    // refuse or skip). Iterative: depth is only counted, not recursed.
    void skip_node() {
        const yaml_event_t& e = m_event;
        if (e.type != YAML_SEQUENCE_START_EVENT && e.type != YAML_MAPPING_START_EVENT) return;
        int depth = 1;
        while (depth > 0) {
            const yaml_event_t& n = next();
            if (n.type == YAML_SEQUENCE_START_EVENT || n.type == YAML_MAPPING_START_EVENT) {
                ++depth;
                if (m_depth + depth > m_opts.max_depth) {
                    error("syntax", mark(n.start_mark),
                          "nesting deeper than " + std::to_string(m_opts.max_depth) + " levels is not supported");
                    throw Stop{};
                }
            } else if (n.type == YAML_SEQUENCE_END_EVENT || n.type == YAML_MAPPING_END_EVENT) {
                --depth;
            }
        }
    }

    static const char* kind_name(yaml_event_type_t t) {
        switch (t) {
        case YAML_SCALAR_EVENT: return "a scalar";
        case YAML_SEQUENCE_START_EVENT: return "a sequence";
        case YAML_MAPPING_START_EVENT: return "a mapping";
        default: return "something else";
        }
    }

    // Generic node (values of unknown keys).
    Node read_node() {
        const yaml_event_t& e = m_event;
        Node n;
        n.span = span_of(e);
        if (e.type == YAML_ALIAS_EVENT) { // (only in a trailing document) an empty scalar
            n.scalar.span = n.span;
            return n;
        }
        if (e.type == YAML_SCALAR_EVENT) {
            n.kind = Node::Kind::Scalar;
            n.scalar = make_scalar(e);
            n.span = n.scalar.span;
            return n;
        }
        enter(e);
        if (e.type == YAML_SEQUENCE_START_EVENT) {
            n.kind = Node::Kind::Sequence;
            n.flow = e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
            for (;;) {
                const yaml_event_t& item = next();
                if (item.type == YAML_SEQUENCE_END_EVENT) {
                    n.span.end = mark(item.end_mark);
                    break;
                }
                n.items.push_back(read_node());
            }
        } else {
            n.kind = Node::Kind::Mapping;
            n.flow = e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
            std::vector<std::string>& seen = seen_keys();
            for (;;) {
                const yaml_event_t& k = next();
                if (k.type == YAML_MAPPING_END_EVENT) {
                    n.span.end = mark(k.end_mark);
                    break;
                }
                if (k.type != YAML_SCALAR_EVENT) {
                    error("type", mark(k.start_mark), "complex mapping keys are not supported");
                    skip_node();
                    next();
                    skip_node();
                    continue;
                }
                NodeEntry entry;
                entry.key = make_scalar(k);
                check_duplicate(seen, entry.key);
                next();
                entry.value = read_node();
                n.entries.push_back(std::move(entry));
            }
        }
        leave();
        return n;
    }

    // The keys of the mapping being read at the current depth: one list per
    // level, reused, so that reading a mapping allocates nothing for them.
    std::vector<std::string>& seen_keys() {
        std::vector<std::string>& seen = m_seen[size_t(m_depth)];
        seen.clear();
        return seen;
    }

    void check_duplicate(std::vector<std::string>& seen, const Scalar& key) {
        if (std::find(seen.begin(), seen.end(), key.value) != seen.end()) {
            error("duplicate-key", key.span.begin,
                  "mapping key " + preview(key.value) + " already defined (go-vcr's yaml.v3 refuses the file)");
        }
        seen.push_back(key.value);
    }

    // Iterate a mapping whose start event is current; calls f(key) with the
    // value's first event current; f must consume the value.
    template <class F> void each_entry(F&& f) {
        enter(m_event);
        std::vector<std::string>& seen = seen_keys();
        for (;;) {
            const yaml_event_t& k = next();
            if (k.type == YAML_MAPPING_END_EVENT) break;
            if (k.type != YAML_SCALAR_EVENT) {
                error("type", mark(k.start_mark), "complex mapping keys are not supported");
                skip_node();
                next();
                skip_node();
                continue;
            }
            Scalar key = make_scalar(k);
            check_duplicate(seen, key);
            next();
            f(std::move(key));
        }
        leave();
    }

    // A known key whose value must be a scalar.
    enum class Want { String, Int, Bool };
    void read_field(Field& field, Scalar key, Want want, const char* what) {
        field.present = true;
        field.key = key.span;
        const yaml_event_t& e = m_event;
        if (e.type != YAML_SCALAR_EVENT) {
            Mark at = mark(e.start_mark);
            error("type", at, std::string(what) + " must be a scalar, found " + kind_name(e.type));
            skip_node();
            field.value.span = Span{at, at};
            return;
        }
        field.value = make_scalar(e);
        if (want == Want::String) {
            if (is_null_scalar(field.value)) field.value.value.clear();
            return;
        }
        if (is_null_scalar(field.value)) return; // null decodes to the zero value
        if (want == Want::Int && !field.as_int()) {
            error("type", field.value.span.begin,
                  std::string(what) + " must be an integer, found " + preview(field.value.value) +
                      (field.value.style != ScalarStyle::Plain ? " (a quoted value is a string)" : ""));
        } else if (want == Want::Bool && !field.as_bool()) {
            error("type", field.value.span.begin,
                  std::string(what) + " must be true or false, found " + preview(field.value.value));
        }
    }

    // map[string][]string
    void read_header_map(HeaderMap& map, Scalar key, const char* what) {
        map.present = true;
        map.key = key.span;
        const yaml_event_t& e = m_event;
        map.span = span_of(e);
        if (e.type == YAML_SCALAR_EVENT) {
            Scalar s = make_scalar(e);
            if (is_null_scalar(s)) return;
            error("type", s.span.begin,
                  std::string(what) + " must be a mapping of names to lists of values, found a scalar " +
                      preview(s.value));
            return;
        }
        if (e.type != YAML_MAPPING_START_EVENT) {
            error("type", map.span.begin,
                  std::string(what) + " must be a mapping of names to lists of values, found a sequence");
            skip_node();
            return;
        }
        map.flow = e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        each_entry([&](Scalar name) {
            HeaderEntry entry;
            entry.name = std::move(name);
            const yaml_event_t& v = m_event;
            entry.values_span = span_of(v);
            if (v.type == YAML_SEQUENCE_START_EVENT) {
                entry.values_flow = v.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
                enter(v);
                for (;;) {
                    const yaml_event_t& item = next();
                    if (item.type == YAML_SEQUENCE_END_EVENT) {
                        entry.values_span.end = mark(item.end_mark);
                        break;
                    }
                    if (item.type != YAML_SCALAR_EVENT) {
                        error("type", mark(item.start_mark),
                              std::string(what) + " " + preview(entry.name.value) +
                                  ": values must be strings, found " + kind_name(item.type));
                        skip_node();
                        continue;
                    }
                    Scalar s = make_scalar(item);
                    if (is_null_scalar(s)) s.value.clear();
                    entry.values.push_back(std::move(s));
                }
                leave();
            } else if (v.type == YAML_SCALAR_EVENT) {
                Scalar s = make_scalar(v);
                if (!is_null_scalar(s)) {
                    error("type", s.span.begin,
                          std::string(what) + " " + preview(entry.name.value) +
                              " must be a list of strings (`- value`), found a scalar");
                }
            } else {
                error("type", entry.values_span.begin,
                      std::string(what) + " " + preview(entry.name.value) +
                          " must be a list of strings, found a mapping");
                skip_node();
            }
            map.entries.push_back(std::move(entry));
        });
        map.span.end = mark(m_event.end_mark);
    }

    void read_string_list(StringList& list, Scalar key, const char* what) {
        list.present = true;
        list.key = key.span;
        const yaml_event_t& e = m_event;
        list.span = span_of(e);
        if (e.type == YAML_SCALAR_EVENT) {
            Scalar s = make_scalar(e);
            if (!is_null_scalar(s))
                error("type", s.span.begin, std::string(what) + " must be a list of strings, found a scalar");
            return;
        }
        if (e.type != YAML_SEQUENCE_START_EVENT) {
            error("type", list.span.begin, std::string(what) + " must be a list of strings, found a mapping");
            skip_node();
            return;
        }
        list.flow = e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        enter(e);
        for (;;) {
            const yaml_event_t& item = next();
            if (item.type == YAML_SEQUENCE_END_EVENT) {
                list.span.end = mark(item.end_mark);
                break;
            }
            if (item.type != YAML_SCALAR_EVENT) {
                error("type", mark(item.start_mark), std::string(what) + ": items must be strings");
                skip_node();
                continue;
            }
            list.items.push_back(make_scalar(item));
        }
        leave();
    }

    // Expect a mapping for a struct-valued key (request, response, an
    // interaction). Returns false (after reporting) when it is not one.
    bool expect_mapping(const char* what) {
        const yaml_event_t& e = m_event;
        if (e.type == YAML_MAPPING_START_EVENT) return true;
        if (e.type == YAML_SCALAR_EVENT) {
            Scalar s = make_scalar(e);
            if (is_null_scalar(s)) return false;
            error("type", s.span.begin, std::string(what) + " must be a mapping, found a scalar " + preview(s.value));
            return false;
        }
        error("type", mark(e.start_mark), std::string(what) + " must be a mapping, found a sequence");
        skip_node();
        return false;
    }

    // A key of struct S that the schema knows (model/schema.hpp): its value
    // is read into the member the row names. False for any other key.
    template <class S> bool read_known(S& s, Scalar& k) {
        const schema::Row<S>* row = schema::find<S>(k.value);
        if (!row) return false;
        switch (row->kind) {
        case schema::Kind::String: read_field(s.*row->field, std::move(k), Want::String, schema::label(*row).data()); break;
        case schema::Kind::Int: read_field(s.*row->field, std::move(k), Want::Int, schema::label(*row).data()); break;
        case schema::Kind::Bool: read_field(s.*row->field, std::move(k), Want::Bool, schema::label(*row).data()); break;
        case schema::Kind::StringMap: read_header_map(s.*row->map, std::move(k), schema::label(*row).data()); break;
        case schema::Kind::StringList: read_string_list(s.*row->list, std::move(k), schema::label(*row).data()); break;
        case schema::Kind::Request:
            if constexpr (schema::has_kind<S>(schema::Kind::Request)) read_request(s.*row->request, std::move(k));
            break;
        case schema::Kind::Response:
            if constexpr (schema::has_kind<S>(schema::Kind::Response)) read_response(s.*row->response, std::move(k));
            break;
        case schema::Kind::Interactions:
            if constexpr (schema::has_kind<S>(schema::Kind::Interactions)) read_interactions(std::move(k));
            break;
        }
        return true;
    }

    void read_request(Request& r, Scalar key) {
        r.present = true;
        r.key = key.span;
        r.span = span_of(m_event);
        if (!expect_mapping("request")) return;
        each_entry([&](Scalar k) {
            if (!read_known(r, k)) r.extra.push_back(NodeEntry{std::move(k), read_node()});
        });
        r.span.end = mark(m_event.end_mark);
    }

    void read_response(Response& r, Scalar key) {
        r.present = true;
        r.key = key.span;
        r.span = span_of(m_event);
        if (!expect_mapping("response")) return;
        each_entry([&](Scalar k) {
            if (!read_known(r, k)) r.extra.push_back(NodeEntry{std::move(k), read_node()});
        });
        r.span.end = mark(m_event.end_mark);
    }

    void read_interaction(Interaction& in) {
        in.span = span_of(m_event);
        if (!expect_mapping("an interaction")) return;
        each_entry([&](Scalar k) {
            if (!read_known(in, k)) in.extra.push_back(NodeEntry{std::move(k), read_node()});
        });
        in.span.end = mark(m_event.end_mark);
    }

    void read_interactions(Scalar key) {
        m_c.interactions_present = true;
        m_c.interactions_key = key.span;
        const yaml_event_t& e = m_event;
        m_c.interactions_span = span_of(e);
        if (e.type == YAML_SCALAR_EVENT) {
            Scalar s = make_scalar(e);
            if (!is_null_scalar(s))
                error("type", s.span.begin, "interactions must be a list, found a scalar " + preview(s.value));
            return;
        }
        if (e.type != YAML_SEQUENCE_START_EVENT) {
            error("type", m_c.interactions_span.begin, "interactions must be a list, found a mapping");
            skip_node();
            return;
        }
        m_c.interactions_flow = e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        m_seq_column = uint32_t(e.start_mark.column);
        enter(e);
        for (;;) {
            const yaml_event_t& item = next();
            if (item.type == YAML_SEQUENCE_END_EVENT) {
                m_seq_open_at_end = at_piece_end(item.start_mark);
                m_c.interactions_span.end = mark(item.end_mark);
                break;
            }
            read_item(m_c.interactions);
        }
        m_current_interaction.reset();
        leave();
    }

    void read_root() {
        const yaml_event_t& e = m_event;
        if (e.type != YAML_MAPPING_START_EVENT) {
            Mark at = mark(e.start_mark);
            error("type", at,
                  std::string("a cassette must be a mapping with `version` and `interactions`, found ") +
                      kind_name(e.type));
            throw Stop{};
        }
        each_entry([&](Scalar k) {
            if (!read_known(m_c, k)) m_c.extra.push_back(NodeEntry{std::move(k), read_node()});
        });
    }

public:
    // ReadOptions::digest_interactions: the interactions read, as digests.
    std::vector<InteractionDigest> take_digests() { return std::move(m_digests); }

private:
    std::vector<InteractionDigest> m_digests;

    // A mapped source: the pages before the end of the event just read are
    // done with (libyaml works on its own copy of the input), so they leave
    // this process's memory a few MiB at a time. A pass that reads them
    // again gets them back from the page cache.
    static constexpr size_t kReleaseStep = size_t(1) << 20;
    size_t m_released = 0; // offset up to which pages were released (0: none yet)
    void release_read() {
        if (!m_c.source.stamp()) return;
        const size_t at = m_map.to_byte(m_event.end_mark.index);
        if (m_released == 0) m_released = m_piece.begin;
        if (at < m_released + kReleaseStep) return;
        m_c.source.release(m_released, at);
        m_released = at;
    }

    // One item of the interactions sequence: into the slots when there are
    // some, else onto `list` (and only its digest kept, when asked).
    void read_item(std::vector<Interaction>& list) {
        if (m_slots) {
            m_current_interaction = m_slots->begin + m_slots->size();
            read_interaction(m_slots->add());
        } else {
            m_current_interaction = list.size() + m_digests.size();
            read_interaction(list.emplace_back());
            if (m_opts.digest_interactions) {
                m_digests.push_back(digest_of(list.back()));
                list.pop_back();
            }
        }
        release_read();
    }

    Cassette& m_c;
    std::vector<Diagnostic>& m_diags;
    const ReadOptions& m_opts;
    Piece m_piece;
    std::string_view m_text; // the piece's bytes
    std::unique_ptr<LongLineInput> m_long;
    size_t m_next_hole = 0;   // holes before it were read back
    std::vector<char> m_flow; // with m_long: per open collection, flow style or not
    int m_flow_open = 0;      // how many of them are flow
    OffsetMap m_map;
    uint32_t m_seq_column = 0;
    bool m_seq_open_at_end = false;
    yaml_parser_t m_parser;
    yaml_event_t m_event;
    bool m_has_event = false;
    int m_depth = 0;
    std::optional<size_t> m_current_interaction;
    Slots* m_slots = nullptr;
    bool m_trailing = false; // reading the documents after the cassette's
    std::vector<std::vector<std::string>> m_seen; // indexed by m_depth, fixed size: references stay valid
};

void Reader::read_stream() {
    next(); // STREAM-START
    const yaml_event_t& doc = next();
    if (doc.type == YAML_STREAM_END_EVENT) {
        Diagnostic d;
        d.rule = "syntax";
        d.message = "empty file: no YAML document (a cassette starts with `version:`)";
        m_diags.push_back(std::move(d));
        throw Stop{};
    }
    next(); // root node
    read_root();
    const yaml_event_t& end = next(); // DOCUMENT-END: at its "...", or the next "---" / end of the file
    m_c.notes.rest_offset = mark(end.start_mark).offset;
    // Later documents: go-vcr's loader (yaml.v3 / yaml.v2 Unmarshal) reads
    // the first document only. They are kept as found (Notes::rest) and read
    // here so that bad YAML in them is still an error and their strings are
    // searched for secrets.
    m_current_interaction.reset();
    m_trailing = true;
    while (next().type == YAML_DOCUMENT_START_EVENT) {
        next(); // its root node
        m_c.notes.documents.push_back(read_node());
        next(); // DOCUMENT-END
    }
    m_trailing = false;
}

bool Reader::read_piece(std::vector<Interaction>& out, uint32_t column, Mark& seq_end) {
    try {
        if (next().type != YAML_STREAM_START_EVENT) return false;
        const yaml_event_t& doc = next();
        if (doc.type != YAML_DOCUMENT_START_EVENT || !doc.data.document_start.implicit) return false;
        const yaml_event_t& seq = next();
        if (seq.type != YAML_SEQUENCE_START_EVENT || seq.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ||
            seq.start_mark.column != column || seq.start_mark.line != 0 || seq.data.sequence_start.anchor ||
            seq.data.sequence_start.tag)
            return false;
        m_depth = 1; // inside the root mapping, as in a whole read
        enter(seq);
        for (;;) {
            const yaml_event_t& item = next();
            if (item.type == YAML_SEQUENCE_END_EVENT) {
                seq_end = mark(item.end_mark);
                break;
            }
            read_item(out);
        }
        leave();
        if (next().type != YAML_DOCUMENT_END_EVENT) return false;
        if (next().type != YAML_STREAM_END_EVENT) return false;
    } catch (const Stop&) {
        return false;
    }
    return m_diags.empty();
}

} // namespace

PieceRead read_later_piece(Cassette& c, const ReadOptions& options, const Piece& piece, bool long_lines,
                           Slots* slots, uint32_t column, std::vector<Interaction>& out) {
    PieceRead read;
    try {
        std::vector<Diagnostic> diags;
        Reader r(c, diags, options, piece, long_lines);
        if (slots) r.use_slots(slots);
        read.ok = r.read_piece(out, column, read.seq_end);
        read.missed = read.ok && !r.long_lines_done();
        read.long_lines = r.long_lines_read();
        read.digests = r.take_digests();
    } catch (const LongLineMiss&) {
        read.missed = true;
    } catch (...) { // bad_alloc: the whole read decides
        read.ok = false;
    }
    return read;
}

PieceRead read_first_piece(Cassette& c, const ReadOptions& options, const Piece& piece, bool long_lines,
                           Slots* slots, uint32_t column) {
    PieceRead read;
    try {
        std::vector<Diagnostic> diags;
        Reader r(c, diags, options, piece, long_lines);
        if (slots) r.use_slots(slots);
        try {
            r.read_stream();
            read.ok = diags.empty() && r.interactions_open_at_end(column);
            read.missed = read.ok && !r.long_lines_done();
            read.long_lines = r.long_lines_read();
        } catch (const Stop&) {
            read.ok = false;
        }
        read.digests = r.take_digests();
    } catch (const LongLineMiss&) {
        read.missed = true;
    } catch (...) {
        read.ok = false;
    }
    return read;
}

ReadResult read_cassette(SourceText source, std::string path, const ReadOptions& options) {
    ReadResult result;
    Cassette c;
    c.path = std::move(path);
    c.source = std::move(source);
    if (c.source.size() > kMaxSourceBytes) {
        // Marks hold 32-bit offsets (model/source.hpp); go-vcr itself would
        // need tens of GB of memory for such a file.
        Diagnostic d;
        d.rule = "io";
        d.message = "too big: cassette reads files of up to 4 GiB";
        result.diagnostics.push_back(d);
        return result;
    }
    size_t bom = c.source.view().substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    // A big file is read in pieces on several threads when it can be (see
    // read_in_pieces); otherwise, or when that fails, as a whole.
    const size_t threads = options.threads.split(c.source.size(), util::split_at::kReadBytes);
    // Back to a cassette with only its path and source, for another read.
    auto reset = [&c] {
        Cassette fresh;
        fresh.path = std::move(c.path);
        fresh.source = std::move(c.source);
        c = std::move(fresh);
    };
    // Comments: every '#' that may start one, marked by the readers when
    // inside a scalar. (Marks are only ever set: a read again marks alike.)
    HashScan hashes(c.source.view(), bom);
    auto hashes_or_null = [&]() -> HashScan* { return hashes.at.empty() ? nullptr : &hashes; };
    // The documents after the first are not the cassette: the layout is
    // judged without them, and its notes are found in the source.
    auto finish = [&] {
        std::vector<Node> documents = std::move(c.notes.documents);
        c.notes.documents.clear();
        c.layout = detect_layout(c);
        c.notes.documents = std::move(documents);
        const std::string_view src = c.source.view();
        if (c.notes.rest_offset > src.size() || c.notes.rest_offset < bom) c.notes.rest_offset = uint32_t(src.size());
        c.notes.rest.assign(src.substr(c.notes.rest_offset));
        if (c.notes.rest.empty()) c.notes.rest_offset = uint32_t(src.size());
        attach_notes(c, hashes.comments(), !options.digest_interactions);
    };
    PiecesTried tried;
    if (threads > 1) {
        unsigned pieces = read_in_pieces(c, bom, options, threads, options.for_tests.long_lines, result, tried, hashes_or_null());
        if (!pieces && tried.missed) { // again, libyaml reading every character
            reset();
            tried = PiecesTried{};
            pieces = read_in_pieces(c, bom, options, threads, false, result, tried, hashes_or_null());
        }
        if (pieces) {
            result.pieces = pieces;
            c.notes.rest_offset = uint32_t(c.source.size()); // (a later document makes the pieces fail)
            finish();
            c.source.release(0, c.source.size()); // what the readers had not dropped yet
            result.cassette = std::move(c);
            return result;
        }
        reset();
    }
    // Long lines taken out first, unless pieces were parsed and failed:
    // then the file is one that needs libyaml's own read (a diagnostic).
    bool fatal = false;
    for (bool long_lines = options.for_tests.long_lines && !tried.parsed;; long_lines = false) {
        Piece whole;
        whole.begin = bom;
        whole.end = c.source.size();
        whole.hashes = hashes_or_null();
        std::vector<Diagnostic> diags;
        Reader reader(c, diags, options, whole, long_lines);
        bool missed = false;
        try {
            reader.read_stream();
        } catch (const Stop&) {
            fatal = true;
        } catch (const LongLineMiss&) {
            missed = true;
        }
        if (long_lines && (missed || fatal || !diags.empty() || !reader.long_lines_done())) {
            fatal = false;
            reset();
            continue;
        }
        result.diagnostics = std::move(diags);
        result.digests = reader.take_digests();
        result.long_lines = reader.long_lines_read();
        break;
    }
    // A problem the reader cannot step over (syntax, alias, nesting, a root
    // that is not a mapping, or any error without keep_going) leaves no model.
    if (fatal) return result;
    finish();
    c.source.release(0, c.source.size());
    result.cassette = std::move(c);
    return result;
}

std::optional<SourceText> map_source(const std::string& path) {
    struct stat st {};
    if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || size_t(st.st_size) < kMapMinBytes)
        return std::nullopt;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::shared_ptr<const util::MappedFile> mapped;
    if (::fstat(fd, &st) == 0 && size_t(st.st_size) >= kMapMinBytes) mapped = util::MappedFile::map(fd, st, path);
    ::close(fd);
    if (!mapped) return std::nullopt;
    return SourceText(std::move(mapped));
}

ReadResult read_cassette_file(const std::string& path, const ReadOptions& options) {
    if (auto mapped = map_source(path)) return read_cassette(std::move(*mapped), path, options);
    std::string data;
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        data = ss.str();
    } else if (std::optional<int> err = util::read_whole_file(path, data)) {
        ReadResult r;
        Diagnostic d;
        d.rule = "io";
        d.message = *err == EISDIR ? std::string("is a directory, not a cassette file")
                                   : std::string("cannot read: ") + std::strerror(*err);
        r.diagnostics.push_back(d);
        return r;
    }
    return read_cassette(std::move(data), path, options);
}

} // namespace cassette::yaml
