// -o targets that are not regular files: written directly (no temporary
// file, no rename), as `-o -` writes stdout.
#include "util/atomic_write.hpp"

#include "go_tools.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace cassette::util;

TEST_SUITE("util::atomic_write direct targets") {

TEST_CASE("which targets are written directly") {
    testing_support::TempDir dir("direct");
    CHECK(is_direct_target("/dev/null"));
    CHECK(is_direct_target("/dev/stdout"));
    CHECK(is_direct_target("/dev/stderr"));
    CHECK(is_direct_target("/dev/fd/1"));
    CHECK(is_direct_target("/proc/self/fd/2"));
    CHECK_FALSE(is_direct_target("/dev/fd/"));
    CHECK_FALSE(is_direct_target("/dev/fd/1x"));
    const std::string fifo = dir / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(is_direct_target(fifo));
    // A regular file (existing or not) and a directory are not.
    const std::string file = dir / "a.yaml";
    CHECK_FALSE(is_direct_target(file));
    REQUIRE(atomic_write(file, "x") == std::nullopt);
    CHECK_FALSE(is_direct_target(file));
    CHECK_FALSE(is_direct_target(dir.path));
}

TEST_CASE("/dev/null takes the text and stays a character device") {
    CHECK(atomic_write("/dev/null", "version: 2\n") == std::nullopt);
    struct stat st;
    REQUIRE(::stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("a FIFO gets the text through, in pieces, and stays a FIFO") {
    testing_support::TempDir dir("direct");
    const std::string fifo = dir / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string got;
    std::thread reader([&] {
        const int fd = ::open(fifo.c_str(), O_RDONLY);
        char buf[4096];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0) got.append(buf, size_t(n));
        ::close(fd);
    });
    const std::string big(200000, 'y');
    const auto err = atomic_write_stream(fifo, [&](const ChunkWriter& write) {
        write("first\n");
        write(big);
    });
    reader.join();
    CHECK(err == std::nullopt);
    CHECK(got == "first\n" + big);
    struct stat st;
    REQUIRE(::lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    CHECK(dir.names().size() == 1); // no temporary file left beside it
}

TEST_CASE("/dev/fd/N writes to descriptor N, which stays open") {
    testing_support::TempDir dir("direct");
    const std::string file = dir / "out.yaml";
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    const std::string name = "/dev/fd/" + std::to_string(fd);
    CHECK(atomic_write(name, "one\n") == std::nullopt);
    CHECK(atomic_write(name, "two\n") == std::nullopt); // appended at the descriptor's offset
    CHECK(::write(fd, "three\n", 6) == 6);
    ::close(fd);
    CHECK(testing_support::read_file(file) == "one\ntwo\nthree\n");
}

} // TEST_SUITE
