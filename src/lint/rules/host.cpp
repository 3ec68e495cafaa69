// host: the request `host` disagrees with the URL's host.
#include "lint/rules/helpers.hpp"
#include "util/http.hpp"
#include "util/strings.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    if (ctx.format() != 2) return;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Request& q = c.interactions[i].request;
        // "" is what clients that build http.Request by hand record.
        if (!q.host.present || q.host.str().empty() || !q.url.present) continue;
        auto u = http::parse_url(q.url.str());
        if (!u || !u->absolute || u->host_port.empty()) continue; // `url`
        std::string_view url_host = u->host_port;
        // Go's NewRequest drops an empty port ("h:" -> "h").
        if (!url_host.empty() && url_host.back() == ':') url_host.remove_suffix(1);
        if (util::iequals(q.host.str(), url_host)) continue;
        ctx.report(q.host.value.span.begin,
                   "request host " + quoted(q.host.str()) + " disagrees with the url's host " + quoted(url_host), i);
    }
}

} // namespace

extern const Rule k_rule_host{
    "host", Severity::Warning, true, "The request `host` disagrees with the URL's host",
    R"(go-vcr v3/v4 record the request's `host` (Go's r.Host), which
http.NewRequest fills from the URL (`api.github.com`, `127.0.0.1:43587`).
When the url is edited (a staging host replaced by production, a port
changed) and `host` is not, go-vcr v4's default matcher compares `host` with
the live request and the interaction never matches again. An empty `host`
is normal (clients that build http.Request values themselves leave it
empty, e.g. several LLM SDKs) and is not reported; neither is a difference
in letter case. Only version 2 files have `host`.

Failing:

              host: staging.example.com
              url: https://api.example.com/v1/items

Passing:

              host: api.example.com
              url: https://api.example.com/v1/items
)",
    check};

} // namespace cassette::lint
