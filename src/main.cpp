// The executable: only this file touches the real streams and the process
// exit code; everything else runs in-process from cli::run.
#include "commands/common.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
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

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
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
