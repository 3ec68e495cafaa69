// Other recorders' files and files that are no cassette: recognised by their
// shape (src/recorders/recognize.cpp), never read as go-vcr's.
#include "lint/lint.hpp"
#include "recorders/recognize.hpp"
#include "redact/detect.hpp"
#include "corpus_files.hpp"
#include "util/read_file.hpp"
#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace cassette;
using recorders::Verdict;

namespace {

Verdict classify_text(const std::string& text) {
    auto tree = recorders::parse_tree(text);
    REQUIRE(tree);
    return recorders::classify(*tree);
}

std::string recorder_of(const std::string& text) {
    Verdict v = classify_text(text);
    if (v.kind == Verdict::Kind::GoVcr) return "go-vcr";
    if (v.kind == Verdict::Kind::NotCassette) return "not a cassette";
    return v.recorder;
}

// A token with GitHub's shape, made here so that no file holds it whole.
const std::string k_ghp = std::string("ghp_") + "4Xk9Lm2Qr7Tz1Vb8Nc3Wd6Yf0Hg5Js2Ka7Pe";

} // namespace

TEST_SUITE("recorders::recognize") {

TEST_CASE("each recorder's cassette, in its versions and serializers, is named") {
    struct Case {
        const char* what;
        std::string text;
        const char* recorder;
    };
    const std::vector<Case> cases = {
        {"vcrpy, YAML serializer",
         "interactions:\n- request:\n    body: null\n    headers: {}\n    method: GET\n    uri: https://a.example/\n"
         "  response:\n    body: {string: ''}\n    headers: {}\n    status: {code: 200, message: OK}\nversion: 1\n",
         "vcrpy"},
        {"vcrpy, JSON serializer",
         R"({"interactions": [{"request": {"body": null, "headers": {}, "method": "GET", "uri": "https://a.example/"},)"
         R"( "response": {"body": {"string": ""}, "headers": {}, "status": {"code": 200, "message": "OK"}}}], "version": 1})",
         "vcrpy"},
        {"vcrpy before 1.0 (a root list)",
         "- request: !!python/object:vcr.request.Request\n    body: null\n    headers: {}\n    host: a.example\n"
         "    method: GET\n    path: /\n    port: 443\n    protocol: https\n  response:\n    body: {string: ''}\n"
         "    status: {code: 200, message: OK}\n",
         "vcrpy (before 1.0)"},
        {"Ruby VCR 6",
         "---\nhttp_interactions:\n- request:\n    method: get\n    uri: https://a.example/\n    body:\n      encoding: "
         "UTF-8\n      string: ''\n  response:\n    status:\n      code: 200\n      message: OK\n    http_version:\n"
         "  recorded_at: Tue, 01 Nov 2011 04:58:44 GMT\nrecorded_with: VCR 6.0.0\n",
         "Ruby VCR"},
        {"Ruby VCR, JSON serializer",
         R"({"http_interactions":[{"request":{"method":"get","uri":"https://a.example/"},"response":{"status":{"code":200}}}],"recorded_with":"VCR 2.9.3"})",
         "Ruby VCR"},
        {"Ruby VCR without recorded_with", "http_interactions: []\n", "Ruby VCR"},
        {"R's vcr",
         "http_interactions:\n- request:\n    method: get\n    uri: https://a.example/\n  response:\n    status: 200\n"
         "recorded_with: vcr/1.7.0.91, webmockr/2.0.0\n",
         "R vcr"},
        {"Ruby VCR 1.x (tagged structs)",
         "--- \n- !ruby/struct:VCR::HTTPInteraction \n  request: !ruby/struct:VCR::Request \n    method: :get\n"
         "    uri: http://a.example:80/\n  response: !ruby/struct:VCR::Response \n    status: !ruby/struct:VCR::ResponseStatus \n"
         "      code: 200\n      message: OK\n",
         "Ruby VCR 1.x"},
        {"betamax",
         R"({"http_interactions": [{"request": {"body": {"encoding": "utf-8", "string": ""}, "method": "GET", "uri": "https://a.example/"},)"
         R"( "response": {"status": {"code": 200, "message": "OK"}, "url": "https://a.example/"}, "recorded_at": "2013-09-28T01:25:38"}],)"
         R"( "recorded_with": "betamax/0.8.1"})",
         "betamax"},
        {"betamax 0.1 (status_code, bare name)",
         R"({"http_interactions": [{"request": {"body": "", "method": "GET", "uri": "https://a.example/"}, "response": {"status_code": 200}}], "recorded_with": "betamax"})",
         "betamax"},
        {"Polly.js, persister:fs",
         R"({"log": {"_recordingName": "x", "creator": {"comment": "persister:fs", "name": "Polly.JS", "version": "6.0.6"}, "entries": [], "pages": [], "version": "1.2"}})",
         "Polly.js"},
        {"Polly.js, persister:local-storage (keyed by recording id)",
         R"({"Simple-Example_823972681": {"log": {"_recordingName": "Simple Example", "creator": {"name": "Polly.JS", "version": "1.2.0"}, "entries": []}}})",
         "Polly.js"},
        {"a browser HAR",
         R"({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "pages": [], "entries": []}})",
         "HAR (WebInspector)"},
        {"nock (rawHeaders)",
         R"([{"scope": "https://a.example:443", "method": "GET", "path": "/", "body": "", "status": 200, "response": {}, "rawHeaders": [], "responseIsBinary": false}])",
         "nock"},
        {"nock before 11 (headers, reqheaders)",
         "[\n  {\n    \"scope\": \"http://a.example:80\",\n    \"method\": \"GET\",\n    \"path\": \"/\",\n    \"status\": 200,\n"
         "    \"response\": \"ok\",\n    \"headers\": {\"content-type\": \"text/plain\"},\n    \"reqheaders\": {}\n  }\n]\n",
         "nock"},
        {"PHP-VCR",
         "\n-\n    request:\n        method: GET\n        url: 'https://a.example/'\n        headers:\n            Host: a.example\n"
         "    response:\n        status:\n            http_version: '1.1'\n            code: '200'\n            message: OK\n"
         "        headers: null\n        body: ''\n",
         "PHP-VCR"},
        {"PHP-VCR 1.5 (index first)",
         "\n-\n    request:\n        method: GET\n        url: 'https://a.example/'\n    response:\n        status:\n"
         "            code: 200\n            message: OK\n        body: ''\n    index: 0\n",
         "PHP-VCR"},
        {"ExVCR",
         R"([{"request": {"body": "", "headers": [], "method": "get", "options": [], "request_body": "", "url": "https://a.example/"},)"
         R"( "response": {"binary": false, "body": "", "headers": {}, "status_code": 200, "type": "ok"}}])",
         "ExVCR (Elixir)"},
        {"Betamax (Java) tape",
         "!tape\nname: t\ninteractions:\n- recorded: 2015-03-02T10:15:30.000Z\n  request:\n    method: GET\n"
         "    uri: https://a.example/\n  response:\n    status: 200\n",
         "Betamax (Java) or OkReplay"},
        {"OkReplay tape, tagged flow lists",
         "!tape\nname: t\ninteractions:\n  - !!okreplay.RecordedInteraction [\n    '2011-08-23T22:41:40.000Z',\n"
         "    !!okreplay.RecordedRequest [GET, 'http://a.example/'],\n    !!okreplay.RecordedResponse [200, {}, !!binary \"TyBIQUkh\"]\n  ]\n",
         "Betamax (Java) or OkReplay"},
        {"govcr", R"({"name": "t", "tracks": [{"Request": {}, "Response": {}}]})", "govcr"},
        {"httpreplay", R"({"Initial": "AQ==", "Version": "0.2", "Converter": {}, "Entries": []})",
         "httpreplay (cloud.google.com/go/httpreplay)"},
        {"talkback", "{\n  meta: 1,\n  req: 2,\n  res: 3\n}\n", "talkback"},
        {"Hoverfly", R"({"data": {"pairs": []}, "meta": {"schemaVersion": "v5"}})", "Hoverfly simulation"},
        {"WireMock stub", R"({"request": {"method": "GET", "urlPattern": "/a.*"}, "response": {"status": 200}})", "WireMock"},
        {"Python responses recorder",
         "responses:\n- response:\n    auto_calculate_content_length: false\n    body: ok\n    content_type: text/plain\n"
         "    headers: {}\n    method: GET\n    status: 200\n    url: https://a.example/\n",
         "responses (Python `_recorder`)"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        CHECK(recorder_of(c.text) == c.recorder);
        // Every such file is kept away from go-vcr's reader, whatever it made of it.
        yaml::ReadResult r = yaml::read_cassette(c.text, "t");
        const Verdict v = recorders::recognize(r.cassette ? &*r.cassette : nullptr, r.ok() && r.cassette.has_value(), c.text);
        CHECK(v.kind == Verdict::Kind::Other);
        CHECK(recorders::describe(v).find("not go-vcr's") != std::string::npos);
    }
}

TEST_CASE("go-vcr cassettes are never taken for another recorder's, nor for no cassette") {
    size_t n = 0;
    for (const std::string& path : testing_support::sample_and_corpus_files()) {
        CAPTURE(path);
        std::string text;
        REQUIRE(!util::read_whole_file(path, text));
        // Classified even where the cheap test would not look.
        CHECK(recorder_of(text) == "go-vcr");
        ++n;
    }
    if (testing_support::shared_corpus_present()) CHECK(n >= 45);
    // Hand-made go-vcr shapes that a careless test would misread.
    CHECK(recorder_of("{}\n") == "go-vcr");
    CHECK(recorder_of("version: 2\n") == "go-vcr");
    CHECK(recorder_of("interactions: []\n") == "go-vcr");
    CHECK(recorder_of("version: 1\ninteractions:\n- request:\n    url: https://a.example/\n    method: GET\n") == "go-vcr");
    CHECK(recorder_of("just text\n") == "go-vcr"); // the reader's own error stands
}

TEST_CASE("files that are no cassette at all say what they look like") {
    auto v = classify_text("name: CI\non:\n  push: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
    CHECK(v.kind == Verdict::Kind::NotCassette);
    CHECK(v.recorder == "a GitHub Actions workflow");
    CHECK(recorders::describe(v) ==
          "not a cassette (a GitHub Actions workflow: keys `name`, `on`, `jobs`; no `version` or `interactions`)");
    CHECK(classify_text("repos:\n- repo: local\n").recorder == "a pre-commit configuration");
    CHECK(classify_text("apiVersion: v1\nkind: Pod\n").recorder == "a Kubernetes manifest");
    CHECK(classify_text("a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n").evidence == "keys `a`, `b`, `c`, ...; no `version` or `interactions`");
    CHECK(classify_text("[]\n").kind == Verdict::Kind::NotCassette);
    CHECK(classify_text("- a\n- b\n").kind == Verdict::Kind::NotCassette);
}

TEST_CASE("the cheap test looks only where go-vcr's shape is missing") {
    auto read = [](const std::string& text) { return yaml::read_cassette(text, "t", yaml::ReadOptions{true}); };
    auto good = read("version: 2\ninteractions:\n- request:\n    url: https://a.example/\n");
    REQUIRE(good.cassette);
    CHECK_FALSE(recorders::worth_a_look(&*good.cassette));
    auto vcrpy = read("interactions:\n- request:\n    uri: https://a.example/\nversion: 1\n");
    REQUIRE(vcrpy.cassette);
    CHECK(recorders::worth_a_look(&*vcrpy.cassette));
    auto ruby = read("http_interactions: []\n");
    REQUIRE(ruby.cassette);
    CHECK(recorders::worth_a_look(&*ruby.cassette));
    CHECK_FALSE(recorders::worth_a_look(nullptr));
    CHECK(recorders::starts_with_list_or_tag("# nock\n\n[\n  {}\n]\n"));
    CHECK(recorders::starts_with_list_or_tag("--- \n- !ruby/struct:VCR::HTTPInteraction\n"));
    CHECK(recorders::starts_with_list_or_tag("!tape\nname: x\n"));
    CHECK_FALSE(recorders::starts_with_list_or_tag("---\nversion: 2\n"));
    CHECK_FALSE(recorders::starts_with_list_or_tag("{\"log\": {}}"));
}

TEST_CASE("marks: lines, character columns and byte offsets, BOM and non-ASCII text included") {
    const std::string text = "\xEF\xBB\xBFk\xC3\xA9y: [\"\xE2\x82\xAC\", b]\n";
    auto t = recorders::parse_tree(text);
    REQUIRE(t);
    REQUIRE(t->is_map());
    const recorders::Tree* seq = t->get("k\xC3\xA9y");
    REQUIRE(seq);
    REQUIRE(seq->items.size() == 2);
    CHECK(seq->items[1].at.line == 1);
    CHECK(seq->items[1].at.column == 12);
    CHECK(text.substr(seq->items[1].at.offset, 1) == "b");
    CHECK_FALSE(recorders::parse_tree("a: [1, 2\n"));           // a syntax error
    CHECK_FALSE(recorders::parse_tree(std::string(500, '[')));  // nesting too deep
    CHECK_FALSE(recorders::parse_tree(""));                     // no document
}

TEST_CASE("secrets by shape in every string, masked, with their path; placeholders and allow-listed values left out") {
    const std::string text = "http_interactions:\n- request:\n    uri: https://a.example/?t=" + k_ghp +
                             "\n    headers:\n      Authorization:\n      - token " + k_ghp +
                             "\n      X-Done:\n      - ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\nrecorded_with: VCR 6.0.0\n";
    auto t = recorders::parse_tree(text);
    REQUIRE(t);
    redact::DetectOptions options;
    redact::Detector detector(options);
    auto found = recorders::find_secrets(*t, detector, options);
    REQUIRE(found.size() == 2);
    CHECK(found[0].location == "http_interactions[0].request.uri");
    CHECK(found[0].where.line == 3);
    CHECK(found[1].location == "http_interactions[0].request.headers.Authorization[0]");
    CHECK(found[1].detector == "github-token");
    CHECK(found[1].kind == "GitHub token");
    CHECK(found[1].masked == "ghp_…a7Pe");
    options.allow.push_back(k_ghp);
    CHECK(recorders::find_secrets(*t, detector, options).empty());
    options.allow.clear();
    options.disable.push_back("github-token");
    CHECK(recorders::find_secrets(*t, detector, options).empty());

    // show's view: the file as it is, the secret masked.
    const std::string shown = recorders::mask_by_shape(text, detector, redact::DetectOptions{});
    CHECK(shown.find(k_ghp) == std::string::npos);
    CHECK(shown.find("token ghp_…a7Pe") != std::string::npos);
    CHECK(shown.find("ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX") != std::string::npos);
}

TEST_CASE("lint: another recorder's file gets one note and the secret search, none of go-vcr's rules") {
    const std::string vcrpy = "interactions:\n- request:\n    body: null\n    headers:\n      Authorization:\n      - token " +
                              k_ghp + "\n    method: GET\n    uri: https://a.example/\n  response:\n    body: {string: ''}\n"
                              "    status: {code: 200, message: OK}\nversion: 1\n";
    lint::Settings s = lint::make_settings(nullptr, {}, {});
    lint::FileResult r = lint::lint_source(vcrpy, "t.yaml", s);
    REQUIRE(r.findings.size() == 2);
    CHECK(r.findings[0].rule == "other-recorder");
    CHECK(r.findings[0].severity == Severity::Note);
    CHECK(r.findings[1].rule == "secret");
    CHECK(r.findings[1].where.line == 6);
    for (const auto& d : r.findings) CHECK(d.message.find(k_ghp) == std::string::npos);

    // Turned off, the note goes; the secret stays.
    lint::Settings quiet = lint::make_settings(nullptr, {}, {"other-recorder"});
    r = lint::lint_source(vcrpy, "t.yaml", quiet);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "secret");

    // A root list (no model from the go-vcr reader) too.
    const std::string nock = "[\n  {\n    \"scope\": \"https://a.example:443\",\n    \"method\": \"GET\",\n    \"path\": \"/\",\n"
                             "    \"response\": {\"token\": \"" + k_ghp + "\"}\n  }\n]\n";
    r = lint::lint_source(nock, "n.json", s);
    REQUIRE(r.findings.size() == 2);
    CHECK(r.findings[0].message.find("a nock cassette") == 0);
    CHECK(r.findings[1].message.find("GitHub token in [0].response.token (ghp_…a7Pe)") == 0);

    // A suppression comment applies as in a go-vcr cassette.
    std::string suppressed = vcrpy;
    suppressed.replace(suppressed.find("      - token"), 0, "      # cassette: ignore[secret]\n");
    r = lint::lint_source(suppressed, "t.yaml", s);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "other-recorder");

    // No cassette at all: skipped when found in a folder, and since issue #19
    // also when named (pre-commit names every file its pattern matches).
    const std::string workflow = "name: CI\non: push\njobs: {}\n";
    r = lint::lint_source(workflow, "ci.yml", s, true);
    CHECK(r.findings.empty());
    REQUIRE(r.skipped);
    CHECK(r.skipped->find("a GitHub Actions workflow") != std::string::npos);
    r = lint::lint_source(workflow, "ci.yml", s, false);
    CHECK(r.findings.empty());
    REQUIRE(r.skipped);
    CHECK(r.skipped->find("a GitHub Actions workflow") != std::string::npos);
    // A mapping with `version` but no valid value is still read as a cassette.
    r = lint::lint_source("version: 7\ninteractions: []\n", "v.yaml", s, false);
    CHECK_FALSE(r.skipped);
    REQUIRE_FALSE(r.findings.empty());
    CHECK(r.findings[0].rule == "version");
}

} // TEST_SUITE
