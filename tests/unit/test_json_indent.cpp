#include "json/indent.hpp"

#include "go_tools.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

using namespace cassette;


// Time bounds are ten times looser in sanitizer builds (tests/CMakeLists.txt).
#ifdef CASSETTE_SLOW_BUILD
constexpr int k_time_scale = 10;
#else
constexpr int k_time_scale = 1;
#endif

namespace {

// Deterministic generator of JSON-ish text (valid, oddly spaced, escaped,
// and broken), so the differential test is the same on every machine.
class Gen {
public:
    explicit Gen(uint64_t seed) : m_state(seed) {}

    uint32_t next(uint32_t bound) {
        // splitmix64: tiny, and identical everywhere (unlike std:: distributions).
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        return static_cast<uint32_t>(z % bound);
    }

    std::string ws() {
        static const char* k_ws[] = {"", "", "", " ", "\n", "\t", "\r\n", "  \n\t ", "\r"};
        return k_ws[next(9)];
    }

    std::string string_lit() {
        static const char* k_parts[] = {
            "a", "hello", " ", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00", "\\uD800",
            "\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "\xff", "<&>", "{", "}", "[", "]", ",", ":",
            "\\b\\f\\r\\t", "\\u0000", "\x7f",
        };
        std::string s = "\"";
        const uint32_t k = next(5);
        for (uint32_t i = 0; i < k; ++i) s += k_parts[next(sizeof k_parts / sizeof *k_parts)];
        return s + "\"";
    }

    std::string number() {
        static const char* k_nums[] = {"0", "-0", "1", "-12", "3.25", "1e10", "1E+2", "-0.5e-3",
                                       "123456789012345678901234567890", "0.0", "9.99E-07"};
        return k_nums[next(sizeof k_nums / sizeof *k_nums)];
    }

    std::string value(int depth) {
        const uint32_t pick = depth > 5 ? next(4) : next(7);
        switch (pick) {
        case 0: return string_lit();
        case 1: return number();
        case 2: {
            static const char* k_kw[] = {"true", "false", "null"};
            return k_kw[next(3)];
        }
        case 3: return string_lit();
        case 4:
        case 5: {
            std::string s = "[" + ws();
            const uint32_t k = next(4);
            for (uint32_t i = 0; i < k; ++i) {
                if (i) s += ws() + "," + ws();
                s += value(depth + 1);
            }
            return s + ws() + "]";
        }
        default: {
            std::string s = "{" + ws();
            const uint32_t k = next(4);
            for (uint32_t i = 0; i < k; ++i) {
                if (i) s += ws() + "," + ws();
                s += string_lit() + ws() + ":" + ws() + value(depth + 1);
            }
            return s + ws() + "}";
        }
        }
    }

    std::string mutate(std::string s) {
        static const char k_noise[] = "{}[],:\"\\ \t\n-+.eE0123456789tfnulx\x01\x80";
        if (s.empty()) return s;
        const size_t at = next(static_cast<uint32_t>(s.size()));
        switch (next(4)) {
        case 0: s.resize(at); break;
        case 1: s.erase(at, 1); break;
        case 2: s.insert(s.begin() + static_cast<long>(at), k_noise[next(sizeof k_noise - 1)]); break;
        default: s[at] = k_noise[next(sizeof k_noise - 1)]; break;
        }
        return s;
    }

private:
    uint64_t m_state;
};

struct GoResult {
    std::optional<std::string> indent, compact;
    bool valid = false;
};

// Parses jsonref's output (see tests/go/jsonref/main.go).
bool parse_go_output(const std::string& out, size_t count, std::vector<GoResult>& results) {
    size_t pos = 0;
    auto read_buf = [&](char tag, std::optional<std::string>& dst) {
        const size_t nl = out.find('\n', pos);
        if (nl == std::string::npos || out[pos] != tag) return false;
        const std::string len = out.substr(pos + 2, nl - pos - 2);
        pos = nl + 1;
        if (len == "-") { dst.reset(); return true; }
        const size_t n = std::stoul(len);
        dst = out.substr(pos, n);
        pos += n;
        return true;
    };
    for (size_t i = 0; i < count; ++i) {
        GoResult r;
        if (!read_buf('I', r.indent) || !read_buf('C', r.compact)) return false;
        if (out.compare(pos, 2, "V ") != 0) return false;
        r.valid = out[pos + 2] == '1';
        pos += 4;
        results.push_back(std::move(r));
    }
    return pos == out.size();
}

std::string show(const std::optional<std::string>& s) { return s ? "\"" + *s + "\"" : "nullopt"; }

} // namespace

TEST_SUITE("json::indent") {

TEST_CASE("indents objects and arrays with two spaces") {
    CHECK(json::indent(R"({"a":1,"b":[true,null,"x"]})") ==
          "{\n  \"a\": 1,\n  \"b\": [\n    true,\n    null,\n    \"x\"\n  ]\n}");
}

TEST_CASE("keeps empty containers compact") {
    CHECK(json::indent("{ }") == "{}");
    CHECK(json::indent("[\n]") == "[]");
    CHECK(json::indent(R"({"a":{},"b":[ ]})") == "{\n  \"a\": {},\n  \"b\": []\n}");
}

TEST_CASE("drops leading whitespace and keeps trailing whitespace") {
    CHECK(json::indent("  \n[1]\n \t") == "[\n  1\n]\n \t");
    CHECK(json::indent(" 12 \n") == "12 \n");
    CHECK(json::indent("\"s\"") == "\"s\"");
}

TEST_CASE("leaves strings, escapes and numbers untouched") {
    const std::string src = R"(["a , b : { }","\u00e9\n\"",-0.5e+10,1E2])";
    CHECK(json::indent(src) == "[\n  \"a , b : { }\",\n  \"\\u00e9\\n\\\"\",\n  -0.5e+10,\n  1E2\n]");
    CHECK(json::indent("[\"\xff\xfe\"]") == "[\n  \"\xff\xfe\"\n]"); // Go does not check UTF-8 here
}

TEST_CASE("rejects invalid JSON") {
    for (const char* bad : {"", " ", "[1,]", "{,}", "{\"a\"}", "{\"a\":}", "tru", "01", "1.", "-", "1e",
                            "[1 2]", "{\"a\":1 \"b\":2}", "\"\x01\"", "\"\\x\"", "\"\\u12g4\"", "[1] x",
                            "1 1", "{'a':1}", "[", "\"abc", "nul", "+1", ".5", "[1]]"}) {
        INFO("input: " << bad);
        CHECK_FALSE(json::indent(bad).has_value());
        CHECK_FALSE(json::compact(bad).has_value());
        CHECK_FALSE(json::valid(bad));
    }
}

TEST_CASE("compact removes all insignificant whitespace") {
    CHECK(json::compact(" { \"a b\" : [ 1 , 2 ] } \n") == "{\"a b\":[1,2]}");
    CHECK(json::compact("1 ") == "1");
    CHECK(json::compact("[1, \"x\\\" y\"]") == "[1,\"x\\\" y\"]");
}

TEST_CASE("valid accepts Go's grammar") {
    CHECK(json::valid("0"));
    CHECK(json::valid(" -0.0e-0 "));
    CHECK(json::valid("{\"\":[{}]}"));
    CHECK(json::valid("\"\\ud800\"")); // lone surrogate escape: syntax is fine
    CHECK_FALSE(json::valid("[] []"));
}

TEST_CASE("a string's special byte is found at every position of the 8-byte fast path") {
    // skip_string_body looks at 8 bytes at a time: put each kind of byte at
    // every offset of two words and check the verdict of the byte loop.
    struct Probe {
        std::string bytes;
        bool ok;
    };
    const std::vector<Probe> probes = {
        {"\x1f", false}, {"\x01", false}, {std::string(1, '\0'), false}, {"\t", false}, // control bytes
        {" ", true},      {"\x7f", true},  {"\xc3\xa9", true},                         // not special
        {"\\n", true},   {"\\\"", true}, {"\\u00e9", true}, {"\\x", false},        // escapes
        {"\"", false}, // ends the string early: the rest is not JSON
    };
    for (const Probe& p : probes) {
        for (size_t before = 0; before < 20; ++before) {
            for (size_t after : {size_t(0), size_t(3), size_t(9)}) {
                const std::string doc = "[\"" + std::string(before, 'a') + p.bytes + std::string(after, 'b') + "\"]";
                CAPTURE(doc);
                CHECK(json::valid(doc) == p.ok);
                CHECK(json::indent(doc).has_value() == p.ok);
                if (p.ok) CHECK(*json::indent(doc) == "[\n  " + doc.substr(1, doc.size() - 2) + "\n]");
            }
        }
    }
}

TEST_CASE("nesting up to Go's limit of 10000 is accepted, deeper is not") {
    const size_t limit = json::k_max_nesting_depth;
    const std::string ok = std::string(limit, '[') + std::string(limit, ']');
    const std::string too_deep = std::string(limit + 1, '[') + std::string(limit + 1, ']');
    CHECK(json::valid(ok));
    CHECK(json::compact(ok) == ok);
    REQUIRE(json::indent(ok).has_value());
    CHECK_FALSE(json::valid(too_deep));
    CHECK_FALSE(json::compact(too_deep).has_value());
    CHECK_FALSE(json::indent(too_deep).has_value());
}

TEST_CASE("100000-deep input neither overflows the stack nor takes long") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const auto t0 = std::chrono::steady_clock::now();
    CHECK_FALSE(json::valid(deep));
    CHECK_FALSE(json::compact(deep).has_value());
    CHECK_FALSE(json::indent(deep).has_value());
    const std::string objects = [] {
        std::string s;
        for (int i = 0; i < 100000; ++i) s += "{\"k\":";
        s += "1";
        s += std::string(100000, '}');
        return s;
    }();
    CHECK_FALSE(json::valid(objects));
    const auto elapsed = std::chrono::steady_clock::now() - t0;
    CHECK(elapsed < std::chrono::seconds(2) * k_time_scale);
}

TEST_CASE("large flat input is processed in linear time") {
    std::string big = "[";
    for (int i = 0; i < 200000; ++i) {
        if (i) big += ", ";
        big += "{\"id\": " + std::to_string(i) + ", \"name\": \"item number " + std::to_string(i) + "\"}";
    }
    big += "]";
    const auto t0 = std::chrono::steady_clock::now();
    const auto ind = json::indent(big);
    REQUIRE(ind.has_value());
    CHECK(json::compact(*ind) == json::compact(big));
    CHECK(json::valid(*ind));
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5) * k_time_scale);
}

TEST_CASE("property: compact(indent(x)) == compact(x) for valid x") {
    Gen gen(42);
    for (int i = 0; i < 3000; ++i) {
        const std::string x = gen.ws() + gen.value(0) + gen.ws();
        REQUIRE(json::valid(x));
        const auto ind = json::indent(x);
        REQUIRE(ind.has_value());
        INFO("input: " << x);
        CHECK(json::compact(*ind) == json::compact(x));
        CHECK(json::indent(*json::compact(x)) == json::indent(*json::compact(*ind)));
    }
}

TEST_CASE("differential: byte-identical to Go's encoding/json") {
    const auto tool = testing_support::go_tool("jsonref");
    if (!tool) {
        MESSAGE("skipped: Go is not available to build tests/go/jsonref");
        return;
    }
    Gen gen(20240611);
    std::vector<std::string> inputs = {
        "", " ", "\n\n", "0", "-", "1 ", " 1", "[]  \n", "{}\r\n", "[ ]", "{\"a\":{ }}", "1 x", "[1]x",
        std::string(10000, '[') + std::string(10000, ']'), std::string(10001, '[') + std::string(10001, ']'),
        "\"\\u00zz\"", "\"\t\"", "\"\x7f\x80\"", "[1,2,]", "nulls", "truee", "-01", "1.e5", "1e+",
    };
    for (int i = 0; i < 4000; ++i) {
        std::string x = gen.ws() + gen.value(0) + gen.ws();
        const uint32_t kind = gen.next(3);
        if (kind == 1) x = gen.mutate(x);
        if (kind == 2) x = gen.mutate(gen.mutate(x));
        inputs.push_back(std::move(x));
    }
    std::string feed;
    for (const auto& in : inputs) feed += std::to_string(in.size()) + "\n" + in;
    const auto run = testing_support::run_process({*tool}, feed);
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    std::vector<GoResult> go;
    REQUIRE(parse_go_output(run.out, inputs.size(), go));
    size_t valid_count = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
        const std::string& x = inputs[i];
        INFO("input #" << i << ": \"" << x.substr(0, 300) << "\"");
        const auto ind = json::indent(x);
        const auto cmp = json::compact(x);
        CHECK_MESSAGE(ind == go[i].indent, "ours: " << show(ind) << "\ngo:   " << show(go[i].indent));
        CHECK_MESSAGE(cmp == go[i].compact, "ours: " << show(cmp) << "\ngo:   " << show(go[i].compact));
        CHECK(json::valid(x) == go[i].valid);
        valid_count += go[i].valid;
    }
    // The generator must exercise both sides.
    CHECK(valid_count > inputs.size() / 4);
    CHECK(valid_count < inputs.size() - inputs.size() / 8);
}

} // TEST_SUITE
