#pragma once
// Run the command line in-process (cli::run) and keep what it printed: the
// unit tests that check a whole subcommand's exit code and streams.
#include "commands/common.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace testing_support {

struct Outcome {
    int code = -1;
    std::string out, err;
};

inline Outcome run_cassette(const std::vector<std::string>& args, const std::string& stdin_text = {}) {
    std::istringstream in(stdin_text);
    std::ostringstream out, err;
    cassette::cli::Io io{in, out, err};
    Outcome o;
    o.code = cassette::cli::run(args, io);
    o.out = out.str();
    o.err = err.str();
    return o;
}

} // namespace testing_support
