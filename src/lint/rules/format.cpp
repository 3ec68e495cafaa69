// format: the file is not in its writer's canonical layout.
#include "lint/rules/helpers.hpp"
#include "yaml/writer.hpp"

#include <algorithm>

namespace cassette::lint {

namespace {

// 1-based line and column of the first byte where a and b differ.
Mark first_difference(std::string_view a, std::string_view b) {
    size_t n = std::min(a.size(), b.size()), k = 0;
    while (k < n && a[k] == b[k]) ++k;
    Mark m{1, 1, uint32_t(k)};
    for (size_t j = 0; j < k; ++j) {
        if (a[j] == '\n') {
            ++m.line;
            m.column = 1;
        } else if ((static_cast<unsigned char>(a[j]) & 0xC0) != 0x80) {
            ++m.column;
        }
    }
    return m;
}

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    if (ctx.format() == 0) return;
    const std::string text = yaml::write_canonical(c, c.layout);
    if (text == c.source) return;
    // As `fmt --check`: bytes another known writer saves exactly are canonical.
    if (yaml::canonical_elsewhere(c)) return;
    ctx.report(first_difference(c.source, text),
               "not in the canonical " + c.layout.name() + " layout from here on (run `cassette fmt`)");
}

} // namespace

extern const Rule k_rule_format{
    "format", Severity::Warning, false, "The file is not in its writer's canonical layout (off by default)",
    R"(The file differs from what its writer (yaml.v2, yaml.v3, yaml/v4, goccy,
detected from the layout) would save for the same content: hand edits with
other indentation or quoting, unsorted header names, a missing `---` or
final newline. It is the same check as `cassette fmt --check`, reported at
the first differing position. Off by default, because go-vcr loads such
files fine; turn it on to keep cassettes diff-friendly:

    lint:
      rules:
        format: warning

Failing:

    version: 2
    interactions: []

(go-vcr writes `---` first.)

Passing:

    ---
    version: 2
    interactions: []
)",
    check, nullptr, 0, false, /*fixable=*/true};

} // namespace cassette::lint
