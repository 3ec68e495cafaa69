#include "diff/render.hpp"

#include "diff/group.hpp"
#include "util/strings.hpp"

#include <algorithm>

namespace cassette::diff {

namespace {

std::string html_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

// A code fence longer than any run of backticks in the content.
std::string fence_for(const std::string& content) {
    size_t longest = 0, run = 0;
    for (char c : content) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<size_t>(3, longest + 1), '`');
}

void prefixed(std::string& out, char mark, const std::string& value) {
    const std::string v = shown(value);
    if (v.empty()) out += std::string(1, mark) + "\n";
    for (const auto& l : util::split_lines(v)) out += std::string(1, mark) + " " + std::string(l.text) + "\n";
}

std::string change_block(const Change& f) {
    std::string body = "@@ " + f.path + " @@\n";
    if (f.old_value) prefixed(body, '-', display_value(f, *f.old_value));
    if (f.new_value) prefixed(body, '+', display_value(f, *f.new_value));
    return body;
}

std::string details(const std::string& summary, const std::string& body) {
    const std::string fence = fence_for(body);
    return "<details><summary>" + summary + "</summary>\n\n" + fence + "diff\n" + body + fence + "\n\n</details>\n\n";
}

// Cut to at most n bytes, not inside a UTF-8 sequence.
void cut_utf8(std::string& s, size_t n) {
    while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s.resize(n);
}

std::string plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

std::string render_markdown(const Report& r, size_t max_bytes) {
    const Summary& s = r.summary;
    const Grouped g = group_changes(r);
    // The summary first; it is always printed (in one line when even the
    // table does not fit the budget).
    std::string out = "### cassette diff `" + r.old_name + "` → `" + r.new_name + "`\n\n";
    out += "| changed | added | removed | unchanged |\n|---:|---:|---:|---:|\n";
    out += "| " + std::to_string(s.changed) + " | " + std::to_string(s.added) + " | " + std::to_string(s.removed) +
           " | " + std::to_string(s.unchanged) + " |\n\n";
    if (s.ignored)
        out += plural(s.ignored, "volatile difference", "volatile differences") +
               " ignored (dates, request ids, durations, ...).\n\n";
    for (const Item& it : g.items)
        if (it.kind == Item::Format)
            out += "**Format:** version " + r.changes[it.head].old_value.value_or("?") + " → " +
                   r.changes[it.head].new_value.value_or("?") + "\n\n";
    if (max_bytes && out.size() > max_bytes) {
        out = "**`" + r.new_name + "`**: " + summary_line(s) + "\n\n";
        if (out.size() > max_bytes) cut_utf8(out, max_bytes);
        return out;
    }

    // Then the sections, while they fit; the rest is counted.
    struct Section {
        std::string text;
        size_t interactions = 0; // how many interactions it tells about
        bool note = false;
        const Item* item = nullptr; // a changed interaction's, which can be shown in part
    };
    std::vector<Section> sections;
    for (const auto& n : r.notes) sections.push_back({"> note: " + n + "\n\n", 0, true});
    for (const auto& cc : g.common) {
        std::string body;
        for (size_t k : cc.changes) body += change_block(r.changes[k]);
        sections.push_back({details("the same " +
                                        (cc.changes.size() == 1 ? std::string("change")
                                                                : plural(cc.changes.size(), "change", "changes")) +
                                        " in " +
                                        plural(cc.interactions.size(), "interaction", "interactions") + " (" +
                                        html_escape(index_ranges(cc.interactions)) + ")",
                                    body),
                            0});
    }
    // Added and removed interactions: a list, one section per line.
    for (size_t n = 0; n < g.items.size(); ++n) {
        const Item& it = g.items[n];
        const Change& c = r.changes[it.head];
        if (it.kind == Item::Whole) {
            const bool added = c.kind == Change::Added;
            std::string line = std::string("- ") + (added ? "➕ added" : "➖ removed") + " #" +
                               std::to_string(added ? *c.new_index : *c.old_index) + " <code>" +
                               html_escape(c.method + " " + c.url) + "</code>\n";
            // A blank line ends the list before a <details> block.
            if (n + 1 == g.items.size() || g.items[n + 1].kind != Item::Whole) line += "\n";
            sections.push_back({std::move(line), 1});
        } else if (it.kind == Item::Repeat) {
            std::string line = "- <code>~ " + html_escape(index_ranges(it.indexes) + " " + c.method + " " + c.url) +
                               "</code>: same " + plural(it.count, "change", "changes") + " as #" +
                               std::to_string(it.same_as) + "\n";
            if (n + 1 == g.items.size() || g.items[n + 1].kind != Item::Repeat) line += "\n";
            sections.push_back({std::move(line), it.indexes.size()});
        } else if (it.kind == Item::Changed) {
            std::string head = "~ #" + std::to_string(*c.new_index) + " " + c.method + " " + c.url;
            if (*c.old_index != *c.new_index) head += " (was #" + std::to_string(*c.old_index) + ")";
            std::string body;
            for (size_t k : it.changes) body += change_block(r.changes[k]);
            sections.push_back({details("<code>" + html_escape(head) + "</code> (" +
                                            plural(it.changes.size(), "difference", "differences") + ")",
                                        body),
                                1, false, &it});
        }
    }

    // What is left out is said in one line, which the budget keeps room for.
    constexpr size_t reserve = 240;
    size_t k = 0;
    for (; k < sections.size(); ++k) {
        if (max_bytes && out.size() + sections[k].text.size() + (k + 1 < sections.size() ? reserve : 0) > max_bytes)
            break;
        out += sections[k].text;
    }
    if (k < sections.size() && sections[k].item) {
        // The first interaction that does not fit: its first differences.
        const Item& it = *sections[k].item;
        const Change& c = r.changes[it.head];
        std::string head = "~ #" + std::to_string(*c.new_index) + " " + c.method + " " + c.url;
        std::string body;
        size_t shown_changes = 0;
        for (size_t n : it.changes) {
            std::string block = change_block(r.changes[n]);
            if (out.size() + body.size() + block.size() + head.size() + 2 * reserve > max_bytes) break;
            body += block;
            ++shown_changes;
        }
        if (shown_changes) {
            out += details("<code>" + html_escape(head) + "</code> (" + std::to_string(shown_changes) + " of " +
                               plural(it.changes.size(), "difference", "differences") + " shown)",
                           body);
            ++k;
        }
    }
    if (k < sections.size()) {
        size_t interactions = 0, notes = 0, blocks = 0;
        for (size_t m = k; m < sections.size(); ++m) {
            interactions += sections[m].interactions;
            notes += sections[m].note;
            blocks += !sections[m].note && sections[m].interactions == 0;
        }
        std::string left;
        if (interactions) left += plural(interactions, "interaction", "interactions");
        if (blocks) left += (left.empty() ? "" : ", ") + plural(blocks, "block of common changes", "blocks of common changes");
        if (notes) left += (left.empty() ? "" : ", ") + plural(notes, "note", "notes");
        out += "_Cut to fit " + std::to_string(max_bytes) + " bytes (`--max-bytes`): " + left +
               " not shown. `cassette diff` prints them all._\n\n";
        if (out.size() > max_bytes) cut_utf8(out, max_bytes); // a budget too small for the line itself
    }
    return out;
}

} // namespace cassette::diff
