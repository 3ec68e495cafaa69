// The executable: only this file touches the real streams and the process
// exit code; everything else runs in-process from cli::run.
#include "commands/common.hpp"
#include "util/huge_pages.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <optional>
#include <iostream>
#include <streambuf>
#include <string>
#include <unistd.h>

namespace {

// stderr written a line at a time. std::cerr is unbuffered: every `<<` is a
// write(2) of its own, and `redact` reporting 13,000 secrets made 260,000
// system calls. A line is still written as soon as it ends (and a progress
// line when it is flushed), so the order against stdout stays as before.
class LineBufferedFd : public std::streambuf {
public:
    explicit LineBufferedFd(int fd) : m_fd(fd) {}
    ~LineBufferedFd() override { drain(); }

protected:
    int overflow(int ch) override {
        if (ch == traits_type::eof()) return 0;
        m_buf += char(ch);
        if (ch == '\n') drain();
        return ch;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        m_buf.append(s, size_t(n));
        if (m_buf.find('\n', m_buf.size() - size_t(n)) != std::string::npos) drain();
        return n;
    }
    int sync() override {
        drain();
        return 0;
    }

private:
    void drain() {
        size_t at = 0;
        while (at < m_buf.size()) {
            ssize_t k = ::write(m_fd, m_buf.data() + at, m_buf.size() - at);
            if (k < 0 && errno == EINTR) continue;
            if (k <= 0) break; // stderr gone: nothing better to do with it
            at += size_t(k);
        }
        m_buf.clear();
    }
    int m_fd;
    std::string m_buf;
};

// A run over a big file starts again with glibc's malloc asking for
// transparent huge pages (see util/huge_pages.hpp); anything that stands in
// the way (the setting already made, no huge pages, no /proc) and the run
// goes on as it is. Before anything is read: stdin is passed on untouched.
void restart_for_big_files(char** argv, const std::vector<std::string>& args) {
    if constexpr (!cassette::util::kRestartInThisBuild) return;
    const char* current = std::getenv("GLIBC_TUNABLES");
    const std::optional<std::string> tunables = cassette::util::tunables_with_huge_pages(current);
    if (!tunables) return;
    // Under valgrind the new process would run outside it.
    if (const char* preload = std::getenv("LD_PRELOAD"); preload && std::strstr(preload, "vgpreload")) return;
    if (cassette::util::named_file_bytes(args) < cassette::util::kHugePagesRestartBytes) return;
    if (!cassette::util::transparent_huge_pages_available()) return;
    const std::optional<std::string> before = current ? std::optional<std::string>(current) : std::nullopt;
    if (::setenv("GLIBC_TUNABLES", tunables->c_str(), 1) != 0) return;
    for (const std::string& a : args)
        if (a == "-v" || a == "--verbose") {
            const std::string note = "cassette: big input: restarting with GLIBC_TUNABLES=" + *tunables + "\n";
            [[maybe_unused]] const ssize_t ignored = ::write(2, note.data(), note.size());
            break;
        }
    ::execv("/proc/self/exe", argv);
    // Not restarted (no /proc): go on as we are, and keep the setting from
    // processes we start.
    if (before) ::setenv("GLIBC_TUNABLES", before->c_str(), 1);
    else ::unsetenv("GLIBC_TUNABLES");
}

// The model is many small allocations that live until the end, and the
// reader's scalars pass through buffers of up to a body's size. glibc grows
// its heap 128 KiB at a time and gives every block of 128 KiB or more its own
// mapping, unmapped when freed: each growth and each big block is memory
// the kernel must find and clear again (on a virtual machine the costly
// part of reading a big file), and small growths leave too little room for
// huge pages. Growing by 64 MiB (only what is touched is used) and keeping
// blocks under 32 MiB on the heap, where freed ones are reused, took ~20%
// off lint on the 100 MiB benchmark file (bench/README.md).
void tune_malloc() {
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    restart_for_big_files(argv, args);
    tune_malloc();
    std::ios::sync_with_stdio(false);
    const bool no_color = std::getenv("NO_COLOR") != nullptr && *std::getenv("NO_COLOR") != '\0';
    LineBufferedFd err_buf(2);
    std::ostream err(&err_buf);
    err.tie(&std::cout); // as std::cerr: pending stdout first, so the two keep program order
    cassette::cli::Io io{std::cin, std::cout, err, !no_color && isatty(1) == 1, !no_color && isatty(2) == 1,
                         isatty(2) == 1};
    int code = cassette::cli::run(args, io);
    err.flush();
    std::cout.flush();
    return code;
}
