#include "redact/detect.hpp"
#include "config/config.hpp"
#include "util/gzip.hpp"

#include "model/http.hpp"
#include "model/walk.hpp"
#include "redact/json_scan.hpp"
#include "redact/names.hpp"
#include "redact/patterns.hpp"
#include "redact/source_mark.hpp"
#include "util/base64.hpp"
#include "util/hex.hpp"
#include "util/http.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <cctype>
#include <cstdio>
#include <unistd.h>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace cassette::redact {

namespace {

// Detectors that find a secret by where it is, not by what it looks like.
// When a shape detector finds exactly the same bytes, its more telling name
// ("OpenAI API key" rather than "header") is reported.
bool is_location_detector(std::string_view id) {
    return id == "header" || id == "query" || id == "form" || id == "json-key" || id == "cookie" ||
           id == "userinfo";
}

// Content-Encoding says gzip but the bytes are not a gzip stream.
bool undecodable_gzip(const HeaderMap& headers, const std::string& body) {
    const HeaderEntry* ce = headers.find("Content-Encoding");
    if (!ce || ce->values.size() != 1) return false;
    const std::string& enc = ce->values.front().value;
    if (!util::iequals(enc, "gzip") && !util::iequals(enc, "x-gzip")) return false;
    return !util::looks_gzip(body) || !util::gunzip(body).has_value();
}

// Placeholder words people put where a secret was.
bool placeholder_word(std::string_view v) {
    static const char* words[] = {"dummy", "fake",   "test",        "none",     "null",   "nil",     "undefined",
                                  "changeme", "placeholder", "secret", "password", "token", "hidden", "masked",
                                  "filtered", "removed", "omitted", "sanitized", "scrubbed"};
    for (const char* w : words)
        if (util::iequals(v, w)) return true;
    return false;
}

bool contains_ci(std::string_view hay, std::string_view needle) {
    if (needle.size() > hay.size()) return false;
    for (size_t i = 0; i + needle.size() <= hay.size(); ++i)
        if (util::iequals(hay.substr(i, needle.size()), needle)) return true;
    return false;
}

// 1-based column of byte `at` in a one-line plain scalar starting at `m`.
Mark mark_at(const Scalar& s, size_t at) {
    Mark m = s.span.begin;
    if (s.style != ScalarStyle::Plain || s.binary || !s.tag.empty() || s.span.begin.line != s.span.end.line ||
        at > s.value.size())
        return m;
    uint32_t chars = 0;
    for (size_t i = 0; i < at; ++i)
        if ((static_cast<unsigned char>(s.value[i]) & 0xC0) != 0x80) ++chars;
    m.column += chars;
    m.offset += at;
    return m;
}

// The whole pages holding a span go back to the page cache (the reader
// released them once; a mark walked them again). Rounded outwards: most
// scalars holding a secret are shorter than a page, and 9,000 findings of
// a 100 MiB file kept 36 MB of pages counted otherwise.
void release_pages(const SourceText& src, const Span& span) {
    static const size_t page = size_t(::sysconf(_SC_PAGESIZE));
    const size_t b = span.begin.offset & ~(page - 1);
    const size_t e = std::min(src.size(), (size_t(span.end.offset) + page - 1) & ~(page - 1));
    if (b < e) src.release(b, e == src.size() ? e : e);
}

std::string regex_quote(std::string_view s) { return RE2::QuoteMeta(re2::StringPiece(s.data(), s.size())); }

} // namespace

const char* confidence_name(Confidence c) {
    switch (c) {
    case Confidence::Low: return "low";
    case Confidence::Medium: return "medium";
    case Confidence::High: return "high";
    }
    return "high";
}

std::optional<Confidence> parse_confidence(std::string_view name) {
    if (name == "low") return Confidence::Low;
    if (name == "medium") return Confidence::Medium;
    if (name == "high") return Confidence::High;
    return std::nullopt;
}

namespace {

// What is printed for a secret: `sk-p…9fQa`, or for a value too short to
// show any of it, its length: `‹7 chars›`.
std::string mask_for_report(std::string_view v) {
    size_t chars = 0;
    for (unsigned char c : v) chars += (c & 0xC0) != 0x80;
    if (chars < 8) return std::string("\u2039") + std::to_string(chars) + (chars == 1 ? " char" : " chars") + "\u203a";
    return util::mask_secret(v);
}

} // namespace

bool looks_redacted(std::string_view v) {
    v = util::trim(v);
    if (v.empty()) return true;
    if (placeholder_word(v)) return true;
    if (contains_ci(v, "redacted") || contains_ci(v, "xxxx") || v.find("****") != std::string_view::npos ||
        v.find("EXAMPLE") != std::string_view::npos || contains_ci(v, "<secret>") || contains_ci(v, "<token>"))
        return true;
    // All, or nearly all, one character: 00000000-0000-0000-0000-000000000000,
    // SCWXXXXXXXXXXXXXXXXX, "aaaaaaaa".
    size_t counts[128] = {};
    size_t alnum = 0, best = 0;
    for (unsigned char c : v) {
        if (c < 128 && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            ++alnum;
            best = std::max(best, ++counts[c]);
        }
    }
    if (alnum == 0) return v.size() >= 3 && v.find_first_not_of(v.front()) == std::string_view::npos;
    if (best == alnum) return alnum >= 2;
    return alnum >= 8 && best * 4 >= alnum * 3;
}

std::vector<std::string> detector_ids() {
    std::vector<std::string> ids = {"header", "query", "form", "json-key", "cookie", "userinfo", "basic-auth", "echo"};
    for (const auto& row : builtin_patterns())
        if (std::find(ids.begin(), ids.end(), row.id) == ids.end()) ids.emplace_back(row.id);
    return ids;
}

struct CompiledPattern {
    std::string id, kind;
    std::unique_ptr<RE2> re;
    int groups = 0;
    bool word_start = false; // the regex starts with \b
    bool by_atoms = false;   // found through its atoms, not the set
};

// One atom of one pattern, as the atom scan looks for it.
struct AtomEntry {
    std::string text; // lower case when fold
    bool fold = false;
    uint8_t back_min = 0, back_max = 0;
    size_t pattern = 0;
    uint8_t anchor = 0; // the atom is looked for by its two bytes from here (AtomIndex::add)
};

inline bool ascii_word(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
using util::ascii_lower;

// The atoms of every pattern, found in one pass over a text: a bit per
// pair of bytes, then the atoms that hold that pair at their anchor. The
// anchor is the atom's least common pair ("k-" of "sk-", "yJ" of "eyJ"):
// pairs of lower-case letters ("sk", "gh", "ey") are everywhere in text, and
// every false hit costs a mispredicted branch and a comparison.
struct AtomIndex {
    std::vector<AtomEntry> atoms;
    std::vector<uint64_t> pair_bits = std::vector<uint64_t>(65536 / 64, 0);
    std::vector<std::vector<uint16_t>> by_pair; // indexed like pair_bits, filled for set bits

    static uint16_t pair(unsigned char a, unsigned char b) { return uint16_t(a | (b << 8)); }

    // The first i in [from, last) whose pair p[i], p[i + 1] has its bit set
    // (last if none). Out of line: alone, the loop keeps everything in
    // registers (inside the caller it kept its counter on the stack).
    [[gnu::noinline]] static size_t next_pair(const unsigned char* p, size_t from, size_t last, const uint64_t* bits) {
        for (size_t i = from; i < last; ++i) {
            const unsigned key = unsigned(p[i]) | (unsigned(p[i + 1]) << 8);
            if (bits[key >> 6] >> (key & 63) & 1) return i;
        }
        return last;
    }

    void add(AtomEntry e) {
        const size_t k = atoms.size();
        if (e.fold)
            for (char& ch : e.text) ch = ascii_lower(ch);
        // How common a byte is in text: letters (any case when folded) most,
        // then capitals, digits, punctuation least. The first rarest pair.
        auto common = [&](unsigned char c) {
            if (c >= 'a' && c <= 'z') return 3;
            if (c >= 'A' && c <= 'Z') return e.fold ? 3 : 2;
            return c >= '0' && c <= '9' ? 1 : 0;
        };
        int best = 99;
        for (size_t at = 0; at + 1 < e.text.size() && at < 255; ++at) {
            const int score = common((unsigned char)e.text[at]) + common((unsigned char)e.text[at + 1]);
            if (score < best) {
                best = score;
                e.anchor = uint8_t(at);
            }
        }
        const unsigned char a = (unsigned char)e.text[e.anchor], b = (unsigned char)e.text[e.anchor + 1];
        auto variants = [&](unsigned char c) {
            std::vector<unsigned char> v{c};
            if (e.fold && c >= 'a' && c <= 'z') v.push_back(c - 32);
            return v;
        };
        if (by_pair.empty()) by_pair.resize(65536);
        for (unsigned char x : variants(a))
            for (unsigned char y : variants(b)) {
                const uint16_t key = pair(x, y);
                pair_bits[key >> 6] |= uint64_t(1) << (key & 63);
                by_pair[key].push_back(uint16_t(k));
            }
        atoms.push_back(std::move(e));
    }

    bool at(std::string_view text, size_t i, const AtomEntry& e) const {
        if (text.size() - i < e.text.size()) return false;
        if (!e.fold) return std::memcmp(text.data() + i, e.text.data(), e.text.size()) == 0;
        for (size_t k = 0; k < e.text.size(); ++k)
            if (ascii_lower(text[i + k]) != e.text[k]) return false;
        return true;
    }

    // Calls found(atom, position) for every atom occurrence (by the
    // position of its anchor: not in the order of the positions).
    template <class F> void scan(std::string_view text, F&& found) const {
        if (atoms.empty() || text.size() < 2) return;
        const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
        const size_t last = text.size() - 1;
        for (size_t i = next_pair(p, 0, last, pair_bits.data()); i < last; i = next_pair(p, i + 1, last, pair_bits.data())) {
            const uint16_t key = pair(p[i], p[i + 1]);
            for (uint16_t k : by_pair[key]) {
                const AtomEntry& e = atoms[k];
                if (i >= e.anchor && at(text, i - e.anchor, e)) found(e, i - e.anchor);
            }
        }
    }
};

struct Detector::Impl {
    DetectOptions options;
    NameRules names;
    std::vector<CompiledPattern> patterns;
    // The patterns without atoms (custom ones; every one with
    // DetectOptions::ForTests::by_atoms off), matched together over the whole text.
    std::unique_ptr<RE2::Set> set;
    std::vector<size_t> set_patterns; // set index -> pattern index
    AtomIndex atom_index;
    std::unordered_set<std::string> disabled;
    std::unordered_set<std::string> allow;
    std::vector<std::unique_ptr<RE2>> allow_res;
    std::unique_ptr<RE2> placeholder_re; // outputs of the placeholder template
    // "name": "value" in any text; NAME=value lines; <Name>value</Name>.
    std::unique_ptr<RE2> pairs_re, assign_re, xml_re;

    bool enabled(std::string_view id) const { return disabled.empty() || !disabled.count(std::string(id)); }

    // Already a placeholder or allow-listed: never reported.
    bool harmless(std::string_view v) const {
        if (looks_redacted(v)) return true;
        if (!allow.empty() && allow.count(std::string(v))) return true;
        re2::StringPiece sp(v.data(), v.size());
        for (const auto& re : allow_res)
            if (RE2::FullMatch(sp, *re)) return true;
        if (placeholder_re && RE2::FullMatch(sp, *placeholder_re)) return true;
        return false;
    }

    struct Match {
        size_t begin, end;
        size_t row;
    };
    // Every pattern match in `text`, by row then position. Patterns with
    // atoms are tried, anchored, only where an atom says a match could
    // start; the set tells which of the others match at all, and only those
    // run again over the text to find the spans. Both give what running each
    // regex from each position would: a pattern's matches left to right,
    // each search starting after the previous match.
    void shape_matches(std::string_view text, std::vector<Match>& out) const {
        out.clear();
        if (text.size() < 16) return;
        re2::StringPiece sp(text.data(), text.size());
        // (pattern, start) of every place a match could start.
        std::vector<std::pair<size_t, size_t>> starts;
        atom_index.scan(text, [&](const AtomEntry& a, size_t at) {
            const CompiledPattern& p = patterns[a.pattern];
            for (size_t back = a.back_min; back <= a.back_max && back <= at; ++back) {
                const size_t s = at - back;
                if (p.word_start &&
                    (s > 0 && ascii_word((unsigned char)text[s - 1])) == ascii_word((unsigned char)text[s]))
                    continue; // no \b there
                starts.emplace_back(a.pattern, s);
            }
        });
        std::vector<int> hits;
        if (set && set->Match(sp, &hits))
            for (int h : hits) starts.emplace_back(set_patterns[size_t(h)], size_t(-1)); // -1: search the text
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        std::vector<re2::StringPiece> groups;
        for (size_t k = 0; k < starts.size();) {
            const size_t row = starts[k].first;
            size_t end = k;
            while (end < starts.size() && starts[end].first == row) ++end;
            const CompiledPattern& p = patterns[row];
            if (!enabled(p.id)) {
                k = end;
                continue;
            }
            groups.assign(size_t(p.groups) + 1, re2::StringPiece());
            auto record = [&] {
                const size_t whole_end = size_t(groups[0].data() - text.data()) + groups[0].size();
                if (p.groups == 0) {
                    size_t b = size_t(groups[0].data() - text.data());
                    out.push_back(Match{b, b + groups[0].size(), row});
                } else {
                    for (int g = 1; g <= p.groups; ++g) {
                        if (!groups[size_t(g)].data() || groups[size_t(g)].empty()) continue;
                        size_t b = size_t(groups[size_t(g)].data() - text.data());
                        out.push_back(Match{b, b + groups[size_t(g)].size(), row});
                    }
                }
                return whole_end;
            };
            size_t pos = 0;
            if (starts[k].second == size_t(-1)) {
                while (pos <= text.size() &&
                       p.re->Match(sp, pos, text.size(), RE2::UNANCHORED, groups.data(), int(groups.size()))) {
                    const size_t whole_end = record();
                    pos = whole_end > pos ? whole_end : pos + 1;
                }
            } else {
                for (; k < end; ++k) {
                    const size_t s = starts[k].second;
                    if (s < pos) continue;
                    if (!p.re->Match(sp, s, text.size(), RE2::ANCHOR_START, groups.data(), int(groups.size())))
                        continue;
                    const size_t whole_end = record();
                    pos = whole_end > s ? whole_end : s + 1;
                }
            }
            k = end;
        }
    }
};

namespace {

// One detection run over one cassette.
struct Walk {
    const Detector::Impl& d;
    std::vector<Secret>& out;
    const SourceText* source = nullptr; // for the line:column of a secret inside a multi-line scalar
    size_t interaction = 0;
    std::vector<Secret> cand; // for the scalar being looked at
    std::vector<Detector::Impl::Match> matches;

    void add(Scalar& s, std::string detector, std::string kind, std::string location, size_t begin, size_t end,
             Encoding enc, std::string value, Confidence conf = Confidence::High) {
        if (begin >= end || end > s.value.size() || !d.enabled(detector) || d.harmless(value)) return;
        Secret x;
        x.detector = std::move(detector);
        x.kind = std::move(kind);
        x.interaction = interaction;
        x.location = std::move(location);
        x.scalar = &s;
        x.begin = begin;
        x.end = end;
        x.encoding = enc;
        x.value = std::move(value);
        x.confidence = conf;
        cand.push_back(std::move(x));
    }

    MarkResume resume; // the marks of one scalar's secrets, in one walk
    QuotedResume quoted;
    // The pages of the source walked for marks go back (the reader already
    // released them once: a big file's pages would otherwise stay counted).
    const Scalar* marked = nullptr;
    void release_marked() {
        if (marked && source) release_pages(*source, marked->span);
        marked = nullptr;
        resume = MarkResume{};
    }
    Mark where(const Scalar& s, size_t at) {
        const bool one_line_plain = s.style == ScalarStyle::Plain && s.span.begin.line == s.span.end.line;
        if (one_line_plain || !source) return mark_at(s, at);
        if (Mark m; quoted_line_mark(s, at, m, &quoted)) return m;
        // A big file read through a mapping: its pages stay released (walking
        // the source for marks kept 18 MB more of a 100 MiB file counted, for
        // reasons not yet understood): the scalar's start.
        if (source->stamp()) return source_mark(source->view(), s, at, &resume, false);
        if (marked && marked != &s) release_marked();
        marked = &s;
        return source_mark(source->view(), s, at, &resume);
    }

    // The candidates of one scalar: overlaps resolved, then kept.
    void flush() {
        if (cand.empty()) return;
        std::stable_sort(cand.begin(), cand.end(), [](const Secret& a, const Secret& b) {
            return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
        });
        // A shape finding over the same bytes as a location one names it and
        // lends it its confidence; then what is below the threshold goes.
        for (size_t i = 0; i + 1 < cand.size(); ++i) {
            for (size_t j = i + 1; j < cand.size() && cand[j].begin == cand[i].begin && cand[j].end == cand[i].end; ++j) {
                Secret& a = cand[i];
                const Secret& b = cand[j];
                if (is_location_detector(a.detector) && !is_location_detector(b.detector)) {
                    a.detector = b.detector;
                    a.kind = b.kind;
                }
                a.confidence = std::max(a.confidence, b.confidence);
            }
        }
        size_t first = out.size();
        for (auto& c : cand) {
            if (c.confidence < d.options.min_confidence) continue;
            if (out.size() > first && c.begin < out.back().end) continue;
            c.where = where(*c.scalar, c.begin);
            c.masked = mask_for_report(c.value);
            c.matcher_sensitive = c.location.rfind("request.", 0) == 0;
            out.push_back(std::move(c));
        }
        release_marked();
        cand.clear();
    }

    // Provider patterns over the whole value. `locate` may refine the
    // location and encoding of a match at a given offset.
    template <class Locate>
    void shape(Scalar& s, std::string_view location, Encoding enc, const Locate& locate) {
        std::string_view text = s.value;
        d.shape_matches(text, matches);
        for (const auto& m : matches) {
            const CompiledPattern& p = d.patterns[m.row];
            std::string loc(location);
            Encoding e = enc;
            locate(m.begin, loc, e);
            std::string_view raw = text.substr(m.begin, m.end - m.begin);
            add(s, p.id, p.kind, std::move(loc), m.begin, m.end, e, std::string(raw));
        }
    }
    void shape(Scalar& s, std::string_view location, Encoding enc = Encoding::Raw) {
        shape(s, location, enc, [](size_t, std::string&, Encoding&) {});
    }

    // True when a provider pattern matches the whole of `value`.
    bool shaped(std::string_view value) const {
        std::vector<Detector::Impl::Match> m;
        if (value.size() < 16) return false;
        d.shape_matches(value, m);
        for (const auto& x : m)
            if (x.begin == 0 && x.end == value.size()) return true;
        return false;
    }

    // name=value pairs of `raw` (a query, a fragment or a form body). A
    // byte at i of `raw` is at `offset + i` of the scalar, or at map[i] for
    // a decoded layer (a URL inside a URL).
    void params(Scalar& s, std::string_view raw, size_t offset, const std::string& location, const char* detector,
                const char* kind, const std::vector<size_t>* map = nullptr, int depth = 0) {
        auto pos = [&](size_t i) { return map ? (*map)[i] : offset + i; };
        // "request.url?api_key", "response.headers.Location#access_token".
        const char* sep = !location.empty() && location.back() == '#' ? "" : "?";
        for (const auto& q : http::parse_query(raw)) {
            if (!q.has_equals) continue;
            NameClass cls = d.names.param(q.name);
            if (cls == NameClass::None) {
                // A URL in a parameter (redirect_uri, a callback, a next URL),
                // percent-encoded once more: its own parameters.
                if (depth < 3 && q.value.find("://") != std::string::npos &&
                    q.value.find_first_of("?#") != std::string::npos)
                    nested_url(s, raw.substr(q.value_begin, q.value_end - q.value_begin), q.value_begin, location + sep + q.name,
                               [&](size_t i) { return pos(i); }, depth + 1);
                continue;
            }
            if (q.value.empty()) continue;
            size_t b = q.value_begin, e = q.value_end;
            std::string value = q.value;
            // X-Amz-Credential is "<key id>/<date>/<region>/<service>/aws4_request":
            // only the key id is secret; the scope stays readable.
            if (util::iequals(q.name, "X-Amz-Credential")) {
                std::string_view v = raw.substr(b, e - b);
                size_t slash = std::min(v.find('/'), std::min(v.find("%2F"), v.find("%2f")));
                if (slash != std::string_view::npos) {
                    e = b + slash;
                    value = std::string(v.substr(0, slash));
                }
            }
            const Confidence conf = value_confidence(value, normalize_name(q.name), cls);
            add(s, detector, kind, location + sep + q.name, pos(b), pos(e), Encoding::Query, std::move(value), conf);
        }
    }

    // A percent-encoded URL at raw[0..] (scalar positions through `pos`).
    template <class Pos>
    void nested_url(Scalar& s, std::string_view raw, size_t at, const std::string& location, const Pos& pos, int depth) {
        std::string text;
        std::vector<size_t> map;
        for (size_t i = 0; i < raw.size();) {
            if (raw[i] == '%' && i + 2 < raw.size()) {
                const int hi = util::hex_value(raw[i + 1]), lo = util::hex_value(raw[i + 2]);
                if (hi >= 0 && lo >= 0) {
                    text += char(hi * 16 + lo);
                    map.push_back(pos(at + i));
                    i += 3;
                    continue;
                }
            }
            text += raw[i] == '+' ? ' ' : raw[i];
            map.push_back(pos(at + i));
            ++i;
        }
        map.push_back(pos(at + raw.size()));
        std::optional<http::UrlParts> p = http::parse_url(text);
        if (!p) return;
        if (p->has_query) {
            std::vector<size_t> sub(map.begin() + std::ptrdiff_t(p->query_at.begin),
                                    map.begin() + std::ptrdiff_t(p->query_at.end) + 1);
            params(s, p->query, 0, location, "query", "secret query parameter", &sub, depth);
        }
        if (p->has_fragment) {
            std::vector<size_t> sub(map.begin() + std::ptrdiff_t(p->fragment_at.begin),
                                    map.begin() + std::ptrdiff_t(p->fragment_at.end) + 1);
            params(s, p->fragment, 0, location + "#", "query", "secret URL fragment parameter", &sub, depth);
        }
    }

    // The parameters of a URL's query and fragment (an OAuth implicit
    // grant redirect: Location: https://app/cb#access_token=...).
    void url_params(Scalar& s, const http::UrlParts& p, const std::string& location) {
        if (p.has_query) params(s, p.query, p.query_at.begin, location, "query", "secret query parameter");
        if (p.has_fragment)
            params(s, p.fragment, p.fragment_at.begin, location + "#", "query", "secret URL fragment parameter");
    }

    void url(Field& f, const std::string& location) {
        if (!f.present) return;
        Scalar& s = f.value;
        std::optional<http::UrlParts> p = http::parse_url(s.value);
        if (p) {
            if (p->has_userinfo) {
                // https://user:pass@host, or https://TOKEN@host.
                http::ByteRange r = p->has_password ? p->password_at : p->user_at;
                std::string_view raw = p->has_password ? p->password : p->user;
                std::string decoded = http::percent_decode(raw).value_or(std::string(raw));
                const Confidence conf =
                    value_confidence(decoded, "", p->has_password ? NameClass::Strong : NameClass::Weak);
                if (p->has_password || looks_like_credential(decoded))
                    add(s, "userinfo", "URL password", location + "@userinfo", r.begin, r.end, Encoding::Url,
                        std::move(decoded), conf);
            }
            url_params(s, *p, location);
        }
        shape(s, location, Encoding::Url, [&](size_t at, std::string& loc, Encoding& e) {
            if (!p || !p->has_query || at < p->query_at.begin || at > p->query_at.end) return;
            e = Encoding::Query;
            for (const auto& q : http::parse_query(p->query)) {
                if (at >= p->query_at.begin + q.name_begin && at <= p->query_at.begin + q.value_end) {
                    loc += "?" + q.name;
                    return;
                }
            }
        });
        flush();
    }

    // request_uri: "/path?query" as the server saw it (v4 middleware).
    void request_uri(Field& f, const std::string& location) {
        if (!f.present) return;
        Scalar& s = f.value;
        size_t q = s.value.find('?');
        if (q != std::string::npos) {
            size_t hash = s.value.find('#', q);
            std::string_view raw = std::string_view(s.value).substr(q + 1, hash == std::string::npos ? std::string::npos : hash - q - 1);
            params(s, raw, q + 1, location, "query", "secret query parameter");
        }
        shape(s, location, Encoding::Url);
        flush();
    }

    // Authorization / Proxy-Authorization values.
    void authorization(Scalar& s, const std::string& location) {
        std::string_view v = s.value;
        size_t lead = v.find_first_not_of(" \t");
        if (lead == std::string_view::npos) return;
        size_t sp = v.find(' ', lead);
        std::string_view scheme = v.substr(lead, sp == std::string_view::npos ? std::string_view::npos : sp - lead);
        if (util::iequals(scheme, "Basic") && sp != std::string_view::npos) {
            if (auto pair = http::parse_basic_auth(v.substr(lead))) {
                size_t b = sp + 1;
                size_t e = v.find_last_not_of(" \t") + 1;
                const std::string& user = pair->first;
                const std::string& pass = pair->second;
                // An API key as the user name and no password (Stripe's
                // "rk_live_...:", Mailgun's "api:key-..." is the other way).
                const bool user_shaped = shaped(user);
                if (user_shaped || (pass.empty() && looks_like_credential(user))) {
                    const Confidence conf =
                        user_shaped ? Confidence::High : value_confidence(user, "", NameClass::Weak);
                    const size_t before = cand.size();
                    add(s, "basic-auth", "Basic auth key (user name)", location, b, e, Encoding::BasicAuth, user, conf);
                    if (cand.size() > before) {
                        cand.back().basic_secret_is_user = true;
                        cand.back().basic_password = pass;
                    }
                    return;
                }
                const Confidence conf =
                    shaped(pass) ? Confidence::High : value_confidence(pass, "", NameClass::Strong);
                const size_t before = cand.size();
                add(s, "basic-auth", "Basic auth password", location, b, e, Encoding::BasicAuth, pass, conf);
                if (cand.size() > before) cand.back().basic_user = user;
                return;
            }
        }
        // SigV4 headers are split into key id and signature by the pattern.
        if (util::iequals(scheme, "AWS4-HMAC-SHA256")) return;
        if (sp == std::string_view::npos) {
            std::string value(v.substr(lead));
            const Confidence conf = value_confidence(value, "", NameClass::Strong);
            add(s, "header", "credential header", location, lead, v.size(), Encoding::Raw, std::move(value), conf);
            return;
        }
        size_t b = v.find_first_not_of(" \t", sp);
        if (b == std::string_view::npos) return;
        size_t e = v.find_last_not_of(" \t") + 1;
        std::string value(v.substr(b, e - b));
        const Confidence conf = value_confidence(value, "", NameClass::Strong);
        add(s, "header", "credential header", location, b, e, Encoding::Raw, std::move(value), conf);
    }

    void cookie(Scalar& s, const http::Cookie& c, const std::string& location) {
        if (c.value.empty()) return;
        add(s, "cookie", "cookie value", location + "[" + c.name + "]", c.value_begin, c.value_end, Encoding::Raw,
            c.value, cookie_confidence(c.name, c.value));
    }

    void headers(HeaderMap& m, const std::string& location) {
        if (!m.present) return;
        for (auto& h : m.entries) {
            const std::string loc = location + "." + h.name.value;
            NameClass cls = d.names.header(h.name.value);
            const std::string n = normalize_name(h.name.value);
            for (auto& v : h.values) {
                if (cls != NameClass::None) {
                    if (n == "authorization" || n == "proxyauthorization" || n == "xauthorization") {
                        authorization(v, loc);
                    } else if (n == "cookie") {
                        for (const auto& c : http::parse_cookie_header(v.value)) cookie(v, c, loc);
                    } else if (n == "setcookie") {
                        if (auto c = http::parse_set_cookie(v.value)) cookie(v, *c, loc);
                    } else {
                        std::string_view t = v.value;
                        size_t b = t.find_first_not_of(" \t");
                        if (b != std::string_view::npos) {
                            size_t e = t.find_last_not_of(" \t") + 1;
                            std::string value(t.substr(b, e - b));
                            const Confidence conf = value_confidence(value, n, NameClass::Strong);
                            add(v, "header", "credential header", loc, b, e, Encoding::Raw, std::move(value), conf);
                        }
                    }
                } else if (n == "location" || n == "contentlocation") {
                    // A redirect carries tokens in its query or fragment.
                    if (auto p = http::parse_url(v.value)) url_params(v, *p, loc);
                }
                shape(v, loc);
                flush();
            }
        }
    }

    void form_map(HeaderMap& m, const std::string& location) {
        if (!m.present) return;
        for (auto& h : m.entries) {
            NameClass cls = d.names.param(h.name.value);
            const std::string loc = location + "." + h.name.value;
            const std::string n = normalize_name(h.name.value);
            for (auto& v : h.values) {
                if (cls != NameClass::None && !v.value.empty())
                    add(v, "form", "secret form field", loc, 0, v.value.size(), Encoding::Raw, v.value,
                        value_confidence(v.value, n, cls));
                shape(v, loc);
                flush();
            }
        }
    }

    // Each match of `re` (two groups: a name and its value) in `text`, left
    // to right, without overlaps; a name the JSON-key rules know goes to
    // `found(name, value, class)`.
    template <class Found>
    void named_values(const RE2& re, std::string_view text, Found&& found) {
        re2::StringPiece sp(text.data(), text.size());
        size_t pos = 0;
        re2::StringPiece groups[3];
        while (pos < text.size() && re.Match(sp, pos, text.size(), RE2::UNANCHORED, groups, 3)) {
            const size_t whole_end = size_t(groups[0].data() - text.data()) + groups[0].size();
            const std::string_view name(groups[1].data(), groups[1].size());
            const NameClass cls = d.names.json_key(name);
            if (cls != NameClass::None) found(name, std::string_view(groups[2].data(), groups[2].size()), cls);
            pos = whole_end > pos ? whole_end : pos + 1;
        }
    }

    // A secret found by a name-value match: `val` lies inside the scalar's
    // value at offset `base` + its offset in `text`.
    void add_named(Scalar& s, std::string_view text, size_t base, std::string_view name, std::string_view val,
                   NameClass cls, const char* what, const std::string& at, Encoding enc) {
        const size_t b = base + size_t(val.data() - text.data());
        add(s, "json-key", what, at, b, b + val.size(), enc, std::string(val),
            value_confidence(val, normalize_name(name), cls));
    }

    // "name": "value" pairs written in JSON syntax inside any text: JSON
    // serialised into a JSON string (\"password\":\"...\"), HTML-escaped
    // JSON (&quot;password&quot;:&quot;...&quot;), JSON in a script or a
    // log line. The value is taken only when it needs no unescaping (no
    // quote, backslash or '&' in it), so its bytes are the secret's.
    void pairs(Scalar& s, size_t from, size_t to, const std::string& location, Encoding enc) {
        const std::string_view text = std::string_view(s.value).substr(from, to - from);
        if (text.find(':') == std::string_view::npos) return;
        named_values(*d.pairs_re, text, [&](std::string_view key, std::string_view val, NameClass cls) {
            add_named(s, text, from, key, val, cls, "secret field in embedded JSON", location + "." + std::string(key), enc);
        });
    }

    // NAME=value lines (a .env file, a CI variables listing, a shell
    // script shown as text).
    void assignments(Scalar& s, const std::string& location) {
        const std::string_view text = s.value;
        if (text.find_first_of("=:") == std::string_view::npos) return;
        named_values(*d.assign_re, text, [&](std::string_view key, std::string_view val, NameClass cls) {
            add_named(s, text, 0, key, val, cls, "secret assignment", location + "." + std::string(key), Encoding::Raw);
        });
    }

    // <Name>value</Name> elements of XML and SOAP (an AWS STS response's
    // SecretAccessKey and SessionToken, a WS-Security wsse:Password).
    void xml(Scalar& s, const std::string& location) {
        const std::string_view text = s.value;
        named_values(*d.xml_re, text, [&](std::string_view name, std::string_view val, NameClass cls) {
            // Blanks around the text are layout.
            const size_t lead = val.find_first_not_of(" \n\r\t");
            if (lead == std::string_view::npos) return;
            val = val.substr(lead, val.find_last_not_of(" \n\r\t") + 1 - lead);
            add_named(s, text, 0, name, val, cls, "secret XML element", location + "<" + std::string(name) + ">",
                      Encoding::Raw);
        });
    }

    // multipart/form-data: each part's name says what its value is.
    void multipart(Scalar& s, std::string_view ct, const std::string& location) {
        size_t bp = ct.find("boundary=");
        if (bp == std::string_view::npos) return;
        std::string_view boundary = ct.substr(bp + 9);
        if (!boundary.empty() && boundary.front() == '"') {
            boundary.remove_prefix(1);
            boundary = boundary.substr(0, boundary.find('"'));
        } else {
            boundary = boundary.substr(0, boundary.find_first_of("; \t"));
        }
        if (boundary.empty()) return;
        const std::string delim = "--" + std::string(boundary);
        std::string_view text = s.value;
        size_t at = text.find(delim);
        while (at != std::string_view::npos) {
            size_t head = at + delim.size();
            if (text.compare(head, 2, "--") == 0) break;
            const size_t next = text.find(delim, head);
            if (next == std::string_view::npos) break;
            std::string_view part = text.substr(head, next - head);
            size_t blank = part.find("\r\n\r\n");
            size_t skip = 4;
            if (blank == std::string_view::npos) {
                blank = part.find("\n\n");
                skip = 2;
            }
            if (blank != std::string_view::npos) {
                std::string_view headers = part.substr(0, blank);
                size_t np = headers.find("name=\"");
                const bool file = headers.find("filename=") != std::string_view::npos;
                if (np != std::string_view::npos && !file) {
                    std::string_view name = headers.substr(np + 6);
                    name = name.substr(0, name.find('"'));
                    size_t vb = head + blank + skip, ve = next;
                    if (ve >= 2 && text.compare(ve - 2, 2, "\r\n") == 0) ve -= 2;
                    else if (ve >= 1 && text[ve - 1] == '\n') ve -= 1;
                    const NameClass cls = d.names.param(name);
                    if (cls != NameClass::None && ve > vb) {
                        std::string value(text.substr(vb, ve - vb));
                        const Confidence conf = value_confidence(value, normalize_name(name), cls);
                        add(s, "form", "secret multipart field", location + "[" + std::string(name) + "]", vb, ve,
                            Encoding::Raw, std::move(value), conf);
                    }
                }
            }
            at = next;
        }
    }

    // A JSON string value holding a name that a generic "value" beside it,
    // or an object under it, is the secret of.
    static bool wrapper_key(std::string_view key) {
        const std::string n = normalize_name(key);
        return n == "value" || n == "val" || n == "plaintext" || n == "data" || n == "text" || n == "content" ||
               n == "string" || n == "raw" || n == "current" || n == "secretvalue" || n == "defaultvalue";
    }
    // The value of a name/value entry ({"name":"DD_API_KEY","value":"..."}).
    static bool sibling_value_key(std::string_view key) {
        const std::string n = normalize_name(key);
        return n == "value" || n == "val" || n == "secretvalue" || n == "defaultvalue";
    }
    static bool naming_key(std::string_view key) {
        const std::string n = normalize_name(key);
        return n == "name" || n == "key" || n == "variable" || n == "envname" || n == "parameter" ||
               n == "parametername" || n == "field" || n == "label" || n == "id" || n == "keyname" || n == "secretname";
    }

    void body(Field& f, const HeaderMap& headers, const std::string& location) {
        if (!f.present || f.value.value.empty()) return;
        // A compressed body is not decoded and searched (redacting inside it
        // would mean re-compressing it); its bytes are searched as they are
        // for provider-shaped tokens in clear: an encoding we do not know,
        // a body that is not what its header says, a stored block (found by
        // fuzz/fuzz_redact: a token after the bytes of a "gzi0" body). A
        // "gzip" body that does not decode is stored as the bytes it is,
        // secrets in clear included, and is searched like any body (also
        // found by fuzz/fuzz_redact: a token appended to a gzip stream).
        Scalar& s = f.value;
        if (is_compressed(headers) && !undecodable_gzip(headers, f.value.value)) {
            shape(s, location);
            flush();
            return;
        }
        std::string_view text = s.value;
        const std::string ct(content_type(headers));
        if (http::is_form_media(ct)) {
            params(s, text, 0, location, "form", "secret form field");
            shape(s, location, Encoding::Query);
            flush();
            return;
        }
        if (contains_ci(ct, "multipart/")) {
            multipart(s, ct, location);
            shape(s, location);
            flush();
            return;
        }
        size_t first = text.find_first_not_of(" \t\r\n");
        const bool json_like = http::is_json_media(ct) ||
                               (first != std::string_view::npos && (text[first] == '{' || text[first] == '['));
        if (!json_like) {
            const bool xml_like = contains_ci(ct, "xml") || contains_ci(ct, "soap") ||
                                  (first != std::string_view::npos && text[first] == '<');
            if (xml_like || contains_ci(ct, "html")) xml(s, location);
            if (!xml_like || text.find("&quot;") != std::string_view::npos) pairs(s, 0, text.size(), location, Encoding::Raw);
            if (!xml_like && (ct.empty() || contains_ci(ct, "text/plain") || contains_ci(ct, "shell") ||
                              contains_ci(ct, "x-sh") || contains_ci(ct, "dotenv")))
                assignments(s, location);
            shape(s, location);
            flush();
            return;
        }
        // Shape matches first, so that the JSON walk can tell their paths.
        std::vector<Detector::Impl::Match> found;
        d.shape_matches(text, found);
        std::sort(found.begin(), found.end(),
                  [](const Detector::Impl::Match& a, const Detector::Impl::Match& b) { return a.begin < b.begin; });
        std::vector<std::string> paths(found.size());
        size_t next = 0;
        std::string cached_key;
        NameClass cached_class = NameClass::None;
        bool cached_wrapper = false, cached_naming = false, cached_sibling = false, cached_keyname = false;
        bool have_cache = false;
        // Name/value siblings ({"name":"DD_API_KEY","value":"..."}), either
        // order: the names by object, the values waiting for one.
        struct Named {
            NameClass cls;
            std::string name;
        };
        std::unordered_map<size_t, Named> named;
        struct Pending {
            size_t object, begin, end;
            std::string path;
        };
        std::vector<Pending> pending;
        JsonScanner scanner;
        const bool is_json = scanner.scan(text, [&](const JsonString& str) {
            while (next < found.size() && found[next].begin < str.end) {
                if (found[next].begin >= str.begin) paths[next] = scanner.path();
                ++next;
            }
            if (str.is_key || str.key.empty()) return;
            if (!have_cache || str.key != cached_key) {
                cached_key.assign(str.key);
                cached_class = d.names.json_key(str.key);
                cached_wrapper = cached_class == NameClass::None && wrapper_key(str.key);
                cached_naming = cached_class == NameClass::None && naming_key(str.key);
                cached_sibling = cached_wrapper && sibling_value_key(str.key);
                cached_keyname = cached_naming && normalize_name(str.key) == "keyname";
                have_cache = true;
            }
            std::string_view raw = text.substr(str.begin, str.end - str.begin);
            NameClass cls = cached_class;
            std::string_view name = str.key;
            if (cls == NameClass::None) {
                // JSON serialised in this string: its "name":"value" pairs.
                if (raw.find("\\\":") != std::string_view::npos)
                    pairs(s, str.begin, str.end, location + scanner.path(), Encoding::Json);
                if (!cached_wrapper && !cached_naming) return;
                if (cached_naming) {
                    // "Name": "/prod/db/password" (SSM): the last segment names it.
                    std::string_view v = raw;
                    if (size_t slash = v.find_last_of('/'); slash != std::string_view::npos) v = v.substr(slash + 1);
                    NameClass c = cached_keyname ? NameClass::Strong : d.names.json_key(v);
                    if (c != NameClass::None && str.object) named[str.object] = Named{c, normalize_name(v)};
                    return;
                }
                // {"password": {"value": "..."}}: the key above names it.
                if (!str.parent_key.empty()) {
                    cls = d.names.json_key(str.parent_key);
                    name = str.parent_key;
                }
                if (cls == NameClass::None) {
                    if (cached_sibling && str.object)
                        pending.push_back(Pending{str.object, str.begin, str.end, scanner.path()});
                    return;
                }
            }
            std::string value = raw.find('\\') == std::string_view::npos ? std::string(raw) : json_unescape(raw);
            if (value.empty()) return;
            const Confidence conf = value_confidence(value, normalize_name(name), cls);
            add(s, "json-key", "secret JSON field", location + scanner.path(), str.begin, str.end, Encoding::Json,
                std::move(value), conf);
        });
        for (const Pending& p : pending) {
            auto it = named.find(p.object);
            if (it == named.end()) continue;
            std::string_view raw = text.substr(p.begin, p.end - p.begin);
            std::string value = raw.find('\\') == std::string_view::npos ? std::string(raw) : json_unescape(raw);
            if (value.empty()) continue;
            const Confidence conf = value_confidence(value, it->second.name, it->second.cls);
            add(s, "json-key", "secret JSON value of a named entry", location + p.path, p.begin, p.end, Encoding::Json,
                std::move(value), conf);
        }
        for (size_t i = 0; i < found.size(); ++i) {
            const CompiledPattern& p = d.patterns[found[i].row];
            std::string_view raw = text.substr(found[i].begin, found[i].end - found[i].begin);
            add(s, p.id, p.kind, paths[i].empty() ? location : location + paths[i], found[i].begin, found[i].end,
                is_json ? Encoding::Json : Encoding::Raw, std::string(raw));
        }
        if (!is_json) pairs(s, 0, text.size(), location, Encoding::Raw);
        flush();
    }
};

} // namespace

diag::Result<std::unique_ptr<Detector>> Detector::create(const DetectOptions& options) {
    std::vector<std::string> errors;
    std::unique_ptr<Detector> d(new Detector(options, &errors));
    if (errors.empty()) return d;
    diag::Diagnostics out;
    for (auto& e : errors) out.push_back(diag::error("", Mark{}, config::k_rule, std::move(e)));
    return out;
}

Detector::Detector(const DetectOptions& options, std::vector<std::string>* errors) : m_impl(std::make_unique<Impl>()) {
    Impl& d = *m_impl;
    d.options = options;
    for (const auto& n : options.headers) d.names.extra_headers.insert(normalize_name(n));
    for (const auto& n : options.query) d.names.extra_params.insert(normalize_name(n));
    for (const auto& n : options.form) d.names.extra_params.insert(normalize_name(n));
    for (const auto& n : options.json) d.names.extra_json.insert(normalize_name(n));
    for (const auto& id : options.disable) d.disabled.insert(id);
    for (const auto& v : options.allow) d.allow.insert(v);

    RE2::Options ro;
    ro.set_log_errors(false);
    auto fail = [&](const std::string& message) {
        if (errors) errors->push_back(message);
    };
    for (const auto& a : options.allow_patterns) {
        auto re = std::make_unique<RE2>(a, ro);
        if (!re->ok()) fail("allow pattern `" + a + "`: " + re->error());
        else d.allow_res.push_back(std::move(re));
    }
    // The placeholder's own outputs: literal text, {kind} any id, {n} digits.
    if (!options.placeholder.empty()) {
        std::string re;
        std::string_view t = options.placeholder;
        size_t pos = 0;
        while (pos < t.size()) {
            size_t k = t.find("{kind}", pos), n = t.find("{n}", pos);
            size_t next = std::min(k, n);
            re += regex_quote(t.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
            if (next == std::string_view::npos) break;
            if (next == k) {
                re += "[A-Za-z0-9:._ -]+";
                pos = k + 6;
            } else {
                re += "[0-9]+";
                pos = n + 3;
            }
        }
        d.placeholder_re = std::make_unique<RE2>(re, ro);
    }

    {
        // A quote: ", \" (JSON inside a JSON string), &quot; or &#34; (HTML-escaped), '.
        const std::string q = R"((?:\\?"|&quot;|&#34;|'))";
        d.pairs_re = std::make_unique<RE2>(q + R"(([A-Za-z_$@][A-Za-z0-9_.$@-]{0,63}))" + q + R"(\s*:\s*)" + q +
                                               R"(([^"'\\&<>\s]+))" + q,
                                           ro);
        d.assign_re = std::make_unique<RE2>(
            R"((?m)^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]{0,63})[ \t]*[=:][ \t]*["']?([^\s"'&]+))", ro);
        // (RE2 refuses counted repetitions over 1000: unbounded, checked here.)
        for (RE2* re : {d.pairs_re.get(), d.assign_re.get()})
            if (!re->ok()) fail("internal pattern: " + re->error());
        d.xml_re = std::make_unique<RE2>(
            R"(<(?:[A-Za-z_][A-Za-z0-9_.-]*:)?([A-Za-z_][A-Za-z0-9_.-]*)(?:\s[^<>]*)?>([^<]+)</)", ro);
        if (!d.xml_re->ok()) fail("internal pattern: " + d.xml_re->error());
    }

    RE2::Options po;
    po.set_log_errors(false);
    po.set_max_mem(int64_t(64) << 20);
    d.set = std::make_unique<RE2::Set>(po, RE2::UNANCHORED);
    auto add_pattern = [&](std::string id, std::string kind, std::string_view regex, const std::vector<Atom>& atoms) {
        auto re = std::make_unique<RE2>(re2::StringPiece(regex.data(), regex.size()), po);
        if (!re->ok()) {
            fail("pattern `" + id + "`: " + re->error());
            return;
        }
        CompiledPattern p;
        p.by_atoms = options.for_tests.by_atoms && !atoms.empty();
        if (!p.by_atoms) {
            std::string set_error;
            const int k = d.set->Add(re2::StringPiece(regex.data(), regex.size()), &set_error);
            if (k < 0) {
                fail("pattern `" + id + "`: " + set_error);
                return;
            }
            d.set_patterns.push_back(d.patterns.size());
        }
        for (const Atom& a : atoms)
            if (p.by_atoms) d.atom_index.add(AtomEntry{std::string(a.text), a.fold, a.back_min, a.back_max, d.patterns.size()});
        p.id = std::move(id);
        p.kind = std::move(kind);
        p.groups = re->NumberOfCapturingGroups();
        p.word_start = regex.substr(0, 2) == "\\b";
        p.re = std::move(re);
        d.patterns.push_back(std::move(p));
    };
    for (const auto& row : builtin_patterns())
        add_pattern(std::string(row.id), std::string(row.kind), row.regex, row.atoms);
    for (const auto& p : options.patterns) add_pattern("custom:" + p.id, "custom pattern " + p.id, p.regex, {});
    if (d.set_patterns.empty()) {
        d.set.reset();
    } else if (!d.set->Compile()) {
        fail("the detector patterns do not compile together (RE2 memory limit)");
        d.set.reset();
    }
}

std::vector<PatternMatch> pattern_matches(const Detector& d, std::string_view text) {
    std::vector<Detector::Impl::Match> found;
    d.impl().shape_matches(text, found);
    std::vector<PatternMatch> out;
    for (const auto& m : found) out.push_back(PatternMatch{d.impl().patterns[m.row].id, m.begin, m.end});
    return out;
}

Detector::~Detector() = default;

namespace {

// Token characters: [A-Za-z0-9-_./+=~] and any byte of a multi-byte
// character. A table, not isalnum: the echo pass asks for every byte.
constexpr std::array<bool, 256> kTokenChar = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[size_t(c)] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
                       c == '_' || c == '.' || c == '/' || c == '+' || c == '=' || c == '~' || c >= 0x80;
    return t;
}();
inline bool token_char(unsigned char ch) { return kTokenChar[ch]; }

// A secret found once is a secret everywhere: the same value echoed by a
// server under an innocent JSON key, quoted in an error message or sent again
// in another interaction is found here too (detector "echo"), so a
// redaction never leaves a copy behind. Only values of 12+ characters are
// looked for, at token boundaries, in one pass over each string. A token
// start's first 8 bytes pass a bit-set filter, then give the lengths of
// the secrets starting so, and each length one hash lookup of the whole
// value (secrets often share long prefixes: "sk-proj-", a JWT's header).
// What the echo pass looks for, built once from the findings (read-only
// afterwards, shared by the threads).
struct EchoIndex {
    static constexpr size_t kMin = 12;
    static constexpr unsigned kFilterBits = 20;
    static uint64_t load8(const char* p) {
        uint64_t v;
        std::memcpy(&v, p, 8);
        return v;
    }
    static size_t slot(uint64_t v) { return size_t((v * 0x9E3779B97F4A7C15ULL) >> (64 - kFilterBits)); }

    // First 8 bytes -> the distinct lengths of the secrets starting with
    // them, longest first; value -> the first secret with that value.
    std::unordered_map<uint64_t, std::vector<size_t>> lengths_by_prefix;
    std::unordered_map<std::string_view, const Secret*> by_value;
    std::vector<uint64_t> filter = std::vector<uint64_t>((size_t(1) << kFilterBits) / 64, 0);
    std::unordered_map<const Scalar*, std::vector<std::pair<size_t, size_t>>> covered;
    // Every value looked for is made of token bytes only: then none can
    // start at a token shorter than kMin, and such tokens (most words of a
    // text) need no lookup.
    bool tokens_only = true;

    // `found` in its final order: the first finding of a value names it.
    explicit EchoIndex(const std::vector<Secret>& found) {
        for (const Secret& s : found) {
            covered[s.scalar].emplace_back(s.begin, s.end);
            if (s.value.size() < kMin || !by_value.emplace(s.value, &s).second) continue;
            for (char ch : s.value) tokens_only = tokens_only && token_char((unsigned char)ch);
            const uint64_t prefix = load8(s.value.data());
            auto& lengths = lengths_by_prefix[prefix];
            if (std::find(lengths.begin(), lengths.end(), s.value.size()) == lengths.end()) {
                lengths.push_back(s.value.size());
                std::sort(lengths.rbegin(), lengths.rend());
            }
            const size_t k = slot(prefix);
            filter[k >> 6] |= uint64_t(1) << (k & 63);
            add_variant(http::query_escape(s.value), s, Encoding::Query);
            add_variant(json_escape(s.value), s, Encoding::Json);
            if (s.value.find('/') != std::string::npos) {
                std::string slashed;
                for (char ch : s.value) slashed += ch == '/' ? std::string("\\/") : std::string(1, ch);
                add_variant(std::move(slashed), s, Encoding::Json);
            }
        }
    }
    // The same secrets as another encoding writes them: percent-encoded
    // (a form body, a URL), JSON-escaped, "\/" for '/'. Looked for after a
    // delimiter, in strings holding a '%' or a '\\' only.
    struct Variant {
        std::string text;
        const Secret* secret;
        Encoding encoding;
    };
    std::vector<Variant> variants;
    std::unordered_map<uint64_t, std::vector<size_t>> variants_by_prefix;
    std::vector<uint64_t> variant_filter = std::vector<uint64_t>((size_t(1) << kFilterBits) / 64, 0);
    bool has_query_variants = false, has_json_variants = false;
    void add_variant(std::string text, const Secret& s, Encoding enc) {
        if (text == s.value || text.size() < 8) return;
        const uint64_t prefix = load8(text.data());
        auto& same = variants_by_prefix[prefix];
        for (size_t vi : same)
            if (variants[vi].text == text) return;
        same.push_back(variants.size());
        (enc == Encoding::Query ? has_query_variants : has_json_variants) = true;
        const size_t k = slot(prefix);
        variant_filter[k >> 6] |= uint64_t(1) << (k & 63);
        variants.push_back(Variant{std::move(text), &s, enc});
    }
    static constexpr std::array<bool, 256> kDelimiter = [] {
        std::array<bool, 256> t{};
        for (unsigned char c : std::string_view("=&?\"':/,; ([{\n\t>")) t[c] = true;
        return t;
    }();

    bool empty() const { return by_value.empty(); }

    // The echoes in the scalars of one part of the cassette.
    void scan(Cassette& c, bool root, size_t from, size_t to, std::vector<Secret>& echoes) const {
        for_each_scalar_in(c, root, from, to, [&](Scalar& s, const ScalarSite& site) {
            if (site.kind == ScalarKind::Key || site.kind == ScalarKind::Raw) return;
            std::string_view text = s.value;
            if (text.size() < kMin) return;
            const auto cov = covered.find(&s);
            MarkResume resume;
            QuotedResume quoted_resume;
            // The pages walked for a mark go back when this scalar is done.
            struct Release {
                const SourceText& src;
                const Scalar& s;
                const MarkResume& r;
                ~Release() {
                    if (r.scalar) release_pages(src, s.span);
                }
            } release{c.source, s, resume};
            const size_t n = text.size();
            std::vector<std::pair<size_t, size_t>> encoded; // echoes found as another encoding
            // The secret starting at token start i, if any: its end, else 0.
            auto at = [&](size_t i) -> size_t {
                const uint64_t prefix = load8(text.data() + i);
                const size_t k = slot(prefix);
                if (!(filter[k >> 6] >> (k & 63) & 1)) return 0;
                auto it = lengths_by_prefix.find(prefix);
                if (it == lengths_by_prefix.end()) return 0;
                for (size_t len : it->second) {
                    if (len > n - i) continue;
                    auto hit = by_value.find(text.substr(i, len));
                    if (hit == by_value.end()) continue;
                    const Secret* orig = hit->second;
                    // A longer token that starts with the secret still carries it: redacted too.
                    const size_t end = i + len;
                    bool inside = false;
                    if (cov != covered.end())
                        for (const auto& [b, e] : cov->second) inside = inside || (i < e && end > b);
                    for (const auto& [b, e] : encoded) inside = inside || (i < e && end > b);
                    if (inside) continue;
                    Secret x;
                    x.detector = "echo";
                    x.kind = orig->kind + " (repeated)";
                    x.interaction = site.interaction.value_or(0);
                    x.location = std::string(site.path);
                    x.scalar = &s;
                    x.begin = i;
                    x.end = end;
                    x.encoding = Encoding::Raw;
                    x.value = orig->value;
                    const bool one_line_plain = s.style == ScalarStyle::Plain && s.span.begin.line == s.span.end.line;
                    Mark quoted;
                    x.where = one_line_plain                  ? mark_at(s, i)
                              : quoted_line_mark(s, i, quoted, &quoted_resume) ? quoted
                              : c.source.stamp()               ? source_mark(c.source.view(), s, i, &resume, false)
                                                               : source_mark(c.source.view(), s, i, &resume);
                    x.masked = orig->masked;
                    x.confidence = orig->confidence;
                    x.matcher_sensitive = x.location.rfind("request.", 0) == 0;
                    echoes.push_back(std::move(x));
                    return end;
                }
                return 0;
            };
            // Percent-encoded forms only where a '%' is; JSON-escaped ones
            // only where "\\/" or "\\u00" is (a body full of \" alone does not
            // make a secret's escape: secrets hardly hold quotes).
            const bool pct = has_query_variants && std::memchr(text.data(), '%', n);
            const bool esc = has_json_variants && (text.find("\\/") != std::string_view::npos ||
                                                   text.find("\\u00") != std::string_view::npos);
            if (pct || esc) {
                const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
                for (size_t i = 0; i + 8 <= n; ++i) {
                    if (i > 0 && !kDelimiter[p[i - 1]]) continue;
                    const uint64_t prefix = load8(text.data() + i);
                    const size_t slot_k = slot(prefix);
                    if (!(variant_filter[slot_k >> 6] >> (slot_k & 63) & 1)) continue;
                    auto it = variants_by_prefix.find(prefix);
                    if (it == variants_by_prefix.end()) continue;
                    for (size_t vi : it->second) {
                        const Variant& v = variants[vi];
                        if ((v.encoding == Encoding::Query ? !pct : !esc)) continue;
                        if (v.text.size() > n - i || text.compare(i, v.text.size(), v.text) != 0) continue;
                        const size_t end = i + v.text.size();
                        bool inside = false;
                        if (cov != covered.end())
                            for (const auto& [b, e] : cov->second) inside = inside || (i < e && end > b);
                        if (inside) continue;
                        Secret x;
                        x.detector = "echo";
                        x.kind = v.secret->kind + " (repeated, encoded)";
                        x.interaction = site.interaction.value_or(0);
                        x.location = std::string(site.path);
                        x.scalar = &s;
                        x.begin = i;
                        x.end = end;
                        x.encoding = v.encoding;
                        x.value = v.secret->value;
                        const bool one_line_plain = s.style == ScalarStyle::Plain && s.span.begin.line == s.span.end.line;
                        Mark quoted;
                        x.where = one_line_plain                                  ? mark_at(s, i)
                                  : quoted_line_mark(s, i, quoted, &quoted_resume) ? quoted
                                  : c.source.stamp() ? source_mark(c.source.view(), s, i, &resume, false)
                                                     : source_mark(c.source.view(), s, i, &resume);
                        x.masked = v.secret->masked;
                        x.confidence = v.secret->confidence;
                        x.matcher_sensitive = x.location.rfind("request.", 0) == 0;
                        echoes.push_back(std::move(x));
                        encoded.emplace_back(i, end);
                        i = end - 1;
                        break;
                    }
                }
            }
            if (tokens_only) {
                // A secret made of token bytes starts a token at least kMin
                // long: count the token bytes in a row (no branch per byte)
                // and look up each token once, when it reaches kMin bytes.
                // (Its rest is then skipped, as below.)
                size_t run = 0;
                for (size_t i = 0; i < n; ++i) {
                    run = (run + 1) & (size_t(0) - size_t(kTokenChar[(unsigned char)text[i]]));
                    if (run == kMin) at(i + 1 - kMin);
                }
                return;
            }
            // Each token start (a token byte after a non-token byte) is looked
            // up once; the rest of its token is then skipped.
            for (size_t i = 0; i + kMin <= n;) {
                if (!token_char((unsigned char)text[i])) {
                    ++i;
                    continue;
                }
                const size_t end = at(i);
                i = end ? end : i + 1;
                while (i < n && token_char((unsigned char)text[i])) ++i;
            }
        });
    }
};

} // namespace

namespace {

// Interactions [from, to) by location and shape, into `out`.
void walk_interactions(const Detector::Impl& d, Cassette& c, size_t from, size_t to, std::vector<Secret>& out) {
    Walk w{d, out};
    w.source = &c.source;
    for (size_t i = from; i < to; ++i) {
        Interaction& in = c.interactions[i];
        w.interaction = i;
        Request& rq = in.request;
        Response& rs = in.response;
        w.url(rq.url, "request.url");
        w.request_uri(rq.request_uri, "request.request_uri");
        w.headers(rq.headers, "request.headers");
        w.headers(rq.trailer, "request.trailer");
        w.form_map(rq.form, "request.form");
        w.body(rq.body, rq.headers, "request.body");
        w.headers(rs.headers, "response.headers");
        w.headers(rs.trailer, "response.trailer");
        w.body(rs.body, rs.headers, "response.body");
    }
}

bool secret_order(const Secret& a, const Secret& b) {
    if (a.interaction != b.interaction) return a.interaction < b.interaction;
    if (a.scalar != b.scalar) return a.scalar->span.begin.offset < b.scalar->span.begin.offset;
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end < b.end;
    return a.detector < b.detector;
}

} // namespace

std::vector<Secret> Detector::detect(Cassette& c, const util::ThreadBudget& budget) const {
    // A big cassette is cut into parts (contiguous ranges of interactions of
    // about the same number of source bytes) searched on parallel threads;
    // each part has its own list. The lists are joined and sorted (a total
    // order), and the echo pass looks for what was found in the same parts,
    // so the result does not depend on the number of threads. The threads
    // only read the detector (RE2 matching is thread-safe) and the model.
    const size_t n = c.interactions.size();
    // The interactions' size in the source (a model built by hand, like
    // diff's copies of the interactions it shows, keeps the spans it was
    // read with).
    size_t total = 0;
    for (const auto& in : c.interactions) total += in.span.size() + 1;
    size_t threads = budget.split(std::max(c.source.size(), total), util::split_at::kDetectBytes);
    threads = std::max<size_t>(1, std::min(threads, n));
    std::vector<size_t> cut{0};
    if (threads > 1) {
        size_t acc = 0;
        for (size_t i = 0; i < n && cut.size() < threads; ++i) {
            acc += c.interactions[i].span.size() + 1;
            if (acc * threads >= total * cut.size() && i + 1 < n) cut.push_back(i + 1);
        }
    }
    cut.push_back(n);
    const size_t parts = cut.size() - 1;

    // Every other string (host, status, keys go-vcr does not know): by shape.
    static const std::unordered_set<std::string_view> handled = {
        "request.url",     "request.request_uri", "request.headers",  "request.trailer", "request.form",
        "request.body",    "response.headers",    "response.trailer", "response.body"};
    std::vector<std::vector<Secret>> found(parts);
    budget.run(parts, [&](size_t k) {
        walk_interactions(*m_impl, c, cut[k], cut[k + 1], found[k]);
        Walk w{*m_impl, found[k]};
        w.source = &c.source;
        for_each_scalar_in(c, k == 0, cut[k], cut[k + 1], [&](Scalar& s, const ScalarSite& site) {
            if (site.kind == ScalarKind::Key || site.kind == ScalarKind::Raw || handled.count(site.path)) return;
            w.interaction = site.interaction.value_or(0);
            w.shape(s, site.path);
            w.flush();
        });
    });
    std::vector<Secret> out;
    size_t count = 0;
    for (const auto& p : found) count += p.size();
    out.reserve(count);
    for (auto& p : found)
        for (auto& x : p) out.push_back(std::move(x));
    // The emptied lists go before the sort needs its buffer (a big file has
    // tens of thousands of secrets of ~250 bytes).
    std::vector<std::vector<Secret>>().swap(found);
    // Stable: a model built by hand (a HAR import) may give scalars no
    // spans; ties then keep the walk's order, which no cut changes.
    std::stable_sort(out.begin(), out.end(), secret_order);

    if (m_impl->enabled("echo") && !out.empty()) {
        const EchoIndex index(out);
        if (!index.empty()) {
            std::vector<std::vector<Secret>> echoes(parts);
            budget.run(parts, [&](size_t k) { index.scan(c, k == 0, cut[k], cut[k + 1], echoes[k]); });
            const size_t before = out.size();
            size_t more = 0;
            for (const auto& p : echoes) more += p.size();
            out.reserve(before + more);
            for (auto& p : echoes) {
                for (auto& x : p) out.push_back(std::move(x));
                std::vector<Secret>().swap(p);
            }
            std::stable_sort(out.begin() + std::ptrdiff_t(before), out.end(), secret_order);
            std::inplace_merge(out.begin(), out.begin() + std::ptrdiff_t(before), out.end(), secret_order);
        }
    }
    return out;
}

std::vector<Secret> detect(Cassette& c, const DetectOptions& options) {
    Detector d(options);
    return d.detect(c);
}

} // namespace cassette::redact
