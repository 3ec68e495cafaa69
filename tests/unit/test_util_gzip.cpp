#include "util/gzip.hpp"

#include <doctest/doctest.h>

#include <zlib.h>

#include <string>

using namespace cassette::util;

namespace {

// One gzip member of `chunks` copies of `piece` (streamed, so a big bomb is
// cheap to build).
std::string gzip_member(const std::string& piece, size_t chunks = 1) {
    z_stream zs{};
    REQUIRE(deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out;
    char buf[65536];
    for (size_t i = 0; i < chunks; ++i) {
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.data()));
        zs.avail_in = static_cast<uInt>(piece.size());
        const int flush = i + 1 == chunks ? Z_FINISH : Z_NO_FLUSH;
        int rc;
        do {
            zs.next_out = reinterpret_cast<Bytef*>(buf);
            zs.avail_out = sizeof buf;
            rc = deflate(&zs, flush);
            out.append(buf, sizeof buf - zs.avail_out);
        } while (zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    }
    deflateEnd(&zs);
    return out;
}

} // namespace

TEST_SUITE("util::gzip") {

TEST_CASE("looks_gzip checks magic and method") {
    CHECK(looks_gzip(gzip_member("x")));
    CHECK_FALSE(looks_gzip(""));
    CHECK_FALSE(looks_gzip("\x1f\x8b"));
    CHECK_FALSE(looks_gzip("{\"a\":1}"));
    CHECK_FALSE(looks_gzip("\x1f\x8b\x07"));
}

TEST_CASE("round-trips text and binary") {
    const std::string text = "{\"hello\": \"world\"}\n";
    CHECK(gunzip(gzip_member(text)) == text);
    CHECK(gunzip(gzip_member("")) == "");
    std::string bin;
    for (int i = 0; i < 100000; ++i) bin.push_back(static_cast<char>((i * 7919) >> 3));
    CHECK(gunzip(gzip_member(bin)) == bin);
}

TEST_CASE("concatenated members are decoded one after the other") {
    const std::string data = gzip_member("first,") + gzip_member("second,") + gzip_member("");
    CHECK(gunzip(data) == "first,second,");
}

TEST_CASE("corrupt, truncated and trailing-garbage input is refused") {
    const std::string good = gzip_member(std::string(5000, 'a') + "tail");
    CHECK_FALSE(gunzip(good.substr(0, good.size() - 1)).has_value()); // trailer cut
    CHECK_FALSE(gunzip(good.substr(0, good.size() / 2)).has_value());
    std::string bad_crc = good;
    bad_crc[bad_crc.size() - 6] ^= 0x55;
    CHECK_FALSE(gunzip(bad_crc).has_value());
    CHECK_FALSE(gunzip(good + "garbage").has_value());
    CHECK_FALSE(gunzip("not gzip at all").has_value());
    CHECK_FALSE(gunzip("").has_value());
}

TEST_CASE("a gzip bomb stops at max_out instead of exhausting memory") {
    const std::string mib(size_t{1} << 20, '\0');
    const std::string bomb = gzip_member(mib, 64); // 64 MiB of zeros, ~64 KiB compressed
    CHECK(bomb.size() < 200000);
    CHECK_FALSE(gunzip(bomb, size_t{8} << 20).has_value());
    // Concatenation cannot be used to get around the limit either.
    const std::string small = gzip_member(std::string(600, 'z'));
    CHECK_FALSE(gunzip(small + small, 1000).has_value());
    CHECK(gunzip(small + small, 1200).has_value());
}

TEST_CASE("output exactly at the limit is accepted, one byte more is not") {
    const std::string text(10000, 'q');
    const std::string gz = gzip_member(text);
    CHECK(gunzip(gz, 10000) == text);
    CHECK_FALSE(gunzip(gz, 9999).has_value());
    CHECK(gunzip(gzip_member(""), 0) == "");
    CHECK(k_default_gunzip_limit == size_t{256} << 20);
}

} // TEST_SUITE
