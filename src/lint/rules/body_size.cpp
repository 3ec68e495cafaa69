// body-size: a body larger than a configurable limit.
#include "lint/rules/helpers.hpp"

#include <cstdio>

namespace cassette::lint {

namespace {

std::optional<std::string> validate_max(const std::string& value) {
    if (config::parse_size(value)) return std::nullopt;
    return "not a size (use bytes or a unit: 512KiB, 1MiB, 2MB)";
}

const RuleOption k_options[] = {
    {"max", "1MiB", "largest body in bytes (units B, KiB, MiB, GiB, kB, MB, GB)", validate_max},
};

std::string human(uint64_t n) {
    char buf[64];
    if (n >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", double(n) / (1u << 20));
    else if (n >= 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", double(n) / 1024);
    else std::snprintf(buf, sizeof buf, "%llu bytes", (unsigned long long)n);
    return buf;
}

void check(Context& ctx) {
    uint64_t max = 1u << 20;
    if (auto it = ctx.options.find("max"); it != ctx.options.end()) max = config::parse_size(it->second).value_or(max);
    const Cassette& c = ctx.cassette;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Interaction& in = c.interactions[i];
        for (const auto& [body, what] : {std::pair{&in.request.body, "request"}, std::pair{&in.response.body, "response"}}) {
            const uint64_t n = body->value.value.size();
            if (body->present && n > max)
                ctx.report(body->value.span.begin,
                           std::string(what) + " body is " + human(n) + " (" + std::to_string(n) +
                               " bytes), over the limit of " + std::to_string(max) + " bytes",
                           i);
        }
    }
}

} // namespace

extern const Rule k_rule_body_size{
    "body-size", Severity::Warning, true, "A body is larger than the configured limit (1 MiB)",
    R"(A recorded body over the limit (default 1 MiB, option `max`) makes the
repository heavy, slows every test that loads the cassette (go-vcr reads
and decodes the whole file), and is rarely needed: a download test can use a
smaller fixture, a list endpoint a smaller page. The size counts decoded
bytes (a !!binary body counts the bytes, not the base64 text).

Configure in .cassette.yaml:

    lint:
      rules:
        body-size: {max: 2MiB}

Failing (with max: 10B):

              body: '{"items": [1, 2, 3, 4]}'

Passing (with max: 10B):

              body: '[]'
)",
    check, k_options, 1};

} // namespace cassette::lint
