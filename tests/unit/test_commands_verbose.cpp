// -v: the time of each step of fmt and redact, one line per file on stderr.
#include "commands/common.hpp"

#include "go_tools.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <sstream>

using testing_support::read_file;
using testing_support::write_file;

namespace {

struct Run {
    int code = -1;
    std::string err;
};

Run run_cli(const std::vector<std::string>& args) {
    std::istringstream in;
    std::ostringstream out, err;
    cassette::cli::Io io{in, out, err};
    Run r;
    r.code = cassette::cli::run(args, io);
    r.err = err.str();
    return r;
}

std::string copy_sample(const std::string& dir, const std::string& name) {
    const std::string to = dir + "/" + name;
    write_file(to, read_file(std::string(CASSETTE_SOURCE_DIR) + "/samples/" + name));
    return to;
}

} // namespace

TEST_CASE("-v prints the steps of redact and fmt, and nothing without it") {
    testing_support::TempDir dir("verbose");
    const std::string file = copy_sample(dir.path, "openai-chat.yaml");
    const std::string ms = R"( [0-9]+\.[0-9] ms)";
    auto has_line = [&](const std::string& err, const std::string& steps) {
        return std::regex_search(err, std::regex("(^|\n)" + file + ": " + steps + "\n"));
    };

    Run check = run_cli({"-v", "redact", "--check", file});
    CHECK(check.code == 1);
    CHECK(has_line(check.err, "search" + ms));

    Run quiet = run_cli({"redact", file + ".missing"});
    CHECK(quiet.err.find(" ms") == std::string::npos);

    Run redact = run_cli({"-v", "redact", file});
    CHECK(redact.code == 0);
    CHECK(has_line(redact.err, "search" + ms + ", write" + ms + ", verify" + ms + ", save" + ms));

    Run fmt = run_cli({"-v", "fmt", "--pretty-json", file});
    CHECK(fmt.code == 0);
    CHECK(has_line(fmt.err, "json" + ms + ", write" + ms + ", verify" + ms + "(, save" + ms + ")?"));

    Run plain = run_cli({"redact", file});
    CHECK(plain.err.find(" ms") == std::string::npos);
}
