// version: `version` missing or not one go-vcr has written.
#include "lint/rules/helpers.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    if (!c.version.present) {
        ctx.report(Mark{1, 1, 0}, "missing `version` (go-vcr writes `version: 1` before v3 and `version: 2` since)");
        return;
    }
    auto v = c.version.as_int();
    if (!v) {
        // A string or a null: `type` reports a string; a null decodes to 0.
        if (c.version.value.value.empty())
            ctx.report(c.version.value.span.begin, "`version` is empty (go-vcr writes 1 or 2)");
        return;
    }
    if (*v != 1 && *v != 2)
        ctx.report(c.version.value.span.begin,
                   "unsupported cassette version " + std::to_string(*v) + " (go-vcr writes 1 or 2)");
}

} // namespace

extern const Rule k_rule_version{
    "version", Severity::Error, true, "`version` is missing or not 1 or 2",
    R"(Every cassette starts with `version:`. go-vcr v0..v2.x write `version: 1`
(format 1: no `id`, fewer request/response fields), go-vcr v3 and v4 write
`version: 2` and refuse any other value when loading ("required version of
cassette is v2" in v3, "unsupported cassette version format: 2" in v4).
No other version exists. Without a known version the format-dependent rules
(required, unknown-key, duration, id) cannot judge the file and are skipped.

Failing:

    interactions: []

    version: 3
    interactions: []

Passing:

    version: 2
    interactions: []
)",
    check};

} // namespace cassette::lint
