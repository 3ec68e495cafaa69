// "A secret never appears in our own output": for every golden case, the
// secrets the detectors find in its input cassettes must not appear in full
// in what the command printed — except where stdout is the cassette data
// itself (fmt/redact/convert writing a file to '-').
#include "go_tools.hpp"
#include "redact/detect.hpp"
#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

using namespace cassette;
namespace fs = std::filesystem;

TEST_CASE("golden outputs never contain a secret of their inputs") {
    const fs::path cases = fs::path(CASSETTE_SOURCE_DIR) / "tests" / "cases";
    redact::DetectOptions options;
    redact::Detector detector(options);
    int checked = 0, secrets_seen = 0;
    for (const auto& dir : fs::recursive_directory_iterator(cases)) {
        if (!dir.is_directory() || !fs::exists(dir.path() / "args")) continue;
        const std::string args = testing_support::read_file((dir.path() / "args").string());
        // Commands whose stdout is a cassette or HAR (the data, not a report).
        const bool data_out = args.rfind("convert", 0) == 0 ||
                              ((args.rfind("fmt", 0) == 0 || args.rfind("redact", 0) == 0) &&
                               (args.find("\n-\n") != std::string::npos || args.find("\n-o\n-") != std::string::npos ||
                                args.find("--output\n-") != std::string::npos));
        std::vector<std::string> outputs;
        for (const char* name : {"expected.out", "expected.err"}) {
            if (std::string(name) == "expected.out" && data_out) continue;
            fs::path p = dir.path() / name;
            if (fs::exists(p)) outputs.push_back(testing_support::read_file(p.string()));
        }
        if (outputs.empty()) continue;
        for (const auto& f : fs::recursive_directory_iterator(dir.path())) {
            const std::string fname = f.path().filename().string();
            if (!f.is_regular_file() || (f.path().extension() != ".yaml" && fname != "stdin")) continue;
            if (f.path().parent_path().filename() == "expected") continue;
            auto r = yaml::read_cassette_file(f.path().string());
            if (!r.ok()) continue;
            for (const auto& s : detector.detect(*r.cassette)) {
                if (s.value.size() < 8) continue; // short values ("foo") occur in prose by chance
                ++secrets_seen;
                for (const auto& out : outputs) {
                    CAPTURE(dir.path().string());
                    CAPTURE(s.masked);
                    CHECK(out.find(s.value) == std::string::npos);
                }
            }
        }
        ++checked;
    }
    MESSAGE(checked << " golden cases checked, " << secrets_seen << " secrets looked for");
    CHECK(secrets_seen > 10);
}
