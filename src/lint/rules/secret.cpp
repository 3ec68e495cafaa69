// secret: an unredacted secret. The detectors are cassette redact's
// (src/redact/detect.hpp), so lint and redact always agree.
#include "lint/rules/helpers.hpp"
#include "redact/detect.hpp"
#include "util/sha256.hpp"

#include <algorithm>

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    if (!ctx.detector) return;
    // detect() takes a mutable model because redact edits what it returns;
    // it does not change anything itself.
    std::vector<redact::Secret> found = ctx.detector->detect(const_cast<Cassette&>(ctx.cassette), ctx.threads);
    // Each secret is dropped once reported (a big file has tens of
    // thousands; its findings reuse their memory): taken from the back of
    // the reversed list, in the order found.
    ctx.expect(found.size());
    std::reverse(found.begin(), found.end());
    for (; !found.empty(); found.pop_back()) {
        const redact::Secret& s = found.back();
        // Only the masked form is ever printed.
        ctx.report(s.where,
                   s.kind + " in " +
                       (s.location == "trailing-document" ? std::string("a YAML document after the cassette's")
                                                          : s.location) +
                       " (" + s.masked + ")" +
                       (s.matcher_sensitive ? "; go-vcr v4's default matcher compares this field: after redacting, "
                                              "replay needs a matcher that ignores it ('cassette redact --dry-run' "
                                              "says which)"
                                            : ""),
                   s.interaction, redact::confidence_name(s.confidence));
        // What a baseline keys the finding by (the value only as a digest).
        ctx.last().field = s.location;
        ctx.last().value_digest = util::sha256_hex(s.value);
    }
}

} // namespace

extern const Rule k_rule_secret{
    "secret", Severity::Error, true, "An unredacted secret (token, key, password, credential)",
    R"(A credential was recorded in clear: an Authorization or API-key header, a
token in a query string or form, a password or access_token in a JSON body,
URL userinfo, Basic auth, a cookie, or a value with a known provider shape
(OpenAI, Anthropic, AWS, GitHub, GitLab, Slack, Stripe, Google, JWTs, PEM
private keys, ...). Cassettes are committed and published with the code, so
the secret is leaked to everyone who can read the repository; rotate it,
then replace it with `cassette redact`. The detectors are the same as
`cassette redact`'s and read the same `.cassette.yaml` `redact:` section
(extra names and patterns, `allow` / `allow_patterns` for known test
values, `disable`). The message names the kind and the location and shows
only a masked value (`sk-p…9fQa`, or `‹7 chars›` for a short one). Values
that already look redacted (`REDACTED`, `XXXX…`, all zeros) are not
reported. Each finding has a confidence (JSON `confidence`, SARIF
`properties.confidence`): high for a provider shape, medium for a
credential location holding a generated-looking value, low for
placeholders (`<CLIENT_SECRET>`, `changeme`, `1234567`), words and
affinity or preference cookies. Low findings are not reported unless
`.cassette.yaml` says `redact: {min_confidence: low}`; then they are
warnings.

Failing:

              headers:
                  Authorization:
                      - Bearer ghp_0123456789abcdefghijABCDEFGHIJ012345

Passing:

              headers:
                  Authorization:
                      - Bearer REDACTED
)",
    check};

} // namespace cassette::lint
