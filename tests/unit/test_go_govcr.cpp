// Checks the go-vcr reference program tests/go/govcr (Load/Save stand-in):
// the exact bytes go-vcr's Save writes for small hand-written cassettes, and
// the error texts of failing Loads. The expected bytes were written by hand
// from shared/FORMAT.md (sections 2, 3, 4.1, 4.2, 5, 6.3).
#include "go_tools.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using testing_support::go_tool;
using testing_support::run_process;
using testing_support::RunResult;

namespace {

std::optional<std::string> govcr() {
    auto tool = go_tool("govcr");
    if (!tool) MESSAGE("skipped: Go or gopkg.in/yaml.v2/v3 not available, govcr not built");
    return tool;
}

// Runs `govcr CMD FLAGS... /dev/stdin` with `input` on stdin.
RunResult govcr_run(const std::string& tool, const std::string& cmd, std::vector<std::string> flags,
                    const std::string& input) {
    std::vector<std::string> argv{tool, cmd};
    argv.insert(argv.end(), flags.begin(), flags.end());
    argv.push_back("/dev/stdin");
    return run_process(argv, input);
}

// Format 1, written non-canonically (4-space, flow mappings, fields out of
// order, an unknown key, an integer duration that only yaml.v2 accepts).
const std::string k_v1_input = R"(version: 1
interactions:
    - response:
        code: 404
        status: 404 Not Found
        duration: 1500000
        headers: {X-Request-Id: [abc], Expires: ["-1"], Content-Type: [application/json]}
        body: "{\"id\":1}"
      request:
        method: GET
        url: https://api.example.com/v1/items?page=2
        headers:
            Accept: [application/json]
        unknown_key: ignored
    - request:
        body: "a=1&b=x+y"
        form: {a: ["1"], b: [x y]}
        method: POST
        url: https://api.example.com/v1/items
      response:
        body: "The quick brown fox jumps over the lazy dog; the quick brown fox jumps over the lazy dog again."
        status: 201 Created
        code: 201
        duration: 2m3.5s
)";

// go-vcr v1-head / v2.0.x (time.Duration) with yaml.v2: 2-space, indentless
// sequences, sorted header names, "-1" quoted, `{` forces single quotes,
// missing body/form/headers written as ""/{}, plain scalar folded past col 80.
const std::string k_v1_expected = R"(---
version: 1
interactions:
- request:
    body: ""
    form: {}
    headers:
      Accept:
      - application/json
    url: https://api.example.com/v1/items?page=2
    method: GET
  response:
    body: '{"id":1}'
    headers:
      Content-Type:
      - application/json
      Expires:
      - "-1"
      X-Request-Id:
      - abc
    status: 404 Not Found
    code: 404
    duration: 1.5ms
- request:
    body: a=1&b=x+y
    form:
      a:
      - "1"
      b:
      - x y
    headers: {}
    url: https://api.example.com/v1/items
    method: POST
  response:
    body: The quick brown fox jumps over the lazy dog; the quick brown fox jumps over
      the lazy dog again.
    headers: {}
    status: 201 Created
    code: 201
    duration: 2m3.5s
)";

// Format 2 in the P2-like layout with all fields, id gaps, and a short
// flow-style interaction.
const std::string k_v2_input = R"(---
version: 2
interactions:
- id: 5
  request:
    proto: HTTP/1.1
    proto_major: 1
    proto_minor: 1
    content_length: 0
    transfer_encoding: []
    trailer: {}
    host: api.example.com
    remote_addr: ""
    body: ""
    form: {}
    headers: {}
    url: https://api.example.com/v1/items?q=a%20b
    method: GET
  response:
    proto: HTTP/2.0
    proto_major: 2
    proto_minor: 0
    transfer_encoding: [chunked]
    content_length: -1
    uncompressed: true
    body: "line one\nline two\n"
    headers:
      x-b: ["yes"]
      X-10: [ten]
      X-2: [two]
    status: 200 OK
    code: 200
    duration: 61.476µs
- id: 7
  request: {url: "https://api.example.com/x", method: DELETE}
  response: {status: 204 No Content, code: 204, duration: 0s, uncompressed: false}
)";

// go-vcr v4.0.3+ (omitempty) with yaml.v3: 4-space, sequences indented, ids
// renumbered by Save, empty omitempty fields dropped (uncompressed: false
// too), response body/headers always written, `|` literal for the multi-line
// body, X-2 before X-10 (numeric runs), "yes" quoted (YAML 1.1 bool).
const std::string k_v2_expected = R"(---
version: 2
interactions:
    - id: 0
      request:
        proto: HTTP/1.1
        proto_major: 1
        proto_minor: 1
        content_length: 0
        host: api.example.com
        url: https://api.example.com/v1/items?q=a%20b
        method: GET
      response:
        proto: HTTP/2.0
        proto_major: 2
        proto_minor: 0
        transfer_encoding:
            - chunked
        content_length: -1
        uncompressed: true
        body: |
            line one
            line two
        headers:
            X-2:
                - two
            X-10:
                - ten
            x-b:
                - "yes"
        status: 200 OK
        code: 200
        duration: 61.476µs
    - id: 1
      request:
        proto: ""
        proto_major: 0
        proto_minor: 0
        content_length: 0
        host: ""
        url: https://api.example.com/x
        method: DELETE
      response:
        proto: ""
        proto_major: 0
        proto_minor: 0
        content_length: 0
        body: ""
        headers: {}
        status: 204 No Content
        code: 204
        duration: 0s
)";

} // namespace

TEST_SUITE("go::govcr") {
TEST_CASE("save of a v1 cassette with yaml.v2 gives go-vcr's exact bytes") {
    auto tool = govcr();
    if (!tool) return;
    RunResult r = govcr_run(*tool, "save", {"--format", "v1", "--duration", "time", "--yaml", "v2"}, k_v1_input);
    CHECK(r.err == "");
    CHECK(r.exit_code == 0);
    CHECK(r.out == k_v1_expected);
    // The output is a fixed point.
    RunResult again = govcr_run(*tool, "save", {"--format", "v1", "--duration", "time", "--yaml", "v2"}, r.out);
    CHECK(again.out == k_v1_expected);
}

TEST_CASE("save of a v2 cassette with omitempty and yaml.v3 gives go-vcr's exact bytes") {
    auto tool = govcr();
    if (!tool) return;
    RunResult r = govcr_run(*tool, "save", {"--format", "v2-omit", "--yaml", "v3"}, k_v2_input);
    CHECK(r.err == "");
    CHECK(r.exit_code == 0);
    CHECK(r.out == k_v2_expected);
}

TEST_CASE("load fails with the yaml library's type error text") {
    auto tool = govcr();
    if (!tool) return;
    const std::string quoted_version = "version: \"2\"\ninteractions: []\n";
    for (const char* lib : {"v2", "v3"}) {
        CAPTURE(lib);
        RunResult r = govcr_run(*tool, "load", {"--format", "v2-omit", "--yaml", lib}, quoted_version);
        CHECK(r.exit_code == 1);
        CHECK(r.out == "");
        CHECK(r.err == "yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `2` into int\n");
    }
    // yaml.v3 rejects integer durations; yaml.v2 takes them as nanoseconds.
    RunResult int_duration = govcr_run(*tool, "load", {"--format", "v1", "--duration", "time", "--yaml", "v3"}, k_v1_input);
    CHECK(int_duration.exit_code == 1);
    CHECK(int_duration.err == "yaml: unmarshal errors:\n  line 6: cannot unmarshal !!int `1500000` into time.Duration\n");
    // `duration: ""` (go-vcr <= v1.2.0) cannot be loaded by time.Duration versions.
    const std::string empty_duration = "version: 1\ninteractions:\n- response:\n    duration: \"\"\n";
    RunResult td = govcr_run(*tool, "load", {"--format", "v1", "--duration", "time", "--yaml", "v2"}, empty_duration);
    CHECK(td.exit_code == 1);
    CHECK(td.err == "yaml: unmarshal errors:\n  line 4: cannot unmarshal !!str `` into time.Duration\n");
    RunResult ts = govcr_run(*tool, "load", {"--format", "v1", "--duration", "string", "--yaml", "v2"}, empty_duration);
    CHECK(ts.exit_code == 0);
    CHECK(ts.err == "");
}

TEST_CASE("load checks the version only for format 2, and yaml.v3 rejects duplicate keys") {
    auto tool = govcr();
    if (!tool) return;
    const std::string v1 = "version: 1\ninteractions: []\n";
    CHECK(govcr_run(*tool, "load", {"--format", "v1", "--yaml", "v3"}, v1).exit_code == 0);
    RunResult all = govcr_run(*tool, "load", {"--format", "v2-all", "--yaml", "v3"}, v1);
    CHECK(all.exit_code == 1);
    CHECK(all.err == "required version of cassette is v2\n");
    RunResult omit = govcr_run(*tool, "load", {"--format", "v2-omit", "--yaml", "v3"}, v1);
    CHECK(omit.exit_code == 1);
    CHECK(omit.err == "unsupported cassette version format: 2\n");

    const std::string dup = "version: 1\ninteractions:\n- response:\n    body: a\n    body: b\n";
    RunResult v3 = govcr_run(*tool, "load", {"--format", "v1", "--yaml", "v3"}, dup);
    CHECK(v3.exit_code == 1);
    CHECK(v3.err == "yaml: unmarshal errors:\n  line 5: mapping key \"body\" already defined at line 4\n");
    RunResult v2 = govcr_run(*tool, "dump", {"--format", "v1", "--duration", "none", "--yaml", "v2"}, dup);
    CHECK(v2.exit_code == 0);
    CHECK(v2.out ==
          R"({"version":1,"interactions":[{"request":{"body_base64":"","form":null,"headers":null,"url":"","method":""},)"
          R"("response":{"body_base64":"Yg==","headers":null,"status":"","code":0}}]})"
          "\n");
}

TEST_CASE("empty cassettes: format 1 Save writes nothing, format 2 writes interactions: []") {
    auto tool = govcr();
    if (!tool) return;
    RunResult v1 = govcr_run(*tool, "save", {"--format", "v1", "--yaml", "v2"}, "version: 1\ninteractions: []\n");
    CHECK(v1.exit_code == 0);
    CHECK(v1.out == "");
    RunResult v2 = govcr_run(*tool, "save", {"--format", "v2-omit", "--yaml", "v3"}, "interactions:\n");
    CHECK(v2.exit_code == 0);
    CHECK(v2.out == "---\nversion: 2\ninteractions: []\n");
}
}
