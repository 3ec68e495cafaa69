#pragma once
// Run f(0) .. f(n-1) at the same time: f(0) on the calling thread, each other
// on a thread of its own. Returns when all are done; the first exception (by
// index) is rethrown then. The detector's parts, lint's secret rule beside
// the others and diff's two sides use it.
#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace cassette::util {

// Threads for work split over the cores: one per core, at most 8.
inline size_t core_threads() {
    return std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), 8);
}

template <class F> void run_parallel(size_t n, const F& f) {
    std::vector<std::exception_ptr> errors(n);
    std::vector<std::thread> pool;
    for (size_t k = 1; k < n; ++k)
        pool.emplace_back([&, k] {
            try {
                f(k);
            } catch (...) {
                errors[k] = std::current_exception();
            }
        });
    if (n > 0) {
        try {
            f(0);
        } catch (...) {
            errors[0] = std::current_exception();
        }
    }
    for (auto& th : pool) th.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

} // namespace cassette::util
