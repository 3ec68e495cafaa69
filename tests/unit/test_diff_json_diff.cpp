#include "diff/json_diff.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace cassette::diff;
using nlohmann::json;

namespace {

std::vector<Change> run(const std::string& a, const std::string& b, std::vector<std::string> ignore = {},
                        size_t* ignored = nullptr) {
    json ja, jb;
    REQUIRE(parse_json(a, ja) == JsonParse::Ok);
    REQUIRE(parse_json(b, jb) == JsonParse::Ok);
    std::vector<JsonPathPattern> pats;
    for (const auto& p : ignore) pats.push_back(JsonPathPattern::parse(p).value());
    std::vector<Change> out;
    diff_json(ja, jb, "body", pats, out, ignored);
    return out;
}

JsonPathPattern pat(const std::string& s) {
    auto p = JsonPathPattern::parse(s);
    REQUIRE_MESSAGE(p, (p ? std::string() : p.error().message));
    return *p;
}

} // namespace

TEST_SUITE("diff::json_diff") {

TEST_CASE("key order and whitespace are no difference") {
    CHECK(run(R"({"a":1,"b":[1,2,{"c":null}]})", "{ \"b\" : [1, 2, {\"c\": null}],\n \"a\": 1 }").empty());
}

TEST_CASE("each difference is named by its path") {
    auto d = run(R"({"choices":[{"message":{"content":"It is 40C in Florence."}}],"gone":1})",
                 R"({"choices":[{"message":{"content":"Hot: 40C!"}}],"new":{"x":true}})");
    REQUIRE(d.size() == 3);
    CHECK(d[0].path == "body$.choices[0].message.content");
    CHECK(d[0].kind == Change::Changed);
    CHECK(*d[0].old_value == "\"It is 40C in Florence.\"");
    CHECK(*d[0].new_value == "\"Hot: 40C!\"");
    CHECK(d[1].path == "body$.gone");
    CHECK(d[1].kind == Change::Removed);
    CHECK(!d[1].new_value);
    CHECK(d[2].path == "body$.new");
    CHECK(*d[2].new_value == R"({"x":true})");
}

TEST_CASE("keys that are not identifiers are quoted") {
    auto d = run(R"({"a.b":1,"x y":{"1st":2}})", R"({"a.b":2,"x y":{"1st":3}})");
    REQUIRE(d.size() == 2);
    CHECK(d[0].path == R"(body$["a.b"])");
    CHECK(d[1].path == R"(body$["x y"]["1st"])");
}

TEST_CASE("an element inserted in an array is one addition") {
    auto d = run(R"([{"id":1},{"id":2},{"id":3}])", R"([{"id":1},{"id":9},{"id":2},{"id":3}])");
    REQUIRE(d.size() == 1);
    CHECK(d[0].kind == Change::Added);
    CHECK(d[0].path == "body$[1]");
}

// One line per change: "+ $.a[0]: 1", "- ...", "~ ...: a -> b".
std::vector<std::string> lines(const std::vector<Change>& d) {
    std::vector<std::string> out;
    for (const auto& c : d) {
        const char* mark = c.kind == Change::Added ? "+ " : c.kind == Change::Removed ? "- " : "~ ";
        std::string v = c.kind == Change::Changed ? *c.old_value + " -> " + *c.new_value
                                                  : c.kind == Change::Added ? *c.new_value : *c.old_value;
        out.push_back(mark + c.path.substr(4) + ": " + v);
    }
    return out;
}

TEST_CASE("arrays: a shifted list is one addition and one removal, each at its own index") {
    CHECK(lines(run(R"({"data":[1,2,3,4,5,6]})", R"({"data":[0,1,2,3,4,5]})")) ==
          std::vector<std::string>{"+ $.data[0]: 0", "- $.data[5]: 6"});
    // Never a value paired with one from another index ("caps[2]: "d" -> "X"").
    CHECK(lines(run(R"(["a","b","c","d","e","f"])", R"(["a","c","X","f"])")) ==
          std::vector<std::string>{"- $[1]: \"b\"", "- $[3]: \"d\"", "- $[4]: \"e\"", "+ $[2]: \"X\""});
}

TEST_CASE("arrays: a value edited in place is one change") {
    CHECK(lines(run("[1,2,3]", "[2,2,3]")) == std::vector<std::string>{"~ $[0]: 1 -> 2"});
    CHECK(lines(run(R"([{"role":"user","text":"a"}])", R"([{"role":"user","text":"b"}])")) ==
          std::vector<std::string>{"~ $[0].text: \"a\" -> \"b\""});
}

TEST_CASE("arrays: objects pair only when they are the same entity") {
    // bob left, dee came, ada moved and changed role: no "bob renamed to dee".
    auto d = lines(run(R"([{"id":1,"name":"ada","role":"admin"},{"id":2,"name":"bob"},{"id":3,"name":"cy"}])",
                       R"([{"id":4,"name":"dee"},{"id":1,"name":"ada","role":"owner"},{"id":3,"name":"cy"}])"));
    CHECK(d == std::vector<std::string>{"+ $[0]: {\"id\":4,\"name\":\"dee\"}", "~ $[1].role: \"admin\" -> \"owner\"",
                                        "- $[1]: {\"id\":2,\"name\":\"bob\"}"});
    // Ids all new (a re-created list) but names shared: the name is the identity.
    auto e = lines(run(R"([{"id":"x1","name":"a","v":1},{"id":"x2","name":"b","v":1}])",
                       R"([{"id":"y1","name":"a","v":1},{"id":"y2","name":"b","v":2}])"));
    CHECK(e == std::vector<std::string>{"~ $[0].id: \"x1\" -> \"y1\"", "~ $[1].id: \"x2\" -> \"y2\"",
                                        "~ $[1].v: 1 -> 2"});
    // A key given by a JSON path to ignore names nothing.
    size_t ignored = 0;
    auto f = lines(run(R"([{"id":"a","v":1},{"id":"b","v":2}])", R"([{"id":"c","v":1},{"id":"d","v":3}])", {"$..id"},
                       &ignored));
    CHECK(f == std::vector<std::string>{"~ $[1].v: 2 -> 3"});
    CHECK(ignored == 2);
}

TEST_CASE("type changes and numbers") {
    auto d = run(R"({"a":1,"b":"1","c":1.5})", R"({"a":"1","b":"1","c":1.50})");
    REQUIRE(d.size() == 1);
    CHECK(d[0].path == "body$.a");
}

TEST_CASE("ignored paths are counted, not reported") {
    size_t ignored = 0;
    auto d = run(R"({"id":"a","created":1,"data":[{"id":"x","v":1},{"id":"y","v":2}]})",
                 R"({"id":"b","created":2,"data":[{"id":"z","v":1},{"id":"w","v":3}]})",
                 {"$.created", "$..id"}, &ignored);
    REQUIRE(d.size() == 1);
    CHECK(d[0].path == "body$.data[1].v");
    CHECK(ignored == 4);
}

TEST_CASE("path patterns") {
    using Seg = std::vector<PathSegment>;
    CHECK(pat("$.a.b").matches(Seg{std::string("a"), std::string("b")}));
    CHECK_FALSE(pat("$.a.b").matches(Seg{std::string("a")}));
    CHECK(pat("$.list[*].id").matches(Seg{std::string("list"), size_t(3), std::string("id")}));
    CHECK(pat("$.list[2]").matches(Seg{std::string("list"), size_t(2)}));
    CHECK_FALSE(pat("$.list[2]").matches(Seg{std::string("list"), size_t(1)}));
    CHECK(pat(R"($["a.b"].c)").matches(Seg{std::string("a.b"), std::string("c")}));
    CHECK(pat("$..id").matches(Seg{std::string("id")}));
    CHECK(pat("$..id").matches(Seg{std::string("x"), size_t(0), std::string("id")}));
    CHECK_FALSE(pat("$..id").matches(Seg{std::string("id"), std::string("x")}));
    CHECK(pat("$.*").matches(Seg{std::string("anything")}));
    auto bad = JsonPathPattern::parse("a.b");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "invalid JSON path 'a.b': it must start with '$'");
    CHECK(bad.error().rule == "ignore-path");
    CHECK_FALSE(JsonPathPattern::parse("$.a["));
    CHECK_FALSE(JsonPathPattern::parse("$.."));
    CHECK_FALSE(JsonPathPattern::parse("$.a[x]"));
}

TEST_CASE("depth is bounded before parsing; deep input never reaches the recursive code") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    json j;
    CHECK(parse_json(deep, j) == JsonParse::TooDeep);
    const std::string ok = std::string(k_max_json_depth, '[') + std::string(k_max_json_depth, ']');
    CHECK(parse_json(ok, j) == JsonParse::Ok);
    CHECK(json_depth(R"({"a":"[[[[","b":[1]})", 100) == 2);
    CHECK(parse_json("{not json", j) == JsonParse::NotJson);
    CHECK(parse_json("", j) == JsonParse::NotJson);
}

TEST_CASE("format_json_path") {
    CHECK(format_json_path({}) == "$");
    CHECK(format_json_path({std::string("a"), size_t(0), std::string("b\"c")}) == R"($.a[0]["b\"c"])");
}

}

TEST_CASE("json_text: nlohmann's compact dump, byte for byte") {
    auto dump = [](const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); };
    std::vector<json> values = {
        json("plain"), json(""), json("quote \" backslash \\ slash /"), json("\b\f\n\r\t"),
        json(std::string("nul \0 and \x01\x1f\x7f", 14)), json("caf\xC3\xA9 \xE6\x9D\xB1 \xF0\x9F\x98\x80"),
        json("bad \xC3 utf8 \xFF"), json::object(), json::array(), json(nullptr), json(true), json(-12),
        json(3.25), json(1e300), json(18446744073709551615ull),
    };
    for (const char* text : {R"({"b":[1,2.5,{"x\n":"y\u0001"}],"a":null,"c":"\u00e9\ud83d\ude00","d":[]})",
                             R"([[[]],{"":""},-0.0,1E2,"\\\"",false])"}) {
        json v;
        REQUIRE(parse_json(text, v) == JsonParse::Ok);
        values.push_back(v);
    }
    // Every byte value in a string, alone and amid text.
    for (int c = 0; c < 256; ++c) {
        values.push_back(json(std::string(1, char(c))));
        values.push_back(json("a" + std::string(1, char(c)) + "b"));
    }
    for (const auto& v : values) {
        CAPTURE(dump(v));
        CHECK(json_text(v) == dump(v));
    }
}
