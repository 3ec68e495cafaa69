// A big file read in pieces on several threads (read_in_pieces, described
// in reader_internal.hpp): where to cut, one Reader per piece (reader.cpp),
// and the pieces' interactions joined in order.
#include "yaml/reader_internal.hpp"

#include <string>

namespace cassette::yaml {

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
    std::vector<PieceRead> reads(pieces.size());
    tried.parsed = true;
    options.threads.run(pieces.size(), [&](size_t k) {
        Slots* s = slotted ? &slots[k] : nullptr;
        reads[k] = k == 0 ? read_first_piece(c, options, pieces[0], long_lines, s, column)
                          : read_later_piece(c, options, pieces[k], long_lines, s, column, parts[k]);
    });
    // A piece that missed its long lines says nothing about the others: all
    // are read again without (the caller).
    tried.missed = std::any_of(reads.begin(), reads.end(), [](const PieceRead& r) { return r.missed; });
    if (tried.missed) return 0;
    for (const PieceRead& r : reads)
        if (!r.ok) return 0;
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
    for (auto& r : reads) result.digests.insert(result.digests.end(), r.digests.begin(), r.digests.end());
    for (const PieceRead& r : reads) result.long_lines += r.long_lines;
    c.interactions_span.end = reads.back().seq_end;
    return unsigned(pieces.size());
}

} // namespace cassette::yaml
