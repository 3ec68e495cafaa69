#include "util/utf8.hpp"

#include "go_tools.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace cassette::util;

namespace {

struct GoUtf8 {
    bool valid = false;
    size_t runes = 0;
};

// Reads utilref's records (tests/go/utilref/main.go), keeping the utf8 parts.
bool parse_utilref(const std::string& out, size_t count, std::vector<GoUtf8>& results) {
    size_t pos = 0;
    for (size_t i = 0; i < count; ++i) {
        for (const char tag : {'D', 'E'}) {
            const size_t nl = out.find('\n', pos);
            if (nl == std::string::npos || out[pos] != tag) return false;
            const std::string len = out.substr(pos + 2, nl - pos - 2);
            pos = nl + 1;
            if (len != "-") pos += std::stoul(len);
        }
        const size_t nl = out.find('\n', pos);
        if (nl == std::string::npos || out.compare(pos, 2, "U ") != 0) return false;
        GoUtf8 r;
        r.valid = out[pos + 2] == '1';
        r.runes = std::stoul(out.substr(pos + 4, nl - pos - 4));
        pos = nl + 1;
        results.push_back(r);
    }
    return pos == out.size();
}

} // namespace

TEST_SUITE("util::utf8") {

TEST_CASE("accepts ASCII and well-formed multi-byte text") {
    CHECK(valid_utf8(""));
    CHECK(valid_utf8("plain ascii text that is longer than eight bytes"));
    CHECK(valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
    CHECK(valid_utf8("\xf4\x8f\xbf\xbf"));   // U+10FFFF
    CHECK(valid_utf8("\xed\x9f\xbf"));       // U+D7FF, just below the surrogates
    CHECK(valid_utf8("\xee\x80\x80"));       // U+E000, just above
    CHECK(valid_utf8(std::string("a\0b", 3)));
}

TEST_CASE("rejects overlongs, surrogates, out-of-range and truncated sequences") {
    for (const char* bad : {"\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xf0\x8f\xbf\xbf",
                            "\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff",
                            "\x80", "\xc3", "\xe2\x82", "\xf0\x9f\x98", "\xc3\x28"}) {
        INFO("input bytes: " << bad);
        CHECK_FALSE(valid_utf8(bad));
    }
}

TEST_CASE("first_invalid_utf8 gives the offset of the bad sequence") {
    CHECK_FALSE(first_invalid_utf8("all good \xc3\xa9").has_value());
    CHECK(first_invalid_utf8("\xff") == 0u);
    CHECK(first_invalid_utf8("0123456789abcdef\xc3\xa9X\xe2\x82") == 19u);
    CHECK(first_invalid_utf8("0123456\xed\xa0\x80") == 7u); // straddles the 8-byte fast path
}

TEST_CASE("utf8_length counts code points, invalid bytes one each") {
    CHECK(utf8_length("") == 0u);
    CHECK(utf8_length("abcdefghijk") == 11u);
    CHECK(utf8_length("caf\xc3\xa9") == 4u);
    CHECK(utf8_length("\xf0\x9f\x98\x80\xf0\x9f\x98\x80") == 2u);
    CHECK(utf8_length("\xe2\x82") == 2u);
    CHECK(utf8_length("\xed\xa0\x80") == 3u);
}

TEST_CASE("differential: same as Go's utf8.ValidString and RuneCountInString") {
    const auto tool = testing_support::go_tool("utilref");
    if (!tool) {
        MESSAGE("skipped: Go is not available to build tests/go/utilref");
        return;
    }
    uint64_t state = 99;
    auto next = [&](uint32_t bound) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<uint32_t>((state >> 33) % bound);
    };
    static const char* k_pieces[] = {"a", "hello wo", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xed\x9f\xbf",
                                     "\xef\xbf\xbd", "\xf4\x8f\xbf\xbf"};
    std::vector<std::string> inputs;
    for (int i = 0; i < 3000; ++i) {
        std::string s;
        for (uint32_t k = next(8); k > 0; --k) s += k_pieces[next(8)];
        // Damage some: a random byte anywhere, or a cut in the middle of a sequence.
        const uint32_t damage = next(3);
        if (damage == 1) s.insert(s.empty() ? 0 : next(uint32_t(s.size())), 1, static_cast<char>(0x80 + next(128)));
        if (damage == 2 && !s.empty()) s.erase(next(uint32_t(s.size())), 1);
        inputs.push_back(std::move(s));
    }
    std::string feed;
    for (const auto& in : inputs) feed += std::to_string(in.size()) + "\n" + in;
    const auto run = testing_support::run_process({*tool}, feed);
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    std::vector<GoUtf8> go;
    REQUIRE(parse_utilref(run.out, inputs.size(), go));
    size_t valid_count = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
        INFO("input: \"" << inputs[i] << "\"");
        CHECK(valid_utf8(inputs[i]) == go[i].valid);
        CHECK(first_invalid_utf8(inputs[i]).has_value() == !go[i].valid);
        CHECK(utf8_length(inputs[i]) == go[i].runes);
        valid_count += go[i].valid;
    }
    CHECK(valid_count > inputs.size() / 4);
    CHECK(valid_count < inputs.size());
}

TEST_CASE("every 1- to 4-byte lead/continuation combination agrees with the Unicode rules") {
    // Exhaustive over two-byte prefixes: decode by arithmetic and compare.
    for (int a = 0; a < 256; ++a) {
        for (int b = 0; b < 256; ++b) {
            std::string s{static_cast<char>(a), static_cast<char>(b), '\x80', '\x80'};
            uint32_t cp = 0;
            size_t want = 0;
            if (a < 0x80) want = 1;
            else if (a >= 0xC0 && a < 0xE0 && (b & 0xC0) == 0x80) {
                cp = uint32_t(a & 0x1F) << 6 | uint32_t(b & 0x3F);
                want = cp >= 0x80 ? 2 : 0;
            } else if (a >= 0xE0 && a < 0xF0 && (b & 0xC0) == 0x80) {
                cp = uint32_t(a & 0x0F) << 12 | uint32_t(b & 0x3F) << 6;
                want = (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) ? 3 : 0;
            } else if (a >= 0xF0 && a < 0xF8 && (b & 0xC0) == 0x80) {
                cp = uint32_t(a & 0x07) << 18 | uint32_t(b & 0x3F) << 12;
                want = (cp >= 0x10000 && cp <= 0x10FFFF) ? 4 : 0;
            }
            if (utf8_sequence_length(s, 0) != want) {
                FAIL("bytes " << a << " " << b << ": got " << utf8_sequence_length(s, 0) << " want " << want);
            }
        }
    }
}

} // TEST_SUITE

TEST_CASE("append_utf8 writes each code point as the valid sequence of its length") {
    for (uint32_t cp : {0x0u, 0x41u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xFFFDu, 0x10000u, 0x1F600u, 0x10FFFFu}) {
        CAPTURE(cp);
        std::string s = "x";
        cassette::util::append_utf8(s, cp);
        const size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        REQUIRE(s.size() == 1 + want);
        CHECK(cassette::util::utf8_sequence_length(s, 1) == want);
        CHECK(cassette::util::utf8_length(s) == 2);
    }
    std::string e;
    cassette::util::append_utf8(e, 0xE9);
    CHECK(e == "\xC3\xA9");
}
