// json-body: Content-Type says JSON but the body does not parse.
#include "json/indent.hpp"
#include "lint/rules/helpers.hpp"
#include "model/http.hpp"
#include "util/http.hpp"
#include "util/strings.hpp"

namespace cassette::lint {

namespace {

// A stream of JSON values, one per line (Docker's progress messages,
// Kubernetes watches): sent as application/json and read with a
// json.Decoder loop.
bool json_lines(std::string_view body) {
    bool any = false;
    while (!body.empty()) {
        size_t nl = body.find('\n');
        std::string_view line = util::trim(body.substr(0, nl));
        body = nl == std::string_view::npos ? std::string_view{} : body.substr(nl + 1);
        if (line.empty()) continue;
        if (!json::valid(line)) return false;
        any = true;
    }
    return any;
}

void one(Context& ctx, const HeaderMap& headers, const Field& body, const char* what, size_t i) {
    if (!body.present || body.value.value.empty()) return;
    const std::string_view type = content_type(headers);
    if (!http::is_json_media(type)) return;
    // A compressed body is bytes, not JSON text.
    if (is_compressed(headers)) return;
    if (json::valid(body.value.value) || json_lines(body.value.value)) return;
    ctx.report(body.value.span.begin,
               std::string(what) + " body is not valid JSON although Content-Type is " + quoted(type), i);
}

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Interaction& in = c.interactions[i];
        one(ctx, in.request.headers, in.request.body, "request", i);
        one(ctx, in.response.headers, in.response.body, "response", i);
    }
}

} // namespace

extern const Rule k_rule_json_body{
    "json-body", Severity::Warning, true, "Content-Type says JSON but the body does not parse",
    R"(The request or response says `Content-Type: application/json` (or another
JSON media type such as `application/problem+json`) but its body is not
valid JSON. Usually a hand edit broke it (a missing comma or quote, a
redaction that cut a string), and the code under test will fail to decode
the replayed body in a way the live service never caused. Empty bodies and
bodies with a Content-Encoding (compressed bytes) are not checked, and a
stream of JSON values one per line (Docker, Kubernetes watches) is valid.

Failing:

              body: '{"id": 1, "name": "x"'
              headers:
                  Content-Type:
                      - application/json

Passing:

              body: '{"id": 1, "name": "x"}'
              headers:
                  Content-Type:
                      - application/json
)",
    check};

} // namespace cassette::lint
