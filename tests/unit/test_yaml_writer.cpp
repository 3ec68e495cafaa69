// The writer against the real corpus, the samples and go-yaml itself.
#include "format/json_bodies.hpp"
#include "corpus_files.hpp"
#include "go_tools.hpp"
#include "model/equal.hpp"
#include "model/walk.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace cassette;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> cassette_files() { return testing_support::sample_and_corpus_files(); }

Cassette load(const std::string& path) {
    auto r = yaml::read_cassette_file(path);
    REQUIRE_MESSAGE(r.ok(), path);
    return std::move(*r.cassette);
}

// The govcr flags that stand for the writer of a layout, or empty when no
// Go library here writes it (goccy, yaml/v4 with a custom indent).
std::vector<std::string> govcr_flags(const Cassette& c) {
    std::vector<std::string> f;
    const Layout& l = c.layout;
    std::string lib;
    if (l.emitter == Emitter::YamlV2) lib = l.width < 0 ? "v2-nowrap" : "v2";
    else if (l.name() == "yaml.v3" || l.name() == "yaml.v4") lib = "v3";
    else if (l.name() == "compact") lib = "v2-nowrap"; // same layout as yaml/v4 compact (FORMAT.md 4.2)
    else return {};
    if (c.format() == 1) {
        bool any = false, empty = false;
        for (const auto& in : c.interactions) {
            any = any || in.response.duration.present;
            empty = empty || (in.response.duration.present && in.response.duration.str().empty());
        }
        f = {"--format", "v1", "--duration", !any ? "none" : empty ? "string" : "time"};
    } else {
        f = {"--format", l.all_fields ? "v2-all" : "v2-omit"};
        // govcr renumbers ids as go-vcr's Save does; only compare files whose ids already are 0..n-1.
        for (size_t i = 0; i < c.interactions.size(); ++i)
            if (c.interactions[i].id.as_int() != int64_t(i)) return {};
    }
    f.push_back("--yaml");
    f.push_back(lib);
    return f;
}

} // namespace

TEST_SUITE("yaml::writer") {

TEST_CASE("an unchanged model writes the input back byte for byte") {
    for (const auto& path : cassette_files()) {
        CAPTURE(path);
        Cassette c = load(path);
        CHECK(yaml::write_in_place(c) == c.source);
    }
}

TEST_CASE("canonical output reads back as the same data, and re-emitting every value in place changes nothing "
          "where the file is canonical") {
    int canonical = 0, files = 0;
    for (const auto& path : cassette_files()) {
        CAPTURE(path);
        Cassette c = load(path);
        ++files;
        const std::string text = yaml::write_canonical(c, c.layout);
        CHECK(yaml::verify_written(c, text) == std::nullopt);
        if (text != c.source) continue;
        ++canonical;
        // The file is exactly what its writer emits: so must be every value
        // re-emitted alone, at its place, in the file's style.
        for_each_scalar(c, [](Scalar& s, const ScalarSite& site) {
            if (site.kind != ScalarKind::Extra) s.dirty = true;
        });
        CHECK(yaml::write_in_place(c) == c.source);
    }
    MESSAGE(canonical << " of " << files << " files are in their writer's canonical layout");
    CHECK(canonical >= 3); // the samples are
}

TEST_CASE("canonical output equals go-vcr's own Load + Save (go-yaml), and so does fmt --pretty-json") {
    auto govcr = testing_support::go_tool("govcr");
    if (!govcr) {
        MESSAGE("skipped: Go or Debian's go-yaml packages are not installed");
        return;
    }
    int compared = 0, identical = 0;
    for (const auto& path : cassette_files()) {
        CAPTURE(path);
        Cassette c = load(path);
        std::vector<std::string> flags = govcr_flags(c);
        if (flags.empty()) continue;
        std::vector<std::string> cmd{*govcr, "save"};
        cmd.insert(cmd.end(), flags.begin(), flags.end());
        cmd.push_back(path);
        auto go = testing_support::run_process(cmd);
        REQUIRE_MESSAGE(go.exit_code == 0, go.err);
        const std::string ours = yaml::write_canonical(c, c.layout);
        // go-vcr's Save writes the first document only; we also keep what
        // the file holds besides (issue #21: a header, later documents).
        Cassette bare = c;
        bare.notes = Notes{};
        CHECK(yaml::write_canonical(bare, c.layout) == go.out);
        if (c.notes.comments.empty()) CHECK(ours == c.notes.header + go.out + c.notes.rest);
        ++compared;
        if (go.out == c.source) ++identical;

        // --pretty-json: Go's json.Indent then go-yaml's Marshal.
        std::vector<std::string> pretty = cmd;
        pretty.insert(pretty.end() - 1, {"--json-bodies", "pretty"});
        auto go_pretty = testing_support::run_process(pretty);
        REQUIRE(go_pretty.exit_code == 0);
        Cassette p = load(path);
        format::reformat_json_bodies(p, {format::JsonStyle::Pretty, false});
        p.notes = Notes{};
        CHECK(yaml::write_canonical(p, p.layout) == go_pretty.out);

        std::vector<std::string> compact = cmd;
        compact.insert(compact.end() - 1, {"--json-bodies", "compact"});
        auto go_compact = testing_support::run_process(compact);
        REQUIRE(go_compact.exit_code == 0);
        Cassette q = load(path);
        format::reformat_json_bodies(q, {format::JsonStyle::Compact, false});
        q.notes = Notes{};
        CHECK(yaml::write_canonical(q, q.layout) == go_compact.out);
    }
    MESSAGE("compared " << compared << " files with go-yaml; " << identical << " are what go-vcr would save unchanged");
    CHECK(compared >= 3);
}

TEST_CASE("converting between layouts keeps the data") {
    for (const auto& path : cassette_files()) {
        CAPTURE(path);
        Cassette c = load(path);
        for (const char* style : {"yaml.v2", "yaml.v3", "compact"}) {
            CAPTURE(style);
            Layout l = c.layout;
            l.emitter = std::string(style) == "yaml.v2" ? Emitter::YamlV2 : std::string(style) == "yaml.v3" ? Emitter::YamlV3 : Emitter::YamlV4;
            l.indent = std::string(style) == "yaml.v3" ? 4 : 2;
            l.indentless = std::string(style) != "yaml.v3";
            l.width = std::string(style) == "yaml.v2" ? 80 : -1;
            const std::string text = yaml::write_canonical(c, l);
            CHECK(yaml::verify_written(c, text) == std::nullopt);
        }
    }
}

TEST_CASE("an edited value is re-emitted in the file's style and nothing else changes") {
    const std::string src = "---\nversion: 1\ninteractions:\n- request:\n    body: \"\"\n    form: {}\n    headers: {}\n"
                            "    url: https://x.test/a?key=s3cr3t\n    method: GET\n  response:\n    body: hello\n"
                            "    headers: {}\n    status: 200 OK\n    code: 200\n    duration: \"\"\n";
    auto r = yaml::read_cassette(src, "t.yaml");
    REQUIRE(r.ok());
    Cassette& c = *r.cassette;
    c.interactions[0].request.url.set("https://x.test/a?key=REDACTED");
    c.interactions[0].response.body.set("line one\nline two\n");
    const std::string out = yaml::write_in_place(c);
    CHECK(out == "---\nversion: 1\ninteractions:\n- request:\n    body: \"\"\n    form: {}\n    headers: {}\n"
                 "    url: https://x.test/a?key=REDACTED\n    method: GET\n  response:\n    body: |\n      line one\n"
                 "      line two\n    headers: {}\n    status: 200 OK\n    code: 200\n    duration: \"\"\n");
    CHECK(yaml::verify_written(c, out) == std::nullopt);
}

TEST_CASE("CRLF files keep CRLF in edited values") {
    const std::string src = "version: 2\r\ninteractions:\r\n  - id: 0\r\n    request:\r\n      url: https://x.test/\r\n"
                            "      method: GET\r\n    response:\r\n      body: a\r\n      code: 200\r\n";
    auto r = yaml::read_cassette(src, "t.yaml");
    REQUIRE(r.ok());
    r.cassette->interactions[0].response.body.set("x\ny\n");
    const std::string out = yaml::write_in_place(*r.cassette);
    CHECK(out.find("body: |\r\n") != std::string::npos);
    CHECK(out.find("\n\n") == std::string::npos);
    CHECK(yaml::verify_written(*r.cassette, out) == std::nullopt);
}

}
