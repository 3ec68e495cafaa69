#include "convert/json_export.hpp"

#include "convert/har_internal.hpp"
#include "model/schema.hpp"
#include "util/utf8.hpp"

namespace cassette::convert {

namespace {

void text(JsonOut& j, std::string_view key, std::string_view value) {
    if (util::valid_utf8(value)) {
        j.member(key, value);
        return;
    }
    j.key(key);
    j.base64(value);
    j.member(std::string(key) + "_encoding", "base64");
}

void raw(JsonOut& j, std::string_view key, const Field& f) {
    if (!f.present) return;
    j.key(key);
    if (auto v = canonical_int(f.str())) j.integer(*v);
    else if (f.str() == "true" || f.str() == "false") j.boolean(f.str() == "true");
    else j.string(f.str());
}

void str(JsonOut& j, std::string_view key, const Field& f) {
    if (f.present) text(j, key, f.str());
}

void map(JsonOut& j, std::string_view key, const HeaderMap& m) {
    if (!m.present) return;
    j.key(key);
    j.begin_object();
    for (const auto& e : m.entries) {
        j.key(e.name.value);
        j.begin_array();
        for (const auto& v : e.values) j.string(v.value);
        j.end_array();
    }
    j.end_object();
}

void list(JsonOut& j, std::string_view key, const StringList& l) {
    if (!l.present) return;
    j.key(key);
    j.begin_array();
    for (const auto& v : l.items) j.string(v.value);
    j.end_array();
}

void node(JsonOut& j, const Node& n) {
    switch (n.kind) {
    case Node::Kind::Scalar:
        if (plain_raw(n.scalar)) {
            if (auto v = canonical_int(n.scalar.value)) return j.integer(*v);
            if (n.scalar.value == "true" || n.scalar.value == "false") return j.boolean(n.scalar.value == "true");
            if (is_null(n.scalar)) return j.null();
        }
        return j.string(n.scalar.value);
    case Node::Kind::Sequence:
        j.begin_array();
        for (const auto& i : n.items) node(j, i);
        return j.end_array();
    case Node::Kind::Mapping:
        j.begin_object();
        for (const auto& e : n.entries) {
            j.key(e.key.value);
            node(j, e.value);
        }
        return j.end_object();
    }
}

void extras(JsonOut& j, const std::vector<NodeEntry>& extra) {
    for (const auto& e : extra) {
        j.key(e.key.value);
        node(j, e.value);
    }
}

template <class S> void nested(JsonOut& j, std::string_view key, const S& s);

// The schema's fields of `s` in go-vcr's order (model/schema.hpp): ints and
// bools as JSON numbers and booleans, a request or response as an object
// (written even when the file has none), then its unknown keys.
template <class S> void fields(JsonOut& j, const S& s) {
    schema::visit<S>(schema::overloaded{
                         [&](const schema::Row<S>& r, const Field& f) {
                             if (schema::is_raw(r.kind)) raw(j, r.key, f);
                             else str(j, r.key, f);
                         },
                         [&](const schema::Row<S>& r, const HeaderMap& m) { map(j, r.key, m); },
                         [&](const schema::Row<S>& r, const StringList& l) { list(j, r.key, l); },
                         [&](const schema::Row<S>& r, const Request& q) { nested(j, r.key, q); },
                         [&](const schema::Row<S>& r, const Response& q) { nested(j, r.key, q); },
                     },
                     s);
}

template <class S> void nested(JsonOut& j, std::string_view key, const S& s) {
    j.key(key);
    j.begin_object();
    fields(j, s);
    extras(j, s.extra);
    j.end_object();
}

} // namespace

void write_json(const Cassette& c, const Sink& sink) {
    JsonOut j(sink);
    j.begin_object();
    raw(j, "version", c.version);
    extras(j, c.extra);
    j.key("interactions");
    j.begin_array();
    for (const auto& in : c.interactions) {
        j.begin_object();
        fields(j, in);
        extras(j, in.extra);
        j.end_object();
    }
    j.end_array();
    j.end_object();
}

std::string to_json(const Cassette& c) {
    std::string out;
    write_json(c, [&](std::string_view chunk) { out.append(chunk); });
    return out;
}

} // namespace cassette::convert
