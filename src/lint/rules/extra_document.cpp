// extra-document: YAML documents after the cassette's (off by default).
#include "lint/rules/helpers.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    const size_t n = c.notes.documents.size();
    for (size_t k = 0; k < n; ++k) {
        const Node& d = c.notes.documents[k];
        const Mark at = d.kind == Node::Kind::Scalar ? d.scalar.span.begin : d.span.begin;
        ctx.report(at.line ? at : Mark{1, 1, 0},
                   "YAML document " + std::to_string(k + 2) +
                       " after the cassette's: go-vcr never reads it, and drops it when it re-records the cassette");
    }
}

} // namespace

extern const Rule k_rule_extra_document{
    "extra-document", Severity::Warning, false, "YAML documents after the cassette's (off by default)",
    R"(The file holds more YAML documents after the cassette's. go-vcr loads a
cassette with yaml.v3 (or yaml.v2) Unmarshal, which decodes the first
document and ignores the rest, so the file works; but go-vcr's Save writes
only the cassette, so re-recording drops the rest. Some tools add such
documents on purpose (the Azure Developer CLI appends its test variables
after the recording), which is why the rule is off by default. cassette
keeps them byte for byte in every write, searches their strings for secrets
(`secret`) and shows them (`cassette show`). Turn the rule on where a
cassette should hold nothing else:

    lint:
      rules:
        extra-document: warning

Failing:

    ---
    version: 2
    interactions: []
    ---
    env_name: azdtest-w1

Passing:

    ---
    version: 2
    interactions: []
)",
    check};

} // namespace cassette::lint
