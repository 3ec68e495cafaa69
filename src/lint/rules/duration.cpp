// duration: not a Go duration string go-vcr can load.
#include "lint/rules/helpers.hpp"
#include "util/duration.hpp"

namespace cassette::lint {

namespace {

bool plain_integer(const Scalar& s) {
    if (s.style != ScalarStyle::Plain || s.value.empty()) return false;
    size_t i = (s.value[0] == '-' || s.value[0] == '+') ? 1 : 0;
    if (i == s.value.size()) return false;
    for (; i < s.value.size(); ++i)
        if (s.value[i] < '0' || s.value[i] > '9') return false;
    return true;
}

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    const int format = ctx.format();
    if (format == 0) return;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Field& d = c.interactions[i].response.duration;
        if (!d.present) continue;
        const Scalar& s = d.value;
        const Mark at = s.span.begin;
        if (s.value.empty()) {
            // A plain empty value or `null` decodes to the zero duration.
            if (s.style == ScalarStyle::Plain) continue;
            // `duration: ""` is what go-vcr v1.0..v1.2.0 wrote (a string field
            // nothing filled); go-vcr from the v1 head / v2.0 on decodes into a
            // time.Duration and fails on it.
            if (format == 1) continue;
            ctx.report(at,
                       "`duration: \"\"` does not load in go-vcr v3/v4 (time.Duration needs a duration such as "
                       "`0s`)",
                       i);
            continue;
        }
        if (plain_integer(s)) {
            ctx.report(at,
                       "integer duration " + quoted(s.value) +
                           ": yaml.v3 (go-vcr v2.1+) refuses it; write a Go duration such as `1.5s` or `0s`",
                       i);
            continue;
        }
        if (!http::parse_go_duration(s.value))
            ctx.report(at, "duration " + quoted(s.value) + " is not a Go duration (`832.583ms`, `1m2s`, `0s`)", i);
    }
}

} // namespace

extern const Rule k_rule_duration{
    "duration", Severity::Error, true, "`duration` is not a Go duration string",
    R"(`duration` is decoded into a time.Duration (go-vcr v1 head, v2, v3, v4) or
parsed with time.ParseDuration on replay (v1.0..v1.2.0, where it was a
string). It must be Go's duration text: `0s`, `61.476µs`, `832.583ms`,
`2m3.5s`. Integers (nanoseconds) load only with the old yaml.v2-based
releases; yaml.v3 (go-vcr v2.1 and later) refuses them.

`duration: ""` is legal only in `version: 1` files: go-vcr v1.0..v1.2.0
wrote it for every response (the field was a string nobody set). In
`version: 2` files it fails to load in go-vcr v3/v4. A missing or null
duration is the zero duration and is fine.

Failing (version 2):

              duration: ""
              duration: 1500
              duration: 1.5 seconds

Passing:

              duration: 1.5s
              duration: 832.583ms
)",
    check};

} // namespace cassette::lint
