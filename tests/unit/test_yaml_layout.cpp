// Which writer laid a file out, and the principle fmt follows: a file that
// is byte for byte what some known go-vcr writer would save is never
// rewritten; when the evidence fits several writers, one under which the
// file is already canonical is taken.
#include "corpus_files.hpp"
#include "go_tools.hpp"
#include "yaml/emit_scalar.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>

using namespace cassette;
using namespace cassette::yaml;

namespace {

std::optional<Cassette> read_text(const std::string& text, const std::string& name = "t.yaml") {
    ReadResult r = read_cassette(std::string(text), name);
    if (!r.ok()) return std::nullopt;
    return std::move(*r.cassette);
}

bool same_writer(const Layout& a, const Layout& b) {
    return a.emitter == b.emitter && a.indent == b.indent && a.indentless == b.indentless && a.width == b.width;
}

// What `fmt` without --style does to an unchanged file: nothing when the
// detected writer, or another known writer, saves exactly these bytes.
bool fmt_keeps(const Cassette& c) {
    return write_canonical(c, c.layout) == c.source.view() || canonical_elsewhere(c).has_value();
}

EmitContext goccy_at(int indent, bool in_sequence = false) {
    EmitContext c;
    c.dialect = Dialect::Goccy;
    c.indent = indent;
    c.column = indent;
    c.in_sequence = in_sequence;
    return c;
}

} // namespace

TEST_SUITE("yaml::layout") {

TEST_CASE("every corpus file saved by every known writer is left alone by fmt, and detection names the writer "
          "wherever only one fits") {
    int files = 0, written = 0, unique = 0;
    for (const std::string& path : testing_support::sample_and_corpus_files()) {
        ReadResult r = read_cassette_file(path);
        if (!r.ok()) continue; // files other subcommands' tests cover (a second document)
        const Cassette& c = *r.cassette;
        ++files;
        for (const Layout& writer : writer_layouts(c)) {
            CAPTURE(path);
            CAPTURE(writer.name());
            CAPTURE(writer.width);
            const std::string text = write_canonical(c, writer);
            std::optional<Cassette> saved = read_text(text, path);
            REQUIRE(saved);
            ++written;
            CHECK(fmt_keeps(*saved));
            // Writers under which these bytes are canonical.
            int fitting = 0;
            for (const Layout& other : writer_layouts(*saved)) fitting += canonical_under(*saved, other) ? 1 : 0;
            CHECK(fitting >= 1);
            // yaml.v3 and yaml/v4 write the same bytes for all but a few values
            // (FORMAT.md 4.7); the indentless writers are told apart by styles.
            if (fitting == 1 && writer.indentless) {
                ++unique;
                CHECK(same_writer(saved->layout, writer));
            }
        }
    }
    MESSAGE(written << " files written by the writers of " << files << " cassettes; " << unique
                    << " fit only one indentless writer");
    CHECK(files >= 3);
    if (testing_support::shared_corpus_present()) CHECK(unique >= 10);
}

TEST_CASE("every corpus file saved by go-vcr's Save with go-yaml (v2, v2 unwrapped, v3) is left alone by fmt") {
    auto govcr = testing_support::go_tool("govcr");
    if (!govcr) {
        MESSAGE("skipped: Go or Debian's go-yaml packages are not installed");
        return;
    }
    int saved_files = 0;
    for (const std::string& path : testing_support::sample_and_corpus_files()) {
        ReadResult r = read_cassette_file(path);
        if (!r.ok()) continue;
        const Cassette& c = *r.cassette;
        std::vector<std::string> format;
        if (c.format() == 1) {
            bool any = false, empty = false;
            for (const auto& in : c.interactions) {
                any = any || in.response.duration.present;
                empty = empty || (in.response.duration.present && in.response.duration.str().empty());
            }
            format = {"--format", "v1", "--duration", !any ? "none" : empty ? "string" : "time"};
        } else {
            format = {"--format", c.layout.all_fields ? "v2-all" : "v2-omit"};
        }
        // yaml.v2 with folding wrote only format 1 (go-vcr <= v2.0); unwrapped
        // it lays a file out as yaml/v4's compact encoder does.
        std::vector<std::string> libs = {"v2-nowrap", "v3"};
        if (c.format() == 1) libs.push_back("v2");
        for (const std::string& lib : libs) {
            std::vector<std::string> cmd{*govcr, "save"};
            cmd.insert(cmd.end(), format.begin(), format.end());
            cmd.insert(cmd.end(), {"--yaml", lib, path});
            auto go = testing_support::run_process(cmd);
            CAPTURE(path);
            CAPTURE(lib);
            REQUIRE_MESSAGE(go.exit_code == 0, go.err);
            std::optional<Cassette> saved = read_text(go.out, path);
            REQUIRE(saved);
            ++saved_files;
            CHECK(fmt_keeps(*saved));
        }
    }
    MESSAGE(saved_files << " files saved by go-yaml");
    CHECK(saved_files >= 6);
}

TEST_CASE("compact or goccy: the first value only one of them would write so decides") {
    const std::string head = "---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    headers:\n      Accept:\n      - ";
    auto detect = [&](const std::string& accept, const std::string& rest = "") {
        std::optional<Cassette> c = read_text(head + accept + "\n    url: https://example.com/\n" + rest);
        REQUIRE(c);
        return c->layout.name();
    };
    CHECK(detect("\"*/*\"") == "goccy");   // goccy double-quotes a leading '*'
    CHECK(detect("'*/*'") == "compact");   // yaml/v4 single-quotes it
    CHECK(detect("application/json") == "compact"); // no evidence: yaml/v4, go-vcr's default since v4.0.6
    CHECK(detect("\"12:30\"") == "compact");         // both quote it: no evidence
    // A multi-line text with ": " is a double-quoted line in goccy, a
    // literal block in yaml/v4.
    const std::string goccy_body = "  response:\n    body: \"a: 1\\nb: 2\\n\"\n";
    const std::string v4_body = "  response:\n    body: |\n      a: 1\n      b: 2\n";
    CHECK(detect("application/json", goccy_body) == "goccy");
    CHECK(detect("application/json", v4_body) == "compact");
    // The first deciding value wins over later ones (a hand-edited file).
    CHECK(detect("'*/*'", goccy_body) == "compact");
    CHECK(detect("\"*/*\"", v4_body) == "goccy");
    // Version 1 files are never goccy (go-vcr v4.0.5 writes version 2).
    std::optional<Cassette> v1 = read_text("---\nversion: 1\ninteractions:\n- request:\n    headers:\n      Accept:\n"
                                           "      - \"*/*\"\n    url: https://example.com/\n");
    REQUIRE(v1);
    CHECK(v1->layout.name() == "yaml.v2");
}

TEST_CASE("goccy 1.18 quoting: token.IsNeedQuoted") {
    const EmitContext c = goccy_at(6);
    auto quoted = [&](const std::string& v) { return emit_string(v, c).front() == '"'; };
    // Numbers, as strconv parses them after the sign and '_' are taken off.
    for (const char* v : {"0", "42", "-7", "+5", "1_000", "0755", "0x1F", "-0x1f", "0o17", "0b101", "1.5", ".5", "5.",
                          "1.5e3", "-2.5E-3", "99999999999999999999999", "1.0e400", "++1.5"})
        CHECK_MESSAGE(quoted(v), v);
    for (const char* v : {"089", "0x", "0xZZ", "1e3", "1.2.3", "_1", "--5", "-+1.5", "1,000", "1.5e", "0B1", "."})
        CHECK_MESSAGE(!quoted(v), v);
    // Timestamps time.Parse takes: RFC 3339 (T or t), date and time, date,
    // and "15:4".
    for (const char* v : {"2006-01-02", "2024-02-29", "2025-09-29T03:42:56Z", "2025-09-29t03:42:56.5+02:00",
                          "2025-09-29T3:42:56,123-07:30", "2025-09-29 03:42:56", "2025-09-29 03:42:56.25", "12:30",
                          "9:5", "23:59"})
        CHECK_MESSAGE(quoted(v), v);
    for (const char* v : {"2006-02-30", "2023-02-29", "2006-13-01", "2025-09-29T03:42:56", "2025-09-29T24:00:00Z",
                          "25:30", "12:60", "123:4", "Mon, 29 Sep 2025 03:42:56 GMT", "2025-09-29x"})
        CHECK_MESSAGE(!quoted(v), v);
    // YAML 1.2 and the YAML 1.1 bools goccy quotes for other readers.
    for (const char* v : {"null", "~", "True", "FALSE", "y", "N", "yes", "No", "ON", "off"}) CHECK_MESSAGE(quoted(v), v);
    for (const char* v : {".inf", "-.Inf", ".nan", "nil", "Yes!", "onwards"}) CHECK_MESSAGE(!quoted(v), v);
    // Indicators, '#' anywhere, ": " and "- " inside, ':' or ' ' last.
    for (const char* v : {"*/*", "&a", "!x", "%x", "@x", "`x", "'x", "[x", "{\"a\":1}", "a#b", "a #b", "a: b", "a - b",
                          "x:", "x ", " x", "a\\b", "-"})
        CHECK_MESSAGE(quoted(v), v);
    for (const char* v : {"a:b", "a -b", "-x", "h3=\":443\"; ma=86400", "?x", "x?", "=", "<<"})
        CHECK_MESSAGE(!quoted(v), v);
    CHECK(emit_string("2006-01-02", c) == "\"2006-01-02\"");
}

TEST_CASE("goccy 1.18 literal blocks: the indent on every line but the last empty one; empty lines of a sequence "
          "item stay empty") {
    const EmitContext m = goccy_at(6), s = goccy_at(8, true);
    CHECK(emit_string("line one\n\nline three\n", m) == "|\n      line one\n      \n      line three\n");
    CHECK(emit_string("line one\n\nline three\n", s) == "|\n        line one\n\n        line three\n");
    CHECK(emit_string("a\n\nb", m) == "|-\n      a\n      \n      b");
    CHECK(emit_string("a\n\n", m) == "|+\n      a\n\n");
    CHECK(emit_string("a\n\n\n", m) == "|+\n      a\n      \n\n");
    CHECK(emit_string("a\n\n\n", s) == "|+\n        a\n\n\n");
    // goccy trims the indent's width of spaces off the last line whatever it
    // holds, losing the value's own trailing spaces; the safe mode (every
    // write) double-quotes such a value (libyaml allows no block for a line
    // ending in a space), the exact mode repeats goccy.
    CHECK(emit_string("x\nabc      \n", m) == "\"x\\nabc      \\n\"");
    EmitContext exact = m;
    exact.safe = false;
    CHECK(emit_string("x\nabc      \n", exact) == "|\n      x\n      abc\n");
    // A carriage return would be read as a line break in a block: quoted.
    CHECK(emit_string("a\r\nb\r\n", m) == "\"a\\r\\nb\\r\\n\"");
    // Text with ": " is quoted whole, line breaks escaped.
    CHECK(emit_string("data: {}\n\n", m) == "\"data: {}\\n\\n\"");
}

TEST_CASE("a goccy file with an edited value keeps goccy's styles") {
    std::optional<Cassette> c =
        read_text("---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    headers:\n      Accept:\n      - \"*/*\"\n"
                  "    url: https://example.com/\n  response:\n    body: ok\n");
    REQUIRE(c);
    REQUIRE(c->layout.name() == "goccy");
    c->interactions.at(0).response.body.set("{\"a\": 1}\n");
    const std::string out = write_in_place(*c);
    CHECK(out.find("    body: \"{\\\"a\\\": 1}\\n\"\n") != std::string::npos);
    CHECK(verify_written(*c, out) == std::nullopt);
}

TEST_CASE("goccy writes a long header name inline (go-yaml's \"? \" form starts at 129 bytes)") {
    std::optional<Cassette> c =
        read_text("---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    headers:\n      Accept:\n      - \"*/*\"\n"
                  "    url: https://example.com/\n");
    REQUIRE(c);
    REQUIRE(c->layout.name() == "goccy");
    const std::string name(200, 'X');
    c->interactions.at(0).request.headers.entries.at(0).name.value = name;
    const std::string out = write_canonical(*c, c->layout);
    CHECK(out.find("      " + name + ":\n      - \"*/*\"\n") != std::string::npos);
    CHECK(out.find("? ") == std::string::npos);
    CHECK(verify_written(*c, out) == std::nullopt);
}

} // TEST_SUITE
