#include "yaml/reader.hpp"

#include "model/notes.hpp"
#include "util/base64.hpp"
#include "util/hex.hpp"
#include "util/mapped_file.hpp"
#include "util/parallel.hpp"
#include "util/read_file.hpp"
#include "yaml/one_line_scalar.hpp"

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
#include <thread>

namespace cassette::yaml {

bool ReadResult::ok() const {
    if (!cassette) return false;
    for (const auto& d : diagnostics)
        if (d.severity == Severity::Error) return false;
    return true;
}

namespace {

constexpr const char* kBinaryTag = "tag:yaml.org,2002:binary";

// Long lines. Most of a big cassette is long one-line scalars (bodies,
// cookies, tokens), and libyaml spends most of its time reading them a
// character at a time. A reader can instead give libyaml the text with the
// inside of such a scalar taken out: a quoted scalar becomes '' or "", a
// plain one the single character x, on lines of the forms
//     KEY: VALUE      - VALUE      - KEY: VALUE      (KEY: [A-Za-z0-9_-]+)
// where VALUE runs to the line's end. The scalar's value is then decoded
// here (one_line_scalar.hpp), and checked to be what libyaml would give:
// - libyaml's events must have that scalar, of that style and no tag,
//   start exactly where the value starts and end where the line ends
//   (so the text before it was read alike, and the value was not part of
//   something else: a block scalar, a comment, a multi-line scalar);
// - not inside a flow collection;
// - the decoder accepts the value (the scalar would end where the line
//   ends, and holds nothing libyaml refuses or reads otherwise).
// The text after the value is the same in both: the line break and what
// follows. Anything else (a value not accepted, a scalar missed, any
// diagnostic or syntax error at all) and the text is read again with
// libyaml reading every character, so that every message and mark is
// libyaml's own. The tests and the reader fuzzer compare both reads.

struct Hole {
    uint32_t begin = 0, end = 0; // bytes of the piece taken out, [begin, end)
    uint32_t chars = 0;          // code points in [begin, end), once decoded
    char style = 0;              // '\'', '"' or 'p' (plain: "x" stands in)
    uint32_t stand_in() const { return style == 'p' ? 1 : 0; }
    uint32_t start() const { return style == 'p' ? begin : begin - 1; } // the scalar's (its quote, if quoted)
    uint32_t line_end() const { return style == 'p' ? end : end + 1; } // its "\n" (after the closing quote)
};

// Thrown inside a read with long lines taken out when the check above
// fails: the caller reads again without.
struct LongLineMiss {};

// libyaml's input when long lines are taken out: the piece's bytes line by
// line, each hole replaced by its stand-in.
class LongLineInput {
public:
    LongLineInput(std::string_view text, size_t min) : m_text(text), m_min(std::max<size_t>(min, 1)) {}

    static int read(void* self, unsigned char* buffer, size_t size, size_t* size_read) {
        *size_read = static_cast<LongLineInput*>(self)->fill(reinterpret_cast<char*>(buffer), size);
        return 1;
    }
    std::vector<Hole>& holes() { return m_holes; }

private:
    size_t fill(char* out, size_t size) {
        size_t filled = 0;
        const size_t n = m_text.size();
        while (filled < size) {
            if (m_pos < m_stop) {
                const size_t k = std::min(m_stop - m_pos, size - filled);
                std::memcpy(out + filled, m_text.data() + m_pos, k);
                filled += k;
                m_pos += k;
                continue;
            }
            if (m_in_hole) { // the stand-in, then on after the hole
                const Hole& h = m_holes.back();
                if (h.stand_in()) out[filled++] = 'x';
                m_in_hole = false;
                m_pos = h.end;
                m_stop = m_next_line;
                continue;
            }
            if (m_pos >= n) break;
            // m_pos starts a line.
            const void* nl = std::memchr(m_text.data() + m_pos, '\n', n - m_pos);
            const size_t eol = nl ? size_t(static_cast<const char*>(nl) - m_text.data()) : n;
            m_next_line = nl ? eol + 1 : n;
            m_stop = m_next_line;
            if (nl && take_out(m_pos, eol)) {
                m_stop = m_holes.back().begin;
                m_in_hole = true;
            }
        }
        return filled;
    }

    // Line [a, eol): its hole is recorded when it has one of the forms
    // above. Lines inside a block scalar or a quoted scalar that goes on
    // over lines are text, not YAML, and are passed over (a guess, from
    // the indentation: the checks in the reader catch a wrong one).
    bool take_out(size_t a, size_t eol) {
        const char* t = m_text.data();
        size_t i = a;
        while (i < eol && t[i] == ' ') ++i;
        const size_t indent = i - a;
        if (m_inside >= 0) {
            if (i == eol || indent > size_t(m_inside)) return false;
            m_inside = -1;
        }
        bool formed = false;
        size_t parent = indent; // the column a block scalar's lines must be right of
        if (i + 1 < eol && t[i] == '-' && t[i + 1] == ' ') {
            i += 2;
            formed = true;
        }
        size_t k = i;
        while (k < eol && ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z') ||
                           (t[k] >= '0' && t[k] <= '9') || t[k] == '_' || t[k] == '-'))
            ++k;
        if (k > i && k + 1 < eol && t[k] == ':' && t[k + 1] == ' ') {
            parent = i - a;
            i = k + 2;
            formed = true;
        }
        if (!formed || i >= eol || t[eol - 1] == '\r') return false; // CRLF lines: libyaml's
        const char q = t[i];
        if (q == '|' || q == '>') {
            if (std::string_view(t + i + 1, eol - i - 1).find_first_not_of("-+0123456789 ") == std::string_view::npos)
                m_inside = int64_t(parent);
            return false;
        }
        if ((q == '\'' || q == '"') && (eol - i < 2 || t[eol - 1] != q)) {
            m_inside = int64_t(indent); // goes on over lines (or a comment follows)
            return false;
        }
        if (eol - i < m_min + (q == '\'' || q == '"' ? 2 : 0)) return false;
        Hole h;
        if (q == '\'' || q == '"') {
            h.begin = uint32_t(i + 1);
            h.end = uint32_t(eol - 1);
            h.style = q;
        } else {
            // Not a plain scalar's first character (but a flow collection,
            // an alias, a tag, ...), or a blank or ':' last: libyaml's.
            if (std::string_view("-?:,[]{}#&*!%@`").find(q) != std::string_view::npos || t[eol - 1] == ' ' ||
                t[eol - 1] == '\t' || t[eol - 1] == ':')
                return false;
            // Nor one continued on the next line (go-yaml v2 folds long
            // plain values so), nor a mapping ("a.b: c"), nor a comment.
            size_t next = eol + 1;
            while (next < m_text.size() && t[next] == ' ') ++next;
            if (next - (eol + 1) > indent || (next < m_text.size() && t[next] == '\n')) return false;
            for (size_t j = i + 1; j + 1 < eol; ++j)
                if ((t[j] == ':' && t[j + 1] == ' ') || (t[j] == ' ' && t[j + 1] == '#')) return false;
            h.begin = uint32_t(i);
            h.end = uint32_t(eol);
            h.style = 'p';
        }
        m_holes.push_back(h);
        return true;
    }

    std::string_view m_text;
    size_t m_min; // ReadOptions::long_line_min
    std::vector<Hole> m_holes;
    size_t m_pos = 0, m_stop = 0, m_next_line = 0;
    bool m_in_hole = false;
    int64_t m_inside = -1; // in a multi-line scalar: lines right of this column are its text
};

// libyaml's marks count code points (a CRLF counts two, a BOM is skipped);
// the model wants byte offsets. Marks arrive in document order, so a forward
// cursor converts them in linear time overall; checkpoints make the rare
// backward step cheap. The cursor counts lead bytes (a code point is one
// lead byte plus continuation bytes 10xxxxxx; libyaml has already refused
// invalid UTF-8), 8 bytes at a time while far from the target. With long
// lines taken out (`holes`), libyaml's code points are those of the text it
// was given: the cursor steps over each hole, counting its stand-in.
class OffsetMap {
public:
    OffsetMap(std::string_view text, size_t base, const std::vector<Hole>* holes = nullptr)
        : m_text(text), m_base(base), m_holes(holes) {}

    size_t to_byte(size_t char_index) {
        if (char_index < m_char) {
            // Step back to the last checkpoint at or before char_index.
            auto it = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), char_index,
                                       [](size_t v, const Checkpoint& p) { return v < p.chars; });
            if (it == m_checkpoints.begin()) {
                m_char = 0;
                m_byte = 0;
                m_hole = 0;
            } else {
                --it;
                m_char = it->chars;
                m_byte = it->bytes;
                m_hole = it->hole;
            }
        }
        const auto* b = reinterpret_cast<const unsigned char*>(m_text.data());
        const size_t n = m_text.size();
        for (;;) {
            const Hole* h = m_holes && m_hole < m_holes->size() ? &(*m_holes)[m_hole] : nullptr;
            const size_t limit = h ? h->begin : n;
            // A word holds at most 8 lead bytes, so while 8 or more code
            // points remain it can be taken whole.
            while (char_index - m_char >= 8 && limit - m_byte >= 8) {
                uint64_t word;
                std::memcpy(&word, b + m_byte, 8);
                const uint64_t continuation = word & ~(word << 1) & 0x8080808080808080ULL;
                // One bit per continuation byte, at bit 7 of its byte:
                // summing the bytes by a multiplication avoids a popcount
                // library call on CPUs built without POPCNT.
                m_char += 8 - size_t(((continuation >> 7) * 0x0101010101010101ULL) >> 56);
                m_byte += 8;
                if (m_char >= m_next_checkpoint) {
                    m_checkpoints.push_back(Checkpoint{m_char, m_byte, m_hole});
                    m_next_checkpoint = m_char + 4096;
                }
            }
            // Then byte by byte up to the lead byte of code point char_index.
            while (m_byte < limit) {
                if ((b[m_byte] & 0xC0) != 0x80) {
                    if (m_char == char_index) return m_base + m_byte;
                    ++m_char;
                }
                ++m_byte;
            }
            if (!h) return m_base + m_byte;
            // At a hole: its stand-in's code points, then the hole's end.
            if (char_index < m_char + h->stand_in()) return m_base + m_byte;
            m_char += h->stand_in();
            m_byte = h->end;
            ++m_hole;
        }
    }

    // The last hole the cursor stepped over (the one before the byte of the
    // last conversion), if any.
    const Hole* hole_behind() const {
        return m_holes && m_hole > 0 ? &(*m_holes)[m_hole - 1] : nullptr;
    }

private:
    struct Checkpoint {
        size_t chars, bytes, hole;
    };
    std::string_view m_text;
    size_t m_base;
    const std::vector<Hole>* m_holes;
    size_t m_char = 0; // lead bytes (and stand-ins) in [0, m_byte)
    size_t m_byte = 0;
    size_t m_hole = 0; // holes before m_byte
    size_t m_next_checkpoint = 4096;
    std::vector<Checkpoint> m_checkpoints;
};

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

// Every '#' that may start a comment (at a line start or after a blank);
// the readers mark those inside a scalar, the rest are comments
// (model/notes.hpp). Pieces read at the same time mark disjoint entries.
struct HashScan {
    std::vector<uint32_t> at;
    std::vector<char> inside;
    explicit HashScan(std::string_view src, size_t from) {
        for (size_t p = src.find('#', from); p != std::string_view::npos; p = src.find('#', p + 1))
            if (p == from || src[p - 1] == ' ' || src[p - 1] == '\t' || src[p - 1] == '\n' || src[p - 1] == '\r')
                at.push_back(uint32_t(p));
        inside.assign(at.size(), 0);
    }
    // A block scalar's header line (`|- # note`) may hold a comment: its
    // content starts on the next line.
    void cover(const Span& s, const Scalar& sc, std::string_view src) {
        uint32_t from = s.begin.offset;
        if (sc.style == ScalarStyle::Literal || sc.style == ScalarStyle::Folded) {
            const size_t nl = src.find('\n', from);
            from = nl == std::string_view::npos ? s.end.offset : uint32_t(std::min<size_t>(nl, s.end.offset));
        }
        auto it = std::upper_bound(at.begin(), at.end(), from);
        for (; it != at.end() && *it < s.end.offset; ++it) inside[size_t(it - at.begin())] = 1;
    }
    std::vector<uint32_t> comments() const {
        std::vector<uint32_t> out;
        for (size_t k = 0; k < at.size(); ++k)
            if (!inside[k]) out.push_back(at[k]);
        return out;
    }
};

// The bytes one Reader parses: the whole file, or for the parallel read one
// piece of it (see read_in_pieces).
struct Piece {
    size_t begin = 0;        // byte offset of the first byte parsed (after a BOM)
    size_t end = 0;          // one past the last byte parsed
    uint32_t line_base = 0;  // lines before `begin`
    bool last = true;        // ends at the end of the file
    uint32_t next_column = 0; // not last: the column of the "- " that starts the next piece
    HashScan* hashes = nullptr; // marks the '#'s inside scalars (null: the file has none)
};

// Where a piece's interactions go when a big file is read in pieces and
// its model kept: slots [begin, end) of the cassette's list, made before the
// pieces are read, so that no piece's interactions are moved (and in memory
// twice) when the pieces are joined. A piece with more interactions than
// slots (an item written as a lone "-" line is not counted) puts the rest
// in a list of its own.
struct Slots {
    std::vector<Interaction>* list = nullptr;
    size_t begin = 0, end = 0, used = 0;
    std::vector<Interaction> overflow;
    Interaction& add() {
        if (begin + used < end) return (*list)[begin + used++];
        return overflow.emplace_back();
    }
    size_t size() const { return used + overflow.size(); }
};

class Reader {
public:
    // `long_lines`: libyaml is given the text with long lines taken out
    // (see "Long lines"); a LongLineMiss then says to read again without.
    Reader(Cassette& c, std::vector<Diagnostic>& diags, const ReadOptions& opts, const Piece& piece,
           bool long_lines = false)
        : m_c(c), m_diags(diags), m_opts(opts), m_piece(piece),
          m_text(std::string_view(c.source).substr(piece.begin, piece.end - piece.begin)),
          m_long(long_lines ? std::make_unique<LongLineInput>(m_text, opts.long_line_min) : nullptr),
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

    void read_request(Request& r, Scalar key) {
        r.present = true;
        r.key = key.span;
        r.span = span_of(m_event);
        if (!expect_mapping("request")) return;
        each_entry([&](Scalar k) {
            const std::string& n = k.value;
            if (n == "body") read_field(r.body, std::move(k), Want::String, "request body");
            else if (n == "headers") read_header_map(r.headers, std::move(k), "request headers");
            else if (n == "url") read_field(r.url, std::move(k), Want::String, "request url");
            else if (n == "method") read_field(r.method, std::move(k), Want::String, "request method");
            else if (n == "form") read_header_map(r.form, std::move(k), "request form");
            else if (n == "proto") read_field(r.proto, std::move(k), Want::String, "request proto");
            else if (n == "proto_major") read_field(r.proto_major, std::move(k), Want::Int, "request proto_major");
            else if (n == "proto_minor") read_field(r.proto_minor, std::move(k), Want::Int, "request proto_minor");
            else if (n == "content_length")
                read_field(r.content_length, std::move(k), Want::Int, "request content_length");
            else if (n == "transfer_encoding")
                read_string_list(r.transfer_encoding, std::move(k), "request transfer_encoding");
            else if (n == "trailer") read_header_map(r.trailer, std::move(k), "request trailer");
            else if (n == "host") read_field(r.host, std::move(k), Want::String, "request host");
            else if (n == "remote_addr") read_field(r.remote_addr, std::move(k), Want::String, "request remote_addr");
            else if (n == "request_uri") read_field(r.request_uri, std::move(k), Want::String, "request request_uri");
            else r.extra.push_back(NodeEntry{std::move(k), read_node()});
        });
        r.span.end = mark(m_event.end_mark);
    }

    void read_response(Response& r, Scalar key) {
        r.present = true;
        r.key = key.span;
        r.span = span_of(m_event);
        if (!expect_mapping("response")) return;
        each_entry([&](Scalar k) {
            const std::string& n = k.value;
            if (n == "body") read_field(r.body, std::move(k), Want::String, "response body");
            else if (n == "headers") read_header_map(r.headers, std::move(k), "response headers");
            else if (n == "status") read_field(r.status, std::move(k), Want::String, "response status");
            else if (n == "code") read_field(r.code, std::move(k), Want::Int, "response code");
            else if (n == "duration") read_field(r.duration, std::move(k), Want::String, "response duration");
            else if (n == "proto") read_field(r.proto, std::move(k), Want::String, "response proto");
            else if (n == "proto_major") read_field(r.proto_major, std::move(k), Want::Int, "response proto_major");
            else if (n == "proto_minor") read_field(r.proto_minor, std::move(k), Want::Int, "response proto_minor");
            else if (n == "transfer_encoding")
                read_string_list(r.transfer_encoding, std::move(k), "response transfer_encoding");
            else if (n == "trailer") read_header_map(r.trailer, std::move(k), "response trailer");
            else if (n == "content_length")
                read_field(r.content_length, std::move(k), Want::Int, "response content_length");
            else if (n == "uncompressed")
                read_field(r.uncompressed, std::move(k), Want::Bool, "response uncompressed");
            else r.extra.push_back(NodeEntry{std::move(k), read_node()});
        });
        r.span.end = mark(m_event.end_mark);
    }

    void read_interaction(Interaction& in) {
        in.span = span_of(m_event);
        if (!expect_mapping("an interaction")) return;
        each_entry([&](Scalar k) {
            const std::string& n = k.value;
            if (n == "request") read_request(in.request, std::move(k));
            else if (n == "response") read_response(in.response, std::move(k));
            else if (n == "id") read_field(in.id, std::move(k), Want::Int, "id");
            else in.extra.push_back(NodeEntry{std::move(k), read_node()});
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
            const std::string& n = k.value;
            if (n == "version") read_field(m_c.version, std::move(k), Want::Int, "version");
            else if (n == "interactions") read_interactions(std::move(k));
            else m_c.extra.push_back(NodeEntry{std::move(k), read_node()});
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

// What became of a read in pieces that returned 0.
struct PiecesTried {
    bool parsed = false; // the pieces were parsed (and failed)
    bool missed = false; // a piece failed on its long lines only
};

// Reading a big file on several threads. The interactions are a block
// sequence whose items start with "- " at one column; the file is cut at
// such item starts into pieces parsed at the same time: the first piece as
// the whole document it begins, every other one as a bare sequence of
// interactions. Marks are shifted to the file's lines and offsets, and the
// ends of pieces are given the marks a whole read gives (the next "- ").
//
// A piece boundary is where a whole read starts a new item only if the
// piece before it ends cleanly: the first piece must end with the
// interactions sequence still open (not inside a quoted scalar, a flow
// collection or a later root key), and every other piece must be exactly a
// block sequence at that column; a cut inside a multi-line scalar leaves
// one of them unterminated or malformed. Any problem at all (a syntax or
// schema error, an unexpected event, a line break other than "\n") and the
// whole file is read again on one thread, so errors are reported exactly
// as a whole read reports them. Tests and the reader fuzzer compare the
// two reads mark for mark.
// Returns the number of pieces read, 0 when the file must be read whole
// (`tried` says why).
unsigned read_in_pieces(Cassette& c, size_t bom, const ReadOptions& options, size_t threads, bool long_lines,
                        ReadResult& result, PiecesTried& tried, HashScan* hashes) {
    const std::string_view src = c.source;
    const size_t n = src.size();
    // The root key at column 0, its value on the next lines.
    size_t key = std::string::npos;
    if (src.compare(bom, 13, "interactions:") == 0) key = bom;
    else if (size_t k = src.find("\ninteractions:", bom); k != std::string::npos) key = k + 1;
    if (key == std::string::npos) return 0;
    const size_t eol = src.find('\n', key);
    if (eol == std::string::npos) return 0;
    for (size_t i = key + 13; i < eol; ++i)
        if (src[i] != ' ') return 0;
    // The first item: the column of its "- ".
    size_t line = eol + 1;
    uint32_t column = 0;
    for (;;) {
        if (line >= n) return 0;
        size_t i = line;
        while (i < n && src[i] == ' ') ++i;
        if (i < n && src[i] == '\n') { // blank line
            line = i + 1;
            continue;
        }
        if (i + 1 < n && src[i] == '-' && src[i + 1] == ' ') {
            column = uint32_t(i - line);
            break;
        }
        return 0;
    }
    // Cut points: the next item start at or after each even share.
    const size_t first_item = line;
    const std::string needle = "\n" + std::string(column, ' ') + "- ";
    std::vector<size_t> cuts;
    for (size_t t = 1; t < threads; ++t) {
        size_t target = first_item + (n - first_item) / threads * t;
        if (!cuts.empty()) target = std::max(target, cuts.back());
        const size_t at = src.find(needle, target);
        if (at == std::string::npos) break;
        cuts.push_back(at + 1);
    }
    if (cuts.empty()) return 0;
    std::vector<Piece> pieces;
    // One pass over the file, a few MiB at a time (a mapped source drops
    // each stretch after it: the readers fault it in again as they go):
    // - line numbers are counted here as libyaml counts them only if "\n"
    //   is the only line break: no CR, NEL, LS or PS anywhere;
    // - the lines of each piece but the last give its first line number;
    // - lines that look like an item start, per piece: each piece gets as
    //   many slots in the model's list (see Slots). An upper bound unless an
    //   item is written as a lone "-" line.
    std::vector<size_t> items;
    size_t begin = bom;
    uint32_t lines = 0;
    constexpr size_t kStretch = size_t(4) << 20;
    // Scans [from, stop) stretch by stretch: false on another line break;
    // counts the lines and the item starts (an item may start at `stop`'s
    // piece boundary only as the next piece's first).
    auto scan = [&](size_t from, size_t stop, size_t& starts) {
        for (; from < stop; from += kStretch) {
            const size_t to = std::min(stop, from + kStretch);
            // NEL, LS and PS are 2 and 3 bytes: a stretch looks 2 bytes past its end.
            const std::string_view part = src.substr(from, std::min(n, to + 2) - from);
            if (std::memchr(part.data(), '\r', to - from) || part.find("\xC2\x85") != std::string::npos ||
                part.find("\xE2\x80\xA8") != std::string::npos || part.find("\xE2\x80\xA9") != std::string::npos)
                return false;
            const char* q = src.data() + from;
            const char* end = src.data() + to;
            const char* last = src.data() + stop;
            while ((q = static_cast<const char*>(std::memchr(q, '\n', size_t(end - q))))) {
                ++lines;
                ++q;
                if (size_t(last - q) >= needle.size() && std::memcmp(q, needle.data() + 1, needle.size() - 1) == 0)
                    ++starts;
            }
            c.source.release(from, to);
        }
        return true;
    };
    for (size_t cut : cuts) {
        Piece p;
        p.begin = begin;
        p.end = cut;
        p.line_base = lines;
        p.last = false;
        p.next_column = column;
        size_t starts = pieces.empty() ? 0 : 1; // the item a later piece starts with
        if (!scan(begin, cut, starts)) return 0;
        p.hashes = hashes;
        pieces.push_back(p);
        items.push_back(starts);
        begin = cut;
    }
    const uint32_t tail_line_base = lines;
    size_t tail_starts = 1;
    if (!scan(begin, n, tail_starts)) return 0;
    Piece tail;
    tail.begin = begin;
    tail.end = n;
    tail.line_base = tail_line_base;
    tail.hashes = hashes;
    pieces.push_back(tail);
    items.push_back(tail_starts);

    // The first piece reads on this thread, the others on their own threads
    // (they only read c.source). A digest-only read keeps no interactions:
    // each piece has its own (empty) list. Otherwise every piece reads into
    // its slots of c.interactions, made here.
    const bool slotted = !options.digest_interactions;
    std::vector<std::vector<Interaction>> parts(pieces.size());
    std::vector<Slots> slots(pieces.size());
    if (slotted) {
        size_t total = 0;
        for (size_t k = 0; k < pieces.size(); ++k) {
            slots[k].list = &c.interactions;
            slots[k].begin = total;
            total += items[k];
            slots[k].end = total;
        }
        c.interactions.resize(total);
    }
    std::vector<std::vector<InteractionDigest>> part_digests(pieces.size());
    std::vector<Mark> ends(pieces.size());
    std::vector<char> ok(pieces.size(), 0);
    std::vector<size_t> decoded(pieces.size(), 0);
    std::vector<std::thread> pool;
    tried.parsed = true;
    std::vector<char> missed(pieces.size(), 0);
    for (size_t k = 1; k < pieces.size(); ++k)
        pool.emplace_back([&, k] {
            try {
                std::vector<Diagnostic> diags;
                Reader r(c, diags, options, pieces[k], long_lines);
                if (slotted) r.use_slots(&slots[k]);
                ok[k] = r.read_piece(parts[k], column, ends[k]);
                missed[k] = ok[k] && !r.long_lines_done();
                decoded[k] = r.long_lines_read();
                part_digests[k] = r.take_digests();
            } catch (const LongLineMiss&) {
                missed[k] = 1;
            } catch (...) { // bad_alloc: the whole read decides
                ok[k] = 0;
            }
        });
    try {
        std::vector<Diagnostic> diags;
        Reader r(c, diags, options, pieces[0], long_lines);
        if (slotted) r.use_slots(&slots[0]);
        try {
            r.read_stream();
            ok[0] = diags.empty() && r.interactions_open_at_end(column);
            missed[0] = ok[0] && !r.long_lines_done();
            decoded[0] = r.long_lines_read();
        } catch (const Stop&) {
            ok[0] = 0;
        }
        part_digests[0] = r.take_digests();
    } catch (const LongLineMiss&) {
        missed[0] = 1;
    } catch (...) {
        ok[0] = 0;
    }
    for (auto& th : pool) th.join();
    // A piece that missed its long lines says nothing about the others: all
    // are read again without (the caller).
    tried.missed = std::any_of(missed.begin(), missed.end(), [](char m) { return m != 0; });
    if (tried.missed) return 0;
    for (char k : ok)
        if (!k) return 0;
    if (slotted) {
        bool overflow = false;
        for (const Slots& sl : slots) overflow = overflow || !sl.overflow.empty();
        if (!overflow) {
            // Close the gaps left by slots counted but not used (a line in
            // a multi-line string that looked like an item), in place.
            size_t at = 0;
            for (const Slots& sl : slots) {
                if (at != sl.begin)
                    for (size_t i = 0; i < sl.used; ++i) c.interactions[at + i] = std::move(c.interactions[sl.begin + i]);
                at += sl.used;
            }
            c.interactions.erase(c.interactions.begin() + ptrdiff_t(at), c.interactions.end());
        } else {
            // Rare (a hand-written lone "-" item): put them in order anew.
            std::vector<Interaction> all;
            size_t count = 0;
            for (const Slots& sl : slots) count += sl.size();
            all.reserve(count);
            for (Slots& sl : slots) {
                for (size_t i = 0; i < sl.used; ++i) all.push_back(std::move(c.interactions[sl.begin + i]));
                for (auto& in : sl.overflow) all.push_back(std::move(in));
            }
            c.interactions = std::move(all);
        }
    }
    for (auto& p : part_digests) result.digests.insert(result.digests.end(), p.begin(), p.end());
    for (size_t d : decoded) result.long_lines += d;
    c.interactions_span.end = ends.back();
    return unsigned(pieces.size());
}

} // namespace

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
    size_t threads = options.threads;
    if (threads == 0) {
        threads = c.source.size() >= options.parallel_min_bytes
                      ? util::core_threads()
                      : 1;
        if (options.max_threads) threads = std::min<size_t>(threads, options.max_threads);
    }
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
        unsigned pieces = read_in_pieces(c, bom, options, threads, options.long_lines, result, tried, hashes_or_null());
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
    for (bool long_lines = options.long_lines && !tried.parsed;; long_lines = false) {
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
