#include "diff/render.hpp"

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

} // namespace

std::string render_markdown(const Report& r) {
    std::string out = "### cassette diff `" + r.old_name + "` → `" + r.new_name + "`\n\n";
    const Summary& s = r.summary;
    out += "| changed | added | removed | unchanged |\n|---:|---:|---:|---:|\n";
    out += "| " + std::to_string(s.changed) + " | " + std::to_string(s.added) + " | " + std::to_string(s.removed) +
           " | " + std::to_string(s.unchanged) + " |\n\n";
    if (s.ignored)
        out += std::to_string(s.ignored) + " volatile " + (s.ignored == 1 ? "difference" : "differences") +
               " ignored (dates, request ids, durations, ...).\n\n";
    size_t i = 0;
    while (i < r.changes.size()) {
        const Change& c = r.changes[i];
        if (c.path == "version" && !c.old_index && !c.new_index) {
            out += "**Format:** version " + c.old_value.value_or("?") + " → " + c.new_value.value_or("?") + "\n\n";
            ++i;
            continue;
        }
        if (c.path.empty()) {
            const bool added = c.kind == Change::Added;
            out += std::string("- ") + (added ? "➕ added" : "➖ removed") + " #" +
                   std::to_string(added ? *c.new_index : *c.old_index) + " <code>" + html_escape(c.method + " " + c.url) +
                   "</code>\n";
            ++i;
            // A blank line ends the list before a <details> block.
            if (i == r.changes.size() || !r.changes[i].path.empty()) out += "\n";
            continue;
        }
        std::string body;
        size_t k = i;
        for (; k < r.changes.size() && r.changes[k].old_index == c.old_index && r.changes[k].new_index == c.new_index &&
               !r.changes[k].path.empty();
             ++k) {
            const Change& f = r.changes[k];
            body += "@@ " + f.path + " @@\n";
            if (f.old_value) prefixed(body, '-', *f.old_value);
            if (f.new_value) prefixed(body, '+', *f.new_value);
        }
        std::string head = "~ #" + std::to_string(*c.new_index) + " " + c.method + " " + c.url;
        if (*c.old_index != *c.new_index) head += " (was #" + std::to_string(*c.old_index) + ")";
        const std::string fence = fence_for(body);
        out += "<details><summary><code>" + html_escape(head) + "</code> (" + std::to_string(k - i) +
               (k - i == 1 ? " difference" : " differences") + ")</summary>\n\n" + fence + "diff\n" + body + fence +
               "\n\n</details>\n\n";
        i = k;
    }
    for (const auto& n : r.notes) out += "> note: " + n + "\n";
    if (!r.notes.empty()) out += "\n";
    return out;
}

} // namespace cassette::diff
