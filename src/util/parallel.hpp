#pragma once
// The one thread budget. A command makes one from `-j N` (every subcommand
// has `-j/--jobs`; cli::thread_budget) and passes it down to everything that
// works on threads: the reader's pieces, the secret search, lint's files and
// its secret rule beside the others, diff's two sides, its comparison and
// its masking, the write check's digests. With a budget of 1 (`-j1`, and the
// default of every library function) no thread is started anywhere.
//
// Every thread of the program is started here (ThreadGroup::start), which
// counts them (threads_started(): tests check that -j1 starts none). When a
// piece of work is worth splitting is said by the thresholds below, next to
// the budget, not by the passes.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace cassette::util {

// Work smaller than its threshold runs on the calling thread whatever the
// budget (starting a thread costs more than it saves there).
namespace split_at {
// yaml::read_cassette: a file of this many bytes or more is read in pieces.
inline constexpr size_t kReadBytes = size_t(1) << 20;
// redact::Detector::detect: a cassette whose interactions hold this many
// source bytes or more is searched in parts.
inline constexpr size_t kDetectBytes = size_t(1) << 20;
// lint: on a file this big the secret rule runs beside the other rules.
inline constexpr size_t kLintRulesBytes = size_t(1) << 20;
// diff::compare: pairs holding this many source bytes or more are compared in parts.
inline constexpr size_t kDiffBytes = size_t(1) << 20;
// diff::mask_secrets: a report of this many changes or more is masked in parts.
inline constexpr size_t kDiffMaskChanges = 4096;
// The write check (yaml::verify_written*): a cassette of this many
// interactions or more has their digests compared in parts.
inline constexpr size_t kDigestInteractions = 256;
} // namespace split_at

// One piece of work (a file, a report) is cut into at most this many parts
// whatever the budget: more parts cost more than they save.
inline constexpr unsigned kMaxSplit = 8;

// Threads started by ThreadGroup since the process began (tests).
inline std::atomic<size_t>& threads_started_counter() {
    static std::atomic<size_t> n{0};
    return n;
}
inline size_t threads_started() { return threads_started_counter().load(); }

// Threads started together and joined together (at the latest on
// destruction). The only place the program starts a thread.
class ThreadGroup {
public:
    ThreadGroup() = default;
    ThreadGroup(const ThreadGroup&) = delete;
    ThreadGroup& operator=(const ThreadGroup&) = delete;
    ~ThreadGroup() { join(); }
    template <class F> void start(F&& f) {
        threads_started_counter().fetch_add(1);
        m_threads.emplace_back(std::forward<F>(f));
    }
    void join() {
        for (auto& t : m_threads)
            if (t.joinable()) t.join();
        m_threads.clear();
    }

private:
    std::vector<std::thread> m_threads;
};

class ThreadBudget {
public:
    // 1: everything on the calling thread.
    ThreadBudget() = default;
    explicit ThreadBudget(unsigned n) : m_n(std::max(1u, n)) {}
    // The default of `-j`: one per core.
    static ThreadBudget cores() { return ThreadBudget(std::max(1u, std::thread::hardware_concurrency())); }
    // Tests only: every split() gives exactly n parts, whatever the size of
    // the work and kMaxSplit, so that tests compare a whole and a split run
    // on small inputs (docs/ARCHITECTURE.md, "Test hooks").
    static ThreadBudget always_split(unsigned n) {
        ThreadBudget b(n);
        b.m_always = true;
        return b;
    }

    unsigned size() const { return m_n; }
    bool single() const { return m_n <= 1; }

    // Into how many parts to cut work of `amount` (bytes, items) whose
    // threshold (split_at) is `at`: 1 below it, else the budget up to
    // kMaxSplit.
    size_t split(size_t amount, size_t at) const {
        if (m_always) return m_n;
        if (m_n <= 1 || amount < at) return 1;
        return std::min<size_t>(m_n, kMaxSplit);
    }

    // The budget of each of `ways` workers running at the same time.
    ThreadBudget share(size_t ways) const {
        ThreadBudget b(unsigned(m_n / std::max<size_t>(1, ways)));
        b.m_always = m_always;
        return b;
    }

    // Run f(0) .. f(n-1) and return when all are done; the first exception
    // (by index) is rethrown then. On more than one thread only when the
    // budget has more than one: f(0) on the calling thread, the others on at
    // most size() - 1 threads of their own.
    template <class F> void run(size_t n, const F& f) const {
        std::vector<std::exception_ptr> errors(n);
        auto one = [&](size_t k) {
            try {
                f(k);
            } catch (...) {
                errors[k] = std::current_exception();
            }
        };
        const size_t workers = std::min<size_t>(n, m_n);
        if (workers <= 1) {
            for (size_t k = 0; k < n; ++k) one(k);
        } else if (workers == n) {
            ThreadGroup group;
            for (size_t k = 1; k < n; ++k) group.start([&, k] { one(k); });
            one(0);
            group.join();
        } else {
            std::atomic<size_t> next{0};
            auto drain = [&] {
                for (size_t k = next++; k < n; k = next++) one(k);
            };
            ThreadGroup group;
            for (size_t t = 1; t < workers; ++t) group.start(drain);
            drain();
            group.join();
        }
        for (auto& e : errors)
            if (e) std::rethrow_exception(e);
    }

private:
    unsigned m_n = 1;
    bool m_always = false;
};

} // namespace cassette::util
