// empty: a cassette with no interactions.
#include "lint/rules/helpers.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    if (!c.interactions_present || !c.interactions.empty()) return; // missing: `required`
    ctx.report(c.interactions_key.begin, "the cassette has no interactions");
}

} // namespace

extern const Rule k_rule_empty{
    "empty", Severity::Warning, true, "The cassette has no interactions",
    R"(go-vcr v3.1.1+ saves a cassette even when the test made no request
(`interactions: []`). Such a file is usually left over from a test that was
renamed, skipped, or whose client bypassed the recorder's transport, and a
replay-only run with it fails on the first request. Delete the file or
record it again.

Failing:

    version: 2
    interactions: []

Passing:

    version: 2
    interactions:
        - id: 0
          ...
)",
    check};

} // namespace cassette::lint
