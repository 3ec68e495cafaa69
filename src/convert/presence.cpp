#include "convert/presence.hpp"

namespace cassette::convert {

namespace {

FieldRef scalar(std::string_view name, Field& f, bool omitempty, bool v2_only) {
    return FieldRef{name, &f.present, f.value.value.empty(), omitempty, v2_only};
}
FieldRef map(std::string_view name, HeaderMap& m, bool omitempty, bool v2_only) {
    return FieldRef{name, &m.present, m.entries.empty(), omitempty, v2_only};
}

} // namespace

std::vector<FieldRef> request_fields(Request& r) {
    return {
        scalar("proto", r.proto, false, true),
        scalar("proto_major", r.proto_major, false, true),
        scalar("proto_minor", r.proto_minor, false, true),
        scalar("content_length", r.content_length, false, true),
        FieldRef{"transfer_encoding", &r.transfer_encoding.present, r.transfer_encoding.items.empty(), true, true},
        map("trailer", r.trailer, true, true),
        scalar("host", r.host, false, true),
        scalar("remote_addr", r.remote_addr, true, true),
        scalar("request_uri", r.request_uri, true, true),
        scalar("body", r.body, true, false),
        map("form", r.form, true, false),
        map("headers", r.headers, true, false),
        scalar("url", r.url, false, false),
        scalar("method", r.method, false, false),
    };
}

std::vector<FieldRef> response_fields(Response& r) {
    return {
        scalar("proto", r.proto, false, true),
        scalar("proto_major", r.proto_major, false, true),
        scalar("proto_minor", r.proto_minor, false, true),
        FieldRef{"transfer_encoding", &r.transfer_encoding.present, r.transfer_encoding.items.empty(), true, true},
        map("trailer", r.trailer, true, true),
        scalar("content_length", r.content_length, false, true),
        // A bool: only `true` survives omitempty.
        FieldRef{"uncompressed", &r.uncompressed.present, r.uncompressed.value.value != "true", true, true},
        scalar("body", r.body, false, false),
        map("headers", r.headers, false, false),
        scalar("status", r.status, false, false),
        scalar("code", r.code, false, false),
        scalar("duration", r.duration, false, false),
    };
}

bool default_present(const FieldSet& set, const FieldRef& f) {
    if (set.format == 1) return !f.v2_only;
    if (set.all_fields) return true;
    return !f.omitempty || !f.zero;
}

void apply_presence(const FieldSet& set, Interaction& in) {
    for (auto& f : request_fields(in.request)) *f.present = default_present(set, f);
    for (auto& f : response_fields(in.response)) *f.present = default_present(set, f);
    in.request.present = true;
    in.response.present = true;
    in.id.present = set.format == 2;
}

void clear_absent(Interaction& in) {
    Request& q = in.request;
    Response& r = in.response;
    if (!in.id.present) in.id.value = Scalar{};
    for (Field* f : {&q.proto, &q.proto_major, &q.proto_minor, &q.content_length, &q.host, &q.remote_addr,
                     &q.request_uri, &q.body, &q.url, &q.method, &r.proto, &r.proto_major, &r.proto_minor,
                     &r.content_length, &r.uncompressed, &r.body, &r.status, &r.code, &r.duration})
        if (!f->present) f->value = Scalar{};
    for (StringList* l : {&q.transfer_encoding, &r.transfer_encoding})
        if (!l->present) l->items.clear();
    for (HeaderMap* m : {&q.trailer, &q.form, &q.headers, &r.trailer, &r.headers})
        if (!m->present) m->entries.clear();
}

std::string present_names(const std::vector<FieldRef>& fields) {
    std::string out;
    for (const auto& f : fields) {
        if (!*f.present) continue;
        if (!out.empty()) out += ' ';
        out += f.name;
    }
    return out;
}

bool presence_is_default(const FieldSet& set, Interaction& in) {
    if (in.id.present != (set.format == 2)) return false;
    for (const auto& f : request_fields(in.request))
        if (*f.present != default_present(set, f)) return false;
    for (const auto& f : response_fields(in.response))
        if (*f.present != default_present(set, f)) return false;
    return true;
}

} // namespace cassette::convert
