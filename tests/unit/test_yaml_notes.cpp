// Comments, headers and later YAML documents (Cassette::notes): read, kept by
// every write, carried through HAR; every corpus file read by every
// subcommand; the multi-document read compared with go-yaml (yaml.v3).
#include "run_cassette.hpp"
#include "commands/common.hpp"
#include "convert/har.hpp"
#include "lint/lint.hpp"
#include "model/equal.hpp"
#include "model/notes.hpp"
#include "model/walk.hpp"
#include "yaml/notes.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include "corpus_files.hpp"
#include "go_tools.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

using namespace cassette;
using testing_support::read_file;
using testing_support::write_file;

namespace {

Cassette read_ok(const std::string& text) {
    yaml::ReadResult r = yaml::read_cassette(text, "t.yaml");
    INFO(text);
    REQUIRE(r.ok());
    return std::move(*r.cassette);
}

using testing_support::Outcome;
using testing_support::run_cassette;

// A go-vcr v3 file (yaml.v3 layout, every field), canonical.
const std::string k_doc = R"(---
version: 2
interactions:
    - id: 0
      request:
        proto: HTTP/1.1
        proto_major: 1
        proto_minor: 1
        content_length: 0
        host: example.com
        body: ""
        headers:
            Accept:
                - application/json
        url: https://example.com/items
        method: GET
      response:
        proto: HTTP/1.1
        proto_major: 1
        proto_minor: 1
        content_length: 11
        body: '{"items":1}'
        headers:
            Content-Type:
                - application/json
        status: 200 OK
        code: 200
        duration: 1.5ms
)";

const std::string k_azd_tail = "---\nenv_name: azdtest-w1\nsubscription_id: faa080af-c1d8-40ad-9cce-e1a450ca5b57\n"
                               "time: \"1775761967\"\n";

std::string with_line_after(std::string text, const std::string& after, const std::string& line) {
    size_t at = text.find(after);
    REQUIRE(at != std::string::npos);
    at = text.find('\n', at) + 1;
    text.insert(at, line);
    return text;
}

} // namespace

TEST_CASE("a later YAML document is kept byte for byte and read for what it holds") {
    const std::string text = k_doc + k_azd_tail;
    Cassette c = read_ok(text);
    CHECK(c.interactions.size() == 1);
    CHECK(c.notes.rest == k_azd_tail);
    CHECK(c.notes.rest_offset == k_doc.size());
    REQUIRE(c.notes.documents.size() == 1);
    CHECK(c.notes.documents[0].kind == Node::Kind::Mapping);
    CHECK(c.notes.documents[0].entries.size() == 3);
    CHECK(c.layout.name() == "yaml.v3"); // judged without the later document
    // fmt gives the file back; the in-place writer too.
    CHECK(yaml::write_canonical(c, c.layout) == text);
    CHECK(yaml::write_in_place(c) == text);
    CHECK_FALSE(yaml::verify_written(c, text));
}

TEST_CASE("shapes found after a cassette's document: `...`, several documents, anchors, a scalar, an empty one") {
    const std::vector<std::string> tails = {
        "...\n",                                            // an explicit end, nothing after
        "...\n# trailing note\n",                           // and a comment after it
        "...\n%YAML 1.1\n---\nkey: value\n",                // a directive before the next document
        "---\na: &x 1\nb: *x\nc: {d: [1, 2]}\n---\n- x\n", // anchors, aliases, flow, a second later document
        "--- plain scalar\n",                               // a scalar document on the `---` line
        "---\n",                                            // an empty document
        "---\na: 1\na: 2\n",                                // duplicate keys: yaml.v3's Decoder into a Node accepts them
        "---\nno final newline: true",
    };
    for (const auto& tail : tails) {
        const std::string text = k_doc + tail;
        CAPTURE(tail);
        Cassette c = read_ok(text);
        CHECK(c.notes.rest == tail);
        CHECK(yaml::write_canonical(c, c.layout) == text);
        CHECK_FALSE(yaml::verify_written(c, text));
    }
}

TEST_CASE("a later document that is not YAML is an error at its line and column") {
    const std::string text = k_doc + "---\nenv_name: \"azdtest\ntime: 1\n";
    yaml::ReadResult r = yaml::read_cassette(text, "t.yaml");
    CHECK_FALSE(r.ok());
    REQUIRE(!r.diagnostics.empty());
    CHECK(r.diagnostics.front().rule == "syntax");
    const uint32_t lines = uint32_t(std::count(k_doc.begin(), k_doc.end(), '\n'));
    // At the end of the stream, where libyaml finds the quote still open;
    // the quote's own place in the message.
    CHECK(r.diagnostics.front().where.line == lines + 4);
    CHECK(r.diagnostics.front().message.find("at line " + std::to_string(lines + 2) + ", column 11") != std::string::npos);
    const std::string tabbed = k_doc + "---\na:\n\t- b\n";
    yaml::ReadResult t = yaml::read_cassette(tabbed, "t.yaml");
    REQUIRE_FALSE(t.ok());
    CHECK(t.diagnostics.front().where.line == lines + 3);
    CHECK(t.diagnostics.front().where.column == 1);
}

TEST_CASE("comments are found outside scalars only and tied to their nodes") {
    std::string text = "# header\n\n" + k_doc;
    text = with_line_after(text, "interactions:", "    # above the item\n");
    text = with_line_after(text, "        headers:\n", "            # above Accept\n");
    text.replace(text.find("proto: HTTP/1.1\n"), 16, "proto: HTTP/1.1 # trailing\n");
    text.replace(text.find("body: '{\"items\":1}'"), 19, "body: '{\"items\":1} # not a comment'");
    text += "# after the last node\n";
    Cassette c = read_ok(text);
    CHECK(c.notes.header == "# header\n\n");
    REQUIRE(c.notes.comments.size() == 4);
    CHECK(c.notes.comments[0].kind == Comment::Kind::Before);
    CHECK(c.notes.comments[0].anchor == "/interactions/0");
    CHECK(c.notes.comments[0].aligned);
    CHECK(c.notes.comments[1].kind == Comment::Kind::Trailing);
    CHECK(c.notes.comments[1].anchor == "/interactions/0/request/proto");
    CHECK(c.notes.comments[1].text == " # trailing");
    CHECK(c.notes.comments[2].anchor == "/interactions/0/request/headers/Accept");
    CHECK(c.notes.comments[3].kind == Comment::Kind::End);
    // Canonical already: fmt changes nothing.
    CHECK(yaml::write_canonical(c, c.layout) == text);
}

TEST_CASE("comments follow their nodes through a re-layout and come back after a second one") {
    std::string text = k_doc;
    text = with_line_after(text, "interactions:", "    # above the item\n");
    text = with_line_after(text, "        headers:\n", "            # above Accept\n");
    text.replace(text.find("code: 200\n"), 10, "code: 200 # ok\n");
    Cassette c = read_ok(text);
    Layout compact = c.layout;
    compact.emitter = Emitter::YamlV4;
    compact.indent = 2;
    compact.indentless = true;
    const std::string out = yaml::write_canonical(c, compact);
    CHECK(out.find("\n# above the item\n- id: 0\n") != std::string::npos);
    CHECK(out.find("\n      # above Accept\n      Accept:\n") != std::string::npos);
    CHECK(out.find("\n    code: 200 # ok\n") != std::string::npos);
    CHECK_FALSE(yaml::verify_written(c, out));
    Cassette back = read_ok(out);
    CHECK(yaml::write_canonical(back, c.layout) == text);
}

TEST_CASE("a comment after a value that becomes a block goes after the block indicator") {
    std::string text = k_doc;
    text.replace(text.find("body: '{\"items\":1}'"), 19, "body: '{\"items\":1}' # trimmed");
    Cassette c = read_ok(text);
    for_each_scalar(c, [](Scalar& s, const ScalarSite& site) {
        if (site.path == "response.body") {
            s.value = "{\n  \"items\": 1\n}";
            s.dirty = true;
        }
    });
    const std::string out = yaml::write_canonical(c, c.layout);
    CHECK(out.find("        body: |- # trimmed\n            {\n") != std::string::npos);
    CHECK_FALSE(yaml::verify_written(c, out));
}

TEST_CASE("the write check names lost notes") {
    const std::string text = "# header\n" + k_doc + k_azd_tail;
    Cassette c = read_ok(text);
    Cassette no_header = read_ok(k_doc + k_azd_tail);
    Cassette no_rest = read_ok("# header\n" + k_doc);
    CHECK(yaml::notes_difference(c, no_header));
    CHECK(yaml::notes_difference(c, no_rest));
    Cassette commented = read_ok(with_line_after(text, "interactions:", "    # x\n"));
    CHECK(yaml::notes_difference(commented, c));
    CHECK_FALSE(yaml::notes_difference(c, c));
}

TEST_CASE("a suppression comment keeps working after fmt --pretty-json") {
    testing_support::TempDir dir("notes");
    std::string text = k_doc;
    text.replace(text.find("url: https://example.com/items"), 30,
                 "url: https://example.com/items?api_key=Zx81Qw93Lm20Ab77Cd45Ef12 # cassette: ignore[secret]");
    text = with_line_after(text, "        body: \"\"\n", "");
    const std::string file = dir / "s.yaml";
    write_file(file, text);
    Outcome before = run_cassette({"lint", file});
    CHECK(before.code == 0);
    Outcome f = run_cassette({"fmt", "--pretty-json", file});
    REQUIRE(f.code == 0);
    CHECK(read_file(file).find("# cassette: ignore[secret]") != std::string::npos);
    Outcome after = run_cassette({"lint", file});
    CHECK(after.code == 0);
    CHECK(after.out.find("secret") == std::string::npos);
}

TEST_CASE("redact and lint look for secrets in later documents; show prints them masked") {
    testing_support::TempDir dir("notes");
    const std::string secret = "sk-proj-Q2x8Lm4Np7Rs1Tv6Wy9Zb3Cd5Fg0Hj2Kk4Mn6Pq8St1Uv3Wx";
    const std::string file = dir / "t.yaml";
    write_file(file, k_doc + "---\nenv_name: w1\nopenai_key: " + secret + "\n");
    Outcome lint = run_cassette({"lint", file});
    CHECK(lint.code == 1);
    CHECK(lint.out.find("a YAML document after the cassette's") != std::string::npos);
    CHECK(lint.out.find(secret) == std::string::npos);
    Outcome show = run_cassette({"show", file});
    CHECK(show.code == 0);
    CHECK(show.out.find("--- document 2") != std::string::npos);
    CHECK(show.out.find("env_name: w1") != std::string::npos);
    CHECK(show.out.find(secret) == std::string::npos);
    Outcome red = run_cassette({"redact", file});
    CHECK(red.code == 0);
    const std::string after = read_file(file);
    CHECK(after.find(secret) == std::string::npos);
    CHECK(after.substr(0, k_doc.size()) == k_doc); // only the secret's bytes changed
    CHECK(after.find("---\nenv_name: w1\nopenai_key: ") != std::string::npos);
}

TEST_CASE("HAR carries comments, the header and later documents: the round trip gives them back") {
    std::string text = "# Copyright\n\n" + k_doc + k_azd_tail;
    text = with_line_after(text, "interactions:", "    # above the item\n");
    text.replace(text.find("code: 200\n"), 10, "code: 200 # ok\n");
    Cassette c = read_ok(text);
    const std::string har = convert::to_har(c, {});
    CHECK(har.find("\"notes\"") != std::string::npos);
    convert::HarImportResult r = convert::import_har(har, {});
    REQUIRE(r);
    CHECK(yaml::write_canonical(r->cassette, r->cassette.layout) == text);
    // A non-canonical layout comes back as fmt writes it, comments included.
    std::string odd = text;
    odd.replace(odd.find("        body: \"\"\n"), 17, "        body:   \"\"\n");
    Cassette o = read_ok(odd);
    convert::HarImportResult ro = convert::import_har(convert::to_har(o, {}), {});
    REQUIRE(ro);
    CHECK(yaml::write_canonical(ro->cassette, ro->cassette.layout) == yaml::write_canonical(o, o.layout));
    CHECK(yaml::write_canonical(o, o.layout) == text);
}

TEST_CASE("a HAR whose notes hold YAML that is not a comment is refused") {
    Cassette c = read_ok("# a\n" + k_doc);
    std::string har = convert::to_har(c, {});
    const size_t at = har.find("\"header\": \"# a\\n\"");
    REQUIRE(at != std::string::npos);
    std::string bad = har;
    bad.insert(at, "\"comments\": [{\"kind\": \"before\", \"node\": \"/version\", \"text\": \"x: 1\"}],\n");
    convert::HarImportResult r = convert::import_har(bad, {});
    CHECK_FALSE(r);
    CHECK(diag::message_of(r).find("log._cassette.notes.comments[0].text") != std::string::npos);
}

TEST_CASE("every corpus file is read by every subcommand (exit 0 or 1, never 2)") {
    testing_support::TempDir dir("notes-corpus");
    size_t files = 0;
    for (const std::string& path : testing_support::sample_and_corpus_files()) {
        CAPTURE(path);
        const std::string original = read_file(path);
        const std::string copy = dir / "c.yaml";
        write_file(copy, original);
        auto ok = [&](const std::vector<std::string>& args) {
            Outcome o = run_cassette(args);
            INFO(args.front() << " " << o.err.substr(0, 400));
            CHECK((o.code == 0 || o.code == 1));
        };
        ok({"lint", copy});
        ok({"redact", "--check", copy});
        ok({"fmt", "--check", copy});
        ok({"fmt", "--pretty-json", "-o", dir / "pretty.yaml", copy});
        ok({"show", copy});
        ok({"diff", copy, copy});
        ok({"convert", "--to", "har", "-o", dir / "c.har", copy});
        ok({"convert", "--from", "har", "-o", dir / "back.yaml", dir / "c.har"});
        CHECK(read_file(copy) == original);
        // What the HAR round trip keeps (README, docs/convert.md): always
        // the data, comments and later documents; what fmt writes for a file
        // in a known writer's layout, so the bytes when fmt leaves the file
        // as it is. A custom layout (fmt keeps its values' bytes, which HAR
        // does not carry) comes back with the same data, each value in the
        // detected writer's style.
        ok({"fmt", "-o", dir / "fmt.yaml", copy});
        const std::string back = read_file(dir / "back.yaml");
        yaml::ReadResult parsed = yaml::read_cassette_file(copy);
        REQUIRE(parsed.ok());
        if (parsed.cassette->layout.name() != "custom") CHECK(back == read_file(dir / "fmt.yaml"));
        CHECK(run_cassette({"diff", copy, dir / "back.yaml"}).code == 0);
        yaml::ReadResult again = yaml::read_cassette_file(dir / "back.yaml");
        REQUIRE(again.ok());
        CHECK(again.cassette->notes.comments.size() == parsed.cassette->notes.comments.size());
        if (run_cassette({"fmt", "--check", copy}).code == 0) CHECK(back == original);
        ++files;
    }
    if (testing_support::shared_corpus_present()) CHECK(files >= 45);
}

TEST_CASE("the multi-document read agrees with go-yaml (yaml.v3's Decoder; go-vcr's Unmarshal reads the first)") {
    auto tool = testing_support::go_tool("yamldocs");
    if (!tool) {
        MESSAGE("Go or gopkg.in/yaml.v3 not available: differential multi-document test skipped");
        return;
    }
    testing_support::TempDir dir("yamldocs");
    std::vector<std::string> inputs = {
        k_doc + k_azd_tail,
        k_doc + "...\n",
        k_doc + "...\n# after\n",
        k_doc + "...\n%YAML 1.1\n---\nkey: value\n",
        k_doc + "---\na: &x 1\nb: *x\nc: {d: [1, 2]}\n---\n- x\n",
        k_doc + "--- plain scalar\n",
        k_doc + "---\n",
        k_doc + "---\n# only a comment\n",
        k_doc + "---\na: 1\n---\nb: [1,\n",
        k_doc + "---\nenv_name: \"azdtest\ntime: 1\n",
        k_doc + "---\na:\n\t- b\n",
        k_doc + "---\na: b: c\n",
        "# header\n" + k_doc + "---\nx: 1\n",
    };
    for (const auto& path : testing_support::sample_and_corpus_files()) inputs.push_back(read_file(path));
    for (const std::string& text : inputs) {
        const std::string file = dir / "in.yaml";
        write_file(file, text);
        testing_support::RunResult g = testing_support::run_process({*tool, file});
        REQUIRE(g.exit_code == 0);
        std::istringstream lines(g.out);
        std::vector<int> doc_lines;
        bool go_ok = false;
        int go_error_line = -1;
        std::string line;
        while (std::getline(lines, line)) {
            if (line.rfind("doc ", 0) == 0) doc_lines.push_back(std::stoi(line.substr(4)));
            else if (line == "ok") go_ok = true;
            else if (line.rfind("error ", 0) == 0) go_error_line = std::stoi(line.substr(6));
        }
        CAPTURE(text.substr(text.size() > 300 ? text.size() - 300 : 0));
        CAPTURE(g.out);
        yaml::ReadResult r = yaml::read_cassette(text, "in.yaml");
        // Valid alike; when invalid, at the same place: yaml.v3 names the
        // line of the construct the problem is in (libyaml's context mark),
        // we name the problem's own mark and give the context in the text.
        CHECK(r.ok() == go_ok);
        if (!go_ok && !r.diagnostics.empty() && go_error_line > 0) {
            const Diagnostic& d = r.diagnostics.front();
            const bool same = std::abs(int(d.where.line) - go_error_line) <= 1 ||
                              d.message.find("at line " + std::to_string(go_error_line) + ",") != std::string::npos ||
                              d.message.find("at line " + std::to_string(go_error_line + 1) + ",") != std::string::npos;
            CHECK(same);
        }
        if (!r.ok() || !go_ok) continue;
        // As many documents, starting on the same lines.
        REQUIRE(doc_lines.size() == 1 + r.cassette->notes.documents.size());
        for (size_t k = 0; k < r.cassette->notes.documents.size(); ++k) {
            const Node& d = r.cassette->notes.documents[k];
            const int ours = int(d.kind == Node::Kind::Scalar ? d.scalar.span.begin.line : d.span.begin.line);
            CHECK(ours == doc_lines[k + 1]);
        }
        // The first document read alone is the cassette read with the rest.
        Cassette alone = read_ok(text.substr(0, r.cassette->notes.rest_offset));
        CHECK_FALSE(first_difference(alone, *r.cassette));
    }
}

TEST_CASE("a trailing comment belongs to the outermost node on its line; on a lone dash, to the item") {
    const std::string text = "version: 2\ninteractions:\n- # on the dash line\n  id: 0\n  request:\n"
                             "    headers: {Accept: [a, b]} # flow\n    url: http://x/ # u\n    method: GET\n"
                             "  response:\n    code: 200\n    body: |  # block\n      # not a comment\n      text\n";
    Cassette c = read_ok(text);
    REQUIRE(c.notes.comments.size() == 4);
    CHECK(c.notes.comments[0].anchor == "/interactions/0");
    CHECK(c.notes.comments[1].anchor == "/interactions/0/request/headers");
    CHECK(c.notes.comments[2].anchor == "/interactions/0/request/url");
    CHECK(c.notes.comments[3].anchor == "/interactions/0/response/body");
    CHECK(c.notes.comments[3].text == "  # block");
    const std::string out = yaml::write_canonical(c, c.layout);
    CHECK(out.find("- id: 0 # on the dash line\n") != std::string::npos);
    CHECK(out.find("headers: # flow\n") != std::string::npos);
    CHECK(out.find("body: |  # block\n") != std::string::npos);
    CHECK_FALSE(yaml::verify_written(c, out));
    // Formatting twice is formatting once.
    Cassette again = read_ok(out);
    CHECK(yaml::write_canonical(again, again.layout) == out);
}

TEST_CASE("a comment after a block scalar never becomes its text when the layout changes") {
    const std::string text = "version: 2\ninteractions:\n    - request:\n        body: |\n            line one\n"
                             "          # deeper than the next key, above it\n        url: http://x/\n"
                             "      response:\n        body: |\n            last\n        # after the last node\n";
    Cassette c = read_ok(text);
    REQUIRE(c.notes.comments.size() == 2);
    CHECK_FALSE(c.notes.comments[0].aligned);
    Layout compact = c.layout;
    compact.emitter = Emitter::YamlV4;
    compact.indent = 2;
    compact.indentless = true;
    const std::string out = yaml::write_canonical(c, compact);
    CHECK(out.find("      line one\n    # deeper than the next key, above it\n    url: http://x/\n") != std::string::npos);
    CHECK(out.find("      last\n# after the last node\n") != std::string::npos);
    CHECK_FALSE(yaml::verify_written(c, out));
}

TEST_CASE("a comment on the `---` line goes above the first node; two trailing comments for one line do not merge") {
    const std::string text = "--- # generated\nversion: 2 # v\ninteractions:\n- # item\n  id: 0 # id\n"
                             "  request:\n    url: http://x/\n";
    Cassette c = read_ok(text);
    REQUIRE(c.notes.comments.size() == 4);
    CHECK(c.notes.comments[0].kind == Comment::Kind::Before);
    CHECK(c.notes.comments[0].anchor == "/version");
    const std::string out = yaml::write_canonical(c, c.layout);
    CHECK(out.find("---\n# generated\nversion: 2 # v\n") == 0);
    CHECK(out.find("# id\n") != std::string::npos);
    CHECK(out.find("# item\n") != std::string::npos);
    CHECK_FALSE(yaml::verify_written(c, out));
    Cassette again = read_ok(out);
    CHECK(yaml::write_canonical(again, again.layout) == out);
}

TEST_CASE("a CRLF file's header and later documents follow its document to LF in a canonical write") {
    const std::string text = "%YAML 1.2\r\n# c\r\n---\r\nversion: 2 # v\r\ninteractions: []\r\n...\r\n---\r\nx: 1\r\n";
    Cassette c = read_ok(text);
    CHECK(c.notes.header == "%YAML 1.2\r\n# c\r\n");
    CHECK(c.notes.rest == "...\r\n---\r\nx: 1\r\n");
    const std::string out = yaml::write_canonical(c, c.layout);
    CHECK(out == "%YAML 1.2\n# c\n---\nversion: 2 # v\ninteractions: []\n...\n---\nx: 1\n");
    CHECK_FALSE(yaml::verify_written(c, out));
    CHECK(yaml::write_in_place(c) == text); // in place: every byte as found
}
