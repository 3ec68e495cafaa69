// header-name: invalid header name characters, or not Go's canonical form.
#include "lint/rules/helpers.hpp"
#include "util/http.hpp"

namespace cassette::lint {

namespace {

void one(Context& ctx, const HeaderMap& map, const char* what, size_t i) {
    for (const HeaderEntry& e : map.entries) {
        const std::string& name = e.name.value;
        const Mark at = e.name.span.begin;
        if (!http::valid_header_name(name)) {
            ctx.report(at, std::string(what) + " name " + quoted(name) +
                               " has characters not allowed in an HTTP header name", i);
            continue;
        }
        std::string canonical = http::canonical_header_key(name);
        if (canonical != name)
            ctx.report(at,
                       std::string(what) + " name " + quoted(name) + " is not in Go's canonical form " +
                           quoted(canonical) + ": http.Header.Get will not find it",
                       i);
    }
}

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Interaction& in = c.interactions[i];
        one(ctx, in.request.headers, "request header", i);
        one(ctx, in.request.trailer, "request trailer", i);
        one(ctx, in.response.headers, "response header", i);
        one(ctx, in.response.trailer, "response trailer", i);
    }
}

} // namespace

extern const Rule k_rule_header_name{
    "header-name", Severity::Warning, true, "A header name is invalid or not in Go's canonical form",
    R"(go-vcr stores http.Header as a map. Go's transport canonicalises every
response header name (`content-type` becomes `Content-Type`) and
http.Header.Get canonicalises the name it looks up, but a map key is used as
written: a replayed `content-type:` entry is invisible to
resp.Header.Get("Content-Type"). Recordings never contain such names in
responses, so one means a hand edit. Names with spaces, colons or non-ASCII
characters are not HTTP header names at all.

Request headers are kept as the caller set them; if a client really sends a
non-canonical name, go-vcr v4's matcher compares it as is, so rename both
sides or disable the rule for that file.

Failing:

              headers:
                  content-type:
                      - application/json

Passing:

              headers:
                  Content-Type:
                      - application/json
)",
    check, nullptr, 0, false, /*fixable=*/true};

} // namespace cassette::lint
