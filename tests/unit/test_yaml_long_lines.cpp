// Long one-line values decoded by the reader itself (ReadOptions::ForTests::long_lines,
// yaml/one_line_scalar.hpp) must read exactly as libyaml reads them, mark
// for mark, diagnostics included; a value the decoders are not sure of, or
// a line that only looks like one, leaves the file to libyaml. Each case
// says which of the two it expects, so a decoder that refuses everything
// fails here too.
#include "describe_read.hpp"
#include "yaml/one_line_scalar.hpp"
#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace cassette;
using testing_support::describe_read;

namespace {

struct Both {
    std::string libyaml, fast;
    size_t decoded = 0; // ReadResult::long_lines of the fast read
};

Both read_both(const std::string& text, size_t min = 1, bool keep_going = false) {
    yaml::ReadOptions o;
    o.keep_going = keep_going;
    o.for_tests.long_lines = false;
    Both b;
    b.libyaml = describe_read(yaml::read_cassette(text, "t.yaml", o));
    o.for_tests.long_lines = true;
    o.for_tests.long_line_min = min;
    const yaml::ReadResult r = yaml::read_cassette(text, "t.yaml", o);
    b.fast = describe_read(r);
    b.decoded = r.long_lines;
    return b;
}

// The line as a value in an interaction's request (template A), as an item
// of a header's list (B), or under an unknown key (C).
std::string in_request(const std::string& line) {
    return "version: 2\ninteractions:\n    - request:\n        " + line + "\n        url: https://e.test/\n";
}
std::string in_header(const std::string& line) {
    return "version: 2\ninteractions:\n    - request:\n        headers:\n            X-A:\n                " + line +
           "\n        url: https://e.test/\n";
}
std::string under_unknown(const std::string& line) {
    return "version: 2\ninteractions:\n    - request:\n        url: https://e.test/\n      extra:\n        " + line +
           "\n";
}

struct Case {
    std::string doc;
    bool decoded; // the line's value is decoded by the reader (not libyaml's)
};

void check(const Case& c) {
    CAPTURE(c.doc);
    // Besides the case's line, each template has two values the reader
    // decodes with min 1: "version: 2" and the url.
    for (bool keep_going : {false, true}) {
        const Both b = read_both(c.doc, 1, keep_going);
        CHECK(b.fast == b.libyaml);
        const Both none = read_both(c.doc, 100000, keep_going);
        CHECK(none.decoded == 0);
        CHECK(none.fast == none.libyaml);
        if (!keep_going) {
            if (c.decoded) CHECK(b.decoded == 3);
            else CHECK(b.decoded <= 2);
        }
    }
}

} // namespace

TEST_CASE("long lines: single-quoted values") {
    for (const Case& c : std::vector<Case>{
             {in_request("body: 'it''s a body'"), true},
             {in_request("body: 'back\\slash and \"double\" quotes'"), true},
             {in_request("body: 'a tab\there'"), true},
             {in_request("body: 'trailing blanks  '"), true},
             {in_request("body: 'unicode \xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80 \xC2\xA0'"), true},
             {in_request("body: ''''"), true},
             {in_header("- 'an item'"), true},
             {under_unknown("- key: 'in a list'"), true},
             {in_request("body: 'lone ' quote'"), false},
             {in_request("body: 'control \x01 char'"), false},
             {in_request("body: 'del \x7F char'"), false},
             {in_request("body: 'nel \xC2\x85 char'"), false},
             {in_request("body: 'c1 \xC2\x80 char'"), false},
             {in_request("body: 'ls \xE2\x80\xA8 char'"), false},
             {in_request("body: 'ps \xE2\x80\xA9 char'"), false},
             {in_request("body: 'bom \xEF\xBB\xBF char'"), false},
             {in_request("body: 'cut \xC3'"), false},
             {in_request("body: 'overlong \xC0\xAF'"), false},
             {in_request("body: 'surrogate \xED\xA0\x80'"), false},
             {in_request("body: 'noncharacter \xEF\xBF\xBE'"), false},
             {in_request("body: 'beyond \xF4\x90\x80\x80'"), false},
         })
        check(c);
}

TEST_CASE("long lines: double-quoted values and their escapes") {
    for (const Case& c : std::vector<Case>{
             {in_request(R"(body: "plain text, no escapes")"), true},
             {in_request(R"(body: "\0\a\b\t\n\v\f\r\e\ \"\/\\\N\_\L\P")"), true},
             {in_request("body: \"escaped tab \\\t!\""), true},
             {in_request(R"(body: "hex \x41\xe9\xFF \u00e9\u6771\uFFFF \U0001F600\U0010FFFF \u0000")"), true},
             {in_request(R"(body: "{\"json\":[1,2,{\"k\":\"v\\n\"}]}")"), true},
             {in_request("body: \"single ' quote and tab\there\""), true},
             {in_request(R"(body: "surrogate \ud800")"), false},
             {in_request(R"(body: "beyond \U00110000")"), false},
             {in_request(R"(body: "short \x4")"), false},
             {in_request(R"(body: "not hex \xZZ")"), false},
             {in_request(R"(body: "unknown \q escape")"), false},
             {in_request(R"(body: "ends escaped \")"), false},
             {in_request(R"(body: "lone " quote")"), false},
             {in_request("body: \"control \x02\""), false},
         })
        check(c);
}

TEST_CASE("long lines: plain values") {
    for (const Case& c : std::vector<Case>{
             {in_request("body: https://example.com/a?b=c&d=e#frag"), true},
             {in_request("body: a, [b] {c} d"), true},
             {in_request("body: hash#tag and key:value"), true},
             {in_request("body: two  spaces and 'quotes' \"too\""), true},
             {in_request("body: caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC"), true},
             {in_header("- __cf_bm=abc; path=/; expires=Mon, 08 Nov 2024 09:02:12 GMT; HttpOnly"), true},
             {in_request("body: a tab\there"), false},
             {in_request("body: a comment #here"), false},
             {in_request("body: a key: value"), false},
             {in_request("body: ends with a colon:"), false},
             {in_request("body: trailing blank "), false},
             {in_request("body: !tag value"), false},
             {in_request("body: &anchor value"), false},
             {in_request("body: *alias"), false},
             {in_request("body: [a, b]"), false},
             {in_request("body: {a: b}"), false},
             {in_request("body: - dash"), false},
             {in_request("body: nel \xC2\x85 x"), false},
             {in_request("body: del \x7F x"), false},
         })
        check(c);
}

TEST_CASE("long lines: lines that only look like values are left alone") {
    const std::vector<std::string> docs = {
        // A block scalar's lines, with and without indicators.
        "version: 2\ninteractions:\n    - request:\n        body: |\n            key: 'not yaml'\n            - item\n"
        "            data: {\"a\": 1}\n\n            x: y\n        url: https://e.test/\n",
        "version: 2\ninteractions:\n    - request:\n        body: >-\n            key: \"folded\"\n"
        "        url: https://e.test/\n",
        "version: 2\ninteractions:\n    - request:\n        headers:\n            A:\n                - |2\n"
        "                   key: indented more\n        url: https://e.test/\n",
        // Block scalars the line scan does not see as such (a comment or a
        // tag on the indicator's line): the reader's own check must.
        "version: 2\ninteractions:\n    - request:\n        body: | # the body\n            key: 'not yaml'\n"
        "            data: a plain line\n        url: https://e.test/\n",
        "version: 2\ninteractions:\n    - request:\n        body: !!str |\n            - 'an item?'\n"
        "        url: https://e.test/\n",
        "version: 2\ninteractions:\n    - request:\n        url: https://e.test/\n        body: |  # last\n"
        "            key: 'the last lines of the file'\n",
        // Plain and quoted values that go on over lines (go-yaml v2 folds).
        "version: 2\ninteractions:\n    - request:\n        body: first part of a plain value\n"
        "            key: second part\n        url: https://e.test/\n",
        "version: 2\ninteractions:\n    - request:\n        body: \"first part\n            key: 'second'\"\n"
        "        url: https://e.test/\n",
        "version: 2\ninteractions:\n    - request:\n        body: 'first\n\n            - second'\n"
        "        url: https://e.test/\n",
        // A flow collection over lines.
        "version: 2\ninteractions:\n    - request:\n        url: https://e.test/\n      extra: {\n"
        "        k: a value in flow,\n        m: [x, y]\n      }\n",
        // A comment after a value, a tag before one.
        "version: 2\ninteractions:\n    - request:\n        body: 'quoted' # comment\n"
        "        method: !!str GET\n        url: https://e.test/\n",
        // Several documents; a syntax error after long lines; an alias.
        "version: 2\ninteractions:\n    - request:\n        url: https://e.test/\n---\nversion: 'two'\n",
        "version: 2\ninteractions:\n    - request:\n        url: https://e.test/\n        body: 'x'\n      bad: [\n",
        "version: 2\ninteractions:\n    - request:\n        url: &u https://e.test/\n        body: *u\n",
        // CRLF and a last line without a line break.
        "version: 2\r\ninteractions:\r\n    - request:\r\n        url: https://e.test/\r\n",
        "version: 2\ninteractions:\n    - request:\n        url: https://e.test/",
        // A schema error on a decoded line (the read goes to libyaml).
        "version: 2\ninteractions:\n    - request:\n        url: https://e.test/\n        proto_major: 'one'\n",
    };
    for (const auto& doc : docs) {
        CAPTURE(doc);
        for (bool keep_going : {false, true}) {
            const Both b = read_both(doc, 1, keep_going);
            CHECK(b.fast == b.libyaml);
        }
    }
}

TEST_CASE("long lines: the length from which values are decoded") {
    for (size_t len : {size_t(62), size_t(63), size_t(64), size_t(65)}) {
        const std::string value(len, 'v');
        for (const std::string& line : {"body: " + value, "body: '" + value + "'", "body: \"" + value + "\""}) {
            CAPTURE(line);
            const Both b = read_both(in_request(line), 64);
            CHECK(b.fast == b.libyaml);
            CHECK(b.decoded == (len >= 64 ? 1u : 0u));
        }
    }
}

TEST_CASE("long lines: the decoders on their own") {
    std::string out;
    uint32_t chars = 0;
    CHECK(yaml::decode_single_quoted_line("it''s \xC3\xA9", out, chars));
    CHECK(out == "it's \xC3\xA9");
    CHECK(chars == 7); // code points of the text as written
    CHECK(yaml::decode_double_quoted_line(R"(a\"b\u00e9\x41\U0001F600)", out, chars));
    CHECK(out == "a\"b\xC3\xA9" "A\xF0\x9F\x98\x80");
    CHECK(chars == 24);
    CHECK(yaml::decode_plain_line("https://e.test/?a=b#c", out, chars));
    CHECK(out == "https://e.test/?a=b#c");
    CHECK_FALSE(yaml::decode_single_quoted_line("a'b", out, chars));
    CHECK_FALSE(yaml::decode_double_quoted_line("a\\", out, chars));
    CHECK_FALSE(yaml::decode_plain_line("", out, chars));
    CHECK_FALSE(yaml::decode_plain_line("a: b", out, chars));
    CHECK_FALSE(yaml::decode_plain_line("a #b", out, chars));
}

TEST_CASE("long lines: line breaks other than \\n before a decoded value") {
    // libyaml also breaks lines at CR, NEL, LS and PS: marks after them are
    // on libyaml's line numbers, and the columns after a hole still right.
    for (const char* brk : {"\r", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"}) {
        const std::string doc = std::string("# a comment") + brk + "# and another\nversion: 2\ninteractions:\n"
                                "    - request:\n        body: 'a body'\n        url: https://e.test/\n";
        CAPTURE(doc);
        const Both b = read_both(doc);
        CHECK(b.fast == b.libyaml);
        CHECK(b.decoded == 3);
    }
}
