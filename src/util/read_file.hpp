#pragma once
// Reading a whole file into memory, fast for big cassettes.
#include <optional>
#include <string>

namespace cassette::util {

// The bytes of the file at `path` into `out`. Returns nullopt, or the errno
// of the failure (EISDIR for a directory). Files of 8 MiB or more are read
// on two threads: the fresh buffer's pages are faulted in (zeroed by the
// kernel) and the bytes copied in two halves at the same time, which halves
// the ~100 ms a 100 MiB file costs on one thread. A file that grows or
// shrinks while it is read gives the bytes it had at the end. `max_threads`
// 1 keeps it on the calling thread (`lint -j1`); 0 decides.
std::optional<int> read_whole_file(const std::string& path, std::string& out, unsigned max_threads = 0);

} // namespace cassette::util
