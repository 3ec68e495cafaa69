// HAR files as browsers, proxies and test tools write them (issue #21,
// section 7): Playwright attachments, --only-xhr without _resourceType,
// failed requests, multipart params, Polly's array header values.
#include "convert/har.hpp"
#include "temp_dir.hpp"
#include "util/read_file.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace cassette;
namespace fs = std::filesystem;

namespace {

void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// One GET entry whose response body is stored in attachment `name`.
std::string har_with_attachment(const std::string& name, const char* key = "_file") {
    return R"({"log": {"creator": {"name": "Playwright"}, "entries": [{"request": {"method": "GET", "url": "https://a.test/x", "headers": []},)"
           R"( "response": {"status": 200, "headers": [], "content": {"size": 5, "mimeType": "text/plain", ")" +
           std::string(key) + R"(": ")" + name + R"("}}}]}})";
}

convert::HarImportResult import_in(const std::string& dir, const std::string& har, size_t limit = size_t(64) << 20) {
    convert::HarImportOptions o;
    o.attachments_dir = dir;
    o.max_attachment_bytes = limit;
    return convert::import_har(har, o);
}

} // namespace

TEST_SUITE("convert::har_import") {

TEST_CASE("Playwright attachments are read from the HAR's folder, and only from there") {
    testing_support::TempDir dir("har");
    fs::create_directories(dir / "sub");
    write(dir / "body.txt", "hello");
    write(dir / "sub/inner.txt", "inner");
    auto r = import_in(dir.path, har_with_attachment("body.txt"));
    REQUIRE_MESSAGE(r, diag::message_of(r));
    CHECK(r->cassette.interactions[0].response.body.str() == "hello");
    CHECK(r->cassette.interactions[0].response.content_length.str() == "5");
    CHECK(r->warnings.empty());
    // Playwright before 1.23 named it _sha1; a name inside a subfolder is fine.
    r = import_in(dir.path, har_with_attachment("sub/inner.txt", "_sha1"));
    REQUIRE_MESSAGE(r, diag::message_of(r));
    CHECK(r->cassette.interactions[0].response.body.str() == "inner");

    // Refused, naming the entry: absolute, `..`, a link leading out, too big, not a file.
    testing_support::TempDir outside("har-out");
    write(outside / "secret.txt", "secret");
    fs::create_symlink(outside / "secret.txt", dir / "link.txt");
    fs::create_symlink(outside.path, dir / "linkdir");
    write(dir / "big.txt", std::string(2048, 'x'));
    const std::vector<std::pair<std::string, std::string>> refused = {
        {outside / "secret.txt", "is not a name relative to the HAR's folder"},
        {"../" + fs::path(outside.path).filename().string() + "/secret.txt", "leads out of the HAR's folder"},
        {"sub/../../x", "leads out of the HAR's folder"},
        {"link.txt", "is a link that leads out of the HAR's folder"},
        {"linkdir/secret.txt", "is a link that leads out of the HAR's folder"},
        {"sub", "is not a regular file"},
    };
    for (const auto& entry : refused) {
        const auto& name = entry.first; // not a structured binding: clang 14 cannot capture one
        const auto& why = entry.second;
        CAPTURE(name);
        r = import_in(dir.path, har_with_attachment(name));
        CHECK_FALSE(r);
        CHECK(diag::message_of(r).rfind("log.entries[0].response.content._file: attachment", 0) == 0);
        CHECK(diag::message_of(r).find(why) != std::string::npos);
        CHECK(diag::message_of(r).find("secret\"") == std::string::npos); // the content is never read
    }
    r = import_in(dir.path, har_with_attachment("big.txt"), 1024);
    CHECK_FALSE(r);
    CHECK(diag::message_of(r).find("2048 bytes, over the limit") != std::string::npos);

    // Not there: written empty, without the Content-Length that would break replay, with a warning naming the entry.
    std::string gone = har_with_attachment("gone.txt");
    gone.replace(gone.find(R"("headers": [], "content")"), 13, R"("headers": [{"name": "Content-Length", "value": "5"}])");
    r = import_in(dir.path, gone);
    REQUIRE_MESSAGE(r, diag::message_of(r));
    CHECK(r->cassette.interactions[0].response.body.str().empty());
    CHECK_FALSE(r->cassette.interactions[0].response.headers.find("Content-Length"));
    CHECK(r->cassette.interactions[0].response.content_length.str() == "0");
    REQUIRE(r->warnings.size() == 1);
    CHECK(r->warnings[0].find("log.entries[0].response.content._file \"gone.txt\"") != std::string::npos);
    // A HAR on stdin has no folder: nothing is read.
    convert::HarImportOptions o;
    r = convert::import_har(har_with_attachment("body.txt"), o);
    REQUIRE(r);
    CHECK(r->cassette.interactions[0].response.body.str().empty());
    REQUIRE(r->warnings.size() == 1);
    CHECK(r->warnings[0].find("read from stdin") != std::string::npos);
    // Playwright's .zip form is named as such.
    r = convert::import_har(std::string("PK\x03\x04\x14\0", 6), o);
    CHECK(diag::message_of(r).rfind("a zip archive, not a HAR", 0) == 0);
    // A name with control characters is shown escaped.
    r = import_in(dir.path, har_with_attachment("/x\\u001b[31m"));
    CHECK(diag::message_of(r).find("\\x1b[31m") != std::string::npos);
}

TEST_CASE("bodies an export left out are named, not silently written empty") {
    auto entry = [](const std::string& method, int status, const std::string& content) {
        return R"({"request": {"method": ")" + method + R"(", "url": "https://a.test/"}, "response": {"status": )" +
               std::to_string(status) + R"(, "headers": [{"name": "Content-Length", "value": "9"}], "content": )" + content + "}}";
    };
    std::string har = R"({"log": {"entries": [)" + entry("GET", 200, R"({"size": 9, "mimeType": "text/html"})") + "," +
                      entry("GET", 200, R"({"size": 2, "mimeType": "text/plain", "text": "ok"})") + "," +
                      entry("GET", 304, R"({"size": 9, "mimeType": "text/html"})") + "," +
                      entry("HEAD", 200, R"({"size": 9, "mimeType": "text/html"})") + "," +
                      entry("GET", 200, R"({"size": 0, "mimeType": "text/html"})");
    for (int k = 0; k < 11; ++k) har += "," + entry("GET", 200, R"({"size": 1, "mimeType": "x/y"})");
    har += "]}}";
    auto r = convert::import_har(har, {});
    REQUIRE_MESSAGE(r, diag::message_of(r));
    REQUIRE(r->warnings.size() == 1);
    CHECK(r->warnings[0].rfind("12 response bodies not in the HAR (exported without content)", 0) == 0);
    CHECK(r->warnings[0].find("log.entries[0].response.content (size 9), log.entries[5]") != std::string::npos);
    CHECK(r->warnings[0].find("and 2 more") != std::string::npos);
    CHECK_FALSE(r->cassette.interactions[0].response.headers.find("Content-Length"));
    CHECK(r->cassette.interactions[1].response.headers.find("Content-Length"));
    CHECK(r->cassette.interactions[2].response.headers.find("Content-Length"));
}

TEST_CASE("request bodies: postData._file, multipart params built with their file names") {
    testing_support::TempDir dir("har");
    write(dir / "post.bin", std::string("a\0b", 3));
    const std::string har =
        R"({"log": {"entries": [{"request": {"method": "POST", "url": "https://a.test/u", "headers": [{"name": "Content-Type", "value": "application/octet-stream"}],)"
        R"( "postData": {"mimeType": "application/octet-stream", "_file": "post.bin"}}, "response": {"status": 204}},)"
        R"({"request": {"method": "POST", "url": "https://a.test/f", "headers": [],)"
        R"( "postData": {"mimeType": "multipart/form-data; boundary=\"xyz\"", "params": [{"name": "n\"1", "value": "v"}, {"name": "f", "value": "data", "fileName": "a.txt", "contentType": "text/plain"}]}},)"
        R"( "response": {"status": 200}}]}})";
    auto r = import_in(dir.path, har);
    REQUIRE_MESSAGE(r, diag::message_of(r));
    CHECK(r->cassette.interactions[0].request.body.str() == std::string("a\0b", 3));
    CHECK(r->cassette.interactions[0].request.content_length.str() == "3");
    const Request& mp = r->cassette.interactions[1].request;
    CHECK(mp.body.str() == "--xyz\r\nContent-Disposition: form-data; name=\"n\\\"1\"\r\n\r\nv\r\n"
                           "--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n"
                           "Content-Type: text/plain\r\n\r\ndata\r\n--xyz--\r\n");
    CHECK(mp.form.entries.empty()); // not an urlencoded body: Go's ParseForm reads no form from it
    CHECK(r->warnings.empty());
    // The result is what go-vcr and lint accept.
    const std::string text = yaml::write_canonical(r->cassette, r->cassette.layout);
    CHECK(yaml::read_cassette(text, "t").ok());
}

TEST_CASE("failed requests are skipped with a note; a HAR made by cassette keeps its code") {
    const std::string har =
        R"({"log": {"entries": [{"request": {"method": "GET", "url": "https://a.test/blocked"}, "response": {"status": 0, "_error": "net::ERR_FAILED"}},)"
        R"({"request": {"method": "GET", "url": "https://a.test/ok"}, "response": {"status": 200}}]}})";
    auto r = convert::import_har(har, {});
    REQUIRE_MESSAGE(r, diag::message_of(r));
    CHECK(r->entries == 2);
    CHECK(r->kept == 1);
    CHECK(r->cassette.interactions[0].id.str() == "0");
    REQUIRE(r->notes.size() == 1);
    CHECK(r->notes[0] == "skipped 1 failed request (status 0: no response to replay): log.entries[0] (net::ERR_FAILED)");
}

TEST_CASE("--only-xhr without _resourceType: what Firefox, Safari and Charles record; none kept is an error") {
    auto entry = [](const std::string& headers, const std::string& mime) {
        return R"({"request": {"method": "GET", "url": "https://a.test/", "headers": [)" + headers +
               R"(]}, "response": {"status": 200, "content": {"mimeType": ")" + mime + R"("}}})";
    };
    const std::string har = R"({"log": {"entries": [)" + entry(R"({"name": "sec-fetch-dest", "value": "document"})", "text/html") +
                            "," + entry(R"({"name": "Sec-Fetch-Dest", "value": "empty"})", "text/plain") + "," +
                            entry(R"({"name": "X-Requested-With", "value": "XMLHttpRequest"})", "text/html") + "," +
                            entry("", "application/problem+json; charset=utf-8") + "," + entry("", "image/png") + "," +
                            entry(R"({"name": "Sec-Fetch-Dest", "value": "image"})", "application/json") + "]}}";
    convert::HarImportOptions o;
    o.only_xhr = true;
    auto r = convert::import_har(har, o);
    REQUIRE_MESSAGE(r, diag::message_of(r));
    CHECK(r->kept == 3);
    REQUIRE(r->notes.size() == 1);
    CHECK(r->notes[0].find("no entry has _resourceType") == 0);
    const std::string pages = R"({"log": {"entries": [)" + entry("", "text/html") + "]}}";
    r = convert::import_har(pages, o);
    CHECK_FALSE(r);
    CHECK(diag::message_of(r) == "log.entries: --only-xhr kept none of the 1 entries (no fetch/XHR request found); nothing written");
    // An empty HAR stays an empty cassette.
    r = convert::import_har(R"({"log": {"entries": []}})", o);
    CHECK(r);
}

TEST_CASE("Polly.js header values: arrays of values and numbers") {
    const std::string har =
        R"({"log": {"creator": {"name": "Polly.JS"}, "entries": [{"request": {"method": "GET", "url": "https://a.test/", "headers": [)"
        R"({"_fromType": "array", "name": "accept", "value": ["a/b", "c/d"]}, {"name": "x-n", "value": 3}]},)"
        R"( "response": {"status": 200, "headers": [{"name": "set-cookie", "value": ["a=1", "b=2"]}]}}]}})";
    auto r = convert::import_har(har, {});
    REQUIRE_MESSAGE(r, diag::message_of(r));
    const auto& req = r->cassette.interactions[0].request;
    REQUIRE(req.headers.find("Accept"));
    CHECK(req.headers.find("Accept")->values.size() == 2);
    CHECK(req.headers.find("X-N")->values[0].value == "3");
    CHECK(r->cassette.interactions[0].response.headers.find("Set-Cookie")->values.size() == 2);
    r = convert::import_har(R"({"log": {"entries": [{"request": {"method": "GET", "url": "https://a.test/", "headers": [{"name": "a", "value": [{}]}]}, "response": {"status": 200}}]}})", {});
    CHECK_FALSE(r);
    CHECK(diag::message_of(r) == "log.entries[0].request.headers[0].value[0]: expected a string");
}

} // TEST_SUITE
