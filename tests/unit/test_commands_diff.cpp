// The diff command's documentation cannot drift from its flags and its
// default list of volatile headers.
#include "commands/common.hpp"
#include "diff/diff.hpp"
#include "go_tools.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace cassette;

TEST_SUITE("commands::diff") {

TEST_CASE("--help, the man page and docs/diff.md name every flag and every ignored header") {
    std::istringstream in;
    std::ostringstream out, err;
    cli::Io io{in, out, err};
    REQUIRE(cli::run({"diff", "--help"}, io) == 0);
    const std::string help = out.str();
    const std::string man = testing_support::read_file(std::string(CASSETTE_SOURCE_DIR) + "/man/cassette-diff.1");
    const std::string doc = testing_support::read_file(std::string(CASSETTE_SOURCE_DIR) + "/docs/diff.md");
    for (const char* flag : {"--format", "--all", "--ignore-header", "--ignore-json-path", "--config", "--color", "--git"}) {
        CHECK_MESSAGE(help.find(flag) != std::string::npos, flag);
        std::string roff; // roff writes a hyphen-minus as \-
        for (const char* c = flag; *c; ++c) {
            if (*c == '-') roff += '\\';
            roff += *c;
        }
        CHECK_MESSAGE(man.find(roff) != std::string::npos, flag);
        CHECK_MESSAGE(doc.find(flag) != std::string::npos, flag);
    }
    for (auto h : diff::default_ignored_headers()) {
        CHECK_MESSAGE(help.find(std::string(h)) != std::string::npos, h);
        CHECK_MESSAGE(man.find(std::string(h)) != std::string::npos, h);
        CHECK_MESSAGE(doc.find(std::string(h)) != std::string::npos, h);
    }
}

TEST_CASE("exit codes: 0 same, 1 different, 2 errors; --git exits 0 on differences") {
    const std::string s = std::string(CASSETTE_SOURCE_DIR) + "/samples/";
    auto run = [](std::vector<std::string> args) {
        std::istringstream in;
        std::ostringstream out, err;
        cli::Io io{in, out, err};
        return cli::run(args, io);
    };
    CHECK(run({"diff", s + "openai-chat.yaml", s + "openai-chat.yaml"}) == 0);
    CHECK(run({"diff", s + "openai-chat.yaml", s + "stream-and-gzip.yaml"}) == 1);
    CHECK(run({"diff", s + "openai-chat.yaml", s + "missing.yaml"}) == 2);
    CHECK(run({"diff", "--git", "x.yaml", s + "openai-chat.yaml", "0", "100644", s + "stream-and-gzip.yaml", "1", "100644"}) == 0);
    CHECK(run({"diff", "--git", "x.yaml", s + "openai-chat.yaml"}) == 2);
}

}
