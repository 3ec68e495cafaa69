// other-recorder: a file another HTTP recorder wrote (vcrpy, Ruby VCR,
// betamax, Polly.js, nock, ...), recognised by its shape (src/recorders/).
// The engine (lint.cpp) makes this finding and runs the secret search by
// shape instead of go-vcr's rules; this file carries the rule's identity
// and documentation.
#include "lint/rules/helpers.hpp"

namespace cassette::lint {

namespace {

void check(Context&) {}

} // namespace

extern const Rule k_rule_other_recorder{
    "other-recorder", Severity::Note, true, "Another HTTP recorder's cassette: only the secret search applies",
    R"(Monorepos keep the cassettes of several recorders side by side, and some
of them look like go-vcr's at first sight (vcrpy writes `version: 1` and
`interactions` too). cassette recognises these files by their shape:
vcrpy (`request.uri`, `response.status.code`), Ruby VCR and R's vcr
(`http_interactions`, `recorded_with`), betamax (`recorded_with: betamax`),
Polly.js (a HAR whose `creator.name` is Polly.JS) and other HAR files, nock
(a JSON list of `scope`/`method`/`path`), PHP-VCR, ExVCR, Java's Betamax and
OkReplay tapes, govcr, httpreplay, talkback, Hoverfly, WireMock and Python's
`responses` recorder. Such a file is reported once with this note and
never checked against go-vcr's schema; the secret search by shape (provider
token patterns, JWTs, private keys) still runs over every string of it, and
its findings are reported under the `secret` rule. `fmt`, `redact` and
`convert` never write it: named, it is refused (exit 2); found in a folder,
it is skipped with a note.

A note never fails a run, not even with --strict; set the rule's `level` to
`warning` or `error` in .cassette.yaml to make such files fail CI, or turn
it `off`.

Failing (reported: a vcrpy cassette):

              interactions:
              - request:
                  body: null
                  method: GET
                  uri: https://api.example.com/v1/items
                response:
                  status: {code: 200, message: OK}
              version: 1

Passing (go-vcr's own):

              version: 2
              interactions:
                  - request:
                      url: https://api.example.com/v1/items
                      method: GET
)",
    check};

} // namespace cassette::lint
