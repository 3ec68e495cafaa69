#include "diff/group.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <unordered_map>

namespace cassette::diff {

namespace {

bool is_body(const std::string& path) {
    return path.rfind("request.body", 0) == 0 || path.rfind("response.body", 0) == 0;
}

// All that makes two changes the same change (not where they were made).
std::string change_key(const Change& c) {
    std::string k;
    k += char('0' + int(c.kind));
    k += c.path;
    k += '\0';
    if (c.old_value) k += *c.old_value;
    k += c.old_value ? '\1' : '\2';
    if (c.new_value) k += *c.new_value;
    k += c.new_value ? '\1' : '\2';
    return k;
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
    std::unordered_map<std::string, std::vector<size_t>> where; // key -> items
    std::vector<std::string> order;                             // keys in first-seen order
    for (size_t n = 0; n < g.items.size(); ++n) {
        if (g.items[n].kind != Item::Changed) continue;
        for (size_t k : g.items[n].changes) {
            if (is_body(ch[k].path)) continue;
            auto [it, added] = where.try_emplace(change_key(ch[k]));
            if (added) order.push_back(it->first);
            if (it->second.empty() || it->second.back() != n) it->second.push_back(n);
        }
    }
    std::map<std::vector<size_t>, size_t> by_items; // item list -> index in g.common
    std::unordered_map<std::string, bool> common_key;
    for (const auto& key : order) {
        const auto& items = where[key];
        if (items.size() < k_common_threshold) continue;
        common_key[key] = true;
        auto [it, added] = by_items.try_emplace(items, g.common.size());
        if (added) {
            CommonChanges cc;
            for (size_t n : items) cc.interactions.push_back(*ch[g.items[n].head].new_index);
            g.common.push_back(std::move(cc));
        }
        // the representative: its first occurrence
        for (size_t k : g.items[items.front()].changes)
            if (change_key(ch[k]) == key) {
                g.common[it->second].changes.push_back(k);
                break;
            }
    }
    if (!common_key.empty()) {
        for (auto& it : g.items) {
            if (it.kind != Item::Changed) continue;
            std::vector<size_t> kept;
            for (size_t k : it.changes)
                if (is_body(ch[k].path) || !common_key.count(change_key(ch[k]))) kept.push_back(k);
            it.changes = std::move(kept);
        }
    }

    // Repeats: the same remaining changes (and method) as an earlier interaction.
    std::unordered_map<std::string, size_t> first; // signature -> new index of the first one
    std::vector<Item> out;
    for (auto& it : g.items) {
        if (it.kind != Item::Changed) {
            out.push_back(std::move(it));
            continue;
        }
        if (it.changes.empty()) continue; // only common changes: listed with them
        const Change& head = ch[it.changes.front()];
        std::string sig = head.method + '\n';
        for (size_t k : it.changes) sig += change_key(ch[k]) + '\n';
        auto [f, added] = first.try_emplace(std::move(sig), *head.new_index);
        if (added) {
            out.push_back(std::move(it));
            continue;
        }
        if (!out.empty() && out.back().kind == Item::Repeat && out.back().same_as == f->second) {
            out.back().indexes.push_back(*head.new_index);
            continue;
        }
        Item rep;
        rep.kind = Item::Repeat;
        rep.head = it.changes.front();
        rep.indexes.push_back(*head.new_index);
        rep.same_as = f->second;
        rep.count = it.changes.size();
        out.push_back(std::move(rep));
    }
    g.items = std::move(out);
    return g;
}

} // namespace cassette::diff
