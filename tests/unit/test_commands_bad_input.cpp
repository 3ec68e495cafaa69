// The bad-input catalogue (docs/bad-input.md) for inputs too big or too odd
// to commit as golden cases: they are generated here, each subcommand runs
// in-process on them, and the test pins the outcome (exit code, message,
// file left alone). The small cases are golden cases under tests/cases/*/bad-*.
// No timing assertions: the figures in docs/bad-input.md were measured by
// hand; here only completion (and bounded work) is asserted.
#include "run_cassette.hpp"
#include "commands/common.hpp"
#include "commands/output.hpp"
#include "yaml/reader.hpp"

#include "go_tools.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <fstream>

#include <algorithm>
#include <filesystem>
#include <random>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using testing_support::read_file;
using testing_support::write_file;

namespace {

struct Scratch : testing_support::TempDir {
    Scratch() : testing_support::TempDir("bad") {}
};

using testing_support::Outcome;
using testing_support::run_cassette;

// The cassette commands that read one file and must refuse bad input the same way.
const std::vector<std::vector<std::string>> k_readers = {{"fmt"}, {"fmt", "--check"}, {"fmt", "--pretty-json"}, {"show"}};

// Every reading command refuses `text` with exit 2, a message naming the file
// (containing `message`) and the file left byte for byte.
void refused_by_all(const std::string& text, const std::string& message) {
    Scratch dir;
    const std::string file = dir / "bad.yaml";
    write_file(file, text);
    for (auto args : k_readers) {
        args.push_back(file);
        Outcome o = run_cassette(args);
        INFO(args.front() << " " << args[1] << ": " << o.err);
        CHECK(o.code == 2);
        CHECK(o.err.rfind(file + ":", 0) == 0);
        CHECK(o.err.find(message) != std::string::npos);
        CHECK(read_file(file) == text);
        CHECK(dir.names() == std::vector<std::string>{"bad.yaml"});
    }
}

std::string repeat(std::string_view s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

constexpr size_t k_deep = 100000;

} // namespace

TEST_SUITE("bad input") {

TEST_CASE("YAML nested 100,000 deep is refused at the depth limit, not by the stack") {
    // Flow sequences, flow mappings and compact block sequences ("- - - x").
    refused_by_all("version: 2\nx: " + repeat("[", k_deep) + repeat("]", k_deep) + "\ninteractions: []\n",
                   "nesting deeper than 64 levels is not supported");
    refused_by_all("version: 2\nx: " + repeat("{a: ", k_deep) + "1" + repeat("}", k_deep) + "\ninteractions: []\n",
                   "nesting deeper than 64 levels is not supported");
    refused_by_all("version: 2\nx:\n" + repeat("- ", k_deep) + "x\ninteractions: []\n",
                   "nesting deeper than 64 levels is not supported");
    // Where the schema wants a mapping, the type error comes first.
    refused_by_all("version: 2\ninteractions:\n" + repeat("- ", k_deep) + "x\n",
                   ":3:3: error: an interaction must be a mapping, found a sequence");
}

TEST_CASE("a JSON body nested 100,000 deep is kept as it is by fmt --pretty-json and shown as text") {
    Scratch dir;
    const std::string file = dir / "deep.yaml";
    const std::string body = repeat("[", k_deep) + repeat("]", k_deep);
    const std::string text = "---\nversion: 2\ninteractions:\n- request:\n    url: http://a/\n  response:\n    body: '" +
                             body + "'\n    headers:\n      Content-Type:\n      - application/json\n    code: 200\n";
    write_file(file, text);
    // Deeper than Go's json limit (10000): not JSON for Go, so the body is left alone.
    Outcome f = run_cassette({"fmt", "--pretty-json", file});
    CHECK(f.code == 0);
    CHECK(f.err.empty());
    auto back = cassette::yaml::read_cassette_file(file);
    REQUIRE(back.ok());
    CHECK(back.cassette->interactions.at(0).response.body.str() == body);

    Outcome s = run_cassette({"show", file});
    CHECK(s.code == 0);
    CHECK(s.out.find("[[[[[[[[") != std::string::npos);
}

TEST_CASE("an alias bomb is refused at the first alias") {
    std::string bomb = "version: 2\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < 10; ++i) {
        bomb += "x" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int j = 0; j < 9; ++j) bomb += (j ? ", *a" : "*a") + std::to_string(i - 1);
        bomb += "]\n";
    }
    bomb += "interactions: []\n";
    refused_by_all(bomb, ":3:10: error: aliases are not supported");
}

TEST_CASE("a 30 MB single-line body is formatted and shown") {
    Scratch dir;
    const std::string file = dir / "big.yaml";
    const std::string body = repeat("0123456789abcdef", (30u << 20) / 16);
    write_file(file, "version: 2\ninteractions:\n- request:\n    url: http://a/\n  response:\n    body: " + body +
                         "\n    code: 200\n");
    Outcome f = run_cassette({"fmt", file});
    CHECK(f.code == 0);
    CHECK(f.err.empty());
    auto back = cassette::yaml::read_cassette_file(file);
    REQUIRE(back.ok());
    CHECK(back.cassette->interactions.at(0).response.body.str() == body);

    Outcome s = run_cassette({"show", file});
    CHECK(s.code == 0);
    CHECK(s.out.size() > body.size()); // wrapped, every byte shown
}

TEST_CASE("100,000 tiny interactions are formatted and shown") {
    Scratch dir;
    const std::string file = dir / "many.yaml";
    const size_t n = 100000;
    write_file(file, "version: 2\ninteractions:\n" +
                         repeat("- request:\n    url: http://a/\n  response:\n    code: 200\n", n));
    Outcome f = run_cassette({"fmt", file});
    CHECK(f.code == 0);
    auto back = cassette::yaml::read_cassette_file(file);
    REQUIRE(back.ok());
    CHECK(back.cassette->interactions.size() == n);

    Outcome s = run_cassette({"show", file});
    CHECK(s.code == 0);
    CHECK(s.out.find("http://a/") != std::string::npos);
}

TEST_CASE("random bytes never crash a command and never change the file") {
    // Deterministic: the same 200 inputs every run (the fuzzers do the rest).
    std::mt19937 rng(20261124);
    Scratch dir;
    const std::string file = dir / "random.yaml";
    for (int i = 0; i < 200; ++i) {
        std::string text(size_t(rng() % 512), '\0');
        // Half of them start like a cassette, so the reader gets past the root.
        for (auto& ch : text) ch = char(i % 2 ? rng() % 256 : " \n-:[]{}'\"abc\t#&*!|>"[rng() % 20]);
        if (i % 4 == 0) text = "version: 2\ninteractions:\n" + text;
        for (auto args : k_readers) {
            write_file(file, text);
            const bool rewrites = args.size() == 1 || args[1] == "--pretty-json";
            args.push_back(file);
            Outcome o = run_cassette(args);
            INFO(args.front() << ": " << o.err);
            CHECK((o.code == 0 || o.code == 1 || o.code == 2));
            if (o.code == 2) CHECK(o.err.rfind(file + ":", 0) == 0);
            // Only a successful fmt may change the file.
            if (!rewrites || o.code != 0) CHECK(read_file(file) == text);
            CHECK(dir.names() == std::vector<std::string>{"random.yaml"});
        }
    }
}

TEST_CASE("an unwritable output is reported and the input is left alone") {
    Scratch dir;
    const std::string in = dir / "in.yaml", blocker = dir / "file";
    const std::string text = "version: 2\ninteractions:\n- request:\n        url: http://a/\n";
    write_file(in, text);
    write_file(blocker, "x");
    // -o inside a path whose parent is a regular file: ENOTDIR (works as root too,
    // unlike permission bits).
    Outcome o = run_cassette({"fmt", "-o", blocker + "/out.yaml", in});
    CHECK(o.code == 2);
    CHECK(o.err == blocker + "/out.yaml: error: cannot inspect: Not a directory\n");
    CHECK(read_file(in) == text);
    CHECK(dir.names() == std::vector<std::string>{"file", "in.yaml"});
}

TEST_CASE("a file that changed while being processed is not overwritten") {
    Scratch dir;
    const std::string file = dir / "c.yaml";
    const std::string was = "version: 2\ninteractions: []\n";
    const cassette::SourceText read_as(was);
    write_file(file, "version: 2\ninteractions: []\n# edited meanwhile\n");
    std::istringstream in;
    std::ostringstream out, err;
    cassette::cli::Io io{in, out, err};
    CHECK_FALSE(cassette::cli::write_output(io, file, "---\nversion: 2\ninteractions: []\n", &read_as));
    CHECK(err.str() == file + ": error: the file changed while cassette was processing it; not written (run again)\n");
    CHECK(read_file(file) == "version: 2\ninteractions: []\n# edited meanwhile\n");
    CHECK(dir.names() == std::vector<std::string>{"c.yaml"});

    // Deleted meanwhile: not recreated either.
    fs::remove(file);
    CHECK_FALSE(cassette::cli::write_output(io, file, "x", &read_as));
    CHECK_FALSE(fs::exists(file));

    // Unchanged: written.
    write_file(file, was);
    CHECK(cassette::cli::write_output(io, file, "---\n" + was, &read_as));
    CHECK(read_file(file) == "---\n" + was);
}

TEST_CASE("an output staged while its text is checked: a change after staging is seen, and dropping it writes nothing") {
    Scratch dir;
    const std::string file = dir / "c.yaml";
    const std::string was = "version: 2\ninteractions: []\n";
    const cassette::SourceText read_as(was);
    std::istringstream in;
    std::ostringstream out, err;
    cassette::cli::Io io{in, out, err};

    // Edited after the temporary file was written: whether the other thread
    // compared the bytes before or after the edit, it is not overwritten.
    write_file(file, was);
    {
        cassette::cli::PendingOutput pending(file, "---\n" + was, &read_as);
        std::ofstream(file, std::ios::app) << "# edited meanwhile\n";
        CHECK_FALSE(pending.finish(io, "---\n" + was));
    }
    CHECK(err.str() == file + ": error: the file changed while cassette was processing it; not written (run again)\n");
    CHECK(read_file(file) == was + "# edited meanwhile\n");
    CHECK(dir.names() == std::vector<std::string>{"c.yaml"});

    // The check failed: the caller drops it; the temporary file goes with it.
    write_file(file, was);
    {
        cassette::cli::PendingOutput pending(file, "---\n" + was, &read_as);
        CHECK(dir.names().size() == 2); // c.yaml and the temporary file
    }
    CHECK(read_file(file) == was);
    CHECK(dir.names() == std::vector<std::string>{"c.yaml"});

    // Finished: in place, with the file's mode.
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    {
        cassette::cli::PendingOutput pending(file, "---\n" + was, &read_as);
        CHECK(pending.finish(io, "---\n" + was));
    }
    CHECK(read_file(file) == "---\n" + was);
    CHECK((fs::status(file).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    CHECK(dir.names() == std::vector<std::string>{"c.yaml"});
}

} // TEST_SUITE
