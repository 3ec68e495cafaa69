#include "diff/align.hpp"

#include <algorithm>

namespace cassette::diff {

namespace {

using Pairs = std::vector<std::pair<size_t, size_t>>;

struct Aligner {
    const uint32_t* a;
    const uint32_t* b;
    size_t budget;
    Pairs out; // matches, in order

    // LCS of a[a0, a1) and b[b0, b1), appended to `out` in order.
    void run(size_t a0, size_t a1, size_t b0, size_t b1) {
        // Common prefix and suffix are matches whatever the rest is.
        while (a0 < a1 && b0 < b1 && a[a0] == b[b0]) out.emplace_back(a0++, b0++);
        size_t suffix = 0;
        while (a0 < a1 - suffix && b0 < b1 - suffix && a[a1 - 1 - suffix] == b[b1 - 1 - suffix]) ++suffix;
        a1 -= suffix;
        b1 -= suffix;
        if (a0 < a1 && b0 < b1) {
            size_t x = 0, y = 0;
            if (split(a0, a1, b0, b1, x, y)) {
                run(a0, x, b0, y);
                run(x, a1, y, b1);
            }
            // else: no common element found within the budget
        }
        for (size_t k = 0; k < suffix; ++k) out.emplace_back(a1 + k, b1 + k);
    }

    // Myers' middle snake (the forward and the reverse search meet): a point
    // (x, y) on an optimal path, strictly inside the problem, so both halves
    // are smaller. False when the budget ran out.
    bool split(size_t a0, size_t a1, size_t b0, size_t b1, size_t& sx, size_t& sy) {
        const long n = long(a1 - a0), m = long(b1 - b0);
        const long max_d = (n + m + 1) / 2;
        const long off = max_d;
        const size_t len = size_t(2 * max_d + 2);
        std::vector<long> v1(len, -1), v2(len, -1);
        v1[size_t(off + 1)] = 0;
        v2[size_t(off + 1)] = 0;
        const long delta = n - m;
        const bool front = (delta % 2) != 0; // the forward pass detects the overlap
        long k1start = 0, k1end = 0, k2start = 0, k2end = 0;
        const uint32_t* A = a + a0;
        const uint32_t* B = b + b0;
        for (long d = 0; d < max_d; ++d) {
            if (budget < size_t(2 * d + 2)) return false;
            budget -= size_t(2 * d + 2);
            for (long k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
                const long k1o = off + k1;
                long x1 = (k1 == -d || (k1 != d && v1[size_t(k1o - 1)] < v1[size_t(k1o + 1)])) ? v1[size_t(k1o + 1)]
                                                                                               : v1[size_t(k1o - 1)] + 1;
                long y1 = x1 - k1;
                while (x1 < n && y1 < m && A[x1] == B[y1]) ++x1, ++y1;
                v1[size_t(k1o)] = x1;
                if (x1 > n) {
                    k1end += 2;
                } else if (y1 > m) {
                    k1start += 2;
                } else if (front) {
                    const long k2o = off + delta - k1;
                    if (k2o >= 0 && k2o < long(len) && v2[size_t(k2o)] != -1 && x1 >= n - v2[size_t(k2o)]) {
                        sx = a0 + size_t(x1);
                        sy = b0 + size_t(y1);
                        return true;
                    }
                }
            }
            for (long k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
                const long k2o = off + k2;
                long x2 = (k2 == -d || (k2 != d && v2[size_t(k2o - 1)] < v2[size_t(k2o + 1)])) ? v2[size_t(k2o + 1)]
                                                                                               : v2[size_t(k2o - 1)] + 1;
                long y2 = x2 - k2;
                while (x2 < n && y2 < m && A[n - x2 - 1] == B[m - y2 - 1]) ++x2, ++y2;
                v2[size_t(k2o)] = x2;
                if (x2 > n) {
                    k2end += 2;
                } else if (y2 > m) {
                    k2start += 2;
                } else if (!front) {
                    const long k1o = off + delta - k2;
                    if (k1o >= 0 && k1o < long(len) && v1[size_t(k1o)] != -1) {
                        const long x1 = v1[size_t(k1o)];
                        const long y1 = off + x1 - k1o;
                        if (x1 >= n - x2) {
                            sx = a0 + size_t(x1);
                            sy = b0 + size_t(y1);
                            return true;
                        }
                    }
                }
            }
        }
        return false; // nothing in common
    }
};

} // namespace

std::vector<std::pair<size_t, size_t>> lcs(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b,
                                           size_t budget) {
    // Keep only ids present on both sides, remembering original positions.
    uint32_t max_id = 0;
    for (uint32_t x : a) max_id = std::max(max_id, x);
    for (uint32_t x : b) max_id = std::max(max_id, x);
    std::vector<uint8_t> seen(size_t(max_id) + 1, 0);
    for (uint32_t x : a) seen[x] |= 1;
    for (uint32_t x : b) seen[x] |= 2;
    std::vector<uint32_t> fa, fb;
    std::vector<size_t> ia, ib;
    for (size_t i = 0; i < a.size(); ++i)
        if (seen[a[i]] == 3) fa.push_back(a[i]), ia.push_back(i);
    for (size_t j = 0; j < b.size(); ++j)
        if (seen[b[j]] == 3) fb.push_back(b[j]), ib.push_back(j);

    Aligner al{fa.data(), fb.data(), budget, {}};
    al.run(0, fa.size(), 0, fb.size());
    for (auto& [i, j] : al.out) {
        i = ia[i];
        j = ib[j];
    }
    return std::move(al.out);
}

} // namespace cassette::diff
