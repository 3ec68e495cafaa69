// The parallel read (a big file cut into pieces at item starts, parsed at
// the same time) must give exactly what a whole read gives: the same model
// mark for mark (model/dump), the same diagnostics, or a fall back to the
// whole read. Forced here on small inputs with many cut positions. Both,
// with long one-line values decoded by the reader itself (ReadOptions::
// long_lines; forced here down to one-byte values), must give what libyaml
// reading every character gives.
#include "describe_read.hpp"
#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace cassette;
namespace fs = std::filesystem;

namespace {

std::string describe(const yaml::ReadResult& r) { return testing_support::describe_read(r); }

struct Counts {
    size_t inputs = 0, in_pieces = 0;
    size_t long_lines = 0; // inputs with values decoded by the reader itself
    // Inputs a whole read accepts, with 2+ interactions and "\n" line
    // breaks only: the ones that can be cut.
    size_t cuttable = 0, cuttable_in_pieces = 0;
};

// Whole read vs reads in 2..max_threads pieces, stopping and keep_going.
void compare(const std::string& text, const std::string& name, Counts& counts, unsigned max_threads = 9) {
    CAPTURE(name);
    ++counts.inputs;
    bool any_pieces = false, cuttable = false;
    for (bool keep_going : {false, true}) {
        yaml::ReadOptions libyaml;
        libyaml.keep_going = keep_going;
        libyaml.for_tests.long_lines = false;
        const yaml::ReadResult first = yaml::read_cassette(text, name, libyaml);
        CHECK(first.long_lines == 0);
        if (first.ok() && first.cassette->interactions.size() >= 2 && text.find('\r') == std::string::npos)
            cuttable = true;
        const std::string want = describe(first);
        for (size_t min : {size_t(1), size_t(64)}) {
            CAPTURE(min);
            yaml::ReadOptions whole = libyaml;
            whole.for_tests.long_lines = true;
            whole.for_tests.long_line_min = min;
            const yaml::ReadResult r = yaml::read_cassette(text, name, whole);
            CHECK(describe(r) == want);
            if (min == 1 && r.long_lines > 0 && !keep_going) ++counts.long_lines;
        }
        for (unsigned t = 2; t <= max_threads; ++t) {
            CAPTURE(t);
            yaml::ReadOptions split = libyaml;
            split.threads = util::ThreadBudget::always_split(t);
            split.for_tests.long_lines = t % 2 == 0;
            split.for_tests.long_line_min = t % 4 == 0 ? 64 : 1;
            yaml::ReadResult r = yaml::read_cassette(text, name, split);
            if (r.pieces > 1) any_pieces = true;
            CHECK(describe(r) == want);
        }
    }
    if (any_pieces) ++counts.in_pieces;
    if (cuttable) ++counts.cuttable;
    if (cuttable && any_pieces) ++counts.cuttable_in_pieces;
    if (cuttable && !any_pieces && std::getenv("SHOW_WHOLE")) MESSAGE("read whole: " << name);
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const char* kItems = R"(---
version: 2
interactions:
    - id: 0
      request:
        body: "a quoted body
    - that looks like an item"
        url: https://example.com/a
        method: POST
      response:
        body: |
            literal
            - not an item either
        code: 200
        duration: 1ms

    # a comment between items
    - id: 1
      request:
        body: 'single
    - quoted'
        url: https://example.com/b
        method: GET
      response:
        body:
        code: 201
    - id: 2
      request:
        headers: {A: [b,
    - c]}
        url: https://example.com/c
      response:
        code: 202
    - id: 3
      request:
        url: https://example.com/d
      response:
        code: 203
)";

} // namespace

TEST_CASE("read in pieces: the same model as a whole read (hand-made edge cases)") {
    Counts counts;
    compare(kItems, "items.yaml", counts);
    // Items without the quoted/flow traps: these must be read in pieces.
    const std::string plain = "version: 2\ninteractions:\n" + [] {
        std::string s;
        for (int i = 0; i < 12; ++i)
            s += "    - id: " + std::to_string(i) + "\n      request:\n        url: https://example.com/" +
                 std::to_string(i) + "\n        method: GET\n      response:\n        body: |\n            x\n" +
                 "            y\n        code: 200\n";
        return s;
    }();
    Counts plain_counts;
    compare(plain, "plain.yaml", plain_counts);
    CHECK(plain_counts.in_pieces == 1);
    // With a budget, the reader cuts a file of util::split_at::kReadBytes or
    // more into as many pieces as the budget has threads (at most
    // util::kMaxSplit); a smaller file, or a budget of one (`-j1`, the
    // default), is read whole and starts no thread.
    {
        std::string big = plain;
        while (big.size() < util::split_at::kReadBytes) big += plain.substr(plain.find("    - "));
        yaml::ReadOptions o;
        const size_t started = util::threads_started();
        CHECK(yaml::read_cassette(big, "p.yaml", o).pieces == 1);
        o.threads = util::ThreadBudget(1);
        CHECK(yaml::read_cassette(big, "p.yaml", o).pieces == 1);
        CHECK(util::threads_started() == started);
        o.threads = util::ThreadBudget(2);
        CHECK(yaml::read_cassette(plain, "p.yaml", o).pieces == 1); // below the threshold
        CHECK(util::threads_started() == started);
        CHECK(yaml::read_cassette(big, "p.yaml", o).pieces == 2);
        CHECK(util::threads_started() == started + 1);
        o.threads = util::ThreadBudget(64);
        CHECK(yaml::read_cassette(big, "p.yaml", o).pieces == util::kMaxSplit);
    }
    // Every item ends with a block scalar (a whole read ends it at the start
    // of the next line, not at the next "- "; found by fuzz/fuzz_reader),
    // with trailing blank lines, a comment, or an unknown key's folded value.
    std::string blocks = "version: 2\ninteractions:\n";
    for (int i = 0; i < 10; ++i) {
        blocks += "    - id: " + std::to_string(i) + "\n      request:\n        url: https://example.com/\n" +
                  "      response:\n        code: 200\n        body: |\n            line " + std::to_string(i) + "\n";
        if (i % 3 == 1) blocks += "\n\n";
        if (i % 3 == 2) blocks += "    # a comment\n";
        if (i % 4 == 3) blocks += "      x_note: >-\n          folded\n          text\n";
    }
    Counts block_counts;
    compare(blocks, "blocks.yaml", block_counts);
    CHECK(block_counts.in_pieces == 1);
    // Each piece reads into slots of the model's list, one per line that
    // looks like an item start: a quoted body with such a line leaves an
    // unused slot (closed up after), an item written as a lone "-" has no
    // slot (the piece keeps it aside; the list is put in order anew).
    std::string gaps = "version: 2\ninteractions:\n", lone = gaps;
    for (int i = 0; i < 12; ++i) {
        const std::string rest = "      request:\n        url: https://example.com/" + std::to_string(i) +
                                 "\n        method: GET\n      response:\n        code: 200\n";
        gaps += "    - id: " + std::to_string(i) + "\n" +
                (i % 5 == 2 ? "      x_note: \"one\n    - two\"\n" : "") + rest;
        lone += (i % 4 == 1 ? "    -\n      id: " : "    - id: ") + std::to_string(i) + "\n" + rest;
    }
    Counts gap_counts, lone_counts;
    compare(gaps, "gaps.yaml", gap_counts);
    compare(lone, "lone-dash.yaml", lone_counts);
    CHECK(gap_counts.in_pieces == 1);
    CHECK(lone_counts.in_pieces == 1);
    compare(plain.substr(0, plain.size() - 1), "no-final-newline.yaml", counts);
    compare("\xEF\xBB\xBF" + plain, "bom.yaml", counts);
    compare(plain + "extra_root_key: after\n", "root-key-after.yaml", counts);
    compare(plain + "---\nversion: 2\n", "two-documents.yaml", counts);
    // yaml.v2 layout: the sequence at column 0 (indentless).
    std::string v1 = "version: 1\ninteractions:\n";
    for (int i = 0; i < 8; ++i)
        v1 += "- request:\n    body: \"\"\n    url: https://example.com/" + std::to_string(i) +
              "\n    method: GET\n  response:\n    body: '{\"a\": 1}'\n    code: 200\n    duration: 1ms\n";
    Counts v1_counts;
    compare(v1, "v1.yaml", v1_counts);
    CHECK(v1_counts.in_pieces == 1);
    compare(v1 + "- just a scalar\n", "v1-bad-item.yaml", counts);
    std::string crlf;
    for (char ch : plain) {
        if (ch == '\n') crlf += '\r';
        crlf += ch;
    }
    compare(crlf, "crlf.yaml", counts);
    compare("version: 2\ninteractions:\n    - &a {id: 0}\n    - *a\n    - id: 2\n", "alias.yaml", counts);
    compare(plain + "    - id: 12\n      id: 13\n", "duplicate-key.yaml", counts);
    compare(plain + "    - id: \"twelve\"\n", "type-error.yaml", counts);
}

TEST_CASE("read in pieces: the same model as a whole read (corpus, samples, golden inputs)") {
    std::vector<fs::path> files;
    for (const fs::path& dir : {fs::path(CASSETTE_SHARED_DIR) / "corpus", fs::path(CASSETTE_SOURCE_DIR) / "samples",
                                fs::path(CASSETTE_SOURCE_DIR) / "tests" / "cases"}) {
        if (!fs::exists(dir)) continue;
        for (const auto& e : fs::recursive_directory_iterator(dir))
            if (e.is_regular_file() && e.path().extension() == ".yaml" &&
                e.path().string().find("/expected") == std::string::npos)
                files.push_back(e.path());
    }
    Counts counts;
    for (const auto& f : files) compare(slurp(f), f.string(), counts, 6);
    MESSAGE(counts.in_pieces << " of " << counts.inputs << " inputs were read in pieces; " << counts.cuttable_in_pieces
                                << " of the " << counts.cuttable << " that can be cut; " << counts.long_lines
                                << " with one-line values decoded by the reader");
    CHECK(counts.inputs >= 100);
    CHECK(counts.long_lines * 2 >= counts.inputs); // the long-line path was taken, not only its fall back
    // Nearly all that can be: the comparison means something.
    CHECK(counts.cuttable >= 40);
    CHECK(counts.cuttable_in_pieces * 10 >= counts.cuttable * 9);
}
