#include "util/strings.hpp"

#include "util/utf8.hpp"

#include <doctest/doctest.h>

using namespace cassette::util;

TEST_SUITE("util::strings") {

TEST_CASE("case-insensitive comparison is ASCII only") {
    CHECK(iequals("Content-Type", "content-type"));
    CHECK_FALSE(iequals("Content-Type", "content-typ"));
    CHECK_FALSE(iequals("\xc3\x89", "\xc3\xa9")); // É vs é: not folded
    CHECK(iequals("", ""));
    CHECK(to_lower("AbC-1\xc3\x89") == "abc-1\xc3\x89");
    CHECK(starts_with_ci("Bearer abc", "bearer "));
    CHECK_FALSE(starts_with_ci("Bear", "bearer"));
    CHECK(starts_with_ci("x", ""));
}

TEST_CASE("trim removes ASCII whitespace at both ends") {
    CHECK(trim("  a b \t\r\n") == "a b");
    CHECK(trim("\f\v") == "");
    CHECK(trim("") == "");
    CHECK(trim("x") == "x");
}

TEST_CASE("split_lines keeps line endings, \\n and \\r\\n mixed") {
    const auto lines = split_lines("a\r\nb\n\nc");
    REQUIRE(lines.size() == 4u);
    CHECK(lines[0].text == "a");
    CHECK(lines[0].ending == "\r\n");
    CHECK(lines[1].text == "b");
    CHECK(lines[1].ending == "\n");
    CHECK(lines[2].text == "");
    CHECK(lines[3].text == "c");
    CHECK(lines[3].ending == "");
    CHECK(split_lines("").empty());
    CHECK(split_lines("x\n").size() == 1u);
    CHECK(split_lines("\r\n")[0].text == "");
    CHECK(split_lines("a\rb")[0].text == "a\rb"); // a lone CR is not a line end
}

TEST_CASE("split_lines round-trips its input") {
    for (const char* s : {"", "\n", "\r\n\r\n", "a", "a\nb\r\nc\r", "\r\r\n", "x\n\ny\n"}) {
        std::string back;
        for (const auto& l : split_lines(s)) back.append(l.text).append(l.ending);
        CHECK(back == s);
    }
}

TEST_CASE("join") {
    CHECK(join(std::vector<std::string>{"a", "b", "c"}, ", ") == "a, b, c");
    CHECK(join(std::vector<std::string>{}, ", ") == "");
    CHECK(join(std::vector<std::string_view>{"x"}, "-") == "x");
}

TEST_CASE("mask_secret shows at most 8 characters") {
    CHECK(mask_secret("sk-proj-abcdefgh9fQa") == "sk-p\xe2\x80\xa6" "9fQa");
    CHECK(mask_secret("0123456789abcdef") == "0123\xe2\x80\xa6" "cdef"); // 16: first 4 / last 4
    CHECK(mask_secret("0123456789abcde") == "01\xe2\x80\xa6" "de");      // 15: first 2 / last 2
    CHECK(mask_secret("abcdwxyz") == "ab\xe2\x80\xa6yz");                  // 8
    CHECK(mask_secret("abcdxyz") == "\xe2\x80\xa6");                       // 7: nothing shown
    CHECK(mask_secret("") == "\xe2\x80\xa6");
}

TEST_CASE("mask_secret counts code points and never breaks UTF-8") {
    // 8 code points, 16 bytes: the 8-15 rule applies, whole characters kept.
    const std::string s = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8";
    CHECK(mask_secret(s) == "\xc3\xa9\xc3\xa9\xe2\x80\xa6\xc3\xa8\xc3\xa8");
    // 7 code points but 28 bytes: still too short to show anything.
    CHECK(mask_secret("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
                      "\xf0\x9f\x98\x80\xf0\x9f\x98\x80") == "\xe2\x80\xa6");
    // Invalid bytes show as U+FFFD.
    const std::string masked = mask_secret("\xff" "bcdefg\xfe");
    CHECK(masked == "\xef\xbf\xbd" "b\xe2\x80\xa6g\xef\xbf\xbd");
    for (size_t n = 0; n < 40; ++n) {
        std::string secret;
        for (size_t i = 0; i < n; ++i) secret += (i % 3 == 0) ? "\xe2\x82\xac" : "k";
        const std::string m = mask_secret(secret);
        CHECK(valid_utf8(m));
        CHECK(utf8_length(m) <= 9u); // 8 shown + the ellipsis
    }
}

} // TEST_SUITE
