// Harness (e): the redactor. A secret (a GitHub token, one of the built-in
// detectors) is planted in one string of whatever cassette the input is,
// chosen by the input; after redact + the in-place writer:
//  - the output reads back as the redacted model (verify_written);
//  - the planted secret appears nowhere: not in the text, not in any value
//    read back from it (a !!binary or escaped form would hide it from grep).
#include "fuzz_check.hpp"

#include "model/walk.hpp"
#include "redact/redact.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <cstdint>

using namespace cassette;

namespace {

const std::string k_secret = "ghp_Zq3x9Lk2Vt7Rm4Pw8Ns1Yb6Hc5Jd0Fg2Ke4A";

const redact::Detector& detector() {
    static redact::Detector d{redact::DetectOptions{}};
    return d;
}

bool contains_secret(Cassette& c) {
    bool found = false;
    for_each_scalar(c, [&](Scalar& s, const ScalarSite&) { found = found || s.value.find(k_secret) != std::string::npos; });
    return found;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    detector();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    // The fuzzer learns the token from the comparisons below and writes it
    // into header names and unknown keys, which redact does not rewrite (by
    // design: see docs/bad-input.md). Only the planted copy is the property.
    if (input.find("ghp_") != std::string::npos) return 0;
    yaml::ReadResult r = yaml::read_cassette(std::move(input), "fuzz.yaml");
    if (!r.ok() || r.cassette->format() == 0) return 0;
    Cassette& c = *r.cassette;

    // Plant the secret, space-separated, in the n-th string value (n from the input).
    size_t strings = 0;
    for_each_scalar(c, [&](Scalar&, const ScalarSite& site) { strings += site.kind == ScalarKind::String; });
    if (strings == 0) return 0;
    size_t target = (size * 2654435761u + (size ? data[size / 2] : 0)) % strings, i = 0;
    for_each_scalar(c, [&](Scalar& s, const ScalarSite& site) {
        if (site.kind != ScalarKind::String || i++ != target) return;
        s.value += (s.value.empty() ? "" : " ") + k_secret + " ";
        s.dirty = true;
    });
    std::string planted = yaml::write_in_place(c);
    if (yaml::verify_written(c, planted)) return 0; // a writer problem: fuzz_emit's business
    yaml::ReadResult pr = yaml::read_cassette(planted, "fuzz.yaml");
    FUZZ_CHECK(pr.ok());
    Cassette& p = *pr.cassette;

    redact::Numbering numbering;
    redact::Report report = redact::redact(p, detector(), "REDACTED", numbering);
    const std::string out = yaml::write_in_place(p);
    auto problem = yaml::verify_written(p, out);
    FUZZ_CHECK(!problem, *problem + "\n--- written:\n" + out);
    FUZZ_CHECK(out.find(k_secret) == std::string::npos, "the planted secret survives in the text\n" + out);
    yaml::ReadResult back = yaml::read_cassette(out, "fuzz.yaml");
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(!contains_secret(*back.cassette), "the planted secret survives in a value\n" + out);
    (void)report;
    return 0;
}
