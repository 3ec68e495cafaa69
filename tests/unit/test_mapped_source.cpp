// A big cassette is read through a mapping of its file (util/mapped_file.hpp)
// whose pages are dropped as the reader goes: the model and every command's
// output must be what reading a copy of the bytes gives; a file changed or
// cut short while mapped must never be overwritten nor crash the process;
// a signal must not leave a temporary file behind (util/signals.hpp).
#include "run_cassette.hpp"
#include "commands/common.hpp"
#include "commands/output.hpp"
#include "lint/lint.hpp"
#include "model/dump.hpp"
#include "util/signals.hpp"
#include "yaml/reader.hpp"

#include "go_tools.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <functional>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace cassette;
using testing_support::read_file;
using testing_support::TempDir;
using testing_support::write_file;
namespace fs = std::filesystem;

namespace {

// The sample's interactions again and again, past the mapping size, with a
// secret in some of them (redact has something to do) and one scalar in
// another style than the canonical one (fmt has something to do).
std::string big_cassette() {
    const std::string sample = read_file(std::string(CASSETTE_SOURCE_DIR) + "/samples/openai-chat.yaml");
    const size_t first = sample.find("    - id: 0\n");
    REQUIRE(first != std::string::npos);
    std::string items = sample.substr(first);
    std::string big = sample.substr(0, first);
    for (size_t k = 0; big.size() < yaml::kMapMinBytes + (size_t(1) << 20); ++k) {
        std::string copy = items;
        if (k % 7 == 3) {
            const size_t at = copy.find("headers:\n");
            REQUIRE(at != std::string::npos);
            const size_t eol = copy.find('\n', at);
            const std::string indent(copy.find_first_not_of(' ', copy.rfind('\n', at) + 1) - (copy.rfind('\n', at) + 1) + 4, ' ');
            // A key of mixed letters and digits (a run of one letter reads as a placeholder).
            std::string noise;
            for (size_t j = 0; j < 40; ++j) noise += "aZ3kQ9mX7pL2wR5tY8bN4"[(k * 7 + j * 13) % 21];
            copy.insert(eol + 1, indent + "X-Api-Key:\n" + indent + "    - sk-proj-" + noise.substr(0, 20) + "T3BlbkFJ" +
                                     noise.substr(20) + "\n");
        }
        big += copy;
    }
    const size_t duration = big.find("duration: 88.12ms\n");
    REQUIRE(duration != std::string::npos);
    big.replace(duration, 18, "duration: '88.12ms'\n");
    return big;
}

using testing_support::Outcome;
using testing_support::run_cassette;

std::string describe(const yaml::ReadResult& r) {
    std::string out = r.ok() ? "ok\n" : "not ok\n";
    for (const auto& d : r.diagnostics) out += d.rule + " " + std::to_string(d.where.line) + " " + d.message + "\n";
    return out + (r.cassette ? dump_model(*r.cassette) : "no model\n");
}

// Runs `child` in a forked process; returns its wait status.
template <class F>
int in_child(F child) {
    std::cout.flush();
    std::cerr.flush();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        child();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

} // namespace

TEST_SUITE("mapped source") {

TEST_CASE("a big file is mapped, and reading it gives what reading its bytes gives") {
    TempDir dir("mapped");
    const std::string text = big_cassette();
    write_file(dir / "big.yaml", text);
    const yaml::ReadResult mapped = yaml::read_cassette_file(dir / "big.yaml");
    REQUIRE(mapped.cassette);
    CHECK(mapped.cassette->source.stamp() != nullptr);
    CHECK(mapped.pieces >= 1);
    const yaml::ReadResult copied = yaml::read_cassette(text, dir / "big.yaml");
    CHECK(copied.cassette->source.stamp() == nullptr);
    CHECK(describe(mapped) == describe(copied));
    // The dropped pages come back: the source still reads as the file.
    CHECK(mapped.cassette->source.view() == text);

    // Small files are read into memory as before.
    write_file(dir / "small.yaml", "version: 2\ninteractions: []\n");
    CHECK(yaml::read_cassette_file(dir / "small.yaml").cassette->source.stamp() == nullptr);
    CHECK_FALSE(yaml::map_source(dir / "small.yaml").has_value());
    CHECK_FALSE(yaml::map_source("-").has_value());
}

TEST_CASE("a file of 4 GiB or more is refused with a message (positions are 32-bit)") {
    TempDir dir("mapped");
    const std::string file = dir / "huge.yaml";
    write_file(file, "version: 2\ninteractions: []\n");
    // Sparse: no disk is used, and nothing reads it.
    REQUIRE(::truncate(file.c_str(), off_t(kMaxSourceBytes) + 2) == 0);
    const yaml::ReadResult r = yaml::read_cassette_file(file);
    CHECK_FALSE(r.cassette);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "too big: cassette reads files of up to 4 GiB");
    const Outcome shown = run_cassette({"show", file});
    CHECK(shown.code == 2);
    CHECK(shown.err == file + ": error: too big: cassette reads files of up to 4 GiB\n");
    const Outcome linted = run_cassette({"lint", file});
    CHECK(linted.code == 2);
    CHECK(linted.err.find("too big: cassette reads files of up to 4 GiB") != std::string::npos);
}

TEST_CASE("lint, fmt and redact on a mapped file do what they do on its bytes") {
    TempDir dir("mapped");
    const std::string text = big_cassette();
    write_file(dir / "big.yaml", text);

    const lint::Settings settings = lint::make_settings(nullptr, {}, {});
    const lint::FileResult from_file = lint::lint_file(dir / "big.yaml", settings);
    const lint::FileResult from_bytes = lint::lint_source(text, dir / "big.yaml", settings);
    REQUIRE(from_file.findings.size() == from_bytes.findings.size());
    CHECK(!from_file.findings.empty());
    for (size_t k = 0; k < from_file.findings.size(); ++k) {
        CHECK(from_file.findings[k].rule == from_bytes.findings[k].rule);
        CHECK(from_file.findings[k].where.offset == from_bytes.findings[k].where.offset);
        CHECK(from_file.findings[k].message == from_bytes.findings[k].message);
    }

    // fmt in place == fmt to stdout of the same bytes (from stdin: not mapped).
    const Outcome printed = run_cassette({"fmt", "-o", "-", dir / "big.yaml"});
    REQUIRE(printed.code == 0);
    CHECK(printed.out != text);
    // A big file's new text goes to the temporary file as it is written
    // (fmt.cpp): to another file, in place, and not at all when unchanged.
    const Outcome to_file = run_cassette({"fmt", "-o", dir / "out.yaml", dir / "big.yaml"});
    CHECK(to_file.code == 0);
    CHECK(read_file(dir / "out.yaml") == printed.out);
    fs::remove(dir / "out.yaml");
    const Outcome in_place = run_cassette({"fmt", dir / "big.yaml"});
    CHECK(in_place.code == 0);
    CHECK(read_file(dir / "big.yaml") == printed.out);
    const auto stamp = fs::last_write_time(dir / "big.yaml");
    const Outcome again = run_cassette({"fmt", dir / "big.yaml"});
    CHECK(again.code == 0);
    CHECK(fs::last_write_time(dir / "big.yaml") == stamp);
    CHECK(dir.names() == std::vector<std::string>{"big.yaml"});

    // redact in place: the secrets are gone, and only they changed.
    write_file(dir / "big.yaml", text);
    const Outcome redacted = run_cassette({"redact", dir / "big.yaml"});
    CHECK(redacted.code == 0);
    const std::string after = read_file(dir / "big.yaml");
    CHECK(after.find("T3BlbkFJ") == std::string::npos);
    CHECK(text.find("T3BlbkFJ") != std::string::npos);
    CHECK(redacted.err.find("T3BlbkFJ") == std::string::npos);
    CHECK(after.size() < text.size());
    const std::vector<std::string> names = {"big.yaml"};
    std::vector<std::string> left;
    left = dir.names();
    CHECK(left == names);
}

TEST_CASE("a mapped file changed before the rename is not overwritten") {
    TempDir dir("mapped");
    const std::string text = big_cassette();
    const std::string file = dir / "big.yaml";
    write_file(file, text);
    std::istringstream in;
    std::ostringstream out, err;
    cli::Io io{in, out, err};
    {
        std::optional<SourceText> read_as = yaml::map_source(file);
        REQUIRE(read_as);
        cli::PendingOutput pending(file, "---\n" + text, &*read_as);
        std::ofstream(file, std::ios::app) << "# edited meanwhile\n";
        CHECK_FALSE(pending.finish(io, "---\n" + text));
    }
    CHECK(err.str() == file + ": error: the file changed while cassette was processing it; not written (run again)\n");
    CHECK(read_file(file) == text + "# edited meanwhile\n");
    {
        // Replaced by another file (a new inode): not overwritten either.
        std::optional<SourceText> read_as = yaml::map_source(file);
        REQUIRE(read_as);
        write_file(dir / "other.yaml", text);
        fs::rename(dir / "other.yaml", file);
        cli::PendingOutput pending(file, "---\n" + text, &*read_as);
        CHECK_FALSE(pending.finish(io, "---\n" + text));
    }
    CHECK(read_file(file) == text);
    {
        // Untouched: written.
        std::optional<SourceText> read_as = yaml::map_source(file);
        REQUIRE(read_as);
        cli::PendingOutput pending(file, "---\n" + text, &*read_as);
        CHECK(pending.finish(io, "---\n" + text));
    }
    CHECK(read_file(file) == "---\n" + text);
}

TEST_CASE("a text written in pieces: a failed write is reported as such, and an unkept one is never flushed") {
    TempDir dir("mapped");
    const std::string file = dir / "out.yaml";
    auto produce = [](const std::function<bool(std::string_view)>& write) {
        const std::string piece(size_t(1) << 20, 'x');
        for (int k = 0; k < 4 && write(piece); ++k) {
        }
    };
    // A full disk (a file size limit, in a child process): nothing to map,
    // finish() names the write error and nothing is left.
    const std::string err_file = dir / "err.txt";
    const int status = in_child([&] {
        std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit limit {size_t(1) << 20, size_t(1) << 20};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(10);
        std::istringstream in;
        std::ostringstream out, err;
        cli::Io io{in, out, err};
        {
            cli::PendingOutput pending(file, produce, nullptr);
            if (pending.written()) ::_exit(11);
            if (pending.finish(io)) ::_exit(12);
        }
        std::ofstream(err_file) << err.str();
        ::_exit(0);
    });
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(read_file(err_file).rfind(file + ": error: cannot write: File too large", 0) == 0);
    CHECK(dir.names() == std::vector<std::string>{"err.txt"});
    fs::remove(err_file);

    // Written, mapped for the check, dropped without keep(): no file left.
    {
        cli::PendingOutput pending(file, produce, nullptr);
        std::optional<SourceText> text = pending.written();
        REQUIRE(text);
        CHECK(text->size() == size_t(4) << 20);
        CHECK(dir.names().size() == 1); // the temporary file
    }
    CHECK(dir.names().empty());
    // Kept and finished: in place.
    {
        std::istringstream in;
        std::ostringstream out, err;
        cli::Io io{in, out, err};
        cli::PendingOutput pending(file, produce, nullptr);
        pending.keep();
        CHECK(pending.finish(io));
    }
    CHECK(fs::file_size(file) == size_t(4) << 20);
}

TEST_CASE("a mapped file cut short by another process: a message and exit status 2, not a crash") {
    TempDir dir("mapped");
    const std::string file = dir / "big.yaml";
    write_file(file, big_cassette());
    const std::string err_file = dir / "err.txt";
    const std::string temp = dir / ".big.yaml.tmp-test";
    write_file(temp, "half-written");
    const int status = in_child([&] {
        std::freopen(err_file.c_str(), "w", stderr);
        util::install_signal_handlers(); // over doctest's own
        std::optional<SourceText> source = yaml::map_source(file);
        if (!source) ::_exit(10);
        util::remember_temporary(temp);
        if (::truncate(file.c_str(), 0) != 0) ::_exit(11);
        volatile char last = source->view().back(); // the page is gone: SIGBUS
        (void)last;
        ::_exit(12);
    });
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(read_file(err_file) == file +
                                     ": error: the file was cut short by another process while cassette read it; "
                                     "nothing was written (run again)\n");
    CHECK_FALSE(fs::exists(temp));
}

TEST_CASE("a signal that stops the process removes the temporary files it was writing") {
    TempDir dir("signals");
    const std::string temp = dir / ".c.yaml.tmp-abc";
    const std::string kept = dir / ".d.yaml.tmp-abc";
    write_file(temp, "half-written");
    write_file(kept, "committed meanwhile");
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        CAPTURE(sig);
        write_file(temp, "half-written");
        const int status = in_child([&] {
            util::install_signal_handlers(); // over doctest's own
            util::remember_temporary(temp);
            util::forget_temporary(util::remember_temporary(kept));
            ::raise(sig);
            ::_exit(12);
        });
        // The process still dies of the signal (a shell then says 130 for ^C).
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == sig);
        CHECK_FALSE(fs::exists(temp));
        CHECK(fs::exists(kept));
    }
}

} // TEST_SUITE
