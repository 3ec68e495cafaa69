#include "util/line_diff.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <functional>
#include <vector>

namespace cassette::util {

namespace {

enum class Op { Equal, Delete, Insert };
struct Edit {
    Op op;
    size_t a, b; // line index in a (Equal/Delete) and in b (Equal/Insert)
};

// How far ahead a changed region is searched for the next common line. A
// region longer than this is reported as deleted and inserted as a whole.
constexpr size_t k_window = 2000;
// Lines that must agree after a candidate sync point (fewer at the end).
constexpr size_t k_confirm = 3;

struct Lines {
    std::vector<Line> lines;
    std::vector<size_t> hashes;
    explicit Lines(std::string_view s) : lines(split_lines(s)) {
        hashes.reserve(lines.size());
        for (const auto& l : lines) hashes.push_back(std::hash<std::string_view>{}(l.text) * 31 + l.ending.size());
    }
    size_t size() const { return lines.size(); }
};

bool same(const Lines& a, size_t i, const Lines& b, size_t j) {
    return a.hashes[i] == b.hashes[j] && a.lines[i].text == b.lines[j].text && a.lines[i].ending == b.lines[j].ending;
}

bool confirmed(const Lines& a, size_t i, const Lines& b, size_t j) {
    for (size_t k = 0; k < k_confirm; ++k) {
        if (i + k >= a.size() || j + k >= b.size()) return (i + k >= a.size()) == (j + k >= b.size()) || k > 0;
        if (!same(a, i + k, b, j + k)) return false;
    }
    return true;
}

std::vector<Edit> edits(const Lines& a, const Lines& b) {
    std::vector<Edit> out;
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && same(a, i, b, j)) {
            out.push_back({Op::Equal, i++, j++});
            continue;
        }
        // The nearest sync point (i+di, j+dj), by growing di+dj.
        size_t si = a.size(), sj = b.size();
        bool found = false;
        for (size_t d = 1; d <= 2 * k_window && !found; ++d) {
            for (size_t di = 0; di <= d; ++di) {
                size_t dj = d - di;
                if (di > k_window || dj > k_window) continue;
                if (i + di >= a.size() || j + dj >= b.size()) continue;
                if (same(a, i + di, b, j + dj) && confirmed(a, i + di, b, j + dj)) {
                    si = i + di;
                    sj = j + dj;
                    found = true;
                    break;
                }
            }
        }
        if (!found) {
            si = std::min(a.size(), i + k_window);
            sj = std::min(b.size(), j + k_window);
            if (si < a.size() || sj < b.size()) {
                // No sync inside the window: give up on this window only.
            }
        }
        for (; i < si; ++i) out.push_back({Op::Delete, i, j});
        for (; j < sj; ++j) out.push_back({Op::Insert, i, j});
    }
    return out;
}

void put_line(std::string& out, char sign, const Line& l) {
    out += sign;
    out.append(l.text);
    out += '\n';
    if (l.ending.empty()) out += "\\ No newline at end of file\n";
}

} // namespace

std::string unified_diff(std::string_view a_text, std::string_view b_text, std::string_view a_name,
                         std::string_view b_name, int context) {
    if (a_text == b_text) return {};
    Lines a(a_text), b(b_text);
    std::vector<Edit> e = edits(a, b);
    std::string out;
    out += "--- ";
    out.append(a_name);
    out += "\n+++ ";
    out.append(b_name);
    out += '\n';
    const size_t ctx = size_t(std::max(context, 0));
    size_t k = 0;
    while (k < e.size()) {
        if (e[k].op == Op::Equal) {
            ++k;
            continue;
        }
        // A hunk: from ctx lines before this change to ctx lines after the
        // last change that is at most 2*ctx equal lines from the previous.
        size_t start = k >= ctx ? k - ctx : 0;
        size_t end = k;
        size_t equal_run = 0;
        for (size_t m = k; m < e.size(); ++m) {
            if (e[m].op == Op::Equal) {
                if (++equal_run > 2 * ctx) break;
            } else {
                equal_run = 0;
                end = m;
            }
        }
        size_t stop = std::min(e.size(), end + 1 + ctx);
        size_t a_start = e[start].a, b_start = e[start].b, a_count = 0, b_count = 0;
        for (size_t m = start; m < stop; ++m) {
            if (e[m].op != Op::Insert) ++a_count;
            if (e[m].op != Op::Delete) ++b_count;
        }
        auto range = [](size_t first, size_t count) {
            // diff -u: a 1-based start; an empty range names the line before it.
            std::string r = std::to_string(count == 0 ? first : first + 1);
            if (count != 1) r += "," + std::to_string(count);
            return r;
        };
        out += "@@ -" + range(a_start, a_count) + " +" + range(b_start, b_count) + " @@\n";
        for (size_t m = start; m < stop; ++m) {
            if (e[m].op == Op::Equal) put_line(out, ' ', a.lines[e[m].a]);
            else if (e[m].op == Op::Delete) put_line(out, '-', a.lines[e[m].a]);
        else put_line(out, '+', b.lines[e[m].b]);
        }
        k = stop;
    }
    return out;
}

} // namespace cassette::util
