#include "model/notes.hpp"

#include "model/schema.hpp"

#include <algorithm>

namespace cassette {

namespace {

uint32_t col0(const Mark& m) { return m.column > 0 ? m.column - 1 : 0; }

// The end of the line holding offset `x`, before its line break.
uint32_t line_end(std::string_view src, uint32_t x) {
    size_t e = src.find('\n', std::min<size_t>(x, src.size()));
    if (e == std::string_view::npos) e = src.size();
    if (e > x && src[e - 1] == '\r') --e;
    return uint32_t(e);
}

void escape_into(std::string& out, std::string_view name) {
    for (char ch : name) {
        if (ch == '~') out += "~0";
        else if (ch == '/') out += "~1";
        else out += ch;
    }
}

struct Walk {
    std::string_view src;
    std::vector<Anchor>& out;
    std::string path;

    // Enter `seg` (escaped) for the duration of `f`.
    template <class F>
    void in(std::string_view seg, F&& f, bool escape = true) {
        const size_t keep = path.size();
        path += '/';
        if (escape) escape_into(path, seg);
        else path += seg;
        f();
        path.resize(keep);
    }

    // The column of the "- " before an item starting at `m`, else its own.
    uint32_t dash_column(const Mark& m) const {
        size_t i = m.offset;
        uint32_t col = col0(m);
        while (i > 0 && col > 0) {
            --i;
            --col;
            if (src[i] == '-') return col;
            if (src[i] != ' ') break;
        }
        return col0(m);
    }

    bool flow_at(const Span& s) const {
        return s.begin.offset < src.size() && (src[s.begin.offset] == '{' || src[s.begin.offset] == '[');
    }
    uint32_t scalar_x(const Scalar& s, const Span& key) const {
        if (s.span.size() == 0 || s.span.end.offset < key.end.offset) return key.end.offset;
        if (s.style == ScalarStyle::Literal || s.style == ScalarStyle::Folded) return s.span.begin.offset;
        return s.span.end.offset;
    }
    void add(const Span& key, uint32_t x, bool item = false) {
        Anchor a;
        a.path = path;
        a.begin = key.begin.offset;
        a.column = item ? dash_column(key.begin) : col0(key.begin);
        a.trail = line_end(src, x);
        a.item = item;
        out.push_back(std::move(a));
    }

    void field(std::string_view name, const Field& f) {
        if (!f.present) return;
        in(name, [&] { add(f.key, scalar_x(f.value, f.key)); });
    }
    void item_scalar(size_t k, const Scalar& v) {
        in(std::to_string(k), [&] { add(v.span, scalar_x(v, v.span), true); }, false);
    }
    void headers(std::string_view name, const HeaderMap& m) {
        if (!m.present) return;
        in(name, [&] {
            add(Span{m.key.begin, m.key.end}, m.flow ? m.span.end.offset : m.key.end.offset);
            std::vector<std::string_view> seen;
            for (const auto& e : m.entries) {
                size_t dup = size_t(std::count(seen.begin(), seen.end(), std::string_view(e.name.value)));
                seen.push_back(e.name.value);
                std::string seg;
                escape_into(seg, e.name.value);
                if (dup) seg += "~2" + std::to_string(dup);
                in(seg, [&] {
                    add(e.name.span, e.values_flow ? e.values_span.end.offset : e.name.span.end.offset);
                    for (size_t k = 0; k < e.values.size(); ++k) item_scalar(k, e.values[k]);
                }, false);
            }
        });
    }
    void list(std::string_view name, const StringList& l) {
        if (!l.present) return;
        in(name, [&] {
            add(l.key, l.flow ? l.span.end.offset : l.key.end.offset);
            for (size_t k = 0; k < l.items.size(); ++k) item_scalar(k, l.items[k]);
        });
    }
    void node(const Node& n, const Span& key) {
        switch (n.kind) {
        case Node::Kind::Scalar: return;
        case Node::Kind::Mapping:
            for (const auto& e : n.entries) entry(e);
            return;
        case Node::Kind::Sequence:
            for (size_t k = 0; k < n.items.size(); ++k) {
                const Node& i = n.items[k];
                in(std::to_string(k), [&] {
                    add(i.span, i.kind == Node::Kind::Scalar ? scalar_x(i.scalar, i.span)
                                : i.flow                     ? i.span.end.offset
                                                             : i.span.begin.offset,
                        true);
                    node(i, i.span);
                }, false);
            }
            return;
        }
        (void)key;
    }
    void entry(const NodeEntry& e) {
        in(e.key.value, [&] {
            const Node& v = e.value;
            add(e.key.span, v.kind == Node::Kind::Scalar ? scalar_x(v.scalar, e.key.span)
                            : v.flow                     ? v.span.end.offset
                                                         : e.key.span.end.offset);
            node(v, e.key.span);
        });
    }
    void extras(const std::vector<NodeEntry>& list) {
        for (const auto& e : list) entry(e);
    }
    // A request or response: its key, then its fields in the schema's order.
    template <class S> void nested(std::string_view key, const S& r) {
        if (!r.present) return;
        in(key, [&] {
            add(r.key, flow_at(r.span) ? r.span.end.offset : r.key.end.offset);
            fields(r);
            extras(r.extra);
        });
    }
    // A struct's fields, in the schema's order.
    template <class S> void fields(const S& s) { schema::visit_keyed<S>(*this, s); }
};

bool blank(char ch) { return ch == ' ' || ch == '\t'; }

// The start of the line holding offset `at`.
size_t line_start(std::string_view src, size_t at) {
    if (at == 0) return 0;
    const size_t nl = src.rfind('\n', at - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
}

// The end of the header: the first line that is not blank, a comment or a
// directive.
size_t header_end(std::string_view src, size_t from) {
    size_t pos = from;
    while (pos < src.size()) {
        size_t e = src.find('\n', pos);
        const size_t next = e == std::string_view::npos ? src.size() : e + 1;
        size_t k = pos;
        while (k < next && blank(src[k])) ++k;
        const bool empty = k == next || src[k] == '\n' || src[k] == '\r';
        if (!empty && src[k] != '#' && !(k == pos && src[k] == '%')) return pos;
        pos = next;
    }
    return pos;
}

} // namespace

std::vector<Anchor> anchors_of(const Cassette& c) {
    std::vector<Anchor> out;
    Walk w{c.source.view(), out, {}};
    w.field("version", c.version);
    w.extras(c.extra);
    if (c.interactions_present) {
        w.in("interactions", [&] {
            w.add(c.interactions_key, c.interactions_flow ? c.interactions_span.end.offset : c.interactions_key.end.offset);
            for (size_t i = 0; i < c.interactions.size(); ++i) {
                const Interaction& in = c.interactions[i];
                w.in(std::to_string(i), [&] {
                    w.add(in.span, in.span.begin.offset, true);
                    w.fields(in);
                    w.extras(in.extra);
                }, false);
            }
        });
    }
    // Items before the first key of their mapping (same offset): the walk
    // visits them first.
    std::stable_sort(out.begin(), out.end(), [](const Anchor& a, const Anchor& b) { return a.begin < b.begin; });
    return out;
}

void attach_notes(Cassette& c, const std::vector<uint32_t>& hashes, bool anchors) {
    Notes& n = c.notes;
    const std::string_view src = c.source.view();
    const size_t bom = src.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    const size_t doc_end = std::min<size_t>(n.rest_offset, src.size());
    const size_t head = std::min(header_end(src, bom), doc_end);
    n.header.assign(src.substr(bom, head - bom));
    n.comments.clear();

    size_t done = 0;      // comments end here: a '#' before it is inside a comment
    size_t block_end = 0; // the line break after the last whole-line comment
    for (uint32_t h : hashes) {
        if (h < head || h >= doc_end || h < done) continue;
        const size_t ls = line_start(src, h);
        size_t le = src.find('\n', h);
        if (le == std::string_view::npos) le = src.size();
        done = le;
        size_t text_end = le > h && src[le - 1] == '\r' ? le - 1 : le;
        bool whole = true;
        for (size_t k = ls; k < h; ++k) whole = whole && blank(src[k]);
        Comment cm;
        cm.offset = uint32_t(h);
        if (whole) {
            // Joined to the block above when only blank lines lie between
            // (kept as empty lines).
            if (!n.comments.empty() && n.comments.back().kind == Comment::Kind::Before && block_end <= ls) {
                bool only_blank = true;
                size_t breaks = 0;
                for (size_t k = block_end; k < ls; ++k) {
                    only_blank = only_blank && (blank(src[k]) || src[k] == '\n' || src[k] == '\r');
                    breaks += src[k] == '\n';
                }
                if (only_blank) {
                    Comment& prev = n.comments.back();
                    prev.text.append(breaks, '\n');
                    prev.text.append(src.substr(ls, text_end - ls));
                    block_end = le;
                    continue;
                }
            }
            block_end = le;
            cm.kind = Comment::Kind::Before;
            cm.text.assign(src.substr(ls, text_end - ls));
            cm.offset = uint32_t(ls);
        } else {
            size_t g = h;
            while (g > ls && blank(src[g - 1])) --g;
            cm.kind = Comment::Kind::Trailing;
            cm.text.assign(src.substr(g, text_end - g));
            cm.offset = uint32_t(h);
        }
        n.comments.push_back(std::move(cm));
    }
    if (!anchors || n.comments.empty()) return;

    // Tie each to its node.
    const std::vector<Anchor> table = anchors_of(c);
    for (Comment& cm : n.comments) {
        if (cm.kind == Comment::Kind::Trailing) {
            // The outermost node that starts on the comment's line (`key:
            // {a: [1]} # c` is about `key`); on a line of only "- " (the
            // item's first key is on the next line), the item after it; on
            // the last line of a value over several lines, the last node
            // that started before it.
            const size_t ls = line_start(src, cm.offset);
            auto after = std::lower_bound(table.begin(), table.end(), cm.offset,
                                          [](const Anchor& a, uint32_t at) { return a.begin < at; });
            auto first_on_line = std::lower_bound(table.begin(), after, uint32_t(ls),
                                                  [](const Anchor& a, uint32_t at) { return a.begin < at; });
            if (first_on_line != after) {
                cm.anchor = first_on_line->path;
                continue;
            }
            size_t dashes = 0, other = 0;
            for (size_t k = ls; k < cm.offset; ++k) {
                dashes += src[k] == '-';
                other += !blank(src[k]) && src[k] != '-';
            }
            if (dashes == 1 && other == 0 && after != table.end()) {
                cm.anchor = after->path;
                continue;
            }
            if (after != table.begin()) {
                cm.anchor = std::prev(after)->path;
                continue;
            }
            // Nothing before it on its line (`--- # note`): above the first node.
            size_t k = 0;
            while (k < cm.text.size() && blank(cm.text[k])) ++k;
            cm.text.erase(0, k);
            cm.kind = Comment::Kind::Before;
        }
        // Before: the first node after its last line.
        size_t lines = size_t(std::count(cm.text.begin(), cm.text.end(), '\n'));
        size_t end = cm.offset;
        for (size_t l = 0; l <= lines; ++l) {
            size_t e = src.find('\n', end);
            end = e == std::string_view::npos ? src.size() : e + 1;
        }
        auto it = std::lower_bound(table.begin(), table.end(), uint32_t(end),
                                   [](const Anchor& a, uint32_t at) { return a.begin < at; });
        if (it == table.end()) {
            cm.kind = Comment::Kind::End;
            continue;
        }
        // Above "- key": the item; above "key": the key (the last anchor at
        // that offset).
        bool dash = false;
        for (size_t k = end; k < it->begin; ++k) dash = dash || src[k] == '-';
        auto pick = it;
        if (!dash)
            while (std::next(pick) != table.end() && std::next(pick)->begin == it->begin) ++pick;
        cm.anchor = pick->path;
        // Aligned: every comment line starts at the node's column.
        bool aligned = true;
        size_t p = 0;
        while (p <= cm.text.size()) {
            size_t e = cm.text.find('\n', p);
            if (e == std::string::npos) e = cm.text.size();
            std::string_view line(cm.text.data() + p, e - p);
            size_t k = 0;
            while (k < line.size() && line[k] == ' ') ++k;
            if (k < line.size() && k != pick->column) aligned = false;
            p = e + 1;
        }
        cm.aligned = aligned;
    }
}

std::vector<std::string> comment_lines(const Notes& n) {
    std::vector<std::string> out;
    for (const Comment& cm : n.comments) {
        size_t p = 0;
        while (p <= cm.text.size()) {
            size_t e = cm.text.find('\n', p);
            if (e == std::string::npos) e = cm.text.size();
            std::string_view line(cm.text.data() + p, e - p);
            while (!line.empty() && blank(line.front())) line.remove_prefix(1);
            while (!line.empty() && (blank(line.back()) || line.back() == '\r')) line.remove_suffix(1);
            if (!line.empty()) out.emplace_back(line);
            p = e + 1;
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace cassette
