#pragma once
// Replacing a cassette in place must never leave a half-written file: a crash
// or a full disk keeps the old version intact.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cassette::util {

// Writes `data` to `path` atomically: a temporary file in the same directory
// as the file `path` finally names (symlinks are followed, so a symlink stays
// a symlink and the file it points at is replaced), written in full, fsynced,
// given the mode of the file it replaces (0644 & ~umask for a new file), then
// renamed over it; the directory is then fsynced (best effort).
// Returns nullopt on success, otherwise a message ("<path>: <what>: <reason>");
// on failure the original file is unchanged and the temporary file removed.
// The owner is kept when we are allowed to (e.g. running as root); otherwise
// the new file belongs to us, as with any editor's atomic save.
std::optional<std::string> atomic_write(const std::string& path, std::string_view data);

// A target that is written directly, not replaced: /dev/stdout, /dev/stderr,
// /dev/fd/N, /proc/self/fd/N, and any existing file that is neither a
// regular file nor a directory (/dev/null, a FIFO, a terminal, a socket).
// There is nothing to rename over them; atomic_write and StagedFile write
// such a target as `-o -` writes stdout: no temporary file, no rename, no
// mode or owner set, no fsync.
bool is_direct_target(const std::string& path);

// The same for output produced in pieces (a large export that should not be
// held in memory whole): `produce` is called once and hands every piece to
// `write`, which returns false once writing failed (produce may stop then).
using ChunkWriter = std::function<bool(std::string_view)>;
std::optional<std::string> atomic_write_stream(const std::string& path,
                                               const std::function<void(const ChunkWriter& write)>& produce);

// atomic_write in its three steps, for a caller with other work to do while
// the disk is busy: write() makes and fills the temporary file (mode and
// owner set), flush() fsyncs and closes it (it may run on another thread
// while the caller goes on), commit() renames it over the target and
// fsyncs the directory. Each returns nullopt or a message as atomic_write
// does, and must only be called after the one before succeeded. A staged
// file that is not committed is removed when the object goes away.
class StagedFile {
public:
    StagedFile() = default;
    ~StagedFile();
    StagedFile(const StagedFile&) = delete;
    StagedFile& operator=(const StagedFile&) = delete;

    std::optional<std::string> write(const std::string& path,
                                     const std::function<void(const ChunkWriter& write)>& produce);
    std::optional<std::string> flush();
    std::optional<std::string> commit();
    // The temporary file's name after write(), until commit().
    const std::string& temp_path() const { return m_tmp; }

private:
    std::string m_path, m_target, m_dir, m_tmp; // m_tmp: empty when there is nothing to remove
    int m_fd = -1;
    int m_slot = -1;      // util::remember_temporary
    bool m_direct = false; // is_direct_target: written in place
};

} // namespace cassette::util
