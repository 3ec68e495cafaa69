#include "corpus_files.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

namespace testing_support {

std::vector<std::string> sample_and_corpus_files() {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(std::string(CASSETTE_SOURCE_DIR) + "/samples"))
        if (e.path().extension() == ".yaml") files.push_back(e.path().string());
    const fs::path corpus = fs::path(CASSETTE_SHARED_DIR) / "corpus";
    if (fs::exists(corpus)) {
        for (const auto& e : fs::recursive_directory_iterator(corpus))
            if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path().string());
    } else {
        MESSAGE("corpus not found at " << corpus << ": only samples/ are checked");
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool shared_corpus_present() { return std::filesystem::exists(std::string(CASSETTE_SHARED_DIR) + "/corpus"); }

} // namespace testing_support
