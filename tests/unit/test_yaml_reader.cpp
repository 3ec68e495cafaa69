#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace cassette;
using cassette::yaml::read_cassette;

namespace {

const char* kV2 = R"(---
version: 2
interactions:
    - id: 0
      request:
        proto: HTTP/1.1
        proto_major: 1
        proto_minor: 1
        content_length: 0
        host: api.example.com
        headers:
            Accept:
                - application/json
            X-Dup:
                - a
                - a
        url: https://api.example.com/v1/items?page=2
        method: GET
        x_custom: keep me
      response:
        proto: HTTP/2.0
        proto_major: 2
        proto_minor: 0
        content_length: -1
        uncompressed: true
        body: |
            line one
            line two
        headers:
            content-type:
                - application/json
        status: 200 OK
        code: 200
        duration: 832.583ms
)";

yaml::ReadResult read(const std::string& text, bool keep_going = false) {
    yaml::ReadOptions o;
    o.keep_going = keep_going;
    return read_cassette(text, "t.yaml", o);
}

std::string first_error(const yaml::ReadResult& r) {
    for (const auto& d : r.diagnostics)
        if (d.severity == Severity::Error) return format_diagnostic("t.yaml", d);
    return "";
}

} // namespace

TEST_SUITE("yaml::reader") {

TEST_CASE("reads a version 2 cassette into the model with spans") {
    auto r = read(kV2);
    REQUIRE(r.ok());
    const Cassette& c = *r.cassette;
    CHECK(c.format() == 2);
    REQUIRE(c.interactions.size() == 1);
    const Interaction& in = c.interactions[0];
    CHECK(in.id.as_int() == 0);
    CHECK(in.request.url.str() == "https://api.example.com/v1/items?page=2");
    CHECK(in.request.method.str() == "GET");
    REQUIRE(in.request.headers.entries.size() == 2);
    CHECK(in.request.headers.entries[1].name.value == "X-Dup");
    CHECK(in.request.headers.entries[1].values.size() == 2); // duplicates kept
    CHECK(in.response.body.str() == "line one\nline two\n");
    CHECK(in.response.body.value.style == ScalarStyle::Literal);
    CHECK(in.response.code.as_int() == 200);
    CHECK(in.response.content_length.as_int() == -1);
    CHECK(in.response.uncompressed.as_bool() == true);
    CHECK(in.response.headers.find("Content-Type") != nullptr); // case-insensitive lookup
    // Unknown keys are kept, not dropped.
    REQUIRE(in.request.extra.size() == 1);
    CHECK(in.request.extra[0].key.value == "x_custom");
    CHECK(in.request.extra[0].value.scalar.value == "keep me");
    // Spans: the url value's bytes in the source are the url.
    const Span& s = in.request.url.value.span;
    CHECK(c.source.substr(s.begin.offset, s.size()) == in.request.url.str());
    CHECK(s.begin.line == 17);
    CHECK(s.begin.column == 14);
    CHECK(c.layout.name() == "yaml.v3");
}

TEST_CASE("spans are byte offsets even after multi-byte characters and a BOM") {
    std::string text = "\xEF\xBB\xBFversion: 1\ninteractions:\n- request:\n    body: \"Olá 日本\"\n    url: "
                       "https://x.test/é\n    method: GET\n  response:\n    body: ok\n    status: 200 OK\n    code: 200\n";
    auto r = read(text);
    REQUIRE(r.ok());
    const Cassette& c = *r.cassette;
    const Field& url = c.interactions[0].request.url;
    CHECK(c.source.substr(url.value.span.begin.offset, url.value.span.size()) == "https://x.test/é");
    CHECK(c.layout.bom);
    CHECK(c.layout.emitter == Emitter::YamlV2);
}

TEST_CASE("!!binary bodies decode to their bytes") {
    std::string text = "version: 1\ninteractions:\n- request:\n    body: \"\"\n    url: https://x.test/\n    method: "
                       "GET\n  response:\n    body: !!binary H4sIAAAAAAAA/w==\n    status: 200 OK\n    code: 200\n";
    auto r = read(text);
    REQUIRE(r.ok());
    const Field& body = r.cassette->interactions[0].response.body;
    CHECK(body.value.binary);
    CHECK(body.str() == std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10));
    CHECK(r.cassette->source.substr(body.value.span.begin.offset, 9) == "!!binary ");
}

TEST_CASE("CRLF line endings and a missing final newline are read") {
    std::string text = "version: 2\r\ninteractions:\r\n  - id: 0\r\n    request:\r\n      url: https://x.test/\r\n      "
                       "method: GET\r\n    response:\r\n      body: |\r\n        a\r\n        b\r\n      code: 200";
    auto r = read(text);
    REQUIRE(r.ok());
    CHECK(r.cassette->interactions[0].response.body.str() == "a\nb\n");
    CHECK(r.cassette->layout.crlf);
    CHECK_FALSE(r.cassette->layout.final_newline);
    CHECK_FALSE(r.cassette->layout.doc_start);
}

TEST_CASE("bad input is refused with file:line:col and a rule") {
    struct Case {
        const char* name;
        std::string text;
        std::string expected;
    };
    const Case cases[] = {
        {"empty file", "", "t.yaml: error: empty file: no YAML document (a cassette starts with `version:`) [syntax]"},
        {"only a comment", "# nothing\n", "t.yaml: error: empty file: no YAML document (a cassette starts with `version:`) [syntax]"},
        {"NUL byte", std::string("version: 2\ninteractions: [\0]\n", 28),
         "t.yaml:2:16: error: control characters are not allowed (byte 0x00) [syntax]"},
        {"invalid UTF-8", "version: 2\ninteractions: []\nx: \xff\n",
         "t.yaml:3:4: error: invalid UTF-8 (invalid leading UTF-8 octet); binary data must be a !!binary base64 "
         "value [syntax]"},
        {"tab indentation", "version: 2\ninteractions:\n\t- id: 0\n",
         "t.yaml:3:1: error: found character that cannot start any token while scanning for the next token at "
         "line 3, column 1 [syntax]"},
        {"unterminated quote", "version: 2\ninteractions:\n- request:\n    body: \"abc\n",
         "t.yaml:5:1: error: found unexpected end of stream while scanning a quoted scalar at line 4, column 11 "
         "[syntax]"},
        // A later document is allowed (go-vcr reads the first: issue #21), but it must be YAML.
        {"a later document that is not YAML", "version: 2\ninteractions: []\n---\na: \"x\n",
         "t.yaml:5:1: error: found unexpected end of stream while scanning a quoted scalar at line 4, column 4 "
         "[syntax]"},
        {"root is a list", "- a\n- b\n",
         "t.yaml:1:1: error: a cassette must be a mapping with `version` and `interactions`, found a sequence "
         "[type]"},
        {"interactions as a mapping", "version: 2\ninteractions:\n  a: 1\n",
         "t.yaml:3:3: error: interactions must be a list, found a mapping [type]"},
        {"headers as a scalar",
         "version: 2\ninteractions:\n- request:\n    headers: text/plain\n    url: https://x.test/\n",
         "t.yaml:4:14: error: request headers must be a mapping of names to lists of values, found a scalar "
         "\"text/plain\" [type]"},
        {"code: OK", "version: 2\ninteractions:\n- response:\n    code: OK\n",
         "t.yaml:4:11: error: response code must be an integer, found \"OK\" [type]"},
        {"version as a string", "version: \"2\"\ninteractions: []\n",
         "t.yaml:1:10: error: version must be an integer, found \"2\" (a quoted value is a string) [type]"},
        {"duplicate key", "version: 2\ninteractions:\n- request:\n    body: a\n    body: b\n",
         "t.yaml:5:5: error: mapping key \"body\" already defined (go-vcr's yaml.v3 refuses the file) "
         "[duplicate-key]"},
        {"alias", "version: 2\ninteractions:\n- request: &r\n    url: https://x.test/\n- request: *r\n",
         "t.yaml:5:12: error: aliases are not supported (go-vcr never writes anchors; expand the value by hand) "
         "[alias]"},
        {"bad base64", "version: 2\ninteractions:\n- response:\n    body: !!binary '%%%'\n",
         "t.yaml:4:11: error: !!binary value is not valid base64 [type]"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        auto r = read(c.text);
        CHECK_FALSE(r.ok());
        CHECK_FALSE(r.cassette.has_value());
        CHECK(first_error(r) == c.expected);
    }
}

TEST_CASE("deep nesting is refused quickly without overflowing the stack") {
    std::string text = "version: 2\ninteractions: []\nx: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
    auto r = read(text);
    CHECK_FALSE(r.ok());
    CHECK(first_error(r).find("nesting deeper than 64 levels") != std::string::npos);
    std::string block = "version: 2\ninteractions: []\nx:\n";
    for (int i = 0; i < 2000; ++i) block += std::string(size_t(i + 1), ' ') + "a:\n";
    auto r2 = read(block);
    CHECK_FALSE(r2.ok());
}

TEST_CASE("an alias bomb is refused at the first alias") {
    std::string text = "version: 2\ninteractions: []\na: &a [x, x, x, x, x, x, x, x, x]\n";
    char prev = 'a';
    for (char n = 'b'; n <= 'j'; ++n) {
        text += std::string(1, n) + ": &" + n + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
        prev = n;
    }
    auto r = read(text);
    CHECK_FALSE(r.ok());
    CHECK(first_error(r).find("[alias]") != std::string::npos);
}

TEST_CASE("keep_going collects every schema problem") {
    auto r = read("version: \"2\"\ninteractions:\n- response:\n    code: OK\n    status: 200 OK\n    code: 201\n", true);
    REQUIRE(r.cassette.has_value());
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.diagnostics[0].rule == "type");
    CHECK(r.diagnostics[1].rule == "type");
    CHECK(r.diagnostics[1].interaction == 0);
    CHECK(r.diagnostics[2].rule == "duplicate-key");
}

TEST_CASE("null values decode to Go's zero values") {
    auto r = read("version: 1\ninteractions:\n- request:\n    body: null\n    form:\n    headers: ~\n    url: "
                  "https://x.test/\n    method: GET\n  response:\n    body:\n    status: 200 OK\n    code: 200\n");
    REQUIRE(r.ok());
    CHECK(r.cassette->interactions[0].request.body.str().empty());
    CHECK(r.cassette->interactions[0].request.form.empty());
    CHECK(r.cassette->interactions[0].response.body.str().empty());
}

TEST_CASE("every cassette of the shared corpus loads") {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(CASSETTE_SHARED_DIR) / "corpus";
    if (!fs::exists(root)) {
        MESSAGE("skipped: " << root << " does not exist");
        return;
    }
    int files = 0;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file() || e.path().extension() != ".yaml") continue;
        CAPTURE(e.path().string());
        auto r = yaml::read_cassette_file(e.path().string());
        CHECK(first_error(r) == "");
        CHECK(r.ok());
        ++files;
    }
    CHECK(files >= 43);
}

}
