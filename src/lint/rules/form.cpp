// form: the recorded `form` does not match an urlencoded request body.
#include "lint/rules/helpers.hpp"
#include "model/http.hpp"
#include "util/http.hpp"

#include <map>

namespace cassette::lint {

namespace {

using Values = std::map<std::string, std::vector<std::string>>;

Values collect(std::string_view raw) {
    Values v;
    for (auto& p : http::parse_query(raw)) v[p.name].push_back(p.value);
    return v;
}

std::vector<std::string> values_of(const HeaderEntry& e) {
    std::vector<std::string> out;
    for (const auto& s : e.values) out.push_back(s.value);
    return out;
}

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Request& q = c.interactions[i].request;
        if (!q.form.present || q.form.empty() || q.body.str().empty()) continue;
        const std::string_view m = q.method.str();
        // Go's ParseForm reads the body only for these methods.
        if (m != "POST" && m != "PUT" && m != "PATCH") continue;
        if (!http::is_form_media(content_type(q.headers))) continue;
        const Values body = collect(q.body.str());
        Values query;
        if (auto u = http::parse_url(q.url.str())) query = collect(u->query);
        for (const HeaderEntry& e : q.form.entries) {
            const std::vector<std::string> got = values_of(e);
            auto b = body.find(e.name.value);
            std::vector<std::string> post = b == body.end() ? std::vector<std::string>{} : b->second;
            std::vector<std::string> full = post;
            if (auto qv = query.find(e.name.value); qv != query.end())
                full.insert(full.end(), qv->second.begin(), qv->second.end());
            // go-vcr up to v4.0.2 recorded PostForm (body only), later the
            // full Form (body values, then URL query values).
            if (got == post || got == full) continue;
            ctx.report(e.name.span.begin,
                       "form field " + quoted(e.name.value) + " does not match the urlencoded body" +
                           (post.empty() ? std::string(" (the body has no such field)") : std::string()),
                       i);
        }
        for (const auto& [name, values] : body) {
            bool found = false;
            for (const HeaderEntry& e : q.form.entries) found = found || e.name.value == name;
            if (!found)
                ctx.report(q.form.key.begin, "the urlencoded body has field " + quoted(name) + " but `form` does not",
                           i);
        }
    }
}

} // namespace

extern const Rule k_rule_form{
    "form", Severity::Warning, true, "`form` does not match an urlencoded request body",
    R"(For a POST, PUT or PATCH with `Content-Type:
application/x-www-form-urlencoded`, go-vcr records the parsed form next to
the body: the body's fields (go-vcr up to v4.0.2: PostForm), or the body's
fields followed by the URL query's (v4.0.3+: Form). When one is edited and
not the other (a token redacted in `body` only, say), go-vcr v4's default
matcher, which compares `form`, no longer matches the live request, and the
`form` may still hold the value the edit meant to remove. Only non-empty
`form` mappings next to a non-empty body are compared.

Failing:

              body: grant_type=client_credentials&client_secret=REDACTED
              form:
                  client_secret:
                      - s3cr3t-value
                  grant_type:
                      - client_credentials

Passing:

              body: grant_type=client_credentials&client_secret=REDACTED
              form:
                  client_secret:
                      - REDACTED
                  grant_type:
                      - client_credentials
)",
    check};

} // namespace cassette::lint
