// host: the request `host` disagrees with the URL's host.
#include "lint/rules/helpers.hpp"
#include "util/http.hpp"
#include "util/strings.hpp"

namespace cassette::lint {

namespace {

// `hp` ("host" or "host:port") without the scheme's default port: Go's
// client dials https://h:443/ and https://h/ alike, and a recorder that
// set r.Host from either spelling recorded the same host.
std::string_view without_default_port(std::string_view hp, std::string_view scheme) {
    const size_t colon = hp.rfind(':');
    if (colon == std::string_view::npos || hp.find(']', colon) != std::string_view::npos) return hp;
    const std::string_view port = hp.substr(colon + 1);
    const bool secure = util::iequals(scheme, "https") || util::iequals(scheme, "wss");
    const bool plain = util::iequals(scheme, "http") || util::iequals(scheme, "ws");
    if ((secure && port == "443") || (plain && port == "80")) return hp.substr(0, colon);
    return hp;
}

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
        // The same host once the scheme's default port is left out on either side.
        if (util::iequals(without_default_port(q.host.str(), u->scheme), without_default_port(url_host, u->scheme)))
            continue;
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
in letter case, nor the scheme's default port written on one side only
(`https://management.azure.com:443/...` with `host: management.azure.com`,
`http://h:80/` with `host: h`): Go dials both alike. Only version 2 files have `host`.

Failing:

              host: staging.example.com
              url: https://api.example.com/v1/items

Passing:

              host: api.example.com
              url: https://api.example.com/v1/items
)",
    check, nullptr, 0, false, /*fixable=*/true};

} // namespace cassette::lint
