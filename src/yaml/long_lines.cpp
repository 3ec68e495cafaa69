#include "yaml/long_lines.hpp"

#include <cstring>

namespace cassette::yaml {

size_t LongLineInput::fill(char* out, size_t size) {
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
bool LongLineInput::take_out(size_t a, size_t eol) {
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

} // namespace cassette::yaml
