#include "util/duration.hpp"

#include "go_tools.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <sstream>

using namespace cassette::http;

namespace {

using testing_support::hex;
using testing_support::unx;

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

const char* kMicro = "\xC2\xB5";  // U+00B5, what Go writes
const char* kGreekMu = "\xCE\xBC"; // U+03BC, also accepted

} // namespace

TEST_SUITE("util::duration") {
TEST_CASE("format_go_duration matches Duration.String") {
    CHECK(format_go_duration(0) == "0s");
    CHECK(format_go_duration(1) == "1ns");
    CHECK(format_go_duration(999) == "999ns");
    CHECK(format_go_duration(1000) == std::string("1") + kMicro + "s");
    CHECK(format_go_duration(61476) == std::string("61.476") + kMicro + "s");
    CHECK(format_go_duration(1500) == std::string("1.5") + kMicro + "s");
    CHECK(format_go_duration(1500000) == "1.5ms");
    CHECK(format_go_duration(832583000) == "832.583ms");
    CHECK(format_go_duration(1000000000) == "1s");
    CHECK(format_go_duration(2412166125) == "2.412166125s");
    CHECK(format_go_duration(123500000000) == "2m3.5s");
    CHECK(format_go_duration(3600000000000) == "1h0m0s");
    CHECK(format_go_duration(3661000000001) == "1h1m1.000000001s");
    CHECK(format_go_duration(-1500000000) == "-1.5s");
    CHECK(format_go_duration(-1) == "-1ns");
    CHECK(format_go_duration(std::numeric_limits<int64_t>::max()) == "2562047h47m16.854775807s");
    CHECK(format_go_duration(std::numeric_limits<int64_t>::min()) == "-2562047h47m16.854775808s");
}

TEST_CASE("parse_go_duration accepts what time.ParseDuration accepts") {
    CHECK(parse_go_duration("0") == 0);
    CHECK(parse_go_duration("+0") == 0);
    CHECK(parse_go_duration("-0") == 0);
    CHECK(parse_go_duration("0s") == 0);
    CHECK(parse_go_duration("1ns") == 1);
    CHECK(parse_go_duration("1us") == 1000);
    CHECK(parse_go_duration(std::string("1") + kMicro + "s") == 1000);
    CHECK(parse_go_duration(std::string("1") + kGreekMu + "s") == 1000);
    CHECK(parse_go_duration(std::string("61.476") + kMicro + "s") == 61476);
    CHECK(parse_go_duration("832.583ms") == 832583000);
    CHECK(parse_go_duration("2.412166125s") == 2412166125);
    CHECK(parse_go_duration("2m3.5s") == 123500000000);
    CHECK(parse_go_duration("1h0m0s") == 3600000000000);
    CHECK(parse_go_duration("1.5h") == 5400000000000);
    CHECK(parse_go_duration(".5s") == 500000000);
    CHECK(parse_go_duration("5.s") == 5000000000);
    CHECK(parse_go_duration("-1.5s") == -1500000000);
    CHECK(parse_go_duration("+2s") == 2000000000);
    CHECK(parse_go_duration("1s1s") == 2000000000);
    CHECK(parse_go_duration("1h1m1s1ms1us1ns") == 3661001001001);
    CHECK(parse_go_duration("9223372036854775807ns") == std::numeric_limits<int64_t>::max());
    CHECK(parse_go_duration("-9223372036854775808ns") == std::numeric_limits<int64_t>::min());
    CHECK(parse_go_duration("2562047h47m16.854775807s") == std::numeric_limits<int64_t>::max());
    // Excess fraction digits are dropped, not an error.
    CHECK(parse_go_duration("0.1000000000000000000000000001s") == 100000000);
}

TEST_CASE("parse_go_duration rejects what time.ParseDuration rejects") {
    for (const char* bad : {"", "-", "+", "s", "1", "10", "1.", ".", ".s", "-.s", "1x", "1sx", "1S", "1 s", " 1s",
                            "1s ", "1e3s", "1,5s", "--1s", "1s-1s", "0x10s", "9223372036854775808ns",
                            "9223372036854775807ns1ns", "2562048h", "99999999999999999999s", "1\xC2s"})
        CHECK_MESSAGE(!parse_go_duration(bad), bad);
}

TEST_CASE("round trip: parse(format(d)) == d") {
    std::mt19937_64 rng(7);
    for (int i = 0; i < 2000; ++i) {
        int64_t d = int64_t(rng() >> (rng() % 64));
        if (i % 2) d = -d;
        auto back = parse_go_duration(format_go_duration(d));
        REQUIRE(back);
        CHECK(*back == d);
    }
}

TEST_CASE("differential: Go's time package") {
    auto tool = testing_support::go_tool("httpref");
    if (!tool) {
        MESSAGE("skipped: Go or the go-yaml packages are not installed (tests/go/httpref not built)");
        return;
    }
    std::mt19937_64 rng(20240601);
    // Formatting: values of every magnitude, both signs, plus the edges.
    std::vector<int64_t> values = {0, 1, -1, 999, 1000, 999999, 1000000, 999999999, 1000000000,
                                   std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()};
    for (int i = 0; i < 3000; ++i) {
        int64_t d = int64_t(rng() >> (rng() % 64));
        if (rng() % 3 == 0) d = d / 1000 * 1000; // whole microseconds, like real recordings
        if (rng() % 2) d = -d;
        values.push_back(d);
    }
    // Parsing: pieces of the grammar glued together, valid or not.
    static const std::vector<std::string> pieces = {
        "0", "1", "12", "007", "9223372036854775807", "9223372036854775808", "2562047", "99999999999999999999",
        ".", ".5", "1.", "0.000000001", ".123456789123456789", "ns", "us", "\xC2\xB5s", "\xCE\xBCs", "ms", "s",
        "m", "h", "H", "x", "-", "+", " ", "e", "\xC2", "sm"};
    std::vector<std::string> strings = {"", "0", "-0", "+0", "1h0m0s"};
    for (int i = 0; i < 4000; ++i) {
        std::string s;
        if (rng() % 4 == 0) s += (rng() % 2) ? "-" : "+";
        const int n = 1 + int(rng() % 6);
        for (int k = 0; k < n; ++k) s += pieces[rng() % pieces.size()];
        strings.push_back(s);
    }
    for (int64_t d : values) strings.push_back(format_go_duration(d));

    std::string input;
    for (int64_t d : values) input += "fd " + std::to_string(d) + "\n";
    for (const auto& s : strings) input += "pd " + hex(s) + "\n";
    auto r = testing_support::run_process({*tool}, input);
    REQUIRE(r.exit_code == 0);
    auto out = lines(r.out);
    REQUIRE(out.size() == values.size() + strings.size());
    size_t k = 0;
    int mismatches = 0;
    for (int64_t d : values) {
        const std::string want = unx(out[k++]);
        if (format_go_duration(d) != want && ++mismatches < 20) CHECK_MESSAGE(false, "format ", d, " want ", want);
    }
    for (const auto& s : strings) {
        const std::string& want = out[k++];
        auto got = parse_go_duration(s);
        const std::string got_s = got ? std::to_string(*got) : "E";
        if (got_s != want && ++mismatches < 20) CHECK_MESSAGE(false, "parse '", s, "' got ", got_s, " want ", want);
    }
    CHECK(mismatches == 0);
}
}
