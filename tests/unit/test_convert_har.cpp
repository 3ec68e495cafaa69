#include "convert/har.hpp"
#include "convert/har_internal.hpp"
#include "convert/json_export.hpp"
#include "convert/json_out.hpp"
#include "convert/migrate.hpp"
#include "model/equal.hpp"
#include "util/duration.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace cassette;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// samples/*.yaml, then every cassette of the shared corpus (real + seed).
std::vector<std::string> all_cassettes() {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(fs::path(CASSETTE_SOURCE_DIR) / "samples"))
        if (e.path().extension() == ".yaml") files.push_back(e.path().string());
    for (const char* sub : {"corpus/real", "corpus/seed"}) {
        const fs::path dir = fs::path(CASSETTE_SHARED_DIR) / sub;
        if (!fs::exists(dir)) continue;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".yaml") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

Cassette load(const std::string& path) {
    auto r = yaml::read_cassette_file(path);
    REQUIRE(r.ok());
    return std::move(*r.cassette);
}

Cassette read_text(const std::string& text) {
    auto r = yaml::read_cassette(text, "t.yaml");
    REQUIRE(r.ok());
    return std::move(*r.cassette);
}

convert::HarImportResult import(const std::string& har, const convert::HarImportOptions& o = {}) {
    return convert::import_har(har, o);
}

std::string error_of(const std::string& har) {
    auto r = import(har);
    CHECK(!r);
    return diag::message_of(r);
}

// What DevTools and har-validator need in every entry, even when empty.
void check_har_shape(const json& har) {
    REQUIRE(har.contains("log"));
    const json& log = har["log"];
    CHECK(log["version"] == "1.2");
    CHECK(log["creator"]["name"] == "cassette");
    REQUIRE(log["entries"].is_array());
    for (const json& e : log["entries"]) {
        CHECK(e["startedDateTime"].is_string());
        CHECK(e["time"].is_number());
        CHECK(e["time"].get<double>() >= 0);
        for (const char* k : {"method", "url", "httpVersion"}) CHECK(e["request"][k].is_string());
        for (const char* k : {"cookies", "headers", "queryString"}) CHECK(e["request"][k].is_array());
        for (const char* k : {"headersSize", "bodySize"}) CHECK(e["request"][k].is_number_integer());
        CHECK(e["response"]["status"].is_number_integer());
        for (const char* k : {"statusText", "httpVersion", "redirectURL"}) CHECK(e["response"][k].is_string());
        for (const char* k : {"cookies", "headers"}) CHECK(e["response"][k].is_array());
        CHECK(e["response"]["content"]["size"].is_number_integer());
        CHECK(e["response"]["content"]["mimeType"].is_string());
        CHECK(e["cache"].is_object());
        for (const char* k : {"send", "wait", "receive"}) CHECK(e["timings"][k].is_number());
        if (e["request"].contains("postData")) {
            CHECK(e["request"]["postData"]["mimeType"].is_string());
            CHECK(e["request"]["postData"]["text"].is_string());
        }
    }
}

} // namespace

TEST_SUITE("convert::har") {

TEST_CASE("cassette -> HAR -> cassette gives back the same cassette, byte for byte (samples and corpus)") {
    const auto files = all_cassettes();
    CHECK(files.size() >= 3);
    size_t byte_checked = 0, custom = 0;
    for (const auto& path : files) {
        CAPTURE(path);
        const Cassette original = load(path);
        const std::string har = convert::to_har(original, {});
        json parsed;
        REQUIRE_NOTHROW(parsed = json::parse(har));
        check_har_shape(parsed);
        CHECK(parsed["log"]["entries"].size() == original.interactions.size());

        auto r = import(har);
        REQUIRE_MESSAGE(r, diag::message_of(r));
        const Cassette& back = r->cassette;
        CHECK(first_difference(original, back) == std::nullopt);
        CHECK(back.layout.name() == original.layout.name());

        // Where the writer reproduces the original's layout, the bytes too
        // (a custom layout's kept value bytes are not carried by HAR).
        if (original.layout.name() == "custom") {
            ++custom; // data and comments: test_yaml_notes.cpp
            continue;
        }
        const std::string want = yaml::write_canonical(original, original.layout);
        if (yaml::verify_written(original, want)) continue; // (goccy: the writer cannot)
        CHECK(yaml::write_canonical(back, back.layout) == want);
        ++byte_checked;
    }
    // Custom layouts: the hand-edited and re-indented corpus files (7 of 49).
    MESSAGE(byte_checked << " byte-checked, " << custom << " custom of " << files.size());
    CHECK(byte_checked + 3 + custom >= files.size());
    CHECK(byte_checked * 4 >= files.size() * 3);
}

TEST_CASE("--to json is valid JSON with go-vcr's field names") {
    for (const auto& path : all_cassettes()) {
        CAPTURE(path);
        const Cassette c = load(path);
        json j;
        REQUIRE_NOTHROW(j = json::parse(convert::to_json(c)));
        CHECK(j["interactions"].size() == c.interactions.size());
        if (!c.interactions.empty()) {
            CHECK(j["interactions"][0]["request"].contains("url"));
            CHECK(j["interactions"][0]["response"].contains("code"));
        }
    }
}

TEST_CASE("json export: binary body is base64 with a marker, ints are numbers") {
    Cassette c = read_text("---\nversion: 2\ninteractions:\n    - id: 0\n      request:\n        proto: HTTP/1.1\n"
                           "        proto_major: 1\n        proto_minor: 1\n        content_length: 0\n        host: h\n"
                           "        url: http://h/\n        method: GET\n      response:\n        proto: HTTP/1.1\n"
                           "        proto_major: 1\n        proto_minor: 1\n        content_length: -1\n"
                           "        uncompressed: true\n        body: !!binary H4sIAA==\n        headers: {}\n"
                           "        status: 200 OK\n        code: 200\n        duration: 1ms\n");
    json j = json::parse(convert::to_json(c));
    const json& r = j["interactions"][0]["response"];
    CHECK(r["body"] == "H4sIAA==");
    CHECK(r["body_encoding"] == "base64");
    CHECK(r["code"] == 200);
    CHECK(r["content_length"] == -1);
    CHECK(r["uncompressed"] == true);
    CHECK(j["interactions"][0]["id"] == 0);
    CHECK(j["version"] == 2);
}

TEST_CASE("v1 -> v2 -> v1 gives back the v1 data (samples and corpus v1 files)") {
    size_t v1_files = 0;
    for (const auto& path : all_cassettes()) {
        Cassette original = load(path);
        if (original.format() != 1) continue;
        CAPTURE(path);
        ++v1_files;
        Cassette c = load(path);
        convert::MigrationReport rep;
        REQUIRE(convert::migrate_to_v2(c, convert::layout_for_style("yaml.v3"), rep));
        const std::string v2 = yaml::write_canonical(c, c.layout);
        CHECK(yaml::verify_written(c, v2) == std::nullopt);
        Cassette mid = read_text(v2);
        CHECK(mid.format() == 2);
        for (size_t i = 0; i < mid.interactions.size(); ++i) {
            CHECK(mid.interactions[i].id.str() == std::to_string(i));
            CHECK(mid.interactions[i].request.proto.str() == "HTTP/1.1");
            CHECK(mid.interactions[i].request.content_length.str() ==
                  std::to_string(mid.interactions[i].request.body.str().size()));
            CHECK(!mid.interactions[i].response.duration.str().empty());
        }
        convert::MigrationReport back_rep;
        REQUIRE(convert::migrate_to_v1(mid, convert::layout_for_style("yaml.v2"), back_rep));
        const std::string v1 = yaml::write_canonical(mid, mid.layout);
        Cassette back = read_text(v1);
        // Cassettes saved before go-vcr had `duration` (2018) come back with
        // `duration: ""`: go-vcr v1 loads an absent and an empty duration as
        // the same "" string, so the data go-vcr sees is the same.
        for (auto& in : original.interactions)
            if (!in.response.duration.present) in.response.duration.present = true;
        CHECK(first_difference(original, back) == std::nullopt);
        if (!original.interactions.empty()) CHECK(!back_rep.dropped.empty());
    }
    if (std::filesystem::exists(std::string(CASSETTE_SHARED_DIR) + "/corpus/real")) CHECK(v1_files >= 2);
    else MESSAGE("the shared corpus is absent: only the samples were checked");
}

TEST_CASE("v1 -> v2: form gets the query, host from the URL, duration \"\" -> 0s") {
    Cassette c = read_text("---\nversion: 1\ninteractions:\n- request:\n    body: a=1\n    form:\n      a:\n      - \"1\"\n"
                           "    headers:\n      Content-Type:\n      - application/x-www-form-urlencoded\n"
                           "    url: https://api.test:8443/x?a=2&b=3\n    method: POST\n  response:\n    body: ok\n"
                           "    headers: {}\n    status: 200 OK\n    code: 200\n    duration: \"\"\n");
    convert::MigrationReport rep;
    REQUIRE(convert::migrate_to_v2(c, convert::layout_for_style("yaml.v3"), rep));
    const Interaction& in = c.interactions[0];
    CHECK(in.request.host.str() == "api.test:8443");
    CHECK(in.request.content_length.str() == "3");
    REQUIRE(in.request.form.find("a"));
    CHECK(in.request.form.find("a")->values.size() == 2);
    CHECK(in.request.form.find("b")->values.at(0).value == "3");
    CHECK(in.response.duration.str() == "0s");
    CHECK(in.response.content_length.str() == "2");
    CHECK(!in.request.transfer_encoding.present);
    CHECK(!in.response.headers.entries.size());
    CHECK(in.response.headers.present); // response headers are not omitempty
    CHECK(!in.request.remote_addr.present);
}

TEST_CASE("v2 -> v1 reports the dropped fields") {
    Cassette c = load(std::string(CASSETTE_SOURCE_DIR) + "/samples/openai-chat.yaml");
    const size_t n = c.interactions.size();
    convert::MigrationReport rep;
    REQUIRE(convert::migrate_to_v1(c, convert::layout_for_style("yaml.v2"), rep));
    bool saw_id = false;
    for (const auto& [name, count] : rep.dropped)
        if (name == "id") {
            saw_id = true;
            CHECK(count == n);
        }
    CHECK(saw_id);
    CHECK(c.format() == 1);
    CHECK(!c.interactions[0].id.present);
    CHECK(!c.interactions[0].request.proto.present);
    CHECK(c.interactions[0].request.form.present);
}

TEST_CASE("RFC 3339 and HAR times") {
    CHECK(convert::format_har_time(convert::k_default_har_start_ns) == "2000-01-01T00:00:00.000Z");
    CHECK(convert::parse_rfc3339("2000-01-01T00:00:00Z") == convert::k_default_har_start_ns);
    auto t = convert::parse_rfc3339("2024-02-29T14:30:15.250+02:00");
    REQUIRE(t);
    CHECK(convert::format_har_time(*t) == "2024-02-29T12:30:15.250Z");
    CHECK(convert::format_har_time(*t + 1500000) == "2024-02-29T12:30:15.251Z");
    CHECK(convert::format_har_time(0) == "1970-01-01T00:00:00.000Z");
    CHECK(convert::format_har_time(-1000000) == "1969-12-31T23:59:59.999Z");
    CHECK(!convert::parse_rfc3339("2023-02-29T00:00:00Z"));
    CHECK(!convert::parse_rfc3339("2024-01-01"));
    CHECK(!convert::parse_rfc3339("2024-01-01T00:00:00"));
    CHECK(!convert::parse_rfc3339("2024-13-01T00:00:00Z"));
    CHECK(!convert::parse_rfc3339("2024-01-01T00:00:00Zjunk"));
    CHECK(convert::ms_text(61476) == "0.061476");
    CHECK(convert::ms_text(1500000) == "1.5");
    CHECK(convert::ms_text(2000000000) == "2000");
    CHECK(convert::ms_text(-5) == "0");
}

TEST_CASE("entries start one after another by duration") {
    Cassette c = load(std::string(CASSETTE_SOURCE_DIR) + "/samples/openai-chat.yaml");
    convert::HarExportOptions o;
    o.start_ns = *convert::parse_rfc3339("2024-05-01T12:00:00Z");
    json har = json::parse(convert::to_har(c, o));
    const json& entries = har["log"]["entries"];
    REQUIRE(entries.size() >= 2);
    CHECK(entries[0]["startedDateTime"] == "2024-05-01T12:00:00.000Z");
    const int64_t d0 = *http::parse_go_duration(c.interactions[0].response.duration.str());
    CHECK(entries[1]["startedDateTime"] == convert::format_har_time(o.start_ns + d0));
    CHECK(entries[0]["timings"]["wait"] == entries[0]["time"]);
    CHECK(entries[0]["timings"]["send"] == 0);
}

TEST_CASE("JSON string escaping: controls, quotes, invalid UTF-8, U+2028") {
    std::string out;
    convert::append_json_string(out, std::string("a\"b\\c\n\t\x01\x7f", 9));
    CHECK(out == "\"a\\\"b\\\\c\\n\\t\\u0001\x7f\"");
    out.clear();
    convert::append_json_string(out, std::string("x\xff\xfey\0z", 6));
    CHECK(out == std::string("\"x\xEF\xBF\xBD\xEF\xBF\xBDy\\u0000z\""));
    out.clear();
    convert::append_json_string(out, "ls\xE2\x80\xA8 \xF0\x9F\x98\x80");
    CHECK(json::parse(out).get<std::string>() == "ls\xE2\x80\xA8 \xF0\x9F\x98\x80");
}

TEST_CASE("JsonOut streams in chunks and the result parses") {
    std::string all;
    size_t pieces = 0;
    {
        convert::JsonOut j([&](std::string_view s) { all += s, ++pieces; }, 64);
        j.begin_object();
        j.key("list");
        j.begin_array();
        for (int i = 0; i < 100; ++i) j.string("item " + std::to_string(i));
        j.end_array();
        j.key("big");
        j.string(std::string(1000, 'x'));
        j.key("b64");
        j.base64(std::string_view("\xff\x00\x01", 3));
        j.key("empty");
        j.begin_object();
        j.end_object();
        j.end_object();
    }
    CHECK(pieces > 10);
    json v = json::parse(all);
    CHECK(v["list"].size() == 100);
    CHECK(v["big"].get<std::string>().size() == 1000);
    CHECK(v["b64"] == "/wAB");
    CHECK(v["empty"].is_object());
}

TEST_CASE("malformed HAR: the message names the JSON path") {
    CHECK(error_of("[]") == "(root): expected an object");
    CHECK(error_of("{}") == "log: missing");
    CHECK(error_of(R"({"log": {}})") == "log.entries: missing");
    CHECK(error_of(R"({"log": {"entries": {}}})") == "log.entries: expected an array");
    CHECK(error_of(R"({"log": {"entries": [1]}})") == "log.entries[0]: expected an object");
    const std::string ok_entry =
        R"({"request": {"method": "GET", "url": "http://a/"}, "response": {"status": 200}})";
    CHECK(error_of(R"({"log": {"entries": [)" + ok_entry + "," + ok_entry + "," + ok_entry +
                   R"(, {"request": {"method": "GET", "url": 5}, "response": {"status": 200}}]}})") ==
          "log.entries[3].request.url: expected a string");
    CHECK(error_of(R"({"log": {"entries": [{"request": {"method": "GET", "url": "u"}}]}})") ==
          "log.entries[0].response: missing");
    CHECK(error_of(R"({"log": {"entries": [{"request": {"method": "GET", "url": "u", "headers": [{"name": "A"}]},
        "response": {"status": 200}}]}})") == "log.entries[0].request.headers[0].value: missing");
    CHECK(error_of(R"({"log": {"entries": [{"request": {"method": "GET", "url": "u"}, "response": {"status": "200"}}]}})") ==
          "log.entries[0].response.status: expected an integer");
    CHECK(error_of(R"({"log": {"entries": [{"request": {"method": "GET", "url": "u"},
        "response": {"status": 200, "content": {"text": "!!", "encoding": "base64"}}}]}})") ==
          "log.entries[0].response.content.text: invalid base64");
    CHECK(error_of("{\"log\": ").rfind("not valid JSON: ", 0) == 0);
}

TEST_CASE("a 100,000-deep HAR is refused without overflowing the stack") {
    std::string deep = "{\"log\": {\"entries\": [" + std::string(100000, '[') + std::string(100000, ']') + "]}}";
    CHECK(error_of(deep) == "not valid JSON: nested deeper than 10000 levels");
    std::string unclosed(100000, '[');
    CHECK(error_of(unclosed) == "not valid JSON: nested deeper than 10000 levels");
}

TEST_CASE("browser HAR without _cassette: go-vcr fields as its recorder would fill them") {
    const std::string har = R"({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
      "entries": [{
        "_resourceType": "fetch",
        "startedDateTime": "2024-05-01T10:00:00.000Z", "time": 12.5,
        "request": {"method": "POST", "url": "https://api.example.com/v1/items?page=2", "httpVersion": "http/2.0",
          "headers": [{"name": ":authority", "value": "api.example.com"}, {"name": ":method", "value": "POST"},
                      {"name": "content-type", "value": "application/x-www-form-urlencoded"},
                      {"name": "accept", "value": "*/*"}, {"name": "content-length", "value": "7"}],
          "postData": {"mimeType": "application/x-www-form-urlencoded", "text": "a=1&b=x"},
          "cookies": [], "queryString": [], "headersSize": -1, "bodySize": 7},
        "response": {"status": 201, "statusText": "", "httpVersion": "h2",
          "headers": [{"name": "content-type", "value": "application/json"},
                      {"name": "content-encoding", "value": "br"},
                      {"name": "vary", "value": "Accept"}, {"name": "vary", "value": "Origin"}],
          "content": {"size": 9, "mimeType": "application/json", "text": "{\"id\":1}"},
          "cookies": [], "redirectURL": "", "headersSize": -1, "bodySize": -1},
        "cache": {}, "timings": {"send": 0, "wait": 12.5, "receive": 0}}]}})";
    auto r = import(har);
    REQUIRE_MESSAGE(r, diag::message_of(r));
    const Cassette& c = r->cassette;
    CHECK(c.version.str() == "2");
    CHECK(c.layout.name() == "yaml.v3");
    const Interaction& in = c.interactions.at(0);
    CHECK(in.id.str() == "0");
    CHECK(in.request.proto.str() == "HTTP/1.1");
    CHECK(in.request.content_length.str() == "7");
    CHECK(in.request.host.str() == "api.example.com");
    CHECK(!in.request.headers.find(":authority"));
    CHECK(!in.request.headers.find("Content-Length"));
    REQUIRE(in.request.headers.find("Content-Type"));
    CHECK(in.request.headers.find("Content-Type")->name.value == "Content-Type");
    REQUIRE(in.request.form.find("page"));
    CHECK(in.request.form.find("a")->values.at(0).value == "1");
    CHECK(!in.request.transfer_encoding.present);
    CHECK(in.response.proto.str() == "HTTP/2.0");
    CHECK(in.response.proto_major.str() == "2");
    CHECK(in.response.proto_minor.str() == "0");
    CHECK(in.response.status.str() == "201 Created");
    CHECK(in.response.uncompressed.str() == "true");
    CHECK(in.response.content_length.str() == "-1");
    CHECK(!in.response.headers.find("Content-Encoding"));
    REQUIRE(in.response.headers.find("Vary"));
    CHECK(in.response.headers.find("Vary")->values.size() == 2);
    CHECK(in.response.duration.str() == "12.5ms");
    const std::string yaml_text = yaml::write_canonical(c, c.layout);
    CHECK(yaml::verify_written(c, yaml_text) == std::nullopt);
}

TEST_CASE("filters: --include-url, --exclude-url, --only-xhr, ids renumbered") {
    auto entry = [](const std::string& url, const std::string& type) {
        return R"({"_resourceType": ")" + type + R"(", "request": {"method": "GET", "url": ")" + url +
               R"("}, "response": {"status": 200}})";
    };
    const std::string har = R"({"log": {"entries": [)" + entry("https://a.test/app.js", "script") + "," +
                            entry("https://api.test/v1/x", "xhr") + "," + entry("https://api.test/v1/y", "fetch") +
                            "," + entry("https://api.test/health", "fetch") + "]}}";
    convert::HarImportOptions o;
    o.only_xhr = true;
    auto r = import(har, o);
    REQUIRE(r);
    CHECK(r->kept == 3);
    CHECK(r->entries == 4);
    o.include_url = "api\\.test/v1/";
    r = import(har, o);
    REQUIRE(r);
    CHECK(r->kept == 2);
    CHECK(r->cassette.interactions[1].id.str() == "1");
    o.exclude_url = "/y$";
    r = import(har, o);
    REQUIRE(r);
    CHECK(r->kept == 1);
    CHECK(r->cassette.interactions[0].request.url.str() == "https://api.test/v1/x");
    o.include_url = "(";
    r = import(har, o);
    CHECK(!r);
    CHECK(diag::message_of(r).rfind("--include-url: invalid regular expression", 0) == 0);
}

TEST_CASE("a GET with a query but no form keeps having no form after the round trip") {
    Cassette c = read_text("---\nversion: 2\ninteractions:\n    - id: 0\n      request:\n        proto: HTTP/1.1\n"
                           "        proto_major: 1\n        proto_minor: 1\n        content_length: 0\n        host: \"\"\n"
                           "        url: https://api.test/items?page=16\n        method: GET\n      response:\n"
                           "        proto: HTTP/1.1\n        proto_major: 1\n        proto_minor: 1\n"
                           "        content_length: 2\n        body: ok\n        headers: {}\n        status: 200 OK\n"
                           "        code: 200\n        duration: 5ms\n");
    auto r = import(convert::to_har(c, {}));
    REQUIRE_MESSAGE(r, diag::message_of(r));
    CHECK(first_difference(c, r->cassette) == std::nullopt);
    CHECK(!r->cassette.interactions[0].request.form.present);
    CHECK(r->cassette.interactions[0].request.host.str() == "");
}

TEST_CASE("exotic cassettes survive the HAR round trip") {
    // Empty header value lists, duplicate names differing in case, invalid
    // UTF-8 in a header, a non-canonical code, an odd status, an unknown key.
    const std::string text =
        "---\nversion: 2\ninteractions:\n    - id: 7\n      request:\n        proto: HTTP/1.1\n"
        "        proto_major: 1\n        proto_minor: 1\n        content_length: 3\n        transfer_encoding:\n"
        "            - chunked\n        host: h.test\n        body: !!binary /w==\n        form: {}\n"
        "        headers:\n            Empty: []\n            X-Bin:\n                - !!binary /w==\n"
        "            x-a:\n                - \"1\"\n            X-A:\n                - \"2\"\n"
        "        url: http://h.test/?q=1\n        method: PUT\n        custom: 5\n      response:\n"
        "        proto: HTTP/1.0\n        proto_major: 1\n        proto_minor: 0\n        content_length: -1\n"
        "        body: \"\"\n        headers:\n            Set-Cookie:\n                - a=b; Path=/; HttpOnly\n"
        "            Location:\n                - /next\n        status: 302 Moved Somewhere\n        code: 302\n"
        "        duration: 1.50s\n";
    Cassette c = read_text(text);
    const std::string har = convert::to_har(c, {});
    json j = json::parse(har);
    const json& e = j["log"]["entries"][0];
    CHECK(e["response"]["redirectURL"] == "/next");
    CHECK(e["response"]["cookies"][0]["name"] == "a");
    CHECK(e["response"]["cookies"][0]["path"] == "/");
    CHECK(e["response"]["cookies"][0]["httpOnly"] == true);
    CHECK(e["request"]["queryString"][0]["value"] == "1");
    CHECK(e["time"] == 1500);
    auto r = import(har);
    REQUIRE_MESSAGE(r, diag::message_of(r));
    CHECK(first_difference(c, r->cassette) == std::nullopt);
    CHECK(yaml::write_canonical(r->cassette, r->cassette.layout) == yaml::write_canonical(c, c.layout));
}

}
