#pragma once
// Reading a whole file into memory (stdin, files under 8 MiB; bigger ones
// are mapped: util/mapped_file.hpp).
#include <optional>
#include <string>

namespace cassette::util {

// The bytes of the file at `path` into `out`. Returns nullopt, or the errno
// of the failure (EISDIR for a directory). A file that grows or shrinks
// while it is read gives the bytes it had at the end.
std::optional<int> read_whole_file(const std::string& path, std::string& out);

} // namespace cassette::util
