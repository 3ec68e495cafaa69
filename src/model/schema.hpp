#pragma once
// go-vcr's schema, written once: one table per model struct (the cassette,
// an interaction, a request, a response), each row a YAML key in go-vcr's
// declaration order (= the order its writers emit, FORMAT.md 2 and 4.3)
// with the model member it fills, its kind, the format version and go-vcr
// release that brought it, whether it is tagged `omitempty` and its Go zero
// value. The reader's key dispatch, the canonical writer, the walk, equality
// and digest, the dump, the comment anchors, presence, JSON export and the
// `unknown-key` rule iterate these rows instead of naming fields.
//
// A second dialect (another recorder's YAML over the same model) would be a
// second set of tables: `Table<S, Dialect>` is specialised per dialect, the
// generic code below takes the dialect as a template parameter.
#include "model/cassette.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace cassette::schema {

enum class Kind : uint8_t {
    String,       // a Go string (or time.Duration, kept as its text): Field, a YAML string, null reads as ""
    Int,          // a Go int/int64: Field, a plain YAML int, null is 0
    Bool,         // a Go bool: Field, null is false
    StringMap,    // map[string][]string (http.Header, url.Values): HeaderMap
    StringList,   // []string: StringList
    Request,      // the nested Request struct
    Response,     // the nested Response struct
    Interactions, // []*Interaction (the cassette's list)
};

// A kind whose value is one scalar (a Field).
constexpr bool is_scalar(Kind k) { return k == Kind::String || k == Kind::Int || k == Kind::Bool; }
// A scalar written as is, not as a YAML string: an int or a bool.
constexpr bool is_raw(Kind k) { return k == Kind::Int || k == Kind::Bool; }

template <class S> struct Row {
    std::string_view key;     // the YAML key
    Kind kind;
    std::string_view go_type; // the Go field's type, as FORMAT.md section 2 names it
    uint8_t since;            // the first format version (`version:`) that has it: 1 or 2
    std::string_view release; // the go-vcr release (or date) that brought it
    bool omitempty;           // tagged `omitempty` (go-vcr v4.0.3+, format 2): a zero value is left out
    std::string_view zero;    // Go's zero value as go-vcr writes it ("", "0", "false", "{}", "[]")
    Field S::*field = nullptr;           // String, Int, Bool
    HeaderMap S::*map = nullptr;         // StringMap
    StringList S::*list = nullptr;       // StringList
    Request S::*request = nullptr;       // Request
    Response S::*response = nullptr;     // Response
    std::vector<Interaction> S::*interactions = nullptr; // Interactions
};

// Row makers: one call per field in the tables (schema.cpp has the rows).
template <class S>
constexpr Row<S> text(std::string_view key, Field S::*m, uint8_t since, std::string_view release, bool omitempty,
                      std::string_view go_type = "string") {
    return Row<S>{key, Kind::String, go_type, since, release, omitempty, "", m};
}
template <class S>
constexpr Row<S> integer(std::string_view key, Field S::*m, uint8_t since, std::string_view release,
                         std::string_view go_type = "int") {
    return Row<S>{key, Kind::Int, go_type, since, release, false, "0", m};
}
template <class S>
constexpr Row<S> boolean(std::string_view key, Field S::*m, uint8_t since, std::string_view release, bool omitempty) {
    return Row<S>{key, Kind::Bool, "bool", since, release, omitempty, "false", m};
}
template <class S>
constexpr Row<S> string_map(std::string_view key, HeaderMap S::*m, uint8_t since, std::string_view release,
                            bool omitempty, std::string_view go_type = "http.Header") {
    Row<S> r{key, Kind::StringMap, go_type, since, release, omitempty, "{}"};
    r.map = m;
    return r;
}
template <class S>
constexpr Row<S> string_list(std::string_view key, StringList S::*m, uint8_t since, std::string_view release,
                             bool omitempty) {
    Row<S> r{key, Kind::StringList, "[]string", since, release, omitempty, "[]"};
    r.list = m;
    return r;
}

struct GoVcr {}; // the dialect go-vcr writes (FORMAT.md)

// Table<S, Dialect>::name (the struct's path prefix: "request", "response";
// "" for the cassette and an interaction, whose keys are paths on their
// own) and ::rows, in the order the dialect's writer emits them.
template <class S, class Dialect = GoVcr> struct Table;

template <> struct Table<Cassette, GoVcr> {
    static constexpr std::string_view name = "";
    static constexpr std::array<Row<Cassette>, 2> rows = [] {
        Row<Cassette> inter{"interactions", Kind::Interactions, "[]*Interaction", 1, "v0", false, "[]"};
        inter.interactions = &Cassette::interactions;
        return std::array<Row<Cassette>, 2>{integer("version", &Cassette::version, 1, "v0"), inter};
    }();
};

template <> struct Table<Interaction, GoVcr> {
    static constexpr std::string_view name = "";
    static constexpr std::array<Row<Interaction>, 3> rows = [] {
        Row<Interaction> rq{"request", Kind::Request, "Request", 1, "v0", false, "{}"};
        rq.request = &Interaction::request;
        Row<Interaction> rs{"response", Kind::Response, "Response", 1, "v0", false, "{}"};
        rs.response = &Interaction::response;
        return std::array<Row<Interaction>, 3>{integer("id", &Interaction::id, 2, "v3.0.0"), rq, rs};
    }();
};

template <> struct Table<Request, GoVcr> {
    static constexpr std::string_view name = "request";
    static constexpr std::array<Row<Request>, 14> rows = {
        text("proto", &Request::proto, 2, "v3.0.0", false),
        integer("proto_major", &Request::proto_major, 2, "v3.0.0"),
        integer("proto_minor", &Request::proto_minor, 2, "v3.0.0"),
        integer("content_length", &Request::content_length, 2, "v3.0.0", "int64"),
        string_list("transfer_encoding", &Request::transfer_encoding, 2, "v3.0.0", true),
        string_map("trailer", &Request::trailer, 2, "v3.0.0", true),
        text("host", &Request::host, 2, "v3.0.0", false),
        text("remote_addr", &Request::remote_addr, 2, "v3.0.0", true),
        text("request_uri", &Request::request_uri, 2, "v3.0.0", true),
        text("body", &Request::body, 1, "v0", true),
        string_map("form", &Request::form, 1, "v0 (2016-01-25)", true, "url.Values"),
        string_map("headers", &Request::headers, 1, "v0", true),
        text("url", &Request::url, 1, "v0", false),
        text("method", &Request::method, 1, "v0", false),
    };
};

template <> struct Table<Response, GoVcr> {
    static constexpr std::string_view name = "response";
    static constexpr std::array<Row<Response>, 12> rows = {
        text("proto", &Response::proto, 2, "v3.0.0", false),
        integer("proto_major", &Response::proto_major, 2, "v3.0.0"),
        integer("proto_minor", &Response::proto_minor, 2, "v3.0.0"),
        string_list("transfer_encoding", &Response::transfer_encoding, 2, "v3.0.0", true),
        string_map("trailer", &Response::trailer, 2, "v3.0.0", true),
        integer("content_length", &Response::content_length, 2, "v3.0.0", "int64"),
        boolean("uncompressed", &Response::uncompressed, 2, "v3.0.0", true),
        text("body", &Response::body, 1, "v0", false),
        string_map("headers", &Response::headers, 1, "v0", false),
        text("status", &Response::status, 1, "v0", false),
        integer("code", &Response::code, 1, "v0"),
        // A string from 2018-03-23, time.Duration from v2.0.0: kept as its text either way.
        text("duration", &Response::duration, 1, "v0 (2018-03-23)", false, "time.Duration"),
    };
};

template <class S, class D = GoVcr> constexpr const auto& rows() { return Table<S, D>::rows; }

template <class S, class D = GoVcr> constexpr bool has_kind(Kind k) {
    for (const auto& r : Table<S, D>::rows)
        if (r.kind == k) return true;
    return false;
}

// The row's index in its table.
template <class S, class D = GoVcr> constexpr size_t index_of(const Row<S>& r) {
    return size_t(&r - Table<S, D>::rows.data());
}

// ---------------------------------------------------------------- lookup

// Key -> row in O(1): an open-addressing index built at compile time from
// the table (any rows fit; a collision costs one more comparison).
namespace detail {
constexpr size_t hash_key(std::string_view k) {
    if (k.empty()) return 0;
    return k.size() * 31u + uint8_t(k[0]) * 7u + uint8_t(k[k.size() - 1]) + uint8_t(k[k.size() / 2]) * 3u;
}
template <class S, class D> struct Index {
    static constexpr size_t n = [] {
        size_t s = 16;
        while (s < Table<S, D>::rows.size() * 2) s *= 2;
        return s;
    }();
    static constexpr std::array<uint8_t, n> slots = [] {
        std::array<uint8_t, n> t{};
        for (auto& s : t) s = 0xFF;
        for (size_t i = 0; i < Table<S, D>::rows.size(); ++i) {
            size_t h = hash_key(Table<S, D>::rows[i].key) & (n - 1);
            while (t[h] != 0xFF) h = (h + 1) & (n - 1);
            t[h] = uint8_t(i);
        }
        return t;
    }();
};
} // namespace detail

// The row of `key`, or nullptr when the dialect does not know it.
template <class S, class D = GoVcr> inline const Row<S>* find(std::string_view key) {
    using I = detail::Index<S, D>;
    size_t h = detail::hash_key(key) & (I::n - 1);
    for (;;) {
        const uint8_t i = I::slots[h];
        if (i == 0xFF) return nullptr;
        const Row<S>& r = Table<S, D>::rows[i];
        if (r.key == key) return &r;
        h = (h + 1) & (I::n - 1);
    }
}

// ---------------------------------------------------------------- names

namespace detail {
// "request.body" / "request body" for every row, built at compile time
// (no guard, no allocation, no strlen on the walk's path).
template <class S, class D> struct Names {
    static constexpr size_t width = 64;
    using Text = std::array<char, width>;
    static constexpr std::array<Text, Table<S, D>::rows.size()> make(char sep) {
        std::array<Text, Table<S, D>::rows.size()> out{};
        for (size_t i = 0; i < out.size(); ++i) {
            const std::string_view name = Table<S, D>::name, key = Table<S, D>::rows[i].key;
            size_t n = 0;
            auto put = [&](char c) {
                if (n + 1 >= width) throw "schema: a path longer than Names::width"; // a compile error
                out[i][n++] = c;
            };
            for (char c : name) put(c);
            if (!name.empty()) put(sep);
            for (char c : key) put(c);
        }
        return out;
    }
    static constexpr auto dotted = make('.');
    static constexpr auto spaced = make(' ');
};
} // namespace detail

// "request.body", "id": the field's path under an interaction (or the
// root). Null-terminated.
template <class S, class D = GoVcr> constexpr std::string_view path(const Row<S>& r) {
    const size_t prefix = Table<S, D>::name.empty() ? 0 : Table<S, D>::name.size() + 1;
    return std::string_view(detail::Names<S, D>::dotted[index_of<S, D>(r)].data(), prefix + r.key.size());
}
// "request body", "id": how a message names the field. Null-terminated.
template <class S, class D = GoVcr> constexpr std::string_view label(const Row<S>& r) {
    const size_t prefix = Table<S, D>::name.empty() ? 0 : Table<S, D>::name.size() + 1;
    return std::string_view(detail::Names<S, D>::spaced[index_of<S, D>(r)].data(), prefix + r.key.size());
}

// ---------------------------------------------------------------- visiting

// Calls f(row, member...) with the row's member of each object (all of
// type S, const or not): Field for the scalar kinds, HeaderMap, StringList,
// Request, Response, std::vector<Interaction>. f is called only with the
// member types the table has.
template <class S, class D = GoVcr, class F, class... T> void visit_row(const Row<S>& r, F&& f, T&... objs) {
    static_assert((std::is_same_v<std::remove_const_t<T>, S> && ...));
    switch (r.kind) {
    case Kind::String:
    case Kind::Int:
    case Kind::Bool: f(r, (objs.*r.field)...); break;
    case Kind::StringMap:
        if constexpr (has_kind<S, D>(Kind::StringMap)) f(r, (objs.*r.map)...);
        break;
    case Kind::StringList:
        if constexpr (has_kind<S, D>(Kind::StringList)) f(r, (objs.*r.list)...);
        break;
    case Kind::Request:
        if constexpr (has_kind<S, D>(Kind::Request)) f(r, (objs.*r.request)...);
        break;
    case Kind::Response:
        if constexpr (has_kind<S, D>(Kind::Response)) f(r, (objs.*r.response)...);
        break;
    case Kind::Interactions:
        if constexpr (has_kind<S, D>(Kind::Interactions)) f(r, (objs.*r.interactions)...);
        break;
    }
}

namespace detail {
// Row I, dispatched at compile time: the same code as naming the member.
template <class S, class D, size_t I, class F, class... T> void visit_static(F& f, T&... objs) {
    constexpr const Row<S>& r = Table<S, D>::rows[I];
    if constexpr (is_scalar(r.kind)) f(r, (objs.*r.field)...);
    else if constexpr (r.kind == Kind::StringMap) f(r, (objs.*r.map)...);
    else if constexpr (r.kind == Kind::StringList) f(r, (objs.*r.list)...);
    else if constexpr (r.kind == Kind::Request) f(r, (objs.*r.request)...);
    else if constexpr (r.kind == Kind::Response) f(r, (objs.*r.response)...);
    else f(r, (objs.*r.interactions)...);
}
template <class S, class D, class F, size_t... I, class... T>
void visit_all(F& f, std::index_sequence<I...>, T&... objs) {
    (visit_static<S, D, I>(f, objs...), ...);
}
} // namespace detail

// visit_row for each row, in order (unrolled at compile time).
template <class S, class D = GoVcr, class F, class... T> void visit(F&& f, T&... objs) {
    static_assert((std::is_same_v<std::remove_const_t<T>, S> && ...));
    detail::visit_all<S, D>(f, std::make_index_sequence<Table<S, D>::rows.size()>{}, objs...);
}

// For a visitor with one member function per kind, given the key:
// v.field(key, f), v.headers(key, map), v.list(key, list) and, for a
// request or response, v.nested(key, s).
template <class S, class D = GoVcr, class V, class T> void visit_keyed(V& v, T& s) {
    visit<S, D>(
        [&](const Row<S>& r, auto& m) {
            using M = std::remove_const_t<std::remove_reference_t<decltype(m)>>;
            if constexpr (std::is_same_v<M, Field>) v.field(r.key, m);
            else if constexpr (std::is_same_v<M, HeaderMap>) v.headers(r.key, m);
            else if constexpr (std::is_same_v<M, StringList>) v.list(r.key, m);
            else v.nested(r.key, m);
        },
        s);
}

// Overload set of lambdas, for visit().
template <class... F> struct overloaded : F... {
    using F::operator()...;
};
template <class... F> overloaded(F...) -> overloaded<F...>;

// The presence flag (nullptr for the cassette's interactions, which have
// Cassette::interactions_present) and key span of a row's member in `s`.
template <class S> bool* presence(const Row<S>& r, S& s) {
    bool* out = nullptr;
    visit_row<S>(r, [&](const Row<S>&, auto& m) {
        if constexpr (!std::is_same_v<std::remove_reference_t<decltype(m)>, std::vector<Interaction>>) out = &m.present;
    }, s);
    return out;
}
template <class S> bool present(const Row<S>& r, const S& s) {
    if constexpr (std::is_same_v<S, Cassette>)
        if (r.kind == Kind::Interactions) return s.interactions_present;
    bool out = false;
    visit_row<S>(r, [&](const Row<S>&, const auto& m) {
        if constexpr (!std::is_same_v<std::remove_cvref_t<decltype(m)>, std::vector<Interaction>>) out = m.present;
    }, s);
    return out;
}
template <class S> Span key_span(const Row<S>& r, const S& s) {
    if constexpr (std::is_same_v<S, Cassette>)
        if (r.kind == Kind::Interactions) return s.interactions_key;
    Span out;
    visit_row<S>(r, [&](const Row<S>&, const auto& m) {
        if constexpr (!std::is_same_v<std::remove_cvref_t<decltype(m)>, std::vector<Interaction>>) out = m.key;
    }, s);
    return out;
}

// Whether a present member holds Go's zero value, as yaml's isZero (what
// omitempty drops) says for the kinds go-vcr tags omitempty.
template <class S> bool is_zero(const Row<S>& r, const S& s) {
    switch (r.kind) {
    case Kind::String:
    case Kind::Int: return (s.*r.field).value.value.empty();
    case Kind::Bool: return (s.*r.field).value.value != "true";
    case Kind::StringMap: return (s.*r.map).entries.empty();
    case Kind::StringList: return (s.*r.list).items.empty();
    default: return false;
    }
}

} // namespace cassette::schema
