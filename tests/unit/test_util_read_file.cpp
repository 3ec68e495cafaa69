#include "util/read_file.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <fstream>
#include <random>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using testing_support::TempDir;

namespace {


std::string random_bytes(size_t n, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::string s(n, '\0');
    for (char& c : s) c = char(rng());
    return s;
}

void write(const std::string& path, const std::string& data) {
    std::ofstream(path, std::ios::binary) << data;
}

} // namespace

TEST_CASE("read_whole_file: small and big files come back byte for byte") {
    TempDir dir;
    for (size_t n : {size_t(0), size_t(1), size_t(65537), (size_t(8) << 20) - 1, size_t(8) << 20,
                     (size_t(9) << 20) + 4097}) {
        CAPTURE(n);
        const std::string data = random_bytes(n, unsigned(n));
        const std::string path = dir.path + "/f" + std::to_string(n);
        write(path, data);
        std::string got = "left over";
        CHECK(cassette::util::read_whole_file(path, got) == std::nullopt);
        CHECK(got.size() == data.size());
        CHECK(got == data);
    }
}

TEST_CASE("read_whole_file: errors are errno values; a pipe is read to its end") {
    TempDir dir;
    std::string got;
    CHECK(cassette::util::read_whole_file(dir.path, got) == EISDIR);
    CHECK(cassette::util::read_whole_file(dir.path + "/missing", got) == ENOENT);

    const std::string fifo = dir.path + "/fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string data = random_bytes(200000, 7);
    std::thread writer([&] { write(fifo, data); });
    CHECK(cassette::util::read_whole_file(fifo, got) == std::nullopt);
    writer.join();
    CHECK(got == data);
}
