#include "diff/group.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <unordered_map>
#include <unordered_set>

namespace cassette::diff {

namespace {

bool is_body(const std::string& path) {
    return path.rfind("request.body", 0) == 0 || path.rfind("response.body", 0) == 0;
}

// All that makes two changes the same change (not where they were made),
// hashed: the keys stay in the report, no copy of the values.
size_t change_hash(const Change& c) {
    std::hash<std::string_view> h;
    size_t x = size_t(c.kind) + 0x9E3779B97F4A7C15ull * (h(c.path) + 1);
    x ^= (c.old_value ? h(*c.old_value) : 0x51ED27u) + 0x9E3779B97F4A7C15ull + (x << 6) + (x >> 2);
    x ^= (c.new_value ? h(*c.new_value) : 0x2545F491u) + 0x9E3779B97F4A7C15ull + (x << 6) + (x >> 2);
    return x;
}

bool same_change(const Change& a, const Change& b) {
    return a.kind == b.kind && a.path == b.path && a.old_value == b.old_value && a.new_value == b.new_value;
}

} // namespace

std::string index_ranges(const std::vector<size_t>& v) {
    std::string out;
    for (size_t k = 0; k < v.size();) {
        size_t e = k;
        while (e + 1 < v.size() && v[e + 1] == v[e] + 1) ++e;
        if (!out.empty()) out += ", ";
        out += "#" + std::to_string(v[k]);
        if (e > k) out += (e == k + 1 ? ", #" : "-#") + std::to_string(v[e]);
        k = e + 1;
    }
    return out;
}

std::string display_value(const Change& c, const std::string& value) {
    if (!c.list) return value;
    nlohmann::json v = nlohmann::json::parse(value, nullptr, false);
    if (v.is_array() && v.size() == 1 && v[0].is_string()) return v[0].get<std::string>();
    return value;
}

Grouped group_changes(const Report& r) {
    Grouped g;
    const auto& ch = r.changes;
    // Blocks: the items in order, a changed interaction's changes together.
    for (size_t i = 0; i < ch.size();) {
        const Change& c = ch[i];
        Item it;
        it.head = i;
        if (c.path == "version" && !c.old_index && !c.new_index) {
            it.kind = Item::Format;
            ++i;
        } else if (c.path.empty()) {
            it.kind = Item::Whole;
            ++i;
        } else {
            size_t k = i;
            for (; k < ch.size() && ch[k].old_index == c.old_index && ch[k].new_index == c.new_index && !ch[k].path.empty();
                 ++k)
                it.changes.push_back(k);
            i = k;
        }
        g.items.push_back(std::move(it));
    }

    // Common changes: the same non-body change in k_common_threshold or more interactions.
    struct Common {
        size_t rep;                // a change (index in ch)
        std::vector<size_t> items; // the items it was made in
    };
    std::vector<Common> commons;                          // in first-seen order
    std::unordered_multimap<size_t, size_t> common_index; // change hash -> index in commons
    std::vector<std::vector<std::pair<size_t, size_t>>> item_commons(g.items.size()); // (change, common)
    for (size_t n = 0; n < g.items.size(); ++n) {
        if (g.items[n].kind != Item::Changed) continue;
        for (size_t k : g.items[n].changes) {
            if (is_body(ch[k].path)) continue;
            const size_t hsh = change_hash(ch[k]);
            size_t found = commons.size();
            for (auto [it, end] = common_index.equal_range(hsh); it != end; ++it)
                if (same_change(ch[commons[it->second].rep], ch[k])) found = it->second;
            if (found == commons.size()) {
                commons.push_back({k, {}});
                common_index.emplace(hsh, found);
            }
            auto& items = commons[found].items;
            if (items.empty() || items.back() != n) items.push_back(n);
            item_commons[n].emplace_back(k, found);
        }
    }
    std::map<std::vector<size_t>, size_t> by_items; // item list -> index in g.common
    std::vector<bool> is_common(commons.size(), false);
    for (size_t m = 0; m < commons.size(); ++m) {
        const auto& items = commons[m].items;
        if (items.size() < k_common_threshold) continue;
        is_common[m] = true;
        auto [it, added] = by_items.try_emplace(items, g.common.size());
        if (added) {
            CommonChanges cc;
            for (size_t n : items) cc.interactions.push_back(*ch[g.items[n].head].new_index);
            g.common.push_back(std::move(cc));
        }
        g.common[it->second].changes.push_back(commons[m].rep);
    }
    for (size_t n = 0; n < g.items.size(); ++n) {
        if (item_commons[n].empty()) continue;
        std::vector<size_t> drop;
        for (auto [k, m] : item_commons[n])
            if (is_common[m]) drop.push_back(k);
        if (drop.empty()) continue;
        std::vector<size_t> kept;
        size_t d = 0;
        for (size_t k : g.items[n].changes) {
            if (d < drop.size() && drop[d] == k) ++d;
            else kept.push_back(k);
        }
        g.items[n].changes = std::move(kept);
    }

    // Repeats: the same remaining changes (and method) as an earlier interaction.
    std::unordered_multimap<size_t, size_t> first; // signature hash -> index in `out` of the first one
    std::vector<Item> out;
    auto same_changes = [&](const Item& x, const Item& y) {
        if (x.changes.size() != y.changes.size() || ch[x.changes.front()].method != ch[y.changes.front()].method)
            return false;
        for (size_t k = 0; k < x.changes.size(); ++k)
            if (!same_change(ch[x.changes[k]], ch[y.changes[k]])) return false;
        return true;
    };
    for (auto& it : g.items) {
        if (it.kind != Item::Changed) {
            out.push_back(std::move(it));
            continue;
        }
        if (it.changes.empty()) continue; // only common changes: listed with them
        const Change& head = ch[it.changes.front()];
        size_t sig = std::hash<std::string_view>()(head.method);
        for (size_t k : it.changes) sig = sig * 0x100000001B3ull ^ change_hash(ch[k]);
        size_t found = out.size();
        for (auto [f, end] = first.equal_range(sig); f != end; ++f)
            if (same_changes(out[f->second], it)) found = f->second;
        if (found == out.size()) {
            first.emplace(sig, out.size());
            out.push_back(std::move(it));
            continue;
        }
        const size_t same_as = *ch[out[found].changes.front()].new_index;
        if (!out.empty() && out.back().kind == Item::Repeat && out.back().same_as == same_as) {
            out.back().indexes.push_back(*head.new_index);
            continue;
        }
        Item rep;
        rep.kind = Item::Repeat;
        rep.head = it.changes.front();
        rep.indexes.push_back(*head.new_index);
        rep.same_as = same_as;
        rep.count = it.changes.size();
        out.push_back(std::move(rep));
    }
    g.items = std::move(out);
    return g;
}

} // namespace cassette::diff
