// unknown-key: a key go-vcr does not read for the file's format version.
#include "lint/rules/helpers.hpp"
#include "model/schema.hpp"
#include "util/suggest.hpp"

namespace cassette::lint {

namespace {

// The keys of struct S that format `format` reads, in go-vcr's order
// (model/schema.hpp), then `also`.
template <class S> std::vector<std::string> known_keys(int format, std::initializer_list<const char*> also = {}) {
    std::vector<std::string> out;
    for (const auto& r : schema::rows<S>())
        if (r.since <= format) out.emplace_back(r.key);
    for (const char* k : also) out.emplace_back(k);
    return out;
}

// `rwmutex` (2016-2018) and `mu` are go-vcr's own output (FORMAT.md 2.1,
// 2.2), never read back but harmless.
const std::vector<std::string> k_root_v1 = known_keys<Cassette>(1, {"rwmutex", "mu"});
const std::vector<std::string> k_root_v2 = known_keys<Cassette>(2, {"mu"});
const std::vector<std::string> k_interaction_v1 = known_keys<Interaction>(1);
const std::vector<std::string> k_interaction_v2 = known_keys<Interaction>(2);
const std::vector<std::string> k_request_v1 = known_keys<Request>(1);
const std::vector<std::string> k_request_v2 = known_keys<Request>(2);
const std::vector<std::string> k_response_v1 = known_keys<Response>(1);
const std::vector<std::string> k_response_v2 = known_keys<Response>(2);

void extras(Context& ctx, const std::vector<NodeEntry>& extra, const std::vector<std::string>& known, const char* where,
            std::optional<size_t> interaction) {
    for (const NodeEntry& e : extra) {
        const std::string& k = e.key.value;
        std::string msg = "unknown key " + quoted(k) + " in " + where + " (go-vcr ignores it and drops it on the next save)";
        std::string hint = util::did_you_mean(k, known);
        ctx.report(e.key.span.begin, msg + hint, interaction);
    }
}

// Version 2 fields the reader filled in a version 1 file.
template <class S> void v2_fields_in_v1(Context& ctx, const char* where, const S& s, size_t i) {
    for (const auto& r : schema::rows<S>()) {
        if (r.since < 2 || !schema::present(r, s)) continue;
        const Span key = schema::key_span(r, s);
        if (key.begin.line != 0)
            ctx.report(key.begin,
                       "`" + std::string(r.key) + "` in the " + where +
                           " is a version 2 key: go-vcr ignores it in a `version: 1` cassette",
                       i);
    }
}

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    const int format = ctx.format();
    if (format == 0) return;
    const bool v2 = format == 2;
    extras(ctx, c.extra, v2 ? k_root_v2 : k_root_v1, "the cassette", std::nullopt);
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Interaction& in = c.interactions[i];
        extras(ctx, in.extra, v2 ? k_interaction_v2 : k_interaction_v1, "an interaction", i);
        extras(ctx, in.request.extra, v2 ? k_request_v2 : k_request_v1, "request", i);
        extras(ctx, in.response.extra, v2 ? k_response_v2 : k_response_v1, "response", i);
        if (v2) continue;
        v2_fields_in_v1(ctx, "interaction", in, i);
        v2_fields_in_v1(ctx, "request", in.request, i);
        v2_fields_in_v1(ctx, "response", in.response, i);
    }
}

} // namespace

extern const Rule k_rule_unknown_key{
    "unknown-key", Severity::Warning, true, "A key go-vcr does not read for this format version",
    R"(go-vcr loads cassettes leniently: a key its structs do not declare is
ignored without a word, and disappears the next time go-vcr saves the file.
Usually it is a typo (`heders`, `stauts`), so the value you meant to set is
not set at all; the message suggests the nearest known key. In a
`version: 1` file the version 2 fields (`id`, `proto`, `host`,
`content_length`, `uncompressed`, ...) are unknown too: go-vcr v0..v2 do
not read them.

Failing:

          response:
              heders:
                  Content-Type:
                      - application/json

Passing:

          response:
              headers:
                  Content-Type:
                      - application/json
)",
    check};

} // namespace cassette::lint
