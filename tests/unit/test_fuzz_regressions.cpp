// Inputs the fuzzers (fuzz/) found, minimized, with the property that failed.
// Each case names the harness and what was wrong before the fix.
#include "convert/har.hpp"
#include "model/equal.hpp"
#include "model/walk.hpp"
#include "redact/redact.hpp"
#include "yaml/emit_scalar.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include "util/gzip.hpp"

#include <doctest/doctest.h>

using namespace cassette;

namespace {

Cassette read(const std::string& text) {
    auto r = yaml::read_cassette(text, "t.yaml");
    REQUIRE_MESSAGE(r.ok(), (r.diagnostics.empty() ? std::string() : r.diagnostics.front().message));
    return std::move(*r.cassette);
}

Layout layout_of(Emitter e, int indent, bool indentless) {
    Layout l;
    l.emitter = e;
    l.indent = indent;
    l.indentless = indentless;
    l.width = e == Emitter::YamlV2 ? 80 : -1;
    return l;
}

// The canonical text for `layout` reads back as the same data.
void canonical_round_trip(const Cassette& c, const Layout& layout) {
    const std::string text = yaml::write_canonical(c, layout);
    auto back = yaml::read_cassette(text, "t.yaml");
    INFO(layout.name() << "\n" << text);
    REQUIRE(back.ok());
    CHECK(first_difference(c, *back.cassette) == std::nullopt);
}

// Set the scalar at `path` (the walk's path) of interaction 0 whose current
// value is `old`, then write in place and verify.
void edit_and_verify(Cassette& c, std::string_view path, const std::string& old, const std::string& value) {
    bool found = false;
    for_each_scalar(c, [&](Scalar& s, const ScalarSite& site) {
        if (site.path == path && s.value == old && !found) {
            s.value = value;
            s.dirty = true;
            found = true;
        }
    });
    REQUIRE(found);
    const std::string written = yaml::write_in_place(c);
    INFO(written);
    CHECK(yaml::verify_written(c, written) == std::nullopt);
}

} // namespace

TEST_SUITE("fuzz regressions") {

TEST_CASE("writer: goccy canonical output escapes control characters (was: written raw, unreadable)") {
    Cassette c = read("version: 2\ninteractions:\n- request:\n    body: \"\\x1F\\x8B\\b\"\n    url: x\n");
    canonical_round_trip(c, layout_of(Emitter::Goccy, 2, true));
}

TEST_CASE("writer: goccy canonical output keeps bytes that are not UTF-8 (as !!binary)") {
    Cassette c = read("version: 2\ninteractions:\n- response:\n    body: !!binary /w==\n    code: 200\n");
    canonical_round_trip(c, layout_of(Emitter::Goccy, 2, true));
}

TEST_CASE("emit: goccy `|` blocks that would not read back are double-quoted") {
    // A lone line break (was: `|` with one empty line, read back as ""), and
    // a first line starting with a space (goccy writes no indentation indicator),
    // and (fuzz_writer) NEL, LS or PS anywhere: libyaml reads them as line breaks
    // and goccy writes no indentation after them.
    for (const char* value : {"\n", "\n\n", " lead\nnext\n", "\n\tx\n", "\u2028m\n\niccation/j", "a\nb\u2029c\n",
                              "a\nb\u0085c"}) {
        Cassette c = read("version: 2\ninteractions:\n- request:\n    body: x\n");
        INFO(value);
        edit_and_verify(c, "request.body", "x", value);
        canonical_round_trip(c, layout_of(Emitter::Goccy, 2, true));
    }
}

TEST_CASE("emit: a literal block's indentation indicator is its distance from the parent (was: always best_indent)") {
    // yaml.v3 layout: a header value in a sequence ("- " at column 16, content
    // at 18: `|2`, not `|4`), and a value of a key at column 6 (content at 8).
    Cassette c = read("---\nversion: 2\ninteractions:\n    - id: 0\n      request:\n        headers:\n"
                      "            X-A:\n                - a\n        url: x\n      note: n\n");
    REQUIRE(c.layout.emitter == Emitter::YamlV3);
    edit_and_verify(c, "request.headers", "a", "\nle");
    edit_and_verify(c, "interaction.extra", "n", " space\nthen\n");
    canonical_round_trip(c, c.layout);
}

TEST_CASE("writer: values in flow collections that are not UTF-8 or hold C1 controls or U+2028 (was: copied raw)") {
    for (const std::string& value : {std::string("\x03\xe4n\xff\xfe"), std::string("a\xc2\x85" "b"),
                                    std::string("\xe2\x80\xa8"), std::string("\xc2\x80\xef\xbb\xbf")}) {
        Cassette c = read("version: 1\nmeta:\n  tags: [a, b]\ninteractions:\n- request:\n"
                          "    headers: {Accept: [text/plain]}\n    url: x\n");
        edit_and_verify(c, "extra", "a", value);
        edit_and_verify(c, "request.headers", "text/plain", value);
    }
}

TEST_CASE("equal: an unknown key's empty value and `null` are the same null (was: canonical output differed)") {
    Cassette c = read("version: 2\ninteractions:\n- response:\n    response:\n    code: 200\n");
    canonical_round_trip(c, layout_of(Emitter::YamlV3, 4, false));
    Cassette a = read("version: 2\nx:\ninteractions: []\n");
    Cassette b = read("version: 2\nx: ~\ninteractions: []\n");
    Cassette d = read("version: 2\nx: ''\ninteractions: []\n");
    CHECK(first_difference(a, b) == std::nullopt);
    CHECK(first_difference(a, d) == std::nullopt); // same string value: equal, as before
    Cassette f = read("version: 2\nx: nil\ninteractions: []\n");
    CHECK(first_difference(a, f) != std::nullopt);
}

TEST_CASE("writer: a null int field is written as Go's zero value and reads back as the same data") {
    // `content_length: #82` is a null (the rest is a comment); canonical
    // output writes 0, as go-vcr would (was: a difference "content_length").
    Cassette c = read("version: 2\ninteractions:\n- request:\n    content_length: #82\n    url: x\n"
                      "  response:\n    code: ~\n    uncompressed:\n");
    for (const Layout& l : {layout_of(Emitter::YamlV3, 4, false), layout_of(Emitter::YamlV2, 2, true)}) {
        canonical_round_trip(c, l);
        const std::string text = yaml::write_canonical(c, l);
        // The comment stays at the end of its line (issue #21: comments are kept).
        CHECK(text.find("content_length: 0 #82\n") != std::string::npos);
        CHECK(text.find("code: 0\n") != std::string::npos);
        CHECK(text.find("uncompressed: false\n") != std::string::npos);
    }
    Cassette one = read("version: 2\ninteractions:\n- response:\n    code: 1\n");
    Cassette zero = read("version: 2\ninteractions:\n- response:\n    code: 0\n");
    Cassette null = read("version: 2\ninteractions:\n- response:\n    code:\n");
    CHECK(first_difference(zero, null) == std::nullopt);
    CHECK(first_difference(one, null) == std::optional<std::string>("interactions[0].response.code"));
}

TEST_CASE("emit: an unknown key edited in place is written as a key, never folded (was: yaml.v2 folded it)") {
    Cassette c = read("---\nversion: 1\nrecorded_with: go-vcr\nmeta:\n  tags: [a]\ninteractions: []\n");
    REQUIRE(c.layout.emitter == Emitter::YamlV2);
    const std::string key = "&\x01\x1c request_\x1a\x1a\x1b\x1a\x1a\x1a\x1a\x1a\x1a\x1a request_uri: \x1a\x1b\x1a\x1a and more words to pass the eightieth column";
    edit_and_verify(c, "extra", "meta", key);
}

TEST_CASE("writer: a key that is not a simple key is written in the explicit `? key` form (was: unreadable)") {
    // An unknown key of 1100 characters (libyaml refuses simple keys past
    // 1024) and a header name with a line break.
    Cassette c = read("version: 2\nk: 378\ninteractions:\n- request:\n    headers:\n"
                      "      \"X-A\\nB\":\n      - v\n    url: x\n");
    c.extra.at(0).key.value = std::string(1100, 'k'); // a file cannot hold it as a simple key
    for (const Layout& l : {layout_of(Emitter::YamlV3, 4, false), layout_of(Emitter::YamlV2, 2, true),
                            layout_of(Emitter::YamlV4, 2, true), layout_of(Emitter::Goccy, 2, true)}) {
        canonical_round_trip(c, l);
        CHECK(yaml::write_canonical(c, l).find("? ") != std::string::npos);
    }
}

TEST_CASE("emit: a goccy key is a simple key only under 1024 characters as written (was: any length, unreadable)") {
    // fuzz_emit: a header name of 300 NUL bytes, edited in place in a goccy
    // file, was written as one 1,200-character escaped key that libyaml does
    // not read as a key. is_simple_key now says no, as for go-yaml's layouts.
    const std::string nuls(300, '\0');
    CHECK_FALSE(yaml::is_simple_key(nuls, yaml::Dialect::Goccy));
    CHECK_FALSE(yaml::is_simple_key(std::string(1100, 'k'), yaml::Dialect::Goccy));
    CHECK(yaml::is_simple_key(std::string(1000, 'k'), yaml::Dialect::Goccy));
    CHECK(yaml::is_simple_key(std::string(200, '\x01'), yaml::Dialect::Goccy)); // 800 characters escaped
    // Under the limit, an edited key reads back.
    Cassette c = read("\xEF\xBB\xBF---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    headers:\n"
                      "      Accept:\n      - \"application/json\"\n    url: \"https://example.com/\"\n");
    REQUIRE(c.layout.emitter == Emitter::Goccy);
    edit_and_verify(c, "request.headers", "Accept", std::string(200, '\x01'));
}

TEST_CASE("har: unknown keys whose names are not UTF-8 come back (was: replaced by U+FFFD in the JSON)") {
    // fuzz_har: an interaction's unknown mapping with a key of bytes FF FF 'm'
    // (in YAML a !!binary key).
    Cassette c = read("version: 1\ninteractions:\n- request:\n    url: x\n  note:\n    !!binary //9t: [a]\n"
                      "    body: b\n");
    REQUIRE(c.interactions.at(0).extra.at(0).value.entries.at(0).key.value == "\xFF\xFFm");
    c.extra.push_back(NodeEntry{c.interactions[0].extra[0].value.entries[0].key, c.interactions[0].extra[0].value});
    const std::string har = convert::to_har(c, {});
    CHECK(har.find("\"key_base64\": \"//9t\"") != std::string::npos);
    auto back = convert::import_har(har, {});
    REQUIRE_MESSAGE(back, diag::message_of(back));
    CHECK(first_difference(c, back->cassette) == std::nullopt);
}

TEST_CASE("emit: compact (yaml/v4) keeps the indentation indicator when the first non-empty line starts with a space") {
    // "\n #": without `|2-` the reader takes the space for indentation (was: read back as "\n#").
    Cassette c = read("---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    body: x\n");
    REQUIRE(c.layout.emitter == Emitter::YamlV4);
    edit_and_verify(c, "request.body", "x", "\n #");
    canonical_round_trip(c, c.layout);
}

TEST_CASE("redact: a token in a \"gzip\" body that is not gzip is redacted (was: compressed bodies never scanned)") {
    // fuzz_redact: a token appended to a gzip stream survived, stored in clear
    // inside the !!binary value. (A token inside a valid gzip stream is still
    // not redacted: see docs/bad-input.md, "left to do".)
    const std::string token = "ghp_Zq3x9Lk2Vt7Rm4Pw8Ns1Yb6Hc5Jd0Fg2Ke4A";
    for (const std::string& body : {std::string("plain text ") + token, std::string("\x1f\x8b\x08\x00 ") + token}) {
        Cassette c = read("version: 2\ninteractions:\n- response:\n    body: x\n    headers:\n"
                          "      Content-Encoding:\n      - gzip\n    code: 200\n");
        c.interactions[0].response.body.set(body);
        auto text = yaml::write_in_place(c);
        Cassette planted = read(text);
        redact::RedactOptions o;
        redact::Report r = redact::redact(planted, o);
        CHECK(r.redactions.size() == 1);
        const std::string out = yaml::write_in_place(planted);
        CHECK(yaml::verify_written(planted, out) == std::nullopt);
        CHECK(read(out).interactions[0].response.body.str().find(token) == std::string::npos);
    }
}

TEST_CASE("redact: a token in clear in the bytes of a body with an unknown or undecoded encoding is redacted") {
    // fuzz_redact: `Content-Encoding: gzi0` (no encoding we know) and a gzip
    // stream followed by the token: the body was skipped as "compressed" and
    // the token survived inside the !!binary value.
    const std::string token = "ghp_Zq3x9Lk2Vt7Rm4Pw8Ns1Yb6Hc5Jd0Fg2Ke4A";
    // gzip of "abc" (Python's gzip module, mtime 0).
    const std::string gz("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff\x4b\x4c\x4a\x06\x00\xc2\x41\x24\x35\x03\x00\x00\x00", 23);
    REQUIRE(util::gunzip(gz) == std::string("abc"));
    for (const char* encoding : {"gzi0", "br", "deflate", "gzip"}) {
        CAPTURE(encoding);
        const std::string body = std::string(encoding) == "gzip" ? gz : gz + " " + token + " ";
        Cassette c = read(std::string("version: 2\ninteractions:\n- response:\n    body: x\n    headers:\n"
                                      "      Content-Encoding:\n      - ") +
                          encoding + "\n    code: 200\n");
        c.interactions[0].response.body.set(body);
        Cassette planted = read(yaml::write_in_place(c));
        redact::RedactOptions o;
        redact::Report r = redact::redact(planted, o);
        const std::string out = yaml::write_in_place(planted);
        CHECK(yaml::verify_written(planted, out) == std::nullopt);
        if (std::string(encoding) == "gzip") {
            // A valid gzip stream with nothing in clear: untouched.
            CHECK(r.redactions.empty());
            CHECK(read(out).interactions[0].response.body.str() == gz);
        } else {
            CHECK(r.redactions.size() == 1);
            CHECK(read(out).interactions[0].response.body.str().find(token) == std::string::npos);
        }
    }
}

} // TEST_SUITE
