#include "util/sse.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace cassette::util;

TEST_SUITE("util::sse") {

TEST_CASE("the content type decides when it says text/event-stream") {
    CHECK(looks_sse("", "text/event-stream"));
    CHECK(looks_sse("anything", "Text/Event-Stream; charset=utf-8"));
    CHECK(looks_sse("{}", " text/event-stream "));
    CHECK_FALSE(looks_sse("{}", "application/json"));
}

TEST_CASE("a body made of SSE lines looks like SSE") {
    CHECK(looks_sse("data: {\"a\":1}\n\ndata: [DONE]\n\n", ""));
    CHECK(looks_sse("event: ping\r\nid: 7\r\ndata: x\r\n\r\n", "application/octet-stream"));
    CHECK(looks_sse(": keep-alive\n\nretry: 1000\ndata\n\n", ""));
    CHECK(looks_sse("data: only one, not terminated", ""));
}

TEST_CASE("other bodies do not") {
    CHECK_FALSE(looks_sse("", ""));
    CHECK_FALSE(looks_sse("\n\n", ""));
    CHECK_FALSE(looks_sse(": just a comment\n\n", ""));
    CHECK_FALSE(looks_sse("{\"data\": 1}", "application/json"));
    CHECK_FALSE(looks_sse("data: x\nhello\n\n", ""));
    CHECK_FALSE(looks_sse("database: x\n\n", ""));
    CHECK_FALSE(looks_sse(" data: x\n\n", "")); // fields start the line
}

TEST_CASE("events are split at blank lines and keep their text") {
    const std::string body = "event: a\ndata: 1\n\ndata: 2\n\n";
    const auto ev = sse_events(body);
    REQUIRE(ev.size() == 2u);
    CHECK(ev[0] == "event: a\ndata: 1");
    CHECK(ev[1] == "data: 2");
    CHECK(ev[0].data() == body.data()); // views into the body
}

TEST_CASE("CRLF, mixed endings and repeated blank lines") {
    const auto crlf = sse_events("data: 1\r\nid: 2\r\n\r\ndata: 3\r\n\r\n");
    REQUIRE(crlf.size() == 2u);
    CHECK(crlf[0] == "data: 1\r\nid: 2");
    CHECK(crlf[1] == "data: 3");
    const auto mixed = sse_events("\n\ndata: a\n\r\n\n\ndata: b\r\n\ndata: c");
    REQUIRE(mixed.size() == 3u);
    CHECK(mixed[0] == "data: a");
    CHECK(mixed[1] == "data: b");
    CHECK(mixed[2] == "data: c"); // last event without a closing blank line
    CHECK(sse_events("").empty());
    CHECK(sse_events("\r\n\r\n").empty());
}

} // TEST_SUITE
