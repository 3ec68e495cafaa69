// Harness (h): detection by shape through atoms (redact/patterns.hpp). For
// any text, the patterns found through their atoms, anchored where an atom
// says a match could start, are exactly those RE2 finds running each
// pattern over the whole text (DetectOptions::ForTests::by_atoms off): same detector
// ids, same byte ranges, same order.
#include "fuzz_check.hpp"

#include "redact/detect.hpp"

#include <cstdint>

using namespace cassette;

namespace {

const redact::Detector& detector(bool atoms) {
    static redact::Detector with = [] {
        redact::DetectOptions o;
        o.for_tests.by_atoms = true;
        return redact::Detector(o);
    }();
    static redact::Detector without = [] {
        redact::DetectOptions o;
        o.for_tests.by_atoms = false;
        return redact::Detector(o);
    }();
    return atoms ? with : without;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    detector(true);
    detector(false);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto got = redact::pattern_matches(detector(true), text);
    const auto expected = redact::pattern_matches(detector(false), text);
    if (got != expected) {
        std::string detail = "atoms:";
        for (const auto& m : got) detail += " " + m.id + "[" + std::to_string(m.begin) + "," + std::to_string(m.end) + ")";
        detail += "\nset:  ";
        for (const auto& m : expected)
            detail += " " + m.id + "[" + std::to_string(m.begin) + "," + std::to_string(m.end) + ")";
        fuzz::fail("pattern matches through atoms differ from RE2 alone", detail);
    }
    return 0;
}
