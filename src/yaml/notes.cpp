#include "yaml/notes.hpp"

#include "model/notes.hpp"
#include "model/walk.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <algorithm>
#include <unordered_map>

namespace cassette::yaml {

namespace {

bool documents_changed(const Cassette& c) {
    bool dirty = false;
    std::function<void(const Node&)> walk = [&](const Node& n) {
        if (dirty) return;
        if (n.kind == Node::Kind::Scalar) dirty = n.scalar.dirty;
        for (const auto& i : n.items) walk(i);
        for (const auto& e : n.entries) {
            dirty = dirty || e.key.dirty;
            walk(e.value);
        }
    };
    for (const auto& d : c.notes.documents) walk(d);
    return dirty;
}

// The comment's lines, each ending with a line break; re-indented to
// `column` when it sat at its node's column, else as found but never deeper
// than `most` (right after a block scalar a deeper line would be its text).
std::string lines_of(const Comment& cm, int column, int most = -1) {
    std::string out;
    size_t p = 0;
    while (p <= cm.text.size()) {
        size_t e = cm.text.find('\n', p);
        if (e == std::string::npos) e = cm.text.size();
        std::string_view line(cm.text.data() + p, e - p);
        size_t lead = 0;
        while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t')) ++lead;
        if (column < 0 && most >= 0 && lead > size_t(most)) column = most;
        if (column >= 0) {
            line.remove_prefix(lead);
            if (!line.empty()) out.append(size_t(column), ' ');
        }
        out += line;
        out += '\n';
        p = e + 1;
    }
    return out;
}

// Line breaks as the canonical writer writes them ("\n"): a CRLF file's
// header and later documents follow its document (no value changes: YAML
// reads a CRLF line break as "\n").
std::string lf(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t k = 0; k < text.size(); ++k)
        if (!(text[k] == '\r' && k + 1 < text.size() && text[k + 1] == '\n')) out += text[k];
    return out;
}

std::string unindented(const Comment& cm) {
    std::string_view t = cm.text;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    return std::string(t) + "\n";
}

} // namespace

std::string rest_text(const Cassette& c) {
    const Notes& n = c.notes;
    if (n.rest.empty() || !documents_changed(c) ||
        std::string_view(c.source).substr(std::min<size_t>(n.rest_offset, c.source.size())) != n.rest)
        return n.rest;
    std::string out;
    write_in_place_from(c, n.rest_offset, [&](std::string_view piece) {
        out += piece;
        return true;
    });
    return out;
}

std::string with_notes(std::string canonical, const Cassette& c) {
    const Notes& n = c.notes;
    if (n.empty()) return canonical;
    std::string doc;
    if (n.comments.empty()) {
        doc = std::move(canonical);
    } else {
        ReadResult r = read_cassette(canonical, c.path); // (one thread)
        std::vector<Anchor> table;
        std::vector<uint32_t> block_ends; // where a block scalar's text ends (the next line's start)
        if (r.cassette) {
            table = anchors_of(*r.cassette);
            for_each_scalar(*r.cassette, [&](Scalar& s, const ScalarSite&) {
                if (s.style == ScalarStyle::Literal || s.style == ScalarStyle::Folded) block_ends.push_back(s.span.end.offset);
            });
            std::sort(block_ends.begin(), block_ends.end());
        }
        auto after_block = [&](size_t at) { return std::binary_search(block_ends.begin(), block_ends.end(), uint32_t(at)); };
        std::unordered_map<std::string_view, const Anchor*> by_path;
        for (const Anchor& a : table) by_path.emplace(a.path, &a);
        struct Insert {
            size_t at;
            std::string text;
        };
        std::vector<Insert> inserts;
        std::vector<uint32_t> trails; // line ends that have a trailing comment
        std::string end;
        for (const Comment& cm : n.comments) {
            auto it = cm.anchor.empty() ? by_path.end() : by_path.find(cm.anchor);
            if (cm.kind == Comment::Kind::End || it == by_path.end()) {
                end += cm.kind == Comment::Kind::Trailing ? unindented(cm)
                                                           : lines_of(cm, -1, after_block(canonical.size()) ? 0 : -1);
                continue;
            }
            const Anchor& a = *it->second;
            if (cm.kind == Comment::Kind::Trailing && std::find(trails.begin(), trails.end(), a.trail) == trails.end()) {
                trails.push_back(a.trail);
                inserts.push_back(Insert{a.trail, cm.text});
            } else if (cm.kind == Comment::Kind::Trailing) {
                // A second one for the same line (two lines that became
                // one): on its own line above the node.
                size_t ls = canonical.rfind('\n', a.begin == 0 ? 0 : a.begin - 1);
                ls = (a.begin == 0 || ls == std::string::npos) ? 0 : ls + 1;
                inserts.push_back(Insert{ls, std::string(a.column, ' ') + unindented(cm)});
            } else {
                size_t ls = canonical.rfind('\n', a.begin == 0 ? 0 : a.begin - 1);
                ls = (a.begin == 0 || ls == std::string::npos) ? 0 : ls + 1;
                inserts.push_back(
                    Insert{ls, lines_of(cm, cm.aligned ? int(a.column) : -1, after_block(ls) ? int(a.column) : -1)});
            }
        }
        std::stable_sort(inserts.begin(), inserts.end(), [](const Insert& x, const Insert& y) { return x.at < y.at; });
        doc.reserve(canonical.size() + end.size() + inserts.size() * 32);
        size_t pos = 0;
        for (const Insert& i : inserts) {
            doc.append(canonical, pos, i.at - pos);
            doc += i.text;
            pos = i.at;
        }
        doc.append(canonical, pos, std::string::npos);
        doc += end;
    }
    return lf(n.header) + doc + lf(rest_text(c));
}

std::optional<std::string> notes_difference(const Cassette& expected, const Cassette& written) {
    // (Compared with "\n" line breaks: a canonical write turns CRLF into LF.)
    if (lf(expected.notes.header) != lf(written.notes.header))
        return std::string("the lines before the document would change");
    if (lf(rest_text(expected)) != lf(written.notes.rest))
        return std::string("the text after the first document (later YAML documents) would change");
    if (comment_lines(expected.notes) != comment_lines(written.notes)) return std::string("a comment would be lost");
    return std::nullopt;
}

} // namespace cassette::yaml
