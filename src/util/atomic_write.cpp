#include "util/atomic_write.hpp"

#include "util/signals.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace cassette::util {

namespace {

std::string dir_of(const std::string& p) {
    const size_t slash = p.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return p.substr(0, slash);
}

std::string base_of(const std::string& p) {
    const size_t slash = p.rfind('/');
    return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string fail(const std::string& path, const char* what, int err) {
    return path + ": " + what + ": " + std::strerror(err);
}

// The process umask without changing it (umask(2) can only be read by
// setting it, which would race with other threads creating files).
mode_t current_umask() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("Umask:", 0) == 0) return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
    }
    const mode_t old = ::umask(022);
    ::umask(old);
    return old;
}

// Follows symlinks to the path of the file to replace, which may not exist
// yet (a dangling symlink names a file to be created).
std::optional<std::string> resolve(const std::string& path, std::string& resolved) {
    std::string p = path;
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st;
        if (::lstat(p.c_str(), &st) != 0) {
            if (errno == ENOENT) break;
            return fail(p, "cannot inspect", errno);
        }
        if (!S_ISLNK(st.st_mode)) break;
        std::vector<char> buf(static_cast<size_t>(st.st_size > 0 ? st.st_size : 255) + 1);
        const ssize_t n = ::readlink(p.c_str(), buf.data(), buf.size());
        if (n < 0) return fail(p, "cannot read symlink", errno);
        std::string target(buf.data(), static_cast<size_t>(n));
        p = target.front() == '/' ? target : dir_of(p) + "/" + target;
        if (hops == 39) return fail(path, "cannot resolve", ELOOP);
    }
    resolved = p;
    return std::nullopt;
}

bool write_all(int fd, std::string_view data) {
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t w = ::write(fd, data.data() + done, data.size() - done);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += static_cast<size_t>(w);
    }
    return true;
}

// The descriptor a /dev/stdout-like name stands for, or -1.
int named_descriptor(const std::string& path) {
    if (path == "/dev/stdout") return 1;
    if (path == "/dev/stderr") return 2;
    std::string_view rest;
    if (path.rfind("/dev/fd/", 0) == 0) rest = std::string_view(path).substr(8);
    else if (path.rfind("/proc/self/fd/", 0) == 0) rest = std::string_view(path).substr(14);
    else return -1;
    if (rest.empty() || rest.size() > 9) return -1;
    int fd = 0;
    for (char ch : rest) {
        if (ch < '0' || ch > '9') return -1;
        fd = fd * 10 + (ch - '0');
    }
    return fd;
}

} // namespace

bool is_direct_target(const std::string& path) {
    if (named_descriptor(path) >= 0) return true;
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

std::optional<std::string> atomic_write(const std::string& path, std::string_view data) {
    return atomic_write_stream(path, [&](const ChunkWriter& write) { write(data); });
}

std::optional<std::string> atomic_write_stream(const std::string& path,
                                               const std::function<void(const ChunkWriter& write)>& produce) {
    StagedFile staged;
    if (auto err = staged.write(path, produce)) return err;
    if (auto err = staged.flush()) return err;
    return staged.commit();
}

StagedFile::~StagedFile() {
    forget_temporary(m_slot);
    if (m_fd >= 0) ::close(m_fd);
    if (!m_tmp.empty()) ::unlink(m_tmp.c_str());
}

std::optional<std::string> StagedFile::write(const std::string& path,
                                             const std::function<void(const ChunkWriter& write)>& produce) {
    m_path = path;
    if (is_direct_target(path)) {
        // Written as stdout is: a descriptor we were given is duplicated
        // (a pipe or socket behind /dev/stdout cannot always be reopened),
        // anything else opened for writing as it is.
        m_direct = true;
        const int given = named_descriptor(path);
        m_fd = given >= 0 ? ::fcntl(given, F_DUPFD_CLOEXEC, 3) : ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (m_fd < 0) return fail(path, "cannot open for writing", errno);
        bool ok = true;
        int err = 0;
        produce([&](std::string_view piece) {
            if (ok && !write_all(m_fd, piece)) {
                ok = false;
                err = errno;
            }
            return ok;
        });
        if (!ok) return fail(path, "cannot write", err);
        return std::nullopt;
    }
    if (auto err = resolve(path, m_target)) return err;

    mode_t mode = 0644 & ~current_umask();
    struct stat st;
    const bool exists = ::stat(m_target.c_str(), &st) == 0;
    if (exists) {
        if (!S_ISREG(st.st_mode)) return path + ": not a regular file";
        mode = st.st_mode & 07777;
    }

    // Same directory as the target, so that rename(2) is atomic (same file system).
    m_dir = dir_of(m_target);
    std::string tmp = m_dir + "/." + base_of(m_target) + ".tmp-XXXXXX";
    m_fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (m_fd < 0) return fail(path, ("cannot create a temporary file in " + m_dir).c_str(), errno);
    m_tmp = std::move(tmp);
    m_slot = remember_temporary(m_tmp); // removed if a signal stops us

    bool written = true;
    int write_errno = 0;
    produce([&](std::string_view piece) {
        if (written && !write_all(m_fd, piece)) {
            written = false;
            write_errno = errno; // the producer may run more code before we report
        }
        return written;
    });
    if (!written) return fail(path, "cannot write", write_errno);
    if (exists && (st.st_uid != ::geteuid() || st.st_gid != ::getegid())) {
        // Best effort: only privileged users may give a file away. Before
        // fchmod, because chown clears set-user-ID bits.
        [[maybe_unused]] const int ignored = ::fchown(m_fd, st.st_uid, st.st_gid);
    }
    if (::fchmod(m_fd, mode) != 0) return fail(path, "cannot set the file mode", errno);
    return std::nullopt;
}

std::optional<std::string> StagedFile::flush() {
    if (m_direct) {
        const int fd = m_fd;
        m_fd = -1;
        if (fd >= 0 && ::close(fd) != 0 && errno != EINTR) return fail(m_path, "cannot write", errno);
        return std::nullopt;
    }
    if (::fsync(m_fd) != 0) return fail(m_path, "cannot flush to disk", errno);
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) return fail(m_path, "cannot write", errno);
    return std::nullopt;
}

std::optional<std::string> StagedFile::commit() {
    if (m_direct) return std::nullopt; // written in place already
    // Forgotten first: once renamed, the name is the target's.
    forget_temporary(m_slot);
    m_slot = -1;
    if (::rename(m_tmp.c_str(), m_target.c_str()) != 0) return fail(m_path, "cannot replace", errno);
    m_tmp.clear();
    // Make the rename itself durable. Some file systems refuse fsync on a
    // directory; the data is already in place, so this is not an error.
    const int dfd = ::open(m_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return std::nullopt;
}

} // namespace cassette::util
