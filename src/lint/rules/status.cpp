// status: `status` and `code` disagree, or `code` is not an HTTP status.
#include "lint/rules/helpers.hpp"
#include "util/http.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Response& r = c.interactions[i].response;
        if (!r.code.present) continue;
        auto code = r.code.as_int();
        if (!code) continue; // `type`
        if (*code < 100 || *code > 599) {
            ctx.report(r.code.value.span.begin,
                       "response code " + std::to_string(*code) + " is not an HTTP status code (100-599)", i);
            continue;
        }
        if (r.status.present && !r.status.str().empty() && !http::status_matches(r.status.str(), int(*code))) {
            std::string want = std::to_string(*code);
            auto text = http::status_text(int(*code));
            if (!text.empty()) want += " " + std::string(text);
            ctx.report(r.status.value.span.begin,
                       "response status " + quoted(r.status.str()) + " disagrees with code " + std::to_string(*code) +
                           " (expected " + quoted(want) + ")",
                       i);
        }
    }
}

} // namespace

extern const Rule k_rule_status{
    "status", Severity::Error, true, "`status` and `code` disagree, or `code` is out of range",
    R"(go-vcr replays `code` as resp.StatusCode and `status` as resp.Status; a
recording always has `status` = the code, a space and the reason phrase
(`404 Not Found`). When they disagree, the cassette was edited by hand and
half of the edit is missing: code that checks resp.StatusCode and logs that
print resp.Status see different answers. A code outside 100-599 is not an
HTTP status at all (net/http rejects it on a live connection). Only the
number in `status` is compared; servers may send their own reason phrase.
An empty or missing `status` is not reported.

Failing:

          response:
              status: 200 OK
              code: 404

Passing:

          response:
              status: 404 Not Found
              code: 404
)",
    check};

} // namespace cassette::lint
