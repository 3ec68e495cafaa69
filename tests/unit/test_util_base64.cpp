#include "util/base64.hpp"

#include "go_tools.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace cassette::util;

namespace {

struct GoBase64 {
    std::optional<std::string> decoded;
    std::string encoded;
};

// Reads utilref's records (tests/go/utilref/main.go), keeping the base64 parts.
bool parse_utilref(const std::string& out, size_t count, std::vector<GoBase64>& results) {
    size_t pos = 0;
    for (size_t i = 0; i < count; ++i) {
        GoBase64 r;
        for (const char tag : {'D', 'E'}) {
            const size_t nl = out.find('\n', pos);
            if (nl == std::string::npos || out[pos] != tag) return false;
            const std::string len = out.substr(pos + 2, nl - pos - 2);
            pos = nl + 1;
            if (len == "-") continue;
            const size_t n = std::stoul(len);
            if (tag == 'D') r.decoded = out.substr(pos, n);
            else r.encoded = out.substr(pos, n);
            pos += n;
        }
        const size_t nl = out.find('\n', pos);
        if (nl == std::string::npos || out[pos] != 'U') return false;
        pos = nl + 1;
        results.push_back(std::move(r));
    }
    return pos == out.size();
}

} // namespace

TEST_SUITE("util::base64") {

TEST_CASE("encodes RFC 4648 test vectors") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foob") == "Zm9vYg==");
    CHECK(base64_encode("fooba") == "Zm9vYmE=");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    CHECK(base64_encode(std::string("\xff\xfe\x00", 3)) == "//4A");
}

TEST_CASE("decodes padded input and ignores CR and LF") {
    CHECK(base64_decode("") == "");
    CHECK(base64_decode("Zg==") == "f");
    CHECK(base64_decode("Zm8=") == "fo");
    CHECK(base64_decode("Zm9vYmFy") == "foobar");
    CHECK(base64_decode("Zm9v\r\nYmFy\n") == "foobar");
    CHECK(base64_decode("\nZ\rg=\n=\n") == "f");
    CHECK(base64_decode("\r\n") == "");
    CHECK(base64_decode("Zh==") == "f"); // non-zero unused bits: Go's StdEncoding is not strict
}

TEST_CASE("rejects what Go rejects") {
    for (const char* bad : {"Zg", "Zg=", "Zm9", "Z===", "====", "Zg==Zg==", "Zg==\nA", "Zm9v YmFy", "Zm9v\tYmFy",
                            "Zm9v-_", "Zm=v", "Zm8==", "A", "Zm9vY", " Zg=="}) {
        INFO("input: " << bad);
        CHECK_FALSE(base64_decode(bad).has_value());
    }
}

TEST_CASE("round-trips every byte value") {
    std::string all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
    for (size_t len = 0; len <= all.size(); len += 7) {
        const std::string part = all.substr(0, len);
        CHECK(base64_decode(base64_encode(part)) == part);
    }
}

TEST_CASE("differential: same as Go's base64.StdEncoding") {
    const auto tool = testing_support::go_tool("utilref");
    if (!tool) {
        MESSAGE("skipped: Go is not available to build tests/go/utilref");
        return;
    }
    uint64_t state = 7;
    auto next = [&](uint32_t bound) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<uint32_t>((state >> 33) % bound);
    };
    static const char k_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\r\n \t-_.";
    std::vector<std::string> inputs;
    for (int i = 0; i < 3000; ++i) {
        std::string s;
        if (next(2) == 0) {
            // Mostly well-formed: encode random bytes, then maybe damage it.
            std::string raw;
            for (uint32_t k = next(12); k > 0; --k) raw.push_back(static_cast<char>(next(256)));
            s = base64_encode(raw);
            if (next(3) == 0 && !s.empty()) s.insert(next(uint32_t(s.size())), 1, "\r\n= A"[next(5)]);
            if (next(4) == 0 && !s.empty()) s.erase(next(uint32_t(s.size())), 1);
        } else {
            for (uint32_t k = next(14); k > 0; --k) s.push_back(k_chars[next(sizeof k_chars - 1)]);
        }
        inputs.push_back(std::move(s));
    }
    std::string feed;
    for (const auto& in : inputs) feed += std::to_string(in.size()) + "\n" + in;
    const auto run = testing_support::run_process({*tool}, feed);
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    std::vector<GoBase64> go;
    REQUIRE(parse_utilref(run.out, inputs.size(), go));
    size_t accepted = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
        INFO("input: \"" << inputs[i] << "\"");
        CHECK(base64_decode(inputs[i]) == go[i].decoded);
        CHECK(base64_encode(inputs[i]) == go[i].encoded);
        accepted += go[i].decoded.has_value();
    }
    CHECK(accepted > inputs.size() / 5);
}

} // TEST_SUITE
