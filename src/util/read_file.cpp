#include "util/read_file.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cassette::util {

namespace {

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

std::optional<int> read_whole_file(const std::string& path, std::string& out) {
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
    out.reserve(S_ISREG(st.st_mode) ? size_t(st.st_size) + 1 : 0);
    if (int e = read_rest(fd, out)) return e;
    return std::nullopt;
}

} // namespace cassette::util
