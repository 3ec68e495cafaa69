// unused-suppression: a `# cassette: ignore[...]` comment that suppresses nothing.
// The engine (lint.cpp) makes these findings after the other rules ran;
// this file carries the rule's identity and documentation.
#include "lint/rules/helpers.hpp"

namespace cassette::lint {

namespace {

void check(Context&) {}

} // namespace

extern const Rule k_rule_unused_suppression{
    "unused-suppression", Severity::Warning, true, "A suppression comment suppresses nothing",
    R"(A comment `# cassette: ignore[rule, ...]` on a line, or alone on the line
above, silences those rules' findings on that line (`# cassette: ignore`
without a list silences every rule there). When the problem is fixed the
comment stays behind and would hide the next, different problem on that
line; this rule reports such comments, and ids that are not rules. go-vcr
drops comments when it saves, so suppressions only survive in files it
does not rewrite.

Failing (the status agrees with the code):

              status: 200 OK  # cassette: ignore[status]
              code: 200

Passing:

              # cassette: ignore[status]
              status: 200 OK
              code: 404
)",
    check, nullptr, 0, false, /*fixable=*/true};

} // namespace cassette::lint
