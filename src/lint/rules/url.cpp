// url: the request url is not an absolute http(s) URL.
#include "lint/rules/helpers.hpp"
#include "util/http.hpp"
#include "util/strings.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Field& url = c.interactions[i].request.url;
        if (!url.present) continue; // `required`
        const Mark at = url.value.span.begin;
        const std::string& u = url.value.value;
        if (u.empty()) {
            ctx.report(at, "request url is empty", i);
            continue;
        }
        auto parts = http::parse_url(u);
        if (!parts) {
            ctx.report(at, "request url does not parse as a URL (Go's url.Parse fails)", i);
            continue;
        }
        if (!parts->absolute) {
            ctx.report(at, "request url is relative: go-vcr records absolute URLs (`https://host/path`)", i);
            continue;
        }
        if (!util::iequals(parts->scheme, "http") && !util::iequals(parts->scheme, "https")) {
            ctx.report(at, "request url has scheme " + quoted(parts->scheme) + ", not http or https", i);
            continue;
        }
        // No host is fine: Docker's client talks over a unix socket with
        // urls like `http:///var/run/docker.sock/_ping`, and go-vcr matches
        // them as strings all the same.
    }
}

} // namespace

extern const Rule k_rule_url{
    "url", Severity::Error, true, "The request url is not an absolute http(s) URL",
    R"(go-vcr matches a request by comparing `r.URL.String()` with the recorded
`url`. A real HTTP client request always has an absolute URL with a scheme
and a host, so a recorded url that is empty, relative, has another scheme,
or does not parse with Go's url.Parse can never match: the test records
again, or fails in replay-only mode. An empty host is accepted: clients
that dial a unix socket (Docker's) record `http:///var/run/docker.sock/...`.

Failing:

          request:
              url: /v1/items?page=2
              method: GET

Passing:

          request:
              url: https://api.example.com/v1/items?page=2
              method: GET
)",
    check};

} // namespace cassette::lint
