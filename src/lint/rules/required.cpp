// required: a field go-vcr needs to replay an interaction is missing.
#include "lint/rules/helpers.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    if (ctx.format() == 0) return; // `version` explains the problem
    if (!c.interactions_present) {
        ctx.report(Mark{1, 1, 0}, "missing `interactions` (an empty cassette is `interactions: []`)");
        return;
    }
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Interaction& in = c.interactions[i];
        const Mark at = in.span.begin;
        if (!in.request.present) ctx.report(at, "interaction has no `request`", i);
        if (!in.response.present) ctx.report(at, "interaction has no `response`", i);
        if (in.request.present) {
            const Mark rq = in.request.key.begin;
            if (!in.request.url.present) ctx.report(rq, "request has no `url`: it can never be matched", i);
            if (!in.request.method.present) ctx.report(rq, "request has no `method`: it can never be matched", i);
        }
        if (in.response.present && !in.response.code.present)
            ctx.report(in.response.key.begin, "response has no `code`: it would replay with status 0", i);
    }
}

} // namespace

extern const Rule k_rule_required{
    "required", Severity::Error, true, "A field needed for replay is missing",
    R"(go-vcr loads missing fields as zero values, which breaks replay quietly: a
request without `url` or `method` is never matched (every test that needs it
records again or fails in replay-only mode), and a response without `code`
replays with status 0, which net/http clients treat as a broken response.
Required: `interactions` at the top, and in each interaction a `request`
(with `url` and `method`) and a `response` (with `code`).

`id` is not required. go-vcr never reads stored ids (after loading it counts
interactions itself, and renumbers them on save), and some writers leave
them out on purpose: google/osv-scanner saves version 2 cassettes through its
own marshaller without `id`. The `id` rule checks ids that are present.
Other version 2 fields (`proto`, `host`, ...) are omitted by go-vcr v4.0.3+
itself when empty, so their absence is not a problem either.

Failing:

    version: 2
    interactions:
        - id: 0
          request:
              url: https://example.com/
          response:
              body: ok

Passing:

    version: 2
    interactions:
        - id: 0
          request:
              url: https://example.com/
              method: GET
          response:
              body: ok
              code: 200
)",
    check};

} // namespace cassette::lint
