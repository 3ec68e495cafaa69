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

// The same for output produced in pieces (a large export that should not be
// held in memory whole): `produce` is called once and hands every piece to
// `write`, which returns false once writing failed (produce may stop then).
using ChunkWriter = std::function<bool(std::string_view)>;
std::optional<std::string> atomic_write_stream(const std::string& path,
                                               const std::function<void(const ChunkWriter& write)>& produce);

} // namespace cassette::util
