// model/http.hpp: one answer to "what is this body" (content type, codings)
// and "the body changed: which lengths follow", for fmt, redact and lint.
#include "format/json_bodies.hpp"
#include "lint/lint.hpp"
#include "model/http.hpp"
#include "redact/redact.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

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

HeaderMap headers(std::vector<std::pair<std::string, std::vector<std::string>>> entries) {
    HeaderMap m;
    m.present = true;
    for (auto& e : entries) {
        HeaderEntry h;
        h.name.value = e.first;
        for (auto& v : e.second) {
            Scalar s;
            s.value = v;
            h.values.push_back(std::move(s));
        }
        m.entries.push_back(std::move(h));
    }
    return m;
}

// One response per case, each with a JSON body of 11 bytes (`{"ok": true}`
// is 12: pretty and compact differ) and the lengths go-vcr would record,
// except where the case says otherwise.
std::string response(const std::string& method, int code, const std::string& content_length,
                     const std::string& header_length, const std::string& extra = "") {
    std::string s = "    - id: 0\n"
                    "      request:\n"
                    "        proto: HTTP/1.1\n"
                    "        proto_major: 1\n"
                    "        proto_minor: 1\n"
                    "        content_length: 0\n"
                    "        host: h\n"
                    "        url: https://h/x\n"
                    "        method: " + method + "\n"
                    "      response:\n"
                    "        proto: HTTP/1.1\n"
                    "        proto_major: 1\n"
                    "        proto_minor: 1\n"
                    "        content_length: " + content_length + "\n" + extra +
                    "        body: '{\"ok\": true}'\n"
                    "        headers:\n"
                    "            Content-Type:\n"
                    "                - application/json\n";
    if (!header_length.empty())
        s += "            Content-Length:\n"
             "                - \"" + header_length + "\"\n";
    s += "        status: " + std::to_string(code) + " X\n"
         "        code: " + std::to_string(code) + "\n"
         "        duration: 1ms\n";
    return s;
}

std::string cassette_of(const std::string& interaction) { return "---\nversion: 2\ninteractions:\n" + interaction; }

// The `content-length` findings lint reports on the file `c` writes.
size_t length_findings(const Cassette& c) {
    static const lint::Settings only = lint::make_settings(nullptr, {"content-length"}, {});
    return lint::lint_source(yaml::write_in_place(c), "t.yaml", only).findings.size();
}

std::string header_length(const Response& r) {
    const HeaderEntry* e = r.headers.find("Content-Length");
    return e ? e->values.front().value : "";
}

} // namespace

TEST_SUITE("model::http") {
    TEST_CASE("content codings: case-insensitive, identity is none, every value and list element counts") {
        // Go 1.19's Transport: ascii.EqualFold(Get("Content-Encoding"), "gzip");
        // RFC 9110 8.4.1: content codings are case-insensitive.
        CHECK(is_compressed(headers({{"Content-Encoding", {"GZIP"}}})));
        CHECK(is_compressed(headers({{"content-encoding", {"br"}}})));
        // fmt used to take "Identity" for a compression (exact compare) while
        // redact did not: the JSON body was then left unformatted.
        CHECK_FALSE(is_compressed(headers({{"Content-Encoding", {"Identity"}}})));
        CHECK_FALSE(is_compressed(headers({{"Content-Encoding", {"identity"}}})));
        CHECK_FALSE(is_compressed(headers({{"Content-Encoding", {""}}})));
        CHECK_FALSE(is_compressed(headers({{"Content-Type", {"application/json"}}})));
        // lint json-body looked at the first value only.
        CHECK(is_compressed(headers({{"Content-Encoding", {"identity", "gzip"}}})));
        CHECK(content_codings(headers({{"Content-Encoding", {"gzip, Br", " identity ,"}}})) ==
              std::vector<std::string>{"gzip", "br"});
    }
    TEST_CASE("content type and header values: first value, names case-insensitive") {
        const HeaderMap h = headers({{"content-type", {"application/json; charset=utf-8", "text/plain"}}, {"X-Empty", {}}});
        CHECK(content_type(h) == "application/json; charset=utf-8");
        CHECK(header_value(h, "X-Empty").empty());
        CHECK(header_value(h, "Missing").empty());
    }
    TEST_CASE("replace_body: lengths that count the body follow it, others stay") {
        struct Case {
            const char* name;
            std::string text;
            std::string content_length; // expected after
            std::string header;         // expected after
            size_t findings_before = 0; // lint content-length on the input
        };
        const std::vector<Case> cases = {
            {"true lengths follow", response("GET", 200, "12", "12"), "11", "11"},
            // Go: "values >= 0 indicate that the given number of bytes may be
            // read from Body": a length that was already off is corrected
            // (redact used to shift it by the change, so it stayed off).
            {"an off length is corrected", response("GET", 200, "15", "9"), "11", "11", 1},
            {"unknown length stays", response("GET", 200, "-1", ""), "-1", ""},
            // The length of a HEAD response is the resource's, not the body's.
            {"HEAD", response("HEAD", 200, "1234", "1234"), "1234", "1234"},
            {"304", response("GET", 304, "1234", "1234"), "1234", "1234"},
            // Transparently decompressed: Go dropped Content-Length; one left
            // there counts wire bytes.
            {"uncompressed", response("GET", 200, "-1", "40", "        uncompressed: true\n"), "-1", "40"},
            {"not a number", response("GET", 200, "12", "twelve"), "11", "twelve"},
        };
        for (const Case& k : cases) {
            CAPTURE(k.name);
            Cassette c = read(cassette_of(k.text));
            CHECK(length_findings(c) == k.findings_before);
            replace_body(c.interactions[0], Side::Response, R"({"ok":true})");
            const Response& r = c.interactions[0].response;
            CHECK(r.body.str() == R"({"ok":true})");
            CHECK(r.body.value.dirty);
            CHECK(r.content_length.str() == k.content_length);
            CHECK(header_length(r) == k.header);
            CHECK_FALSE(yaml::verify_written(c, yaml::write_in_place(c)).has_value());
            // The lint rule and the fixer agree on which lengths count the body.
            CHECK(length_findings(c) == 0);
        }
    }
    TEST_CASE("replace_body on a request: 0 beside a body is Go's unknown length") {
        std::string text = cassette_of(response("POST", 200, "12", ""));
        const std::string from = "        content_length: 0\n        host: h\n";
        text.replace(text.find(from), from.size(), "        content_length: 0\n        host: h\n        body: abc\n");
        Cassette c = read(text);
        replace_body(c.interactions[0], Side::Request, "abcdef");
        CHECK(c.interactions[0].request.content_length.str() == "0");
        // An empty body had a true 0.
        Cassette e = read(cassette_of(response("POST", 200, "12", "")));
        replace_body(e.interactions[0], Side::Request, "abcdef");
        CHECK(e.interactions[0].request.content_length.str() == "6");
    }
    TEST_CASE("fmt --compact-json and redact keep lengths true alike") {
        // The two used to differ on a length that was already off: fmt set
        // it to the body's size, redact shifted it by the change.
        const std::string secret = "k9X2mQ7vL4pR8sT1wZ6y";
        std::string text = cassette_of(response("GET", 200, "99", "99"));
        const std::string body = "'{\"ok\": true}'";
        text.replace(text.find(body), body.size(), "'{\"api_key\": \"" + secret + "\"}'");
        Cassette f = read(text);
        CHECK(format::reformat_json_bodies(f, {format::JsonStyle::Compact, false}) == 1);
        Cassette r = read(text);
        redact::RedactOptions o;
        CHECK_FALSE(redact::redact(r, o).redactions.empty());
        // fmt took `Content-Encoding: Identity` for a compression (exact
        // compare) and left such a body alone; redact searched it as text.
        std::string identity = text;
        const std::string ct = "            Content-Type:\n";
        identity.insert(identity.find(ct), "            Content-Encoding:\n                - Identity\n");
        Cassette i = read(identity);
        CHECK(format::reformat_json_bodies(i, {format::JsonStyle::Compact, false}) == 1);
        for (const Cassette* c : {&f, &r, &i}) {
            const Response& resp = c->interactions[0].response;
            CHECK(resp.content_length.str() == std::to_string(resp.body.str().size()));
            CHECK(header_length(resp) == std::to_string(resp.body.str().size()));
        }
    }
}

TEST_CASE("with_style: the one table of --style layouts") {
    Layout base;
    base.crlf = true;
    base.all_fields = true;
    const Layout v2 = with_style(base, "yaml.v2");
    CHECK(v2.emitter == Emitter::YamlV2);
    CHECK(v2.indent == 2);
    CHECK(v2.indentless);
    CHECK(v2.width == 80);
    CHECK(v2.crlf); // the rest is kept
    CHECK(v2.all_fields);
    CHECK(v2.name() == "yaml.v2");
    CHECK(with_style(base, "yaml.v3").name() == "yaml.v3");
    CHECK(with_style(v2, "compact").name() == "compact");
    CHECK(with_style(v2, "compact").width == -1);
    CHECK(with_style(v2, "nonsense").name() == "yaml.v2");
    for (Emitter e : {Emitter::YamlV2, Emitter::YamlV3, Emitter::YamlV4, Emitter::Goccy})
        CHECK(emitter_named(emitter_name(e)) == e);
    CHECK_FALSE(emitter_named("compact").has_value());
}

TEST_CASE("is_null: what go-yaml decodes to the zero value") {
    Scalar s;
    for (const char* v : {"", "~", "null", "Null", "NULL"}) {
        s.value = v;
        CHECK(is_null(s));
    }
    for (const char* v : {"nULL", "nil", "None", "0"}) {
        s.value = v;
        CHECK_FALSE(is_null(s));
    }
    s.value = "null";
    s.style = ScalarStyle::DoubleQuoted;
    CHECK_FALSE(is_null(s));
    s.style = ScalarStyle::Plain;
    s.tag = "!!str";
    CHECK_FALSE(is_null(s));
}
