// duplicate-key: a key repeated in one mapping.
#include "lint/rules/helpers.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) { forward_reader(ctx, "duplicate-key"); }

} // namespace

extern const Rule k_rule_duplicate_key{
    "duplicate-key", Severity::Error, true, "A key is repeated in one mapping",
    R"(A mapping holds the same key twice. gopkg.in/yaml.v3 and yaml/v4 (go-vcr
v2.1 and later) refuse to load the file ("mapping key "body" already defined
at line 4"); yaml.v2 (older go-vcr) silently keeps the last value, so a
reader of the file may see a different value than the test does. Header
names count as keys: two `Accept:` entries in one `headers` mapping are
duplicates (list both values under one key instead).

Failing:

        response:
            body: '{"ok":true}'
            body: ""

Passing:

        response:
            body: '{"ok":true}'
)",
    check, nullptr, 0, true};

} // namespace cassette::lint
