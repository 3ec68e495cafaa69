// util/hex.hpp (the one hex table) and util/percent.hpp (every percent-encoder).
#include "util/hex.hpp"
#include "util/http.hpp"
#include "util/percent.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace cassette;

TEST_CASE("hex digits, both cases, and their values") {
    std::string s;
    util::append_hex_byte(s, 0x2f);
    util::append_hex_byte(s, 0xab, util::HexCase::Lower);
    util::append_hex(s, 0xe9, 4, util::HexCase::Lower);
    util::append_hex(s, 0x1F600, 8);
    CHECK(s == "2Fab00e90001F600");
    for (int v = 0; v < 16; ++v) {
        CHECK(util::hex_value(util::hex_digit(unsigned(v))) == v);
        CHECK(util::hex_value(util::hex_digit(unsigned(v), util::HexCase::Lower)) == v);
    }
    CHECK(util::hex_value('g') == -1);
    CHECK(util::hex_value('/') == -1);
    CHECK_FALSE(util::is_hex_digit(':'));
    CHECK(util::is_hex_digit('F'));
}

TEST_CASE("percent-encoders: which bytes stay is all that differs") {
    const std::string in = "a b/c@d+e~f?&=%\xC3\xA9";
    CHECK(http::query_escape(in) == "a+b%2Fc%40d%2Be~f%3F%26%3D%25%C3%A9");
    CHECK(http::escape_unreserved(in) == "a%20b%2Fc%40d%2Be~f%3F%26%3D%25%C3%A9");
    CHECK(http::escape_uri_path(in) == "a%20b/c@d+e~f%3F%26%3D%25%C3%A9");
    // Each decodes back to the input as Go would read it there.
    CHECK(http::query_unescape(http::query_escape(in)) == in);
    CHECK(http::percent_decode(http::escape_unreserved(in)) == in);
    CHECK(http::percent_decode(http::escape_uri_path(in)) == in);
    CHECK(http::escape_unreserved("") == "");
}
