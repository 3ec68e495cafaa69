// method: not a valid HTTP method token.
#include "lint/rules/helpers.hpp"
#include "util/http.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Field& m = c.interactions[i].request.method;
        if (!m.present || http::valid_method(m.str())) continue;
        ctx.report(m.value.span.begin,
                   m.str().empty() ? std::string("request method is empty")
                                   : "request method " + quoted(m.str()) +
                                         " is not a valid HTTP method (a token such as GET or POST)",
                   i);
    }
}

} // namespace

extern const Rule k_rule_method{
    "method", Severity::Error, true, "The request method is not a valid HTTP method",
    R"(The recorded `method` must be an HTTP method token (RFC 7230 tchar: letters,
digits and !#$%&'*+-.^_`|~). Go's http.NewRequest refuses anything else
("net/http: invalid method"), so no request can ever match an interaction
with an empty method or one containing spaces or other separators.

Failing:

              method: GET /v1/items

Passing:

              method: GET
)",
    check};

} // namespace cassette::lint
