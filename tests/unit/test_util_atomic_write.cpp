#include "util/atomic_write.hpp"

#include "go_tools.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace cassette::util;
namespace fs = std::filesystem;
using testing_support::read_file;
using testing_support::write_file;

namespace {

struct TempDir : testing_support::TempDir {
    TempDir() : testing_support::TempDir("aw") {}
    size_t entries() const { return names().size(); }
};

mode_t mode_of(const std::string& p) {
    struct stat st;
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

// Runs fn in a child process (to change uid or limits without affecting the
// test runner); returns its exit code.
template <typename Fn>
int in_child(Fn fn) {
    const pid_t pid = ::fork();
    if (pid == 0) _exit(fn());
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

} // namespace

TEST_SUITE("util::atomic_write") {

TEST_CASE("creates a new file with 0644 minus the umask") {
    TempDir dir;
    const mode_t old = ::umask(022);
    CHECK_FALSE(atomic_write(dir / "new.yaml", "hello\n").has_value());
    ::umask(old);
    CHECK(read_file(dir / "new.yaml") == "hello\n");
    CHECK(mode_of(dir / "new.yaml") == 0644);
    CHECK(dir.entries() == 1u); // no temporary file left behind
}

TEST_CASE("replaces the content and keeps the mode") {
    TempDir dir;
    for (const mode_t mode : {mode_t{0600}, mode_t{0755}}) {
        const std::string p = dir / "c.yaml";
        write_file(p, "old content that is longer");
        REQUIRE(::chmod(p.c_str(), mode) == 0);
        CHECK_FALSE(atomic_write(p, "new").has_value());
        CHECK(read_file(p) == "new");
        CHECK(mode_of(p) == mode);
        CHECK(dir.entries() == 1u);
    }
}

TEST_CASE("a symlink stays a symlink and its target is replaced") {
    TempDir dir;
    fs::create_directory(dir / "real");
    write_file(dir / "real/c.yaml", "old");
    REQUIRE(::chmod((dir / "real/c.yaml").c_str(), 0600) == 0);
    fs::create_symlink("real/c.yaml", dir / "link.yaml"); // relative link
    fs::create_symlink(dir / "link.yaml", dir / "link2.yaml"); // a chain
    CHECK_FALSE(atomic_write(dir / "link2.yaml", "new").has_value());
    CHECK(fs::is_symlink(dir / "link.yaml"));
    CHECK(fs::is_symlink(dir / "link2.yaml"));
    CHECK(read_file(dir / "real/c.yaml") == "new");
    CHECK(mode_of(dir / "real/c.yaml") == 0600);
    CHECK(dir.entries() == 3u); // the temp file was in real/, and is gone
    CHECK(std::distance(fs::directory_iterator(dir / "real"), fs::directory_iterator{}) == 1);
}

TEST_CASE("a dangling symlink gets its target created") {
    TempDir dir;
    fs::create_symlink("missing.yaml", dir / "link.yaml");
    CHECK_FALSE(atomic_write(dir / "link.yaml", "made").has_value());
    CHECK(fs::is_symlink(dir / "link.yaml"));
    CHECK(read_file(dir / "missing.yaml") == "made");
}

TEST_CASE("empty data and large data are written in full") {
    TempDir dir;
    CHECK_FALSE(atomic_write(dir / "e", "").has_value());
    CHECK(read_file(dir / "e").empty());
    std::string big(8 << 20, 'x');
    big[12345] = '\n';
    CHECK_FALSE(atomic_write(dir / "b", big).has_value());
    CHECK(read_file(dir / "b") == big);
}

TEST_CASE("an unwritable directory gives an error and leaves the original") {
    TempDir dir;
    const std::string p = dir / "c.yaml";
    write_file(p, "original");
    REQUIRE(::chmod(p.c_str(), 0666) == 0);
    REQUIRE(::chmod(dir.path.c_str(), 0555) == 0);
    // root ignores directory permissions: drop to "nobody" in a child.
    const int code = in_child([&] {
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) return 3;
        const auto err = atomic_write(p, "new");
        if (!err) return 1;
        return err->find("cannot create a temporary file") != std::string::npos ? 0 : 2;
    });
    CHECK(code == 0);
    REQUIRE(::chmod(dir.path.c_str(), 0755) == 0);
    CHECK(read_file(p) == "original");
    CHECK(dir.entries() == 1u);
}

TEST_CASE("a failed write removes the temporary file and keeps the original") {
    TempDir dir;
    const std::string p = dir / "c.yaml";
    write_file(p, "original");
    const int code = in_child([&] {
        // Files may not grow past 1 KiB: write(2) fails with EFBIG.
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit lim{1024, 1024};
        if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) return 3;
        const auto err = atomic_write(p, std::string(100000, 'y'));
        if (!err) return 1;
        return err->find("cannot write") != std::string::npos ? 0 : 2;
    });
    CHECK(code == 0);
    CHECK(read_file(p) == "original");
    CHECK(dir.entries() == 1u);
}

TEST_CASE("refuses to replace a directory") {
    TempDir dir;
    fs::create_directory(dir / "sub");
    const auto err = atomic_write(dir / "sub", "x");
    REQUIRE(err.has_value());
    CHECK(err->find("not a regular file") != std::string::npos);
    CHECK(fs::is_directory(dir / "sub"));
}

} // TEST_SUITE
