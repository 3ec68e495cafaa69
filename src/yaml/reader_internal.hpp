#pragma once
// What the reader's files share inside src/yaml/: marks from libyaml's
// code points to bytes (OffsetMap), the comment scan (HashScan), and the
// read of a big file in pieces (pieces.cpp) with the piece reads it asks
// of reader.cpp. Not for use outside src/yaml/.
#include "model/cassette.hpp"
#include "yaml/long_lines.hpp"
#include "yaml/reader.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace cassette::yaml {

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

// One piece read by reader.cpp's Reader for read_in_pieces: whether it
// read cleanly, or failed on its long lines only (read all again without).
// Never throws (a piece runs on a thread of its own).
struct PieceRead {
    bool ok = false;
    bool missed = false;
    size_t long_lines = 0;                  // long one-line scalars decoded
    std::vector<InteractionDigest> digests; // ReadOptions::digest_interactions
    Mark seq_end;                           // a later piece: where its sequence ended
};
// The first piece: the document it begins, which must end with the
// interactions sequence (a block sequence at `column`) still open.
PieceRead read_first_piece(Cassette& c, const ReadOptions& options, const Piece& piece, bool long_lines,
                           Slots* slots, uint32_t column);
// A later piece: exactly a block sequence of interactions at `column`,
// into `slots` when given, else onto `out`.
PieceRead read_later_piece(Cassette& c, const ReadOptions& options, const Piece& piece, bool long_lines,
                           Slots* slots, uint32_t column, std::vector<Interaction>& out);

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
                        ReadResult& result, PiecesTried& tried, HashScan* hashes);

} // namespace cassette::yaml
