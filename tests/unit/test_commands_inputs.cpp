// The command layer's inputs (#22 §2): one path expander for every
// subcommand that takes files and folders, one configuration resolver.
#include "commands/config_resolver.hpp"
#include "commands/inputs.hpp"

#include "go_tools.hpp"
#include "run_cassette.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;
using namespace cassette;
using testing_support::write_file;

namespace {

const std::string kRoot = CASSETTE_SOURCE_DIR;

struct Streams {
    std::istringstream in;
    std::ostringstream out, err;
    cli::Io io{in, out, err};
};

// Runs with the current folder set to `dir` (restored after).
struct InFolder {
    fs::path before = fs::current_path();
    explicit InFolder(const std::string& dir) { fs::current_path(dir); }
    ~InFolder() { fs::current_path(before); }
};

} // namespace

TEST_SUITE("commands: inputs") {

TEST_CASE("expand_paths: one set of rules (hidden folders, extensions, order, duplicates, symlinks)") {
    testing_support::TempDir dir("inputs");
    fs::create_directories(dir / "tree/sub/deeper");
    fs::create_directories(dir / "tree/.cache");
    fs::create_directories(dir / "outside");
    for (const char* f : {"tree/b.yaml", "tree/a.yml", "tree/sub/c.yaml", "tree/sub/deeper/d.YAML", "tree/.cache/h.yaml",
                          "tree/.cassette.yaml", "tree/notes.txt", "tree/.dot.yaml", "outside/o.yaml"})
        write_file(dir / f, "x\n");
    fs::create_directory_symlink(dir / "outside", dir / "tree/linked-folder");
    fs::create_symlink(dir / "outside/o.yaml", dir / "tree/linked.yaml");

    Streams s;
    InFolder here(dir.path);
    const cli::Inputs in = cli::expand_paths(s.io, {"tree", "tree/b.yaml", "tree/.cache", "missing.yaml", "-"});
    CHECK(in.ok);
    CHECK(s.err.str().empty());
    // Sorted per folder; .cassette.yaml, other extensions, hidden folders and
    // linked folders left out; a hidden file and a linked file taken; the
    // second mention of b.yaml dropped; a hidden folder named is searched;
    // a missing file and "-" are taken as they are (reading reports why).
    const std::vector<std::string> want = {"tree/.dot.yaml",   "tree/a.yml",         "tree/b.yaml",
                                           "tree/linked.yaml", "tree/sub/c.yaml",    "tree/.cache/h.yaml",
                                           "missing.yaml",     "-"};
    CHECK(in.files == want);
    CHECK(in.found("tree/a.yml"));
    CHECK_FALSE(in.found("tree/b.yaml")); // named as well
    CHECK_FALSE(in.found("missing.yaml"));
    CHECK(in.found("tree/.cache/h.yaml"));

    // "." shows paths without "./".
    const cli::Inputs dot = cli::expand_paths(s.io, {"."});
    CHECK(std::find(dot.files.begin(), dot.files.end(), "tree/b.yaml") != dot.files.end());
    CHECK(std::find(dot.files.begin(), dot.files.end(), "outside/o.yaml") != dot.files.end());
    for (const auto& f : dot.files) CHECK(f.rfind("./", 0) == std::string::npos);
}

TEST_CASE("lint, redact and fmt take the same files from a folder") {
    testing_support::TempDir dir("inputs-same");
    fs::create_directories(dir / "t/.hidden");
    fs::create_directories(dir / "t/sub");
    // A sample whose secret redact and lint find; fmt --check lists the
    // files whose layout is not canonical, so the copies are made so.
    const std::string sample = testing_support::read_file(kRoot + "/tests/cases/redact/other-recorders-in-folder/cassettes/go_test.yaml");
    for (const char* f : {"t/x.yaml", "t/sub/y.yml", "t/.hidden/z.yaml"}) write_file(dir / f, sample + "\n\n");
    InFolder here(dir.path);
    const auto lint = testing_support::run_cassette({"lint", "--format", "json", "t"});
    const auto redact = testing_support::run_cassette({"redact", "--check", "t"});
    const auto fmt = testing_support::run_cassette({"fmt", "--check", "t"});
    for (const std::string f : {"t/x.yaml", "t/sub/y.yml"}) {
        CAPTURE(f);
        CHECK(lint.out.find("\"" + f + "\"") != std::string::npos);
        CHECK(redact.err.find(f + ":") != std::string::npos);
        CHECK(fmt.out.find(f + "\n") != std::string::npos);
    }
    CHECK(lint.out.find(".hidden") == std::string::npos);
    CHECK(redact.err.find(".hidden") == std::string::npos);
    CHECK(fmt.out.find(".hidden") == std::string::npos);
    CHECK(fmt.code == 1);
}

TEST_CASE("ConfigResolver: the nearest .cassette.yaml per file, --config for all, a bad file reported once") {
    testing_support::TempDir dir("resolver");
    fs::create_directories(dir / "a/deep");
    fs::create_directories(dir / "b");
    fs::create_directories(dir / "bad");
    fs::create_directory(dir / ".git"); // stops the walk here
    write_file(dir / ".cassette.yaml", "redact:\n  placeholder: TOP\n");
    write_file(dir / "a/.cassette.yaml", "redact:\n  placeholder: A\n");
    write_file(dir / "bad/.cassette.yaml", "redact:\n  disable: [no-such-detector]\n");
    InFolder here(dir.path);
    Streams s;
    cli::ConfigResolver r(s.io);
    bool failed = false;
    const config::Config* a = r.for_file("a/x.yaml", &failed);
    const config::Config* deep = r.for_file("a/deep/y.yaml", &failed);
    const config::Config* b = r.for_file("b/z.yaml", &failed);
    const config::Config* top = r.for_file("-", &failed);
    REQUIRE(a);
    REQUIRE(b);
    CHECK_FALSE(failed);
    CHECK(a->redact.placeholder == "A");
    CHECK(deep == a); // read once
    CHECK(b->redact.placeholder == "TOP");
    CHECK(top == b);
    CHECK(a->path == "a/.cassette.yaml"); // named relative to the current folder
    CHECK(cli::ConfigResolver::name_of(nullptr, "cassette redact") == "cassette redact");

    // Invalid: every command refuses it (lint too, for a redact key).
    CHECK(r.for_file("bad/x.yaml", &failed) == nullptr);
    CHECK(failed);
    failed = false;
    CHECK(r.for_file("bad/y.yaml", &failed) == nullptr);
    CHECK(failed);
    const std::string err = s.err.str();
    CHECK(err.find("unknown detector `no-such-detector`") != std::string::npos);
    CHECK(err.find("unknown detector", err.find("unknown detector") + 1) == std::string::npos); // once

    Streams s2;
    cli::ConfigResolver forced(s2.io);
    REQUIRE(forced.force("a/.cassette.yaml"));
    failed = false;
    const config::Config* f = forced.for_file("b/z.yaml", &failed);
    REQUIRE(f);
    CHECK(f->redact.placeholder == "A");
}

}
