#include "diff/diff.hpp"
#include "diff/mask.hpp"
#include "diff/render.hpp"
#include "yaml/reader.hpp"

#include "corpus_files.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace cassette;
using namespace cassette::diff;

namespace {

Cassette read(const std::string& text) {
    auto r = yaml::read_cassette(text, "t.yaml");
    REQUIRE(r.ok());
    return std::move(*r.cassette);
}

// A v2 cassette of GET interactions: each item is "url|response body|extra header lines".
std::string cassette_text(const std::vector<std::string>& items) {
    std::string s = "version: 2\ninteractions:\n";
    for (size_t i = 0; i < items.size(); ++i) {
        const std::string& it = items[i];
        const size_t bar = it.find('|');
        const size_t bar2 = it.find('|', bar + 1);
        s += "- id: " + std::to_string(i) + "\n  request:\n    url: " + it.substr(0, bar) +
             "\n    method: GET\n  response:\n    body: '" + it.substr(bar + 1, bar2 - bar - 1) +
             "'\n    headers:\n      Content-Type: [application/json]\n" +
             (bar2 == std::string::npos ? "" : it.substr(bar2 + 1)) + "    status: 200 OK\n    code: 200\n    duration: 5ms\n";
    }
    return s;
}

} // namespace

TEST_SUITE("diff::compare") {

TEST_CASE("identical cassettes have no change") {
    Cassette a = read(cassette_text({"https://x/1|{}", "https://x/2|[]"}));
    Report r = compare(a, a, {});
    CHECK(r.changes.empty());
    CHECK(r.summary.unchanged == 2);
}

TEST_CASE("pairing is by request identity, not position: a middle insertion is one addition") {
    std::vector<std::string> old_items, new_items;
    for (int i = 0; i < 50; ++i) old_items.push_back("https://x/" + std::to_string(i) + "|{\"n\":" + std::to_string(i) + "}");
    new_items = old_items;
    new_items.insert(new_items.begin() + 25, "https://x/new|{}");
    new_items.erase(new_items.begin() + 3);
    Report r = compare(read(cassette_text(old_items)), read(cassette_text(new_items)), {});
    REQUIRE(r.changes.size() == 2);
    CHECK(r.changes[0].kind == Change::Removed);
    CHECK(*r.changes[0].old_index == 3);
    CHECK(r.changes[1].kind == Change::Added);
    CHECK(*r.changes[1].new_index == 24);
    CHECK(r.summary.unchanged == 49);
}

TEST_CASE("ids renumbering and header name case are no difference") {
    Cassette a = read(cassette_text({"https://x/1|{}|      x-thing: [a]\n"}));
    std::string t = cassette_text({"https://x/1|{}|      X-Thing: [a]\n"});
    t.replace(t.find("id: 0"), 5, "id: 7");
    CHECK(compare(a, read(t), {}).changes.empty());
}

TEST_CASE("volatile headers and duration are ignored unless --all; extra ignores") {
    Cassette a = read(cassette_text({"https://x/1|{}|      Date: [Mon]\n      X-Ratelimit-Reset: [1]\n      Foo: [1]\n"}));
    Cassette b = read(cassette_text({"https://x/1|{}|      Date: [Tue]\n      X-Ratelimit-Reset: [2]\n      Foo: [2]\n"}));
    Report r = compare(a, b, {});
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].path == "response.headers.Foo");
    CHECK(r.summary.ignored == 2);
    DiffOptions o;
    o.ignore_headers = {"foo"};
    CHECK(compare(a, b, o).changes.empty());
    DiffOptions all;
    all.all = true;
    CHECK(compare(a, b, all).changes.size() == 3);
}

TEST_CASE("Set-Cookie compares without its expiry") {
    Cassette a = read(cassette_text({"https://x/1|{}|      Set-Cookie: [\"s=1; Path=/; Expires=Mon, 01 Jan 2024 00:00:00 GMT; Max-Age=60\"]\n"}));
    Cassette b = read(cassette_text({"https://x/1|{}|      Set-Cookie: [\"s=1; Path=/; Expires=Tue, 02 Jan 2024 00:00:00 GMT; Max-Age=99\"]\n"}));
    Cassette c = read(cassette_text({"https://x/1|{}|      Set-Cookie: [\"s=1; Path=/api; Expires=Tue, 02 Jan 2024 00:00:00 GMT\"]\n"}));
    CHECK(compare(a, b, {}).changes.empty());
    CHECK(compare(a, c, {}).changes.size() == 1);
}

TEST_CASE("same method and URL path with another query pair as changed") {
    Report r = compare(read(cassette_text({"https://x/a?t=1|{}"})), read(cassette_text({"https://x/a?t=2|{}"})), {});
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].path == "request.url");
    CHECK(r.summary.changed == 1);
}

TEST_CASE("format change alone is one line") {
    Cassette v1 = read("version: 1\ninteractions:\n- request:\n    body: \"\"\n    form: {}\n    headers: {}\n    url: https://x/1\n"
                       "    method: GET\n  response:\n    body: '{}'\n    headers: {}\n    status: 200 OK\n    code: 200\n    duration: \"\"\n");
    Cassette v2 = read("version: 2\ninteractions:\n- id: 0\n  request:\n    proto: HTTP/1.1\n    proto_major: 1\n    proto_minor: 1\n"
                       "    content_length: 0\n    host: x\n    url: https://x/1\n    method: GET\n  response:\n    proto: HTTP/2.0\n"
                       "    proto_major: 2\n    proto_minor: 0\n    content_length: 2\n    body: '{}'\n    status: 200 OK\n    code: 200\n"
                       "    duration: 1ms\n");
    Report r = compare(v1, v2, {});
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].path == "version");
    CHECK(*r.changes[0].old_value == "1");
    CHECK(r.summary.unchanged == 1);
}

TEST_CASE("deeply nested JSON bodies fall back to a text diff with a note") {
    const std::string deep_a = std::string(3000, '[') + "1" + std::string(3000, ']');
    const std::string deep_b = std::string(3000, '[') + "2" + std::string(3000, ']');
    Report r = compare(read(cassette_text({"https://x/1|" + deep_a})), read(cassette_text({"https://x/1|" + deep_b})), {});
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].path == "response.body:1");
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].find("compared as text") != std::string::npos);
}

TEST_CASE("empty_cassette stands for /dev/null: everything added") {
    Cassette b = read(cassette_text({"https://x/1|{}", "https://x/2|{}"}));
    Report r = compare(empty_cassette(2), b, {});
    CHECK(r.summary.added == 2);
}

TEST_CASE("the report is the same compared on 1, 2, 3 or 7 threads, and with the interactions taken or copied") {
    // Each corpus and sample file against the next one (other requests,
    // other formats) and against itself with its interactions shifted by one
    // (mostly pairs that changed).
    const std::vector<std::string> files = testing_support::sample_and_corpus_files();
    REQUIRE(files.size() >= 2);
    const redact::Detector detector(redact::DetectOptions{});
    size_t pairs = 0, changes = 0;
    for (size_t k = 0; k < files.size(); ++k) {
        auto ra = yaml::read_cassette_file(files[k]);
        auto rb = yaml::read_cassette_file(files[(k + 1) % files.size()]);
        if (!ra.ok() || !rb.ok()) continue;
        Cassette shifted = *ra.cassette;
        if (shifted.interactions.size() >= 2)
            std::rotate(shifted.interactions.begin(), shifted.interactions.begin() + 1, shifted.interactions.end());
        for (const Cassette* other : {&*rb.cassette, &shifted}) {
            CAPTURE(files[k]);
            std::string want;
            for (unsigned threads : {1u, 2u, 3u, 7u}) {
                CAPTURE(threads);
                DiffOptions o;
                o.threads = util::ThreadBudget::always_split(threads);
                Report r = compare(*ra.cassette, *other, o);
                r.old_name = "a";
                r.new_name = "b";
                Cassette a = *ra.cassette, b = *other;
                if (threads == 1) {
                    mask_secrets(r, find_secrets(a, r, true, detector), find_secrets(b, r, false, detector));
                    want = render_json(r);
                    changes += r.changes.size();
                } else {
                    mask_secrets(r, take_secrets(a, r, true, detector), take_secrets(b, r, false, detector));
                    CHECK(render_json(r) == want);
                }
            }
            ++pairs;
        }
    }
    if (testing_support::shared_corpus_present()) {
        CHECK(pairs >= 2 * 40);
        CHECK(changes > 1000);
    } else {
        CHECK(pairs >= 2);
    }
}

TEST_CASE("secrets never reach the output") {
    Cassette a = read(cassette_text({"https://x/1?api_key=k1k1k1k1k1k1k1k1k1|{\"token\":\"q8Zr4Lx0Vm2Tb7Nc5Wd1\"}|"
                                     "      Authorization: [Bearer sk-proj-Hq7Lm2Xz9Rk4Wp1Tn6Vb3Jc8Fd5G]\n"}));
    Cassette b = read(cassette_text({"https://x/1?api_key=k2k2k2k2k2k2k2k2k2|{\"token\":\"J3kP9sQ2wE6rT1yU8iO4\"}|"
                                     "      Authorization: [Bearer sk-proj-Ys4Ue1Io7Pa2Sd9Fg3Hj6Kl0Zx8C]\n"}));
    Report r = compare(a, b, {});
    r.old_name = "a";
    r.new_name = "b";
    const redact::Detector detector(redact::DetectOptions{});
    mask_secrets(r, find_secrets(a, r, true, detector), find_secrets(b, r, false, detector));
    for (const std::string& out : {render_text(r, false), render_markdown(r), render_json(r)}) {
        CHECK(out.find("k1k1k1k1k1k1k1k1k1") == std::string::npos);
        CHECK(out.find("k2k2k2k2k2k2k2k2k2") == std::string::npos);
        CHECK(out.find("q8Zr4Lx0Vm2Tb7Nc5Wd1") == std::string::npos);
        CHECK(out.find("Hq7Lm2Xz9Rk4Wp1Tn6Vb3Jc8Fd5G") == std::string::npos);
        CHECK(out.find("Ys4Ue1Io7Pa2Sd9Fg3Hj6Kl0Zx8C") == std::string::npos);
    }
    CHECK(mask_text("x=abcdefgh&y=abcdefgh", {{"abcdefgh", "ab…gh"}}) == "x=ab…gh&y=ab…gh");
}

}

TEST_CASE("a big report is masked change by change on several threads, each with its own interactions' secrets") {
    // 6,000 changes (over the 4,096 from which the masking is split): each
    // interaction's own secret is masked in its own changes and only there.
    Report r;
    SecretsByInteraction old_side, new_side;
    const size_t n = 6000;
    for (size_t i = 0; i < n; ++i) {
        const std::string a = "sk-old-secret-" + std::to_string(i), b = "sk-new-secret-" + std::to_string(i);
        old_side[i] = {MaskEntry{a, "OLD" + std::to_string(i)}};
        new_side[i] = {MaskEntry{b, "NEW" + std::to_string(i)}};
        Change c;
        c.kind = Change::Changed;
        c.path = "request.headers.Authorization";
        c.old_index = i;
        c.new_index = i;
        // The next interaction's secret too: it must stay (not this change's).
        c.old_value = "Bearer " + a + " then sk-old-secret-" + std::to_string(i + 1) + "x";
        c.new_value = "Bearer " + b;
        r.changes.push_back(c);
    }
    mask_secrets(r, old_side, new_side);
    for (size_t i = 0; i < n; ++i) {
        CAPTURE(i);
        CHECK(*r.changes[i].old_value == "Bearer OLD" + std::to_string(i) + " then sk-old-secret-" +
                                             std::to_string(i + 1) + "x");
        CHECK(*r.changes[i].new_value == "Bearer NEW" + std::to_string(i));
    }
}
