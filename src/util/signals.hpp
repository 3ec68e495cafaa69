#pragma once
// What a signal must not leave behind. A temporary file that an interrupted
// `fmt` or `redact` was writing is removed (SIGINT, SIGTERM, SIGHUP), and a
// cassette mapped into memory that another process cuts short while we read
// it (the kernel then raises SIGBUS on the missing pages) ends the run with a
// message and exit status 2 instead of a crash. Everything here is safe to
// call from any thread; the handlers only use async-signal-safe calls.
#include <cstddef>
#include <string>

namespace cassette::util {

// A temporary file to remove if the process is stopped by a signal. Returns
// a slot for forget_temporary (-1 when every slot is taken: the file is then
// only removed the normal way).
int remember_temporary(const std::string& path);
void forget_temporary(int slot);

// [begin, begin + size) maps the file `path`: a SIGBUS there reports it.
int remember_mapping(const void* begin, size_t size, const std::string& path);
void forget_mapping(int slot);

// The handlers are installed on first use of either; this installs them
// again now (for tests: a test framework puts in handlers of its own).
void install_signal_handlers();

} // namespace cassette::util
