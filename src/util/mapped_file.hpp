#pragma once
// A big cassette read through a read-only mapping of its file instead of a
// copy in fresh memory: no bytes are copied, the kernel has no fresh pages
// to clear, and pages already read can be dropped from the process
// (release) while the model is built: they stay in the page cache and come
// back on the next access. On the 100 MiB benchmark file that keeps the
// file's 105 MB out of the peak memory of `lint` and `convert`.
//
// A file cut short by another process while it is mapped would fault on
// the lost pages; util/signals.hpp turns that into an error message and
// exit status 2. A file changed in place shows the change through the
// mapping: `stamp` (taken when mapped) lets a writer see that it changed.
#include <cstddef>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <sys/types.h>

namespace cassette::util {

// What a file was when it was read: another inode, size or time means
// another process replaced or wrote it since.
struct FileStamp {
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = -1;
    timespec mtime{}, ctime{};
    static std::optional<FileStamp> of(const std::string& path);
    bool operator==(const FileStamp& o) const;
};

class MappedFile {
public:
    // Maps the regular file open on `fd` (st: its fstat). nullptr when it
    // cannot be mapped (empty, not regular, mmap refused).
    static std::shared_ptr<const MappedFile> map(int fd, const struct stat& st, const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view view() const { return {m_data, m_size}; }
    const FileStamp& stamp() const { return m_stamp; }
    // Drop the pages of [begin, end) from this process's memory: from the
    // page holding `begin` (a caller done with `begin` is done with the
    // bytes before it) up to the one holding `end`, which is kept.
    void release(size_t begin, size_t end) const;

private:
    MappedFile() = default;
    const char* m_data = nullptr;
    size_t m_size = 0;
    int m_slot = -1;
    FileStamp m_stamp;
};

} // namespace cassette::util
