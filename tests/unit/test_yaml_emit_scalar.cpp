// The go-yaml scalar emitter against fixed expectations (FORMAT.md 4.3-4.7)
// and, when Go is installed, differentially against gopkg.in/yaml.v2 and
// yaml.v3 themselves (tests/go/yamlemit).
#include "yaml/emit_scalar.hpp"

#include "go_tools.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <yaml.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace cassette;
using namespace cassette::yaml;

namespace {

// ---- contexts matching the documents tests/go/yamlemit writes ----

struct Site {
    const char* name;   // the field of the Go tool's output
    Dialect dialect;
    int column;         // where the scalar starts
    int indent;         // emitter.indent while it is written
    int width;
    const char* prefix; // text right before the scalar
    const char* tail;   // the rest of the document after it
};

// yaml.v2, go-vcr v1: `    body: ` at column 4 -> scalar at 10, continuation at 6;
// header value `      - ` -> scalar at 8, continuation at 8.
// yaml.v3, go-vcr v3: `        body: ` -> 14, block content at 12;
// header value `                - ` -> 18, continuation at 18.
const Site kSites[] = {
    {"v2_body", Dialect::V2, 10, 6, 80, "\n    body: ", "    headers: {}\n    zz_end: e\n"},
    {"v2_hdr", Dialect::V2, 8, 8, 80, "\n      X-Test:\n      - ", "    zz_end: e\n"},
    {"v3_body", Dialect::V3, 14, 12, -1, "\n        body: ", "        headers: {}\n        zz_end: e\n"},
    {"v3_hdr", Dialect::V3, 18, 18, -1, "\n            X-Test:\n                - ", "        zz_end: e\n"},
};

EmitContext ctx_for(const Site& s, bool safe) {
    EmitContext c;
    c.dialect = s.dialect;
    c.column = s.column;
    c.indent = s.indent;
    c.width = s.width;
    c.safe = safe;
    return c;
}

// What the document holds between prefix and tail for a scalar the emitter
// wrote as `text`: the next key starts on a fresh line, so a break follows
// unless the scalar itself ended with one (a literal block ending in "\n",
// U+2028 or U+2029 leaves the emitter at column 0).
std::string as_in_document(std::string text) {
    auto ends = [&](std::string_view e) { return text.size() >= e.size() && text.compare(text.size() - e.size(), e.size(), e) == 0; };
    if (!(ends("\n") || ends("\xE2\x80\xA8") || ends("\xE2\x80\xA9"))) text += '\n';
    return text;
}

std::optional<std::string> cut(const std::string& doc, const std::string& prefix, const std::string& tail) {
    size_t a = doc.find(prefix);
    if (a == std::string::npos) return std::nullopt;
    a += prefix.size();
    if (doc.size() < a + tail.size() || doc.compare(doc.size() - tail.size(), tail.size(), tail) != 0) return std::nullopt;
    return doc.substr(a, doc.size() - tail.size() - a);
}

std::string b64encode(const std::string& in) {
    static const char* al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        unsigned n = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
        out += al[n >> 18 & 63];
        out += al[n >> 12 & 63];
        out += al[n >> 6 & 63];
        out += al[n & 63];
    }
    if (in.size() - i == 1) {
        unsigned n = (unsigned char)in[i] << 16;
        out += al[n >> 18 & 63];
        out += al[n >> 12 & 63];
        out += "==";
    } else if (in.size() - i == 2) {
        unsigned n = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8;
        out += al[n >> 18 & 63];
        out += al[n >> 12 & 63];
        out += al[n >> 6 & 63];
        out += '=';
    }
    return out;
}

std::string b64decode(const std::string& in) {
    auto val = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    std::string out;
    unsigned buf = 0;
    int bits = 0;
    for (char c : in) {
        int v = val(c);
        if (v < 0) continue;
        buf = buf << 6 | unsigned(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char(buf >> bits & 0xFF);
        }
    }
    return out;
}

// Runs the Go tool once for many values; nullopt when Go is unavailable.
std::optional<nlohmann::json> go_emit(const std::vector<std::string>& values, bool nowrap = false) {
    auto tool = testing_support::go_tool("yamlemit");
    if (!tool) return std::nullopt;
    nlohmann::json items = nlohmann::json::array();
    for (const auto& v : values) items.push_back({{"b64", b64encode(v)}});
    std::vector<std::string> argv{*tool};
    if (nowrap) argv.push_back("-nowrap");
    argv.push_back("emit");
    auto r = testing_support::run_process(argv, items.dump());
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return nlohmann::json::parse(r.out);
}

void skip_note(const char* what) { std::printf("[skip] %s: Go or go-yaml not available\n", what); }

// Read a scalar back with libyaml (a YAML 1.1 reader, like go-yaml's
// parser): the value of key "k" in "k: <text>" (text emitted at column 3,
// block content at best_indent). !!binary is decoded.
std::optional<std::string> read_back(const std::string& scalar_text) {
    std::string doc = "k: " + as_in_document(scalar_text);
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(doc.data()), doc.size());
    std::optional<std::string> result;
    int scalars = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) break;
        bool done = ev.type == YAML_STREAM_END_EVENT;
        if (ev.type == YAML_SCALAR_EVENT && ++scalars == 2) {
            std::string v(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
            std::string tag = ev.data.scalar.tag ? reinterpret_cast<const char*>(ev.data.scalar.tag) : "";
            if (tag == "tag:yaml.org,2002:binary") v = b64decode(v);
            result = v;
        }
        yaml_event_delete(&ev);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    return result;
}

std::string show(const std::string& s) {
    std::string o;
    for (unsigned char c : s) {
        if (c == '\n') {
            o += "\\n";
        } else if (c < 0x20 || c >= 0x7F) {
            char b[8];
            std::snprintf(b, sizeof b, "\\x%02X", c);
            o += b;
        } else {
            o += char(c);
        }
    }
    return o;
}

// Compares emit_string with the documents Go wrote for each value; returns
// the number of mismatches (each one reported).
int compare_with_go(const std::vector<std::string>& values, const nlohmann::json& go, bool safe_check = true) {
    int bad = 0;
    REQUIRE(go.size() == values.size());
    for (size_t i = 0; i < values.size(); ++i) {
        const auto& r = go[i];
        if (r.contains("err") && !r["err"].get<std::string>().empty()) {
            FAIL_CHECK("Go failed for " << show(values[i]) << ": " << r["err"].get<std::string>());
            ++bad;
            continue;
        }
        for (const Site& s : kSites) {
            std::string doc = b64decode(r[s.name].get<std::string>());
            auto want = cut(doc, s.prefix, s.tail);
            std::string got = as_in_document(emit_string(values[i], ctx_for(s, false)));
            if (!want || *want != got) {
                if (++bad <= 20)
                    FAIL_CHECK(s.name << " value=\"" << show(values[i]) << "\"\n  go:  " << show(want.value_or("<cut failed>"))
                                      << "\n  c++: " << show(got) << "\n  doc: " << show(doc));
            }
        }
        // Keys: one per line, `Name: []`, or the explicit `? ` form.
        struct KeySite {
            const char* name;
            Dialect d;
            int column;
            const char* prefix;
        } keys[] = {{"v2_key", Dialect::V2, 6, "\n    headers:\n      "},
                    {"v3_key", Dialect::V3, 12, "\n        headers:\n            "}};
        for (const auto& k : keys) {
            std::string doc = b64decode(r[k.name].get<std::string>());
            size_t a = doc.find(k.prefix);
            REQUIRE(a != std::string::npos);
            a += std::string(k.prefix).size();
            bool go_simple = doc.compare(a, 2, "? ") != 0;
            if (go_simple != is_simple_key(values[i], k.d)) {
                ++bad;
                FAIL_CHECK(k.name << " simple-key mismatch for \"" << show(values[i]) << "\"");
                continue;
            }
            if (!go_simple) continue;
            size_t b = doc.find(": []\n", a);
            REQUIRE(b != std::string::npos);
            EmitContext c;
            c.dialect = k.d;
            c.column = k.column;
            c.indent = k.column + (k.d == Dialect::V2 ? 2 : 4);
            c.width = k.d == Dialect::V2 ? 80 : -1;
            std::string got = emit_key(values[i], c);
            if (doc.substr(a, b - a) != got) {
                if (++bad <= 20)
                    FAIL_CHECK(k.name << " value=\"" << show(values[i]) << "\"\n  go:  " << show(doc.substr(a, b - a))
                                      << "\n  c++: " << show(got));
            }
        }
        // safe=true reads back as the value (yaml.v3 itself does not, 4.7).
        if (safe_check) {
            for (const Site& s : kSites) {
                EmitContext c = ctx_for(s, true);
                c.column = 3;
                c.indent = s.dialect == Dialect::V2 ? 2 : 4;
                std::string text = emit_string(values[i], c);
                auto back = read_back(text);
                if (!back || *back != values[i]) {
                    if (++bad <= 20)
                        FAIL_CHECK(s.name << " safe read-back of \"" << show(values[i]) << "\" gave \""
                                          << show(back.value_or("<parse error>")) << "\" from " << show(text));
                }
            }
        }
    }
    return bad;
}

EmitContext v2_body() { return ctx_for(kSites[0], true); }
EmitContext v2_hdr() { return ctx_for(kSites[1], true); }
EmitContext v3_body(bool safe = true) { return ctx_for(kSites[2], safe); }

} // namespace

TEST_SUITE("yaml::emit_scalar") {

TEST_CASE("styles observed in FORMAT.md 4.4") {
    for (Dialect d : {Dialect::V2, Dialect::V3, Dialect::V4}) {
        CAPTURE(static_cast<int>(d));
        for (const char* v : {"hello", "<<", "a#b", "a,b", "-item", "it's", "say \"hi\"", "https://x.io/a?b=c&d=e#f",
                              "Olá ü 日本語", "1e400", "0x", "2001-13-01", "yes please"})
            CHECK_MESSAGE(chosen_style(v, d) == ScalarStyle::Plain, v);
        for (const char* v : {"key: value", "a #c", "- item", " x", "x ", "{\"json\":true}", "[a]", "*r", "&a", "!t",
                              "%d", "@a", "`b", "'q", "\"q", "#h", "|p", ">g", "---x", "...", "x:", "? q", ": x"})
            CHECK_MESSAGE(chosen_style(v, d) == ScalarStyle::SingleQuoted, v);
        for (const char* v : {"true", "yes", "no", "on", "off", "y", "n", "null", "Null", "~", "1", "-1", "1.5", "1e3",
                              "0x10", "017", "0o17", "0b101", "+1", "1_000", ".inf", ".NaN", "2001-12-14", "",
                              "1:20", "-.5", "09", "2001-12-14 21:59:43.10", "2001-12-14t21:59:43.10-05:00"})
            CHECK_MESSAGE(chosen_style(v, d) == ScalarStyle::DoubleQuoted, v);
        for (const char* v : {"line1\nline2\n", "a\nb", "x\n\n", " lead\nx\n"})
            CHECK_MESSAGE(chosen_style(v, d) == ScalarStyle::Literal, v);
        for (const char* v : {"cr\r\nlf", "\x01", "del\x7F", "bom\xEF\xBB\xBF", "nel\xC2\x85", "x\n ",
                              "trailing space \nline\n", "emoji \xF0\x9F\x98\x80", "x \n"})
            CHECK_MESSAGE(chosen_style(v, d) == ScalarStyle::DoubleQuoted, v);
    }
    // A tab keeps yaml.v2 off every style but double quotes; yaml.v3 still
    // allows it in a literal block.
    CHECK(chosen_style("tab\there", Dialect::V2) == ScalarStyle::DoubleQuoted);
    CHECK(chosen_style("tab\there", Dialect::V3) == ScalarStyle::DoubleQuoted);
    CHECK(chosen_style("tab\there\n", Dialect::V2) == ScalarStyle::DoubleQuoted);
    CHECK(chosen_style("tab\there\n", Dialect::V3) == ScalarStyle::Literal);
    // "0o-17" is an int only for yaml.v3's explicit 0o branch.
    CHECK(chosen_style("0o-17", Dialect::V2) == ScalarStyle::Plain);
    CHECK(chosen_style("0o-17", Dialect::V3) == ScalarStyle::DoubleQuoted);
}

TEST_CASE("exact text: quoting and escapes") {
    EmitContext c = v3_body();
    CHECK(emit_string("hello", c) == "hello");
    CHECK(emit_string("", c) == "\"\"");
    CHECK(emit_string("-1", c) == "\"-1\"");
    CHECK(emit_string("'sq", c) == "'''sq'");
    CHECK(emit_string("key: it's", c) == "'key: it''s'");
    CHECK(emit_string("del\x7F" "char", c) == "\"del\\x7Fchar\"");
    CHECK(emit_string("bom\xEF\xBB\xBFhere", c) == "\"bom\\uFEFFhere\"");
    CHECK(emit_string("Ol\xC3\xA1 \xF0\x9F\x98\x80", c) == "\"Ol\xC3\xA1 \\U0001F600\"");
    CHECK(emit_string("{\"id\":1,\"name\":\"Ol\xC3\xA1 \xF0\x9F\x98\x80\"}", c) ==
          "\"{\\\"id\\\":1,\\\"name\\\":\\\"Ol\xC3\xA1 \\U0001F600\\\"}\"");
    CHECK(emit_string("cr\r\nlf", c) == "\"cr\\r\\nlf\"");
    CHECK(emit_string(std::string("ok\0nul", 6), c) == "\"ok\\0nul\"");
    CHECK(emit_string("\x07\x08\t\x0B\x0C\x1B\\", c) == "\"\\a\\b\\t\\v\\f\\e\\\\\"");
    CHECK(emit_string("nel\xC2\x85 nbsp\xC2\xA0 ls\xE2\x80\xA8 ps\xE2\x80\xA9\x01", c) ==
          "\"nel\\N nbsp\xC2\xA0 ls\\L ps\\P\\x01\"");
    // A leading BOM makes libyaml escape every character (its is_bom looks
    // at the start of the value).
    CHECK(emit_string("\xEF\xBB\xBF" "ab", c) == "\"\\uFEFF\\x61\\x62\"");
}

TEST_CASE("exact text: literal blocks") {
    EmitContext c3 = v3_body(false), c2 = v2_body();
    CHECK(emit_string("line1\nline2\n", c3) == "|\n            line1\n            line2\n");
    CHECK(emit_string("a\nb", c3) == "|-\n            a\n            b");
    CHECK(emit_string("a\n\n", c3) == "|+\n            a\n\n");
    CHECK(emit_string("a\n\nb\n", c3) == "|\n            a\n\n            b\n");
    CHECK(emit_string(" lead\nx\n", c3) == "|4\n             lead\n            x\n");
    CHECK(emit_string(" lead\nx\n", c2) == "|2\n       lead\n      x\n");
    CHECK(emit_string("a\nb", c2) == "|-\n      a\n      b");
    CHECK(emit_string("data: x\n\ndata: [DONE]\n\n", c2) == "|+\n      data: x\n\n      data: [DONE]\n\n");
    // FORMAT.md 4.7: yaml.v3 loses a leading line break; safe mode and v4 keep it.
    CHECK(emit_string("\nx", c3) == "|4-\n            x");
    CHECK(emit_string("\n", c3) == "|4+\n");
    EmitContext safe3 = v3_body(true);
    CHECK(emit_string("\nx", safe3) == "|4-\n\n            x");
    CHECK(emit_string("\n", safe3) == "\"\\n\"");
    EmitContext c4 = safe3;
    c4.dialect = Dialect::V4;
    CHECK(emit_string("\nx", c4) == "|-\n\n            x");
    CHECK(emit_string("\n", c4) == "\"\\n\"");
    // A tab opening the block: yaml.v3 writes it, its parser rejects it.
    CHECK(emit_string("\tx\ny", c3) == "|-\n            \tx\n            y");
    CHECK(emit_string("\tx\ny", safe3) == "\"\\tx\\ny\"");
    CHECK(emit_string("x\n\ty", safe3) == "|-\n            x\n            \ty");
    CHECK(emit_string(" x\ny", c4) == "|4-\n             x\n            y");
    CHECK(emit_string("\nx", c2) == "|2-\n\n      x");
    // P4c: yaml/v4 with SetIndent(2).
    c4.best_indent = 2;
    CHECK(emit_string(" x\ny", c4) == "|2-\n             x\n            y");
}

TEST_CASE("exact text: binary") {
    EmitContext c = v3_body();
    // 51 bytes -> 68 base64 chars; 52 -> 72 (>= 70: literal, 70-char lines).
    std::string bytes(51, '\xFF');
    CHECK(emit_string(bytes, c) == "!!binary " + std::string(68, '/'));
    bytes.push_back('\xFF');
    std::string b64 = b64encode(bytes);
    CHECK(b64.size() == 72);
    CHECK(emit_string(bytes, c) ==
          "!!binary |\n            " + b64.substr(0, 70) + "\n            " + b64.substr(70) + "\n");
    CHECK(chosen_style(bytes, Dialect::V3) == ScalarStyle::Literal);
    CHECK(emit_string("\x1F\x8B\x08", c) == "!!binary H4sI");
    CHECK(emit_string("\xED\xA0\x80", c) == "!!binary 7aCA"); // a surrogate is not valid UTF-8 for Go
}

TEST_CASE("exact text: yaml.v2 folding at column 80") {
    EmitContext c = v2_body(); // scalar starts at column 10, continuation at 6
    // Plain: a space is a break point only once the column is past 80.
    std::string w70(70, 'a'), w71(71, 'a');
    CHECK(emit_string(w70 + " bc", c) == w70 + " bc");            // the space is at column 80: not past it
    CHECK(emit_string(w70 + " b c", c) == w70 + " b\n      c");   // the second space is at 82
    CHECK(emit_string(w71 + " b c", c) == w71 + "\n      b c");    // space at col 81 -> break
    CHECK(emit_string(w71 + "  b", c) == w71 + "  b");             // no break before a second space
    // Single-quoted counts the quote.
    CHECK(emit_string("'" + w70 + " b", c) == "'''" + w70 + "\n      b'");
    // Double-quoted: a space followed by a space survives as "\ ".
    std::string d = "\t" + w70 + "  b c";
    CHECK(emit_string(d, c) == "\"\\t" + w70 + "\n      \\ b c\"");
    // Without a width nothing folds.
    EmitContext nowrap = c;
    nowrap.width = -1;
    CHECK(emit_string(w71 + " b c", nowrap) == w71 + " b c");
    // Continuation at the sequence item's content column for header values.
    CHECK(emit_string(std::string(73, 'h') + " x", v2_hdr()) == std::string(73, 'h') + "\n        x");
}

TEST_CASE("map keys") {
    EmitContext c;
    c.dialect = Dialect::V3;
    c.column = 12;
    c.indent = 16;
    CHECK(emit_key("Content-Type", c) == "Content-Type");
    CHECK(emit_key("", c) == "\"\"");
    CHECK(emit_key("a: b", c) == "'a: b'");
    CHECK(emit_key("1", c) == "\"1\"");
    CHECK(emit_key(std::string(100, 'k') + " " + std::string(20, 'k'), c) == std::string(100, 'k') + " " + std::string(20, 'k'));
    CHECK(is_simple_key(std::string(128, 'k'), Dialect::V3));
    CHECK_FALSE(is_simple_key(std::string(129, 'k'), Dialect::V3));
    CHECK_FALSE(is_simple_key("a\nb", Dialect::V2));
    CHECK_FALSE(is_simple_key("a\xE2\x80\xA8" "b", Dialect::V2));
    CHECK(emit_key("tab\tkey", c) == "\"tab\\tkey\"");
}

TEST_CASE("key order: FORMAT.md 4.3") {
    const std::vector<std::string> sorted = {"-dash", "_under", "AB", "Ab", "Authorization", "Content-Type", "Date",
                                             "Empty", "Multi", "X-1", "X-2", "X-10", "X-RateLimit-Reset",
                                             "X-Ratelimit-Limit", "X-Ratelimit-Remaining", "Z9", "Z09", "Z10", "a9",
                                             "a10", "aB", "accept"};
    for (Dialect d : {Dialect::V2, Dialect::V3, Dialect::V4}) {
        std::vector<std::string> v(sorted.rbegin(), sorted.rend());
        std::stable_sort(v.begin(), v.end(), [d](const std::string& a, const std::string& b) { return key_less(a, b, d); });
        CHECK(v == sorted);
    }
    std::vector<std::string> g = sorted;
    std::sort(g.begin(), g.end(), [](const std::string& a, const std::string& b) { return key_less(a, b, Dialect::Goccy); });
    CHECK(std::find(g.begin(), g.end(), "X-10") < std::find(g.begin(), g.end(), "X-2"));
    CHECK(std::find(g.begin(), g.end(), "Z9") > std::find(g.begin(), g.end(), "Z10"));
    // yaml.v3 refinement: after a shared digit a letter sorts first.
    CHECK(key_less("a1b", "a1-", Dialect::V3));
    CHECK(key_less("a1-", "a1b", Dialect::V2));
}

TEST_CASE("hand-picked values against go-yaml") {
    std::vector<std::string> values = {
        "hello", "", "true", "yes", "on", "1", "-1", "1.5", "1e3", "0x10", "017", "0o17", "0b101", "+1", "1_000",
        ".inf", ".NaN", "2001-12-14", "null", "~", "y", "N", "<<", "1:20", "0o-17", "0b-1", "09", "1e400", ".5_5",
        "2001-12-14 21:59:43.10", "2001-2-29", "2000-2-29", "2001-12-14T21:59:43.10-05:00", "2001-12-14   1:2:3",
        "a#b", "a #b", "key: value", "x:", "- item", "-item", " x", "x ", "'q", "\"q", "it's", "{\"a\":1}",
        "tab\there", "tab\there\n", "cr\r\nlf", std::string("nul\0x", 5), "del\x7F", "bom\xEF\xBB\xBFx",
        "\xEF\xBB\xBFstart", "nel\xC2\x85x", "nbsp\xC2\xA0x", "ls\xE2\x80\xA8sep", "ps\xE2\x80\xA9", "emoji \xF0\x9F\x98\x80",
        "line1\nline2\n", "a\nb", "a\n\n", "a\n\n\n", " lead\nx\n", "\nx", "\n", "\n\n", "x\n ", "trailing space \nline\n",
        "---", "--- x", "...x", "? q", "?q", ":x", "a\u2028\n",
        std::string(70, 'a') + " b c", std::string(71, 'a') + " b c", std::string(75, 'a') + " b  c d",
        "'" + std::string(70, 'a') + " b c", "\t" + std::string(70, 'a') + "  b c", std::string(200, 'x'),
        std::string(51, '\xFF'), std::string(52, '\xFF'), std::string(53, '\xFF'), std::string(300, '\x80'),
    };
    auto go = go_emit(values);
    if (!go) {
        skip_note("hand-picked values against go-yaml");
        return;
    }
    CHECK(compare_with_go(values, *go) == 0);
}

TEST_CASE("random values against go-yaml (yaml.v2 width 80 and yaml.v3)") {
    std::mt19937 rng(20240611);
    const std::vector<std::string> pieces = {
        "word", "Hello", "x", "a", "0", "12", "1.5", "true", " ", " ", " ", "  ", ": ", ":", " #", "#", "'", "\"",
        "\n", "\n", "\n\n", "\r", "\r\n", "\t", "\x01", "\x1B", "\x7F", "\xC2\x85", "\xC2\xA0", "\xEF\xBB\xBF",
        "\xE2\x80\xA8", "\xF0\x9F\x98\x80", "\xC3\xA9", "\xE6\x97\xA5", "\xFF", "\xC3", "-", "- ", "?", "[", "{", "}",
        ",", "&", "*", "!", "|", ">", "%", "@", "`", "\\", "---", "...", "{\"k\":\"v\",\"n\":1}", "https://a.b/c?d=e",
        "<html>", "=", "_", "+", ".", "~", "null",
    };
    auto gen = [&]() {
        std::string s;
        int kind = std::uniform_int_distribution<int>(0, 5)(rng);
        if (kind == 0) {
            // Long lines with spaces: exercise folding around column 80.
            // One separator flavour per value, so each scalar style (plain,
            // single- and double-quoted) gets long lines to fold.
            int n = std::uniform_int_distribution<int>(60, 200)(rng);
            int mode = std::uniform_int_distribution<int>(0, 3)(rng);
            if (mode == 3) s = "'";
            while (int(s.size()) < n) {
                int w = std::uniform_int_distribution<int>(1, 12)(rng);
                s += std::string(size_t(w), char('a' + w));
                int sp = std::uniform_int_distribution<int>(0, 9)(rng);
                if (mode == 1 && sp == 0) s += "  ";
                else if (mode == 2 && sp == 0) s += "\t";
                else if (mode == 2 && sp == 1) s += "  ";
                else s += " ";
            }
            s.pop_back();
            if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) s += "\n";
            if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) s = " " + s;
            if (std::uniform_int_distribution<int>(0, 5)(rng) == 0) s = "\"" + s;
        } else if (kind == 1) {
            // Long run without spaces: never folded.
            s = std::string(std::uniform_int_distribution<int>(70, 120)(rng), 'z');
        } else {
            int n = std::uniform_int_distribution<int>(0, 8)(rng);
            for (int i = 0; i < n; ++i) s += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
        }
        return s;
    };
    std::vector<std::string> values;
    for (int i = 0; i < 3000; ++i) values.push_back(gen());
    auto go = go_emit(values);
    if (!go) {
        skip_note("random values against go-yaml");
        return;
    }
    CHECK(compare_with_go(values, *go) == 0);
}

// The emitter takes runs of ordinary bytes in one go (16 at a time with
// SSE2) and only looks at the others one by one. The random values above are
// mostly short; these are long runs (JSON-like text, spaces, non-ASCII
// letters) with a few special characters at every offset, so each special
// character lands at each position of a 16-byte block, and in each style.
TEST_CASE("long values with special characters at every offset against go-yaml") {
    std::mt19937 rng(16);
    const std::vector<std::string> ordinary = {"a", "Z", "0", "{", "}", "\"k\"", ",", ".", "/", "-", "_", "=", "?",
                                               "[", "]", "@", "\\", " ", " ", "  ", "\xC3\xA9", "\xE6\x97\xA5",
                                               "\xD0\x9F", "\xEC\x9D\xB4"};
    const std::vector<std::string> special = {"\n", "\n\n", "\r", "\t", "'", "\"", ": ", " #", "#", ":", "\x01",
                                              "\x7F", "\xC2\x85", "\xC2\xA0", "\xE2\x80\xA8", "\xE2\x80\x94",
                                              "\xEF\xBB\xBF", "\xED\x9F\xBF", "\xEE\x80\x80", "\xF0\x9F\x98\x80", " \n",
                                              "\n ", "\xFF"};
    std::vector<std::string> values;
    for (int i = 0; i < 800; ++i) {
        const size_t n = std::uniform_int_distribution<size_t>(17, 260)(rng);
        std::string s = "x";
        while (s.size() < n) s += ordinary[std::uniform_int_distribution<size_t>(0, ordinary.size() - 1)(rng)];
        // 0 to 3 special pieces, at byte offsets that may be anywhere in a
        // 16-byte block (moved back to a character boundary).
        const int k = i % 4;
        for (int j = 0; j < k; ++j) {
            size_t at = std::uniform_int_distribution<size_t>(1, s.size())(rng);
            while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
            s.insert(at, special[std::uniform_int_distribution<size_t>(0, special.size() - 1)(rng)]);
        }
        values.push_back(s);
    }
    auto go = go_emit(values);
    if (!go) {
        skip_note("long values against go-yaml");
        return;
    }
    CHECK(compare_with_go(values, *go) == 0);
}

TEST_CASE("random number-, date- and bool-like values against go-yaml's resolver") {
    std::mt19937 rng(99);
    const char* pieces[] = {"0", "1", "7", "9", "12", "-", "+", ".", "e", "E", "_", ":", "x", "o", "b", "0x", "0o",
                            "0b", "T", "t", " ", "Z", "2001-", "12-", "2-", "29", "14", ",", "inf", "nan", "y", "n",
                            "5:", "1e", "fF", "ON", "Off", "~", "null", "18446744073709551615", "9223372036854775808"};
    const int n = int(sizeof pieces / sizeof *pieces);
    std::vector<std::string> values;
    for (int i = 0; i < 3000; ++i) {
        std::string v;
        int k = std::uniform_int_distribution<int>(1, 6)(rng);
        for (int j = 0; j < k; ++j) v += pieces[std::uniform_int_distribution<int>(0, n - 1)(rng)];
        values.push_back(v);
    }
    // Dates the loop above rarely builds.
    for (const char* v : {"2001-12-14T21:59:43.10Z", "2001-12-14T21:59:43+05:00", "2001-12-14 21:59:43,5",
                          "2001-1-1 1:1:1", "2001-12-14T24:00:00Z", "2001-12-14T21:60:00Z", "2001-02-30",
                          "2004-02-29", "1900-02-29", "2000-02-29 ", "2001-12-14T1:2:3+-5:+3", "2001-12-14x",
                          "20011-12-14", "2001-012-14", "0b2", "0x_1F", "1__0", "_1", "1_", "+.5", ".5.", "1e",
                          "1e+", "1.e5", "-0b101", "-0o17", "0B101", "0X1f", "0O17", "1:2:3.5", "-1:60", "1:5_"})
        values.push_back(v);
    auto go = go_emit(values);
    if (!go) {
        skip_note("resolver values against go-yaml");
        return;
    }
    CHECK(compare_with_go(values, *go) == 0);
}

TEST_CASE("yaml.v2 with FutureLineWrap (no folding) against go-yaml") {
    std::mt19937 rng(5);
    std::vector<std::string> values;
    for (int i = 0; i < 300; ++i) {
        std::string v;
        int n = std::uniform_int_distribution<int>(60, 180)(rng);
        while (int(v.size()) < n) {
            v += std::string(std::uniform_int_distribution<int>(1, 9)(rng), 'w');
            int sep = std::uniform_int_distribution<int>(0, 9)(rng);
            v += sep == 0 ? "  " : sep == 1 ? "'" : sep == 2 ? "\t" : sep == 3 ? ": " : " ";
        }
        values.push_back(v);
    }
    auto go = go_emit(values, true);
    if (!go) {
        skip_note("yaml.v2 FutureLineWrap against go-yaml");
        return;
    }
    int bad = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        for (const Site& s : kSites) {
            if (s.dialect != Dialect::V2) continue;
            EmitContext c = ctx_for(s, false);
            c.width = -1;
            auto want = cut(b64decode((*go)[i][s.name].get<std::string>()), s.prefix, s.tail);
            if (!want || *want != as_in_document(emit_string(values[i], c))) {
                if (++bad <= 10) FAIL_CHECK(s.name << " nowrap value=\"" << show(values[i]) << "\"");
            }
        }
    }
    CHECK(bad == 0);
}

TEST_CASE("key order against go-yaml on random keys") {
    std::mt19937 rng(7);
    const char* alphabet[] = {"a", "B", "z", "Z", "-", "_", "0", "1", "9", "00", "10", "x", "X", ".", " ", "\xC3\xA9"};
    std::vector<std::string> keys;
    for (int i = 0; i < 400; ++i) {
        std::string k;
        int n = std::uniform_int_distribution<int>(1, 6)(rng);
        for (int j = 0; j < n; ++j) k += alphabet[std::uniform_int_distribution<int>(0, 15)(rng)];
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
    auto tool = testing_support::go_tool("yamlemit");
    if (!tool) {
        skip_note("key order against go-yaml");
        return;
    }
    nlohmann::json in = nlohmann::json::array();
    for (const auto& k : keys) in.push_back(b64encode(k));
    auto r = testing_support::run_process({*tool, "sort"}, in.dump());
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto out = nlohmann::json::parse(r.out);
    for (auto [name, d] : {std::pair{"v2", Dialect::V2}, std::pair{"v3", Dialect::V3}}) {
        std::vector<std::string> want;
        for (int idx : out[name]) want.push_back(keys[size_t(idx)]);
        std::vector<std::string> got = keys;
        const Dialect dialect = d; // clang 14 cannot capture a structured binding
        std::sort(got.begin(), got.end(), [dialect](const std::string& a, const std::string& b) { return key_less(a, b, dialect); });
        // Go's sort is not stable and the comparator is not a strict weak
        // order for every input, so compare adjacent pairs of Go's result.
        int bad = 0;
        for (size_t i = 0; i + 1 < want.size(); ++i)
            if (key_less(want[i + 1], want[i], d) && ++bad <= 10)
                FAIL_CHECK(name << ": \"" << want[i + 1] << "\" sorts before \"" << want[i] << "\" here but not in Go");
        CHECK(bad == 0);
    }
}

// libyaml marks count characters; turn line/column into a byte offset.
size_t byte_offset(const std::string& src, const yaml_mark_t& m) {
    size_t pos = 0;
    for (size_t line = 0; line < m.line && pos != std::string::npos; ++line) {
        pos = src.find('\n', pos);
        if (pos != std::string::npos) ++pos;
    }
    if (pos == std::string::npos) return src.size();
    for (size_t col = 0; col < m.column && pos < src.size(); ++col) {
        ++pos;
        while (pos < src.size() && (static_cast<unsigned char>(src[pos]) & 0xC0) == 0x80) ++pos;
    }
    return pos;
}

TEST_CASE("goccy: every string value in the real goccy cassettes round-trips") {
    const char* files[] = {
        "scaleway__scaleway-cli__internal_namespaces_instance_v1_testdata_test-ip-list-simple.cassette.yaml",
        "charmbracelet__fantasy__providertests_testdata_TestSimple_anthropic-claude-sonnet@3340d64e.yaml",
        "charmbracelet__fantasy__providertests_testdata_TestStream_openai-gpt-4o@56236634.yaml",
        "envoyproxy__ai-gateway__tests_internal_testopenai_cassettes_completion-streaming.yaml",
    };
    if (!std::filesystem::exists(std::string(CASSETTE_SHARED_DIR) + "/corpus/real")) {
        MESSAGE("skipped: the shared corpus is absent");
        return;
    }
    int checked = 0;
    for (const char* f : files) {
        const std::string path = std::string(CASSETTE_SHARED_DIR) + "/corpus/real/" + f;
        const std::string src = testing_support::read_file(path);
        REQUIRE_MESSAGE(!src.empty(), path);
        yaml_parser_t parser;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(src.data()), src.size());
        struct Frame {
            bool mapping;
            bool expect_key;
            int key_column;
        };
        std::vector<Frame> stack;
        for (;;) {
            yaml_event_t ev;
            REQUIRE(yaml_parser_parse(&parser, &ev));
            const auto type = ev.type;
            if (type == YAML_SCALAR_EVENT || type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT) {
                bool is_key = false;
                int indent = int(ev.start_mark.column);
                if (!stack.empty() && stack.back().mapping) {
                    is_key = stack.back().expect_key;
                    if (is_key) stack.back().key_column = int(ev.start_mark.column);
                    indent = stack.back().key_column + 2;
                    stack.back().expect_key = !stack.back().expect_key;
                }
                if (type == YAML_SCALAR_EVENT && !is_key) {
                    std::string value(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
                    const bool plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
                    // Ints and bools are not Go strings in go-vcr's structs.
                    if (!(plain && resolves_to_non_string(value, Dialect::V3))) {
                        EmitContext c;
                        c.dialect = Dialect::Goccy;
                        c.column = int(ev.start_mark.column);
                        c.indent = indent;
                        const size_t a = byte_offset(src, ev.start_mark), b = byte_offset(src, ev.end_mark);
                        std::string text = src.substr(a, b - a);
                        std::string got = emit_string(value, c);
                        if (ev.data.scalar.style == YAML_LITERAL_SCALAR_STYLE) {
                            // libyaml's block scalar ends after its last line break.
                            CHECK_MESSAGE(as_in_document(got) == text, f << ": " << show(value));
                        } else {
                            CHECK_MESSAGE(got == text, f << ": " << show(value));
                        }
                        ++checked;
                    }
                }
                if (type == YAML_MAPPING_START_EVENT) stack.push_back({true, true, 0});
                if (type == YAML_SEQUENCE_START_EVENT) stack.push_back({false, false, 0});
            } else if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT) {
                stack.pop_back();
            }
            yaml_event_delete(&ev);
            if (type == YAML_STREAM_END_EVENT) break;
        }
        yaml_parser_delete(&parser);
    }
    CHECK(checked > 50);
}

TEST_CASE("goccy: quoting rules") {
    EmitContext c;
    c.dialect = Dialect::Goccy;
    c.column = 10;
    c.indent = 6;
    CHECK(emit_string("{\"a\":1}", c) == "\"{\\\"a\\\":1}\"");
    CHECK(emit_string("data: x\n\n", c) == "\"data: x\\n\\n\"");
    CHECK(emit_string("line one\nline two\n", c) == "|\n      line one\n      line two\n");
    CHECK(emit_string("a\nb", c) == "|-\n      a\n      b");
    CHECK(emit_string("", c) == "\"\"");
    CHECK(emit_string("1", c) == "\"1\"");
    CHECK(emit_string("true", c) == "\"true\"");
    CHECK(emit_string("1e3", c) == "1e3");
    CHECK(emit_string("</ips?page=1&per_page=50&>; rel=\"last\"", c) == "</ips?page=1&per_page=50&>; rel=\"last\"");
    CHECK(emit_string("Ol\xC3\xA1 \xF0\x9F\x98\x80 #1", c) == "\"Ol\xC3\xA1 \xF0\x9F\x98\x80 #1\"");
    CHECK(emit_string("tab\t#", c) == "\"tab\\t#\"");
    CHECK(chosen_style("hello", Dialect::Goccy) == ScalarStyle::Plain);
    CHECK(key_less("X-10", "X-2", Dialect::Goccy));
}

} // TEST_SUITE
