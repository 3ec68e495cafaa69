#include "redact/mask.hpp"

#include <algorithm>

namespace cassette::redact {

size_t mask_secrets(std::vector<Secret>& secrets, bool mark_dirty) {
    std::stable_sort(secrets.begin(), secrets.end(), [](const Secret& a, const Secret& b) {
        return a.scalar != b.scalar ? a.scalar < b.scalar : a.begin > b.begin;
    });
    size_t n = 0;
    size_t last_begin = std::string::npos;
    const Scalar* last_scalar = nullptr;
    for (const Secret& s : secrets) {
        if (!s.scalar || s.end > s.scalar->value.size() || s.begin > s.end) continue;
        // Overlapping ranges in one scalar: the later (rightmost) one already replaced its bytes.
        if (s.scalar == last_scalar && s.end > last_begin) continue;
        s.scalar->value.replace(s.begin, s.end - s.begin, s.masked);
        if (mark_dirty) s.scalar->dirty = true;
        last_scalar = s.scalar;
        last_begin = s.begin;
        ++n;
    }
    return n;
}

} // namespace cassette::redact
