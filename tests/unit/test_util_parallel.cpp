// The one thread budget (util/parallel.hpp) and `-j` on every subcommand:
// a budget of one runs everything on the calling thread and starts no
// thread anywhere; -j1 and -j2 give the same output on a file big enough
// to be read, searched, compared and checked in pieces.
#include "run_cassette.hpp"
#include "temp_dir.hpp"
#include "util/parallel.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace cassette;
using testing_support::Outcome;
using testing_support::run_cassette;
using testing_support::TempDir;

TEST_CASE("a budget of one runs every part on the calling thread and starts no thread") {
    const util::ThreadBudget one;
    CHECK(one.single());
    CHECK(one.split(size_t(1) << 30, util::split_at::kReadBytes) == 1);
    const size_t before = util::threads_started();
    std::vector<int> done(5, 0);
    std::set<std::thread::id> ids;
    one.run(5, [&](size_t k) {
        ++done[k];
        ids.insert(std::this_thread::get_id());
    });
    CHECK(done == std::vector<int>(5, 1));
    CHECK(ids == std::set<std::thread::id>{std::this_thread::get_id()});
    CHECK(util::threads_started() == before);
    // The first exception by index comes back after every part ran.
    done.assign(5, 0);
    CHECK_THROWS_WITH(one.run(5,
                              [&](size_t k) {
                                  ++done[k];
                                  if (k == 1 || k == 3) throw std::runtime_error("part " + std::to_string(k));
                              }),
                      "part 1");
    CHECK(done == std::vector<int>(5, 1));
    CHECK(util::ThreadBudget(0).single()); // never less than one
    CHECK(util::ThreadBudget(8).share(16).single());
}

TEST_CASE("a bigger budget splits work from its threshold on, into at most kMaxSplit parts, on at most its threads") {
    const util::ThreadBudget two(2);
    CHECK(two.split(util::split_at::kReadBytes - 1, util::split_at::kReadBytes) == 1);
    CHECK(two.split(util::split_at::kReadBytes, util::split_at::kReadBytes) == 2);
    CHECK(util::ThreadBudget(64).split(size_t(1) << 30, 1) == util::kMaxSplit);
    CHECK(util::ThreadBudget(6).share(2).size() == 3);
    CHECK(util::ThreadBudget::always_split(7).split(0, util::split_at::kReadBytes) == 7);
    CHECK(util::ThreadBudget::always_split(7).share(7).split(0, 1) == 1);

    size_t before = util::threads_started();
    std::vector<int> done(2, 0);
    two.run(2, [&](size_t k) { ++done[k]; });
    CHECK(done == std::vector<int>(2, 1));
    CHECK(util::threads_started() == before + 1); // part 0 ran on the calling thread

    // More parts than threads: every part runs once, on at most 3 threads.
    before = util::threads_started();
    std::mutex m;
    std::set<std::thread::id> ids;
    std::vector<int> many(50, 0);
    util::ThreadBudget(3).run(50, [&](size_t k) {
        std::lock_guard<std::mutex> lock(m);
        ++many[k];
        ids.insert(std::this_thread::get_id());
    });
    CHECK(many == std::vector<int>(50, 1));
    CHECK(ids.size() <= 3);
    CHECK(util::threads_started() == before + 2);
}

namespace {

// A go-vcr v4 cassette of `n` interactions (~1.3 KB each) with a bearer
// token, a GitHub token in a JSON body and an api_key per interaction;
// `salt` changes some of the values (a re-recording, for diff).
std::string big_cassette(size_t n, int salt) {
    std::ostringstream s;
    s << "---\nversion: 2\ninteractions:\n";
    uint64_t x = 88172645463325252ULL + uint64_t(salt);
    auto token = [&](size_t len) {
        static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        std::string t;
        for (size_t i = 0; i < len; ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            t += a[x % 62];
        }
        return t;
    };
    for (size_t i = 0; i < n; ++i) {
        const bool changed = salt != 0 && i % 7 == 3;
        s << "    - id: " << i << "\n"
          << "      request:\n"
          << "        proto: HTTP/1.1\n        proto_major: 1\n        proto_minor: 1\n        content_length: 0\n"
          << "        host: api.example.com\n"
          << "        body: '{\"query\":\"items\",\"page\":" << i << ",\"api_key\":\"" << token(32) << "\"}'\n"
          << "        headers:\n            Authorization:\n                - Bearer sk-proj-" << token(48) << "\n"
          << "        url: https://api.example.com/v1/items/" << i << "\n        method: POST\n"
          << "      response:\n        proto: HTTP/1.1\n        proto_major: 1\n        proto_minor: 1\n"
          << "        content_length: -1\n        uncompressed: false\n"
          << "        body: '{\"id\":" << i << ",\"owner\":\"ghp_" << token(36) << "\",\"note\":\""
          << (changed ? "changed " : "") << token(700) << "\"}'\n"
          << "        headers:\n            Content-Type:\n                - application/json\n"
          << "        status: 200 OK\n        code: 200\n        duration: " << (i % 50) << ".5ms\n";
    }
    return s.str();
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f << text;
}

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

struct Run {
    Outcome outcome;
    std::string written; // the -o file, if any
    size_t threads = 0;  // threads started during the run
};

} // namespace

TEST_CASE("every subcommand that works on threads gives the same output with -j1 and -j2, and -j1 starts none") {
    TempDir dir("jobs");
    const std::string a = dir / "a.yaml", b = dir / "b.yaml", many = dir / "many";
    write_file(a, big_cassette(900, 0));
    write_file(b, big_cassette(900, 1));
    REQUIRE(read_file(a).size() > util::split_at::kReadBytes);
    std::filesystem::create_directory(many);
    for (int k = 0; k < 4; ++k) write_file(many + "/m" + std::to_string(k) + ".yaml", big_cassette(40, k));

    // "OUT" stands for the -o file.
    const std::vector<std::vector<std::string>> cases = {
        {"lint", a},
        {"lint", many},
        {"lint", "--format", "json", a, b},
        {"redact", "-o", "OUT", a},
        {"redact", "--check", a},
        {"redact", "--report", "json", "--dry-run", a},
        {"fmt", "-o", "OUT", a},
        {"fmt", "--pretty-json", "-o", "OUT", a},
        {"show", a},
        {"convert", "--to", "json", a},
        {"convert", "--to", "v1", "-o", "OUT", a},
        {"diff", a, b},
        {"diff", "--format", "json", a, b},
    };
    for (const auto& c : cases) {
        Run runs[2];
        for (int j = 1; j <= 2; ++j) {
            std::vector<std::string> args = c;
            const std::string out = dir / ("out" + std::to_string(j) + ".yaml");
            for (auto& x : args)
                if (x == "OUT") x = out;
            args.insert(args.begin() + 1, "-j" + std::to_string(j));
            const size_t before = util::threads_started();
            runs[j - 1].outcome = run_cassette(args);
            runs[j - 1].threads = util::threads_started() - before;
            runs[j - 1].written = read_file(out);
            std::filesystem::remove(out);
            // The -o path is the only thing allowed to differ in messages.
            std::string& err = runs[j - 1].outcome.err;
            for (size_t p; (p = err.find(out)) != std::string::npos;) err.replace(p, out.size(), "OUT");
        }
        std::string line;
        for (const auto& x : c) line += x.find(dir.path) == 0 ? " " + x.substr(dir.path.size() + 1) : " " + x;
        CAPTURE(line);
        CHECK(runs[0].outcome.code == runs[1].outcome.code);
        CHECK(runs[0].outcome.code != 2);
        CHECK(runs[0].outcome.out == runs[1].outcome.out);
        CHECK(runs[0].outcome.err == runs[1].outcome.err);
        CHECK(runs[0].written == runs[1].written);
        CHECK(runs[0].threads == 0);
        CHECK(runs[1].threads > 0);
    }
}

TEST_CASE("-j takes 1 to 1024 on every subcommand that reads cassettes") {
    for (const char* sub : {"lint", "redact", "fmt", "show", "convert", "diff"}) {
        CAPTURE(sub);
        for (const char* bad : {"-j0", "-jx", "-j2000"}) {
            Outcome o = run_cassette({sub, bad, "x.yaml"});
            CHECK(o.code == 2);
        }
    }
}
