#include "redact/source_mark.hpp"

#include "util/hex.hpp"

#include <algorithm>

namespace cassette::redact {

namespace {

// Walks source bytes from `m`, keeping line and column (in characters).
struct Cursor {
    std::string_view src;
    Mark m;
    bool done() const { return m.offset >= src.size(); }
    char at() const { return src[m.offset]; }
    void next() {
        const char c = src[m.offset++];
        if (c == '\n') {
            ++m.line;
            m.column = 1;
            return;
        }
        while (m.offset < src.size() && (((unsigned char)src[m.offset]) & 0xC0) == 0x80) ++m.offset;
        ++m.column;
    }
};

size_t utf8_len(uint32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

// A line break inside a flow scalar: the blanks around it are dropped, one
// break is a space, n breaks are n-1 newlines. Leaves the cursor on the
// next content byte and returns the decoded bytes it stands for.
size_t fold(Cursor& c) {
    size_t breaks = 0;
    while (!c.done() && (c.at() == ' ' || c.at() == '\t' || c.at() == '\r' || c.at() == '\n')) {
        if (c.at() == '\n') ++breaks;
        c.next();
    }
    return breaks <= 1 ? 1 : breaks - 1;
}

// Trailing blanks before a line break are not content.
bool blanks_then_break(const Cursor& c) {
    size_t i = c.m.offset;
    while (i < c.src.size() && (c.src[i] == ' ' || c.src[i] == '\t' || c.src[i] == '\r')) ++i;
    return i < c.src.size() && c.src[i] == '\n';
}

Mark flow_mark(std::string_view src, const Scalar& s, Mark start, size_t end, size_t at, char quote, MarkResume* resume) {
    Cursor c{src, start};
    size_t d = 0; // decoded bytes so far
    if (resume && resume->scalar == &s && resume->decoded <= at) {
        c.m = resume->cursor;
        d = resume->decoded;
    } else if (quote) {
        if (c.done() || c.at() != quote) return start;
        c.next();
    }
    auto done = [&] {
        if (resume) *resume = MarkResume{&s, c.m, d};
        return c.m;
    };
    while (!c.done() && c.m.offset < end) {
        if (d >= at) return done();
        const char ch = c.at();
        if (quote && ch == quote) {
            if (quote == '\'' && c.m.offset + 1 < src.size() && src[c.m.offset + 1] == '\'') {
                c.next();
                c.next();
                ++d;
                continue;
            }
            break;
        }
        if ((ch == ' ' || ch == '\t' || ch == '\r') && blanks_then_break(c)) {
            d += fold(c);
            continue;
        }
        if (ch == '\n') {
            d += fold(c);
            continue;
        }
        if (quote == '"' && ch == '\\' && c.m.offset + 1 < src.size()) {
            const char e = src[c.m.offset + 1];
            c.next();
            c.next();
            if (e == '\n' || e == '\r') { // an escaped line break: nothing, blanks of the next line dropped
                while (!c.done() && (c.at() == ' ' || c.at() == '\t' || c.at() == '\n' || c.at() == '\r')) c.next();
                continue;
            }
            size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
            if (digits) {
                uint32_t cp = 0;
                for (size_t k = 0; k < digits && !c.done(); ++k) {
                    const int v = util::hex_value(c.at());
                    if (v < 0) break;
                    cp = cp * 16 + uint32_t(v);
                    c.next();
                }
                d += utf8_len(cp);
            } else if (e == 'N' || e == '_') {
                d += 2;
            } else if (e == 'L' || e == 'P') {
                d += 3;
            } else {
                d += 1;
            }
            continue;
        }
        // One source character: its bytes are decoded as they are.
        const unsigned char b = (unsigned char)ch;
        const size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
        c.next();
        d += len;
    }
    return d >= at ? done() : start;
}

Mark literal_mark(std::string_view src, Mark start, const Scalar& s, size_t at, bool may_read) {
    // The header line ("|", "|-", "|+", "|2", after any tag), then the lines
    // of the block at their indentation.
    // The indentation, from where the block ends: its last line with
    // content ends at column indent + its length + 1 (no source byte is
    // read: a big file's released pages stay released); else from the
    // source's first content line.
    size_t indent = 0;
    bool known = false;
    {
        std::string_view v = s.value;
        while (!v.empty() && v.back() == '\n') v.remove_suffix(1);
        const size_t last_nl = v.rfind('\n');
        std::string_view last = last_nl == std::string_view::npos ? v : v.substr(last_nl + 1);
        uint32_t chars = 0;
        for (unsigned char c : last) chars += (c & 0xC0) != 0x80;
        const uint32_t lines = uint32_t(std::count(v.begin(), v.end(), '\n')) + 1;
        if (!last.empty() && s.span.end.line == start.line + lines && s.span.end.column > chars + 1) {
            indent = s.span.end.column - 1 - chars;
            known = true;
        }
    }
    // The header line's end: counted back from the block's end when the
    // indentation is known, else found in the source.
    size_t nl = 0;
    if (!known && !may_read) return s.span.begin;
    if (known) {
        size_t body = 0;
        std::string_view v = s.value;
        while (!v.empty() && v.back() == '\n') v.remove_suffix(1);
        for (size_t k = 0; k < v.size();) {
            const size_t e = std::min(v.find('\n', k), v.size());
            body += (e == k ? 0 : indent) + (e - k) + (e < v.size() ? 1 : 0);
            k = e + 1;
        }
        if (s.span.end.offset < body + 1) return s.span.begin;
        nl = s.span.end.offset - body - 1;
    } else {
        nl = src.find('\n', start.offset);
        if (nl == std::string_view::npos || nl >= s.span.end.offset) return s.span.begin;
    }
    Mark m{start.line + 1, 1, uint32_t(nl + 1)};
    if (!known) {
        size_t k = nl + 1;
        while (k < src.size()) {
            size_t sp = 0;
            while (k + sp < src.size() && src[k + sp] == ' ') ++sp;
            if (k + sp < src.size() && src[k + sp] != '\n' && src[k + sp] != '\r') {
                indent = sp;
                break;
            }
            const size_t next = src.find('\n', k);
            if (next == std::string_view::npos) break;
            k = next + 1;
        }
    }
    // Decoded line k is source line k of the block.
    size_t line_start = 0;
    uint32_t line = 0;
    for (size_t k = 0; k < at && k < s.value.size(); ++k)
        if (s.value[k] == '\n') {
            ++line;
            line_start = k + 1;
        }
    // Each line before it is the indentation plus its text plus a break
    // (counted from the value: the source after the first line is not read,
    // so a big file's released pages stay released).
    size_t off = nl + 1;
    {
        size_t k = 0;
        for (uint32_t l = 0; l < line; ++l) {
            const size_t e = s.value.find('\n', k);
            off += (e == k ? 0 : indent) + (e - k) + 1;
            k = e + 1;
        }
    }
    m.line += line;
    uint32_t chars = 0;
    for (size_t k = line_start; k < at && k < s.value.size(); ++k)
        if ((static_cast<unsigned char>(s.value[k]) & 0xC0) != 0x80) ++chars;
    m.column = uint32_t(indent) + 1 + chars;
    m.offset = uint32_t(off + indent + (at - line_start));
    return m;
}

// How go-yaml writes one character of a double-quoted scalar: the bytes
// and the characters it takes (\n, \x7f, \u2028, or the character).
struct Width {
    size_t bytes, chars;
};
Width dq_width(std::string_view v, size_t i, size_t& len) {
    const unsigned char c = (unsigned char)v[i];
    len = 1;
    if (c < 0x80) {
        if (c == '"' || c == '\\' || c == '\0' || c == '\a' || c == '\b' || c == '\t' || c == '\n' || c == '\v' ||
            c == '\f' || c == '\r' || c == 0x1b)
            return {2, 2};
        if (c < 0x20 || c == 0x7f) return {4, 4}; // \xXX
        return {1, 1};
    }
    len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + len > v.size()) len = 1;
    if (len == 2 && c == 0xC2 && (unsigned char)v[i + 1] == 0x85) return {2, 2};   // \N
    if (len == 3 && c == 0xE2 && (unsigned char)v[i + 1] == 0x80 &&
        ((unsigned char)v[i + 2] == 0xA8 || (unsigned char)v[i + 2] == 0xA9))
        return {2, 2}; // \L, \P
    if (len == 3 && c == 0xEF && (unsigned char)v[i + 1] == 0xBB && (unsigned char)v[i + 2] == 0xBF) return {6, 6};
    return {len, 1};
}

} // namespace

bool quoted_line_mark(const Scalar& s, size_t at, Mark& out, QuotedResume* resume) {
    if (s.binary || !s.tag.empty() || s.span.begin.line != s.span.end.line || at > s.value.size()) return false;
    const bool single = s.style == ScalarStyle::SingleQuoted;
    if (!single && s.style != ScalarStyle::DoubleQuoted) return false;
    // Source bytes and characters of value byte i (and how many bytes it is).
    auto width = [&](size_t i, size_t& len) -> Width {
        if (single) {
            len = 1;
            const bool cont = (static_cast<unsigned char>(s.value[i]) & 0xC0) == 0x80;
            if (s.value[i] == '\'') return {2, 2};
            return {1, cont ? 0u : 1u};
        }
        return dq_width(s.value, i, len);
    };
    QuotedResume local;
    QuotedResume& r = resume ? *resume : local;
    if (r.scalar != &s) {
        // Once per scalar: is the source exactly as long as this writing?
        size_t bytes = 0;
        for (size_t i = 0; i < s.value.size();) {
            size_t len = 1;
            bytes += width(i, len).bytes;
            i += len;
        }
        r = QuotedResume{&s, s.span.size() == bytes + 2, 0, 0, 0};
    }
    if (!r.ok) return false;
    if (at < r.i) r.i = r.bytes = r.chars = 0;
    while (r.i < at) {
        size_t len = 1;
        const Width w = width(r.i, len);
        r.bytes += w.bytes;
        r.chars += w.chars;
        r.i += len;
    }
    out = s.span.begin;
    out.column += uint32_t(1 + r.chars);
    out.offset += uint32_t(1 + r.bytes);
    return true;
}

Mark source_mark(std::string_view src, const Scalar& s, size_t at, MarkResume* resume, bool may_read) {
    if (s.binary || s.span.begin.line == 0 || s.span.end.offset > src.size() || s.span.begin.offset >= s.span.end.offset ||
        at > s.value.size())
        return s.span.begin;
    // A tag before the value: start after it.
    size_t b = s.span.begin.offset;
    Mark start = s.span.begin;
    if (!s.tag.empty() && (!may_read || src[b] == '!')) {
        if (!may_read) return s.span.begin;
        while (b < s.span.end.offset && src[b] != ' ' && src[b] != '\n') ++b;
        while (b < s.span.end.offset && src[b] == ' ') ++b;
        start.column += uint32_t(b - s.span.begin.offset);
        start.offset = uint32_t(b);
    }
    const size_t end = s.span.end.offset;
    if (!may_read && s.style != ScalarStyle::Literal) return s.span.begin;
    switch (s.style) {
    case ScalarStyle::Plain: return flow_mark(src, s, start, end, at, 0, resume);
    case ScalarStyle::SingleQuoted: return flow_mark(src, s, start, end, at, '\'', resume);
    case ScalarStyle::DoubleQuoted: return flow_mark(src, s, start, end, at, '"', resume);
    case ScalarStyle::Literal: return literal_mark(src, start, s, at, may_read);
    default: return s.span.begin;
    }
}

} // namespace cassette::redact
