#include "util/read_file.hpp"

#include "util/huge_pages.hpp"

#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 // Linux 5.14
#endif

namespace cassette::util {

namespace {

constexpr size_t kParallelBytes = size_t(8) << 20;

// Fault in the whole pages of [p, p + n) for writing. Failure (an older
// kernel) only means the pages are faulted in later, by the first write.
void populate(char* p, size_t n) {
    const uintptr_t page = uintptr_t(sysconf(_SC_PAGESIZE));
    const uintptr_t first = (reinterpret_cast<uintptr_t>(p) + page - 1) & ~(page - 1);
    const uintptr_t last = (reinterpret_cast<uintptr_t>(p) + n) & ~(page - 1);
    if (last > first) (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
}

// pread [begin, end) of fd into buf + begin. Returns the bytes read (fewer
// at end of file) or -errno.
ssize_t read_range(int fd, char* buf, size_t begin, size_t end) {
    size_t at = begin;
    while (at < end) {
        const ssize_t k = ::pread(fd, buf + at, end - at, off_t(at));
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) return -errno;
        if (k == 0) break;
        at += size_t(k);
    }
    return ssize_t(at - begin);
}

// Append everything read() still gives.
int read_rest(int fd, std::string& out) {
    char block[65536];
    for (;;) {
        const ssize_t k = ::read(fd, block, sizeof block);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) return errno;
        if (k == 0) return 0;
        out.append(block, size_t(k));
    }
}

} // namespace

std::optional<int> read_whole_file(const std::string& path, std::string& out, unsigned max_threads) {
    out.clear();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) return errno;
    if (S_ISDIR(st.st_mode)) return EISDIR;
    const size_t n = S_ISREG(st.st_mode) ? size_t(st.st_size) : 0;
    if (n < kParallelBytes || std::thread::hardware_concurrency() < 2 || max_threads == 1) {
        out.reserve(n + 1);
        if (int e = read_rest(fd, out)) return e;
        return std::nullopt;
    }
    out.reserve(n + 1);
    advise_huge_pages(out);
    const size_t half = n / 2;
    {
        std::thread other([&] { populate(out.data() + half, n - half); });
        populate(out.data(), half);
        other.join();
    }
    out.resize(n);
    ssize_t second = 0;
    std::thread other([&] { second = read_range(fd, out.data(), half, n); });
    const ssize_t first = read_range(fd, out.data(), 0, half);
    other.join();
    if (first < 0) return int(-first);
    if (second < 0) return int(-second);
    if (size_t(first) < half || size_t(second) < n - half) {
        // The file shrank while we read it: read it again from the start.
        out.clear();
        if (::lseek(fd, 0, SEEK_SET) < 0) return errno;
        if (int e = read_rest(fd, out)) return e;
        return std::nullopt;
    }
    // A file that grew while we read it: take the rest too.
    if (::lseek(fd, off_t(n), SEEK_SET) < 0) return errno;
    if (int e = read_rest(fd, out)) return e;
    return std::nullopt;
}

} // namespace cassette::util
