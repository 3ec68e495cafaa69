// content-length: `content_length` >= 0 but not the body's length in bytes.
#include "lint/rules/helpers.hpp"
#include "model/http.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    if (ctx.format() != 2) return;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Interaction& in = c.interactions[i];
        const Request& q = in.request;
        if (q.content_length.present) {
            auto n = q.content_length.as_int();
            if (n && *n >= 0 && !unknown_request_length(*n, q.body.value.value.size()) &&
                uint64_t(*n) != q.body.value.value.size())
                ctx.report(q.content_length.value.span.begin,
                           "request content_length " + std::to_string(*n) + " but the body has " +
                               std::to_string(q.body.value.value.size()) + " bytes",
                           i);
        }
        const Response& r = in.response;
        if (!r.content_length.present) continue;
        auto n = r.content_length.as_int();
        if (!n || *n < 0) continue; // -1: unknown (chunked, HTTP/2, decompressed)
        // Decompressed by the transport, HEAD, 1xx (after a 101 the body is
        // the upgraded stream), 204, 304: the length is not the body's.
        if (!lengths_count_body(in, Side::Response)) continue;
        if (uint64_t(*n) != r.body.value.value.size())
            ctx.report(r.content_length.value.span.begin,
                       "response content_length " + std::to_string(*n) + " but the body has " +
                           std::to_string(r.body.value.value.size()) + " bytes",
                       i);
    }
}

} // namespace

extern const Rule k_rule_content_length{
    "content-length", Severity::Warning, true, "`content_length` is not the body's length in bytes",
    R"(go-vcr v3/v4 record `content_length` as Go's ContentLength: the body's length
in bytes, or -1 when unknown. A different number means the body was edited
(by hand or by a filter that did not update the length): on replay
resp.ContentLength lies, and go-vcr v4's default matcher compares the
request's content_length with the live request, so an edited request body
no longer matches.

Not reported: -1; request `content_length: 0` (Go's value for a body of
unknown length); responses with `uncompressed: true` (the transport
decompressed the body, so the stored text is longer than the wire bytes);
HEAD, 1xx, 204 and 304 responses (a length without a body; after `101
Switching Protocols` the body is the upgraded stream). The length is counted
in bytes of the decoded value (a !!binary body counts its decoded bytes).

Failing:

          response:
              content_length: 12
              body: '{"ok":true}'

Passing:

          response:
              content_length: 11
              body: '{"ok":true}'
)",
    check, nullptr, 0, false, /*fixable=*/true};

} // namespace cassette::lint
