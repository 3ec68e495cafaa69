#include "diff/render.hpp"

#include "diff/group.hpp"
#include "util/strings.hpp"

namespace cassette::diff {

std::string summary_line(const Summary& s) {
    std::string line = std::to_string(s.changed) + " changed, " + std::to_string(s.added) + " added, " +
                       std::to_string(s.removed) + " removed, " + std::to_string(s.unchanged) + " unchanged";
    if (s.ignored)
        line += " (" + std::to_string(s.ignored) + (s.ignored == 1 ? " volatile difference" : " volatile differences") +
                " ignored; --all shows them)";
    return line;
}

std::string shown(const std::string& value) {
    if (value.size() <= k_max_shown_value) return value;
    size_t cut = k_max_shown_value;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut; // not inside a UTF-8 sequence
    return value.substr(0, cut) + "… (" + std::to_string(value.size() - cut) + " more bytes)";
}

namespace {

struct Painter {
    bool on;
    std::string operator()(const char* code, const std::string& s) const {
        return on ? "\x1b[" + std::string(code) + "m" + s + "\x1b[0m" : s;
    }
};

const char* k_red = "31";
const char* k_green = "32";
const char* k_yellow = "33";
const char* k_bold = "1";

std::string interaction_head(const Change& c) {
    // (appends, not "#" + to_string(...): GCC 12 warns falsely on that with -O2)
    std::string s = "#";
    s += std::to_string(c.kind == Change::Removed && c.path.empty() ? *c.old_index : c.new_index.value_or(0));
    s += ' ';
    s += c.method;
    s += ' ';
    s += c.url;
    if (c.path.empty()) s += c.kind == Change::Added ? " (added)" : " (removed)";
    else if (c.old_index && c.new_index && *c.old_index != *c.new_index) s += " (was #" + std::to_string(*c.old_index) + ")";
    return s;
}

// A value on one line; "" shows an empty one (`duration: ""` in v1 files).
std::string inline_value(const std::string& v) {
    return v.empty() ? "\"\"" : shown(v);
}

void value_lines(std::string& out, const Painter& paint, const std::string& indent, const char* mark, const char* colour,
                 const std::string& value) {
    const std::string v = shown(value);
    if (v.empty()) {
        out += paint(colour, indent + mark) + "\n";
        return;
    }
    for (const auto& l : util::split_lines(v)) out += paint(colour, indent + mark + " " + std::string(l.text)) + "\n";
}

} // namespace

namespace {

// The lines of one change under its interaction (or the common block).
void change_lines(std::string& out, const Painter& paint, const Change& raw) {
    Change c = raw;
    if (c.old_value) c.old_value = display_value(raw, *c.old_value);
    if (c.new_value) c.new_value = display_value(raw, *c.new_value);
    const bool multi = (c.old_value && c.old_value->find('\n') != std::string::npos) ||
                       (c.new_value && c.new_value->find('\n') != std::string::npos);
    if (c.kind == Change::Changed && !multi) {
        out += "  " + paint(k_yellow, "~") + " " + c.path + ": " + paint(k_red, inline_value(*c.old_value)) + " -> " +
               paint(k_green, inline_value(*c.new_value)) + "\n";
    } else if (!multi) {
        const bool added = c.kind == Change::Added;
        out += "  " + paint(added ? k_green : k_red, std::string(added ? "+ " : "- ") + c.path + ": " +
                                                        inline_value(added ? *c.new_value : *c.old_value)) +
               "\n";
    } else {
        const char* mark = c.kind == Change::Added ? "+" : c.kind == Change::Removed ? "-" : "~";
        const char* colour = c.kind == Change::Added ? k_green : c.kind == Change::Removed ? k_red : k_yellow;
        out += "  " + paint(colour, mark) + " " + c.path + "\n";
        if (c.old_value) value_lines(out, paint, "    ", "-", k_red, *c.old_value);
        if (c.new_value) value_lines(out, paint, "    ", "+", k_green, *c.new_value);
    }
}

} // namespace

std::string render_text(const Report& r, bool color) {
    const Painter paint{color};
    std::string out;
    if (r.has_differences()) {
        out += paint(k_bold, "--- " + r.old_name) + "\n";
        out += paint(k_bold, "+++ " + r.new_name) + "\n";
    }
    const Grouped g = group_changes(r);
    bool common_shown = false;
    auto common = [&] {
        if (common_shown) return;
        common_shown = true;
        for (const auto& cc : g.common) {
            const size_t n = cc.interactions.size();
            out += paint(k_yellow, "~ in " + std::to_string(n) + " interactions (" + index_ranges(cc.interactions) +
                                       "), the same " + (cc.changes.size() == 1 ? "change" : "changes") + ":") +
                   "\n";
            for (size_t k : cc.changes) change_lines(out, paint, r.changes[k]);
        }
    };
    for (const Item& it : g.items) {
        const Change& c = r.changes[it.head];
        if (it.kind == Item::Format) {
            out += paint(k_yellow, "format: version " + c.old_value.value_or("?") + " -> " + c.new_value.value_or("?")) +
                   "\n";
            continue;
        }
        common(); // after the format line, before the interactions
        if (it.kind == Item::Whole) {
            out += paint(c.kind == Change::Added ? k_green : k_red,
                         std::string(c.kind == Change::Added ? "+ " : "- ") + interaction_head(c)) +
                   "\n";
        } else if (it.kind == Item::Repeat) {
            std::string head = index_ranges(it.indexes) + " " + c.method + " " + c.url + ": same " +
                               std::to_string(it.count) + (it.count == 1 ? " change" : " changes") + " as #" +
                               std::to_string(it.same_as);
            out += paint(k_yellow, "~ " + head) + "\n";
        } else {
            out += paint(k_yellow, "~ " + interaction_head(c)) + "\n";
            for (size_t k : it.changes) change_lines(out, paint, r.changes[k]);
        }
    }
    common();
    for (const auto& n : r.notes) out += "note: " + n + "\n";
    out += summary_line(r.summary) + "\n";
    return out;
}

} // namespace cassette::diff
