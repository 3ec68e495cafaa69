// A run over a big file starts the executable again with glibc's malloc on
// transparent huge pages (src/main.cpp, util/huge_pages.hpp): the decision,
// and that the restarted process does exactly what the first would have.
#include "util/huge_pages.hpp"

#include "go_tools.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using cassette::util::kHugePagesRestartBytes;
using cassette::util::named_file_bytes;
using cassette::util::tunables_with_huge_pages;
using testing_support::read_file;
using testing_support::run_process;
using testing_support::TempDir;
using testing_support::write_file;

TEST_SUITE("huge pages restart") {

TEST_CASE("GLIBC_TUNABLES gets glibc.malloc.hugetlb=1 unless it already says something about it") {
    CHECK(tunables_with_huge_pages(nullptr) == "glibc.malloc.hugetlb=1");
    CHECK(tunables_with_huge_pages("") == "glibc.malloc.hugetlb=1");
    CHECK(tunables_with_huge_pages("glibc.malloc.arena_max=2") == "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1");
    // A name that only starts like it is another tunable.
    CHECK(tunables_with_huge_pages("glibc.malloc.hugetlbx=0") == "glibc.malloc.hugetlbx=0:glibc.malloc.hugetlb=1");
    // The user's choice (0 turns the restart off) and our own, after the restart.
    CHECK_FALSE(tunables_with_huge_pages("glibc.malloc.hugetlb=0").has_value());
    CHECK_FALSE(tunables_with_huge_pages("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1").has_value());
    CHECK_FALSE(tunables_with_huge_pages("glibc.malloc.hugetlb=2:glibc.malloc.arena_max=2").has_value());
}

TEST_CASE("only regular files named on the command line count") {
    TempDir dir("restart");
    write_file(dir / "a.yaml", std::string(1000, 'a'));
    write_file(dir / "b.yaml", std::string(24, 'b'));
    std::filesystem::create_directory(dir / "sub");
    write_file(dir / "sub/c.yaml", std::string(5000, 'c'));
    CHECK(named_file_bytes({"lint", dir / "a.yaml", dir / "b.yaml"}) == 1024);
    // Folders are not walked; options and missing files are nothing.
    CHECK(named_file_bytes({"lint", dir / "sub", "--format", "json", dir / "missing.yaml"}) == 0);
    CHECK(named_file_bytes({"-v", "diff", dir / "a.yaml", dir / "a.yaml"}) == 2000);
}

TEST_CASE("a big cassette: the restarted run says so under -v and prints what an unrestarted run prints") {
    const std::string binary = std::string(CASSETTE_BINARY_DIR) + "/cassette";
    if (!std::filesystem::exists(binary)) {
        MESSAGE("skipped: the cassette binary is missing");
        return;
    }
    // The sample's interactions again and again, past the restart size.
    const std::string sample = read_file(std::string(CASSETTE_SOURCE_DIR) + "/samples/openai-chat.yaml");
    const size_t first = sample.find("    - id: 0\n");
    REQUIRE(first != std::string::npos);
    const std::string items = sample.substr(first);
    std::string big = sample.substr(0, first);
    while (big.size() < kHugePagesRestartBytes + 4096) big += items;
    TempDir dir("restart");
    write_file(dir / "big.yaml", big);
    // A sanitizer build (make sanitize) runs on without restarting.
    const bool thp = cassette::util::kRestartInThisBuild && cassette::util::transparent_huge_pages_available();

    const std::vector<std::vector<std::string>> runs = {
        {"-v", "lint", "--format", "json", dir / "big.yaml"},
        {"-v", "show", "-"},
        {"-v", "redact", "-o", "-", dir / "big.yaml"},
    };
    for (const auto& args : runs) {
        CAPTURE(args[1]);
        // stdin a regular file (its size counts) for "-": through a shell redirection.
        auto run = [&](const std::string& tunables) {
            std::string cmd = (tunables.empty() ? "unset GLIBC_TUNABLES; " : "export GLIBC_TUNABLES=" + tunables + "; ") +
                              "exec '" + binary + "'";
            for (const auto& a : args) cmd += " '" + a + "'";
            if (args.back() == "-") cmd += " < '" + (dir / "big.yaml") + "'";
            return run_process({"/bin/sh", "-c", cmd});
        };
        const auto restarted = run("");
        const auto plain = run("glibc.malloc.hugetlb=0");
        const std::string note = "cassette: big input: restarting with GLIBC_TUNABLES=glibc.malloc.hugetlb=1\n";
        CHECK((restarted.err.rfind(note, 0) == 0) == thp);
        CHECK(plain.err.find("restarting") == std::string::npos);
        CHECK(restarted.exit_code == plain.exit_code);
        CHECK(restarted.out == plain.out);
        CHECK(!restarted.out.empty());
    }
}

} // TEST_SUITE
