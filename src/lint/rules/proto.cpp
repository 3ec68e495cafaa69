// proto: `proto` disagrees with `proto_major`/`proto_minor`.
#include "lint/rules/helpers.hpp"

#include <cctype>

namespace cassette::lint {

namespace {

void one(Context& ctx, const Field& proto, const Field& major, const Field& minor, const char* what, size_t i) {
    if (!proto.present || proto.str().empty()) return;
    const std::string& p = proto.value.value;
    auto ma = major.as_int().value_or(0);
    auto mi = minor.as_int().value_or(0);
    // "HTTP/1.1" -> 1, 1 (Go's http.ParseHTTPVersion).
    int pa = -1, pi = -1;
    if (p.size() == 8 && p.compare(0, 5, "HTTP/") == 0 && std::isdigit((unsigned char)p[5]) && p[6] == '.' &&
        std::isdigit((unsigned char)p[7])) {
        pa = p[5] - '0';
        pi = p[7] - '0';
    }
    if (pa < 0) {
        ctx.report(proto.value.span.begin,
                   std::string(what) + " proto " + quoted(p) + " is not of the form HTTP/x.y", i);
        return;
    }
    if (!major.present && !minor.present) return;
    if (pa != ma || pi != mi)
        ctx.report(proto.value.span.begin,
                   std::string(what) + " proto " + quoted(p) + " disagrees with proto_major " + std::to_string(ma) +
                       " and proto_minor " + std::to_string(mi),
                   i);
}

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Interaction& in = c.interactions[i];
        one(ctx, in.request.proto, in.request.proto_major, in.request.proto_minor, "request", i);
        one(ctx, in.response.proto, in.response.proto_major, in.response.proto_minor, "response", i);
    }
}

} // namespace

extern const Rule k_rule_proto{
    "proto", Severity::Warning, true, "`proto` disagrees with `proto_major`/`proto_minor`",
    R"(Version 2 cassettes record the protocol three times: `proto` (`HTTP/1.1`,
`HTTP/2.0`) and its numbers `proto_major` and `proto_minor`. Go always keeps
them in agreement, so a difference comes from an edit. go-vcr v4's default
matcher compares all three with the live request, and code under test may
read either form. An empty `proto` is not checked.

Failing:

              proto: HTTP/2.0
              proto_major: 1
              proto_minor: 1

Passing:

              proto: HTTP/2.0
              proto_major: 2
              proto_minor: 0
)",
    check, nullptr, 0, false, /*fixable=*/true};

} // namespace cassette::lint
