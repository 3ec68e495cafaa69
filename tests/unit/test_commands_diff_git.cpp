// cassette diff as git's external diff driver, in a scratch repository with
// the real git: the configuration documented in docs/diff.md.
#include "go_tools.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;
using testing_support::run_process;
using testing_support::read_file;
using testing_support::write_file;

namespace {

struct Repo {
    fs::path dir;
    Repo() {
        char tmpl[] = "/tmp/cassette-git-XXXXXX";
        REQUIRE(mkdtemp(tmpl));
        dir = tmpl;
    }
    ~Repo() { fs::remove_all(dir); }
    testing_support::RunResult git(std::vector<std::string> args, std::vector<std::string> env = {}) {
        // No user or system configuration, no pager, no colour.
        std::vector<std::string> cmd{"/usr/bin/env", "-C", dir.string(), "HOME=" + dir.string(), "GIT_CONFIG_NOSYSTEM=1",
                                     "NO_COLOR=1", "GIT_PAGER=cat"};
        for (auto& e : env) cmd.push_back(e);
        cmd.push_back("git");
        cmd.push_back("-c");
        cmd.push_back("user.name=t");
        cmd.push_back("-c");
        cmd.push_back("user.email=t@example.com");
        for (auto& a : args) cmd.push_back(a);
        return run_process(cmd);
    }
};

bool have_git() {
    return run_process({"/usr/bin/env", "git", "--version"}).exit_code == 0;
}

const std::string k_binary = std::string(CASSETTE_BINARY_DIR) + "/cassette";

} // namespace

TEST_SUITE("commands::diff git") {

TEST_CASE("diff.cassette.command + .gitattributes, added files, and GIT_EXTERNAL_DIFF") {
    if (!have_git() || !fs::exists(k_binary)) {
        MESSAGE("skipped: git or the cassette binary is missing");
        return;
    }
    Repo r;
    REQUIRE(r.git({"init", "-q"}).exit_code == 0);
    REQUIRE(r.git({"config", "diff.cassette.command", k_binary + " diff --git"}).exit_code == 0);
    write_file((r.dir / ".gitattributes").string(), "*.yaml diff=cassette\n");
    const std::string sample = read_file(std::string(CASSETTE_SOURCE_DIR) + "/samples/openai-chat.yaml");
    write_file((r.dir / "chat.yaml").string(), sample);
    REQUIRE(r.git({"add", "."}).exit_code == 0);
    REQUIRE(r.git({"commit", "-qm", "one"}).exit_code == 0);

    // A re-record: new date and request id (ignored), new answer (shown).
    std::string changed = sample;
    changed.replace(changed.find("It is 40C in Florence."), 22, "Hot: 40C!");
    changed.replace(changed.find("req_4f6a1c2e9b"), 14, "req_0000000000");
    write_file((r.dir / "chat.yaml").string(), changed);
    auto d = r.git({"diff"});
    CHECK(d.exit_code == 0);
    CHECK(d.out.find("diff --cassette a/chat.yaml b/chat.yaml") != std::string::npos);
    CHECK(d.out.find("~ response.body$.choices[0].message.content: \"It is 40C in Florence.\" -> \"Hot: 40C!\"") !=
          std::string::npos);
    CHECK(d.out.find("req_") == std::string::npos);
    CHECK(d.out.find("Q3xT9vLmR2pK8wZs4YhN6bJc1FgD5aUe7VtX0iWq3oPl") == std::string::npos);

    // A new file: git passes /dev/null as the old side.
    write_file((r.dir / "more.yaml").string(), sample);
    REQUIRE(r.git({"add", "more.yaml"}).exit_code == 0);
    auto added = r.git({"diff", "--cached", "more.yaml"});
    CHECK(added.exit_code == 0);
    CHECK(added.out.find("+ #0 POST https://api.openai.com/v1/chat/completions (added)") != std::string::npos);

    // One-off use without configuration.
    REQUIRE(r.git({"config", "--unset", "diff.cassette.command"}).exit_code == 0);
    auto plain = r.git({"diff", "chat.yaml"});
    CHECK(plain.out.find("diff --cassette") == std::string::npos);
    auto oneoff = r.git({"diff", "--ext-diff", "chat.yaml"}, {"GIT_EXTERNAL_DIFF=" + k_binary + " diff --git"});
    CHECK(oneoff.exit_code == 0);
    CHECK(oneoff.out.find("diff --cassette a/chat.yaml b/chat.yaml") != std::string::npos);
}

}
