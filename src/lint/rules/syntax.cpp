// syntax: the file is not valid YAML (or uses what go-vcr's YAML libraries
// cannot give back to go-vcr, such as aliases).
#include "lint/rules/helpers.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    forward_reader(ctx, "syntax");
    // Aliases load in go-yaml but the reader refuses them (go-vcr never
    // writes them); they are reported here as the issue agreed.
    forward_reader(ctx, "alias");
}

} // namespace

extern const Rule k_rule_syntax{
    "syntax", Severity::Error, true, "The file is not valid YAML",
    R"(The file cannot be parsed as YAML, so go-vcr cannot load it (yaml.Unmarshal
fails and the test stops with that error). Also reported here: invalid UTF-8
outside a !!binary value, control characters, nesting deeper than 64 levels,
anchors/aliases (go-yaml resolves them, but go-vcr never writes them and
cassette cannot keep them when it edits a file), and a YAML document after the
cassette's that is not valid YAML (such documents are allowed: go-vcr reads
only the first, and cassette keeps the others as they are).

Failing:

    version: 2
    interactions:
        - request: {url: "https://example.com/
          method: GET

Passing:

    version: 2
    interactions:
        - request: {url: "https://example.com/", method: GET}
)",
    check, nullptr, 0, true};

} // namespace cassette::lint
