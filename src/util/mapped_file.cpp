#include "util/mapped_file.hpp"

#include "util/signals.hpp"

#include <algorithm>
#include <cstdint>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cassette::util {

namespace {

FileStamp stamp_of(const struct stat& st) {
#if defined(__APPLE__) // Darwin names the POSIX.1-2008 st_mtim/st_ctim st_mtimespec/st_ctimespec
    return FileStamp{st.st_dev, st.st_ino, st.st_size, st.st_mtimespec, st.st_ctimespec};
#else
    return FileStamp{st.st_dev, st.st_ino, st.st_size, st.st_mtim, st.st_ctim};
#endif
}

} // namespace

std::optional<FileStamp> FileStamp::of(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return stamp_of(st);
}

bool FileStamp::operator==(const FileStamp& o) const {
    return dev == o.dev && ino == o.ino && size == o.size && mtime.tv_sec == o.mtime.tv_sec &&
           mtime.tv_nsec == o.mtime.tv_nsec && ctime.tv_sec == o.ctime.tv_sec && ctime.tv_nsec == o.ctime.tv_nsec;
}

std::shared_ptr<const MappedFile> MappedFile::map(int fd, const struct stat& st, const std::string& path) {
    if (!S_ISREG(st.st_mode) || st.st_size <= 0) return nullptr;
    const size_t n = size_t(st.st_size);
    void* p = ::mmap(nullptr, n, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) return nullptr;
    std::shared_ptr<MappedFile> m(new MappedFile());
    m->m_data = static_cast<const char*>(p);
    m->m_size = n;
    m->m_stamp = stamp_of(st);
    m->m_slot = remember_mapping(p, n, path);
    return m;
}

MappedFile::~MappedFile() {
    forget_mapping(m_slot);
    ::munmap(const_cast<char*>(m_data), m_size);
}

void MappedFile::release(size_t begin, size_t end) const {
    static const uintptr_t page = uintptr_t(::sysconf(_SC_PAGESIZE));
    end = std::min(end, m_size);
    const uintptr_t base = reinterpret_cast<uintptr_t>(m_data);
    const uintptr_t first = (base + begin) & ~(page - 1);
    const uintptr_t last = (base + end) & ~(page - 1);
    if (begin < end && last > first) {
        // Linux drops the pages at once; POSIX's posix_madvise(POSIX_MADV_DONTNEED)
        // (macOS, the BSDs) is only a hint, and failure is harmless either way.
#if defined(__linux__) && defined(MADV_DONTNEED)
        (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
#else
        (void)::posix_madvise(reinterpret_cast<void*>(first), last - first, POSIX_MADV_DONTNEED);
#endif
    }
}

} // namespace cassette::util
