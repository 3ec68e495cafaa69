#pragma once
// Longest common subsequence of two sequences of small integer ids (interned
// interaction keys, text lines, SSE events), by Myers' O((N+M)D) algorithm in
// linear space. Used to pair interactions so that one inserted in the middle
// is one addition, and for line diffs of text bodies.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cassette::diff {

// Matched positions (i in a, j in b), increasing in both. Elements equal
// only when their ids are equal. Ids that occur on one side only are dropped
// first (they can never match), which makes two unrelated inputs cost O(N+M).
// `budget` bounds the work (Myers steps); past it the rest of the alignment
// gives up matching (everything left is delete + insert), so pathological
// inputs stay fast at the price of a longer, still correct, edit script.
std::vector<std::pair<size_t, size_t>> lcs(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b,
                                           size_t budget = size_t{1} << 26);

// Gives equal strings equal ids (the views must outlive the interner).
class Interner {
public:
    uint32_t id(std::string_view s) {
        auto [it, added] = m_ids.try_emplace(s, uint32_t(m_ids.size()));
        return it->second;
    }

private:
    std::unordered_map<std::string_view, uint32_t> m_ids;
};

} // namespace cassette::diff
