// unknown-key: a key go-vcr does not read for the file's format version.
#include "lint/rules/helpers.hpp"
#include "util/suggest.hpp"

namespace cassette::lint {

namespace {

// FORMAT.md section 2. `rwmutex` (2016-2018) and `mu` are go-vcr's own
// output, never read back but harmless.
const std::vector<std::string> k_root_v1 = {"version", "interactions", "rwmutex", "mu"};
const std::vector<std::string> k_root_v2 = {"version", "interactions", "mu"};
const std::vector<std::string> k_interaction_v1 = {"request", "response"};
const std::vector<std::string> k_interaction_v2 = {"id", "request", "response"};
const std::vector<std::string> k_request_v1 = {"body", "form", "headers", "url", "method"};
const std::vector<std::string> k_request_v2 = {"proto",   "proto_major", "proto_minor", "content_length", "transfer_encoding",
                                               "trailer", "host",        "remote_addr", "request_uri",    "body",
                                               "form",    "headers",     "url",         "method"};
const std::vector<std::string> k_response_v1 = {"body", "headers", "status", "code", "duration"};
const std::vector<std::string> k_response_v2 = {"proto",          "proto_major",  "proto_minor", "transfer_encoding",
                                                "trailer",        "content_length", "uncompressed", "body",
                                                "headers",        "status",       "code",        "duration"};

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
void v2_fields_in_v1(Context& ctx, const char* where, std::initializer_list<std::pair<const char*, Span>> present,
                     size_t i) {
    for (const auto& [name, key] : present)
        if (key.begin.line != 0)
            ctx.report(key.begin,
                       "`" + std::string(name) + "` in the " + where +
                           " is a version 2 key: go-vcr ignores it in a `version: 1` cassette",
                       i);
}

Span key_if(bool present, Span key) { return present ? key : Span{}; }

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
        v2_fields_in_v1(ctx, "interaction", {{"id", key_if(in.id.present, in.id.key)}}, i);
        const Request& q = in.request;
        v2_fields_in_v1(ctx, "request",
                        {{"proto", key_if(q.proto.present, q.proto.key)},
                         {"proto_major", key_if(q.proto_major.present, q.proto_major.key)},
                         {"proto_minor", key_if(q.proto_minor.present, q.proto_minor.key)},
                         {"content_length", key_if(q.content_length.present, q.content_length.key)},
                         {"transfer_encoding", key_if(q.transfer_encoding.present, q.transfer_encoding.key)},
                         {"trailer", key_if(q.trailer.present, q.trailer.key)},
                         {"host", key_if(q.host.present, q.host.key)},
                         {"remote_addr", key_if(q.remote_addr.present, q.remote_addr.key)},
                         {"request_uri", key_if(q.request_uri.present, q.request_uri.key)}},
                        i);
        const Response& r = in.response;
        v2_fields_in_v1(ctx, "response",
                        {{"proto", key_if(r.proto.present, r.proto.key)},
                         {"proto_major", key_if(r.proto_major.present, r.proto_major.key)},
                         {"proto_minor", key_if(r.proto_minor.present, r.proto_minor.key)},
                         {"transfer_encoding", key_if(r.transfer_encoding.present, r.transfer_encoding.key)},
                         {"trailer", key_if(r.trailer.present, r.trailer.key)},
                         {"content_length", key_if(r.content_length.present, r.content_length.key)},
                         {"uncompressed", key_if(r.uncompressed.present, r.uncompressed.key)}},
                        i);
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
