#include "match/match.hpp"
#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace cassette;

namespace {

Cassette read(const std::string& text) {
    yaml::ReadResult r = yaml::read_cassette(text, "t.yaml");
    REQUIRE(r.ok());
    return std::move(*r.cassette);
}

// A format 2 cassette of GET https://example.com/x interactions, one per
// value of their X-Key header (headers written in the given order).
std::string cassette_of(const std::vector<std::string>& keys, bool swap_headers = false) {
    std::string t = "---\nversion: 2\ninteractions:\n";
    for (size_t k = 0; k < keys.size(); ++k) {
        const std::string key = "            X-Key:\n                - " + keys[k] + "\n";
        const std::string accept = "            Accept:\n                - application/json\n";
        t += "    - id: " + std::to_string(k) +
             "\n      request:\n        proto: HTTP/1.1\n        proto_major: 1\n        proto_minor: 1\n"
             "        content_length: 0\n        host: example.com\n        body: \"\"\n        headers:\n" +
             (swap_headers ? key + accept : accept + key) +
             "        url: https://example.com/x\n        method: GET\n"
             "      response:\n        body: ok\n        headers: {}\n        status: 200 OK\n        code: 200\n";
    }
    return t;
}

} // namespace

TEST_CASE("lost_replays: an unchanged request loses its interaction to an earlier, changed one (replay order)") {
    const Cassette before = read(cassette_of({"b", "b"}));
    // Interaction 0's key was rewritten: request 0 now replays interaction
    // 1, and request 1, whose interaction did not change, finds none left.
    const Cassette after = read(cassette_of({"z", "b"}));
    const auto r = match::lost_replays(match::recorded_requests(before), after);
    REQUIRE(r.lost.size() == 1);
    CHECK(r.lost[0].interaction == 1);
    CHECK(r.lost[0].field.empty()); // its own interaction still matches it: replay order took it
    CHECK(r.failing_before == 0);
}

TEST_CASE("lost_replays: a changed request names its blocking field; nothing changed loses nothing") {
    const Cassette before = read(cassette_of({"a", "b"}));
    const auto changed = match::lost_replays(match::recorded_requests(before), read(cassette_of({"a", "z"})));
    REQUIRE(changed.lost.size() == 1);
    CHECK(changed.lost[0].interaction == 1);
    CHECK(changed.lost[0].field == "header X-Key");
    CHECK(changed.failing_before == 0);

    const Cassette same = read(cassette_of({"a", "b"}));
    const auto none = match::lost_replays(match::recorded_requests(before), same);
    CHECK(none.lost.empty());
    CHECK(none.failing_before == 0);
}

TEST_CASE("lost_replays: headers rewritten in another order lose nothing") {
    // Both interactions are identical but the header order: go-vcr compares
    // headers as a map, so both requests replay (each the first eligible).
    const Cassette before = read(cassette_of({"a", "a"}));
    const Cassette swapped = read(cassette_of({"a", "a"}, true));
    const auto r = match::lost_replays(match::recorded_requests(before), swapped);
    CHECK(r.lost.empty());
    CHECK(r.failing_before == 0);
}

TEST_CASE("replay: the v4 matcher compares headers as a map (order of keys does not matter)") {
    const auto recorded = match::recorded_requests(read(cassette_of({"a", "b"})));
    auto sent = match::recorded_requests(read(cassette_of({"b", "a"}, true)));
    for (auto& q : sent) REQUIRE(match::to_send(q, 2));
    const std::vector<std::string> errors(sent.size());
    match::Options o;
    o.explain = false;
    const auto report = match::replay(sent, errors, recorded, o);
    REQUIRE(report.outcomes.size() == 2);
    CHECK(report.outcomes[0].replays == std::optional<size_t>(1));
    CHECK(report.outcomes[1].replays == std::optional<size_t>(0));
    // A header value that differs: no match, and the nearest is explained.
    auto other = match::recorded_requests(read(cassette_of({"c"})));
    for (auto& q : other) REQUIRE(match::to_send(q, 2));
    o.explain = true;
    const auto miss = match::replay(other, std::vector<std::string>(1), recorded, o);
    REQUIRE(miss.outcomes.size() == 1);
    CHECK_FALSE(miss.outcomes[0].replays);
    REQUIRE_FALSE(miss.outcomes[0].blocking.empty());
    CHECK(miss.outcomes[0].blocking[0].field == "header");
    CHECK(miss.outcomes[0].blocking[0].name == "X-Key");
}

TEST_CASE("lost_replays: requests that did not replay before are counted, not reported as lost") {
    // Go's URL.String() lower-cases the scheme: the request sent is not the
    // URL recorded, before the rewrite as after it.
    std::string text = cassette_of({"a", "b"});
    text.replace(text.find("url: https:"), 10, "url: HTTPS:");
    std::string rewritten = cassette_of({"a", "z"});
    rewritten.replace(rewritten.find("url: https:"), 10, "url: HTTPS:");
    const auto r = match::lost_replays(match::recorded_requests(read(text)), read(rewritten));
    CHECK(r.failing_before == 1);
    REQUIRE(r.lost.size() == 1);
    CHECK(r.lost[0].interaction == 1);
}
