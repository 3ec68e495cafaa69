// secret: an unredacted secret. Uses cassette redact's detectors.
// Placeholder until src/redact/detect.hpp lands (branch helper-redact).
#include "lint/rules/helpers.hpp"

namespace cassette::lint {

namespace {

void check(Context&) {}

} // namespace

extern const Rule k_rule_secret{
    "secret", Severity::Error, true, "An unredacted secret (not yet wired to the redact detectors)",
    R"(Not implemented yet: waits for the redact detectors.)", check};

} // namespace cassette::lint
