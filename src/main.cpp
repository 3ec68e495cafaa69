// The executable: only this file touches the real streams and the process
// exit code; everything else runs in-process from cli::run.
#include "commands/common.hpp"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    std::vector<std::string> args(argv + 1, argv + argc);
    const bool no_color = std::getenv("NO_COLOR") != nullptr && *std::getenv("NO_COLOR") != '\0';
    cassette::cli::Io io{std::cin, std::cout, std::cerr, !no_color && isatty(1) == 1, !no_color && isatty(2) == 1,
                         isatty(2) == 1};
    int code = cassette::cli::run(args, io);
    std::cout.flush();
    return code;
}
