#pragma once
// What every harness shares: a check that aborts with a message (libFuzzer
// then saves the input as a crash), and loading of files at start-up.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

// A property that must hold: print what failed and abort, so libFuzzer
// records the input (an assert would vanish under NDEBUG).
[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
    std::fprintf(stderr, "\nFUZZ CHECK FAILED: %s\n", what);
    // FUZZ_DUMP=path: the whole detail (e.g. the written cassette) for a closer look.
    if (const char* dump = std::getenv("FUZZ_DUMP"); dump && !detail.empty()) {
        std::ofstream(dump, std::ios::binary) << detail;
    }
    if (!detail.empty()) {
        // Enough to see the problem, not megabytes of it.
        std::fprintf(stderr, "%.*s\n", int(detail.size() > 4000 ? 4000 : detail.size()), detail.data());
    }
    std::abort();
}

#define FUZZ_CHECK(cond, ...)                                                                                          \
    do {                                                                                                               \
        if (!(cond)) ::fuzz::fail(#cond __VA_OPT__(, ) __VA_ARGS__);                                                   \
    } while (0)

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The *.yaml files of a folder of the source tree, sorted (deterministic).
inline std::vector<std::string> source_files(const char* folder) {
    std::vector<std::filesystem::path> paths;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(std::string(CASSETTE_SOURCE_DIR) + "/" + folder, ec))
        if (e.path().extension() == ".yaml") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    std::vector<std::string> out;
    for (const auto& p : paths) out.push_back(read_file(p));
    return out;
}

} // namespace fuzz
