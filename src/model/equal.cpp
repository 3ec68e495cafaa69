#include "model/equal.hpp"

#include "model/schema.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

namespace cassette {

namespace {

struct Cmp {
    std::optional<std::string> diff;
    std::string prefix; // "interactions[3]" while an interaction is compared; "" at the root

    // The path of `name` under the prefix, built only for a difference.
    std::string path(const char* name) const {
        if (prefix.empty()) return name;
        return *name ? prefix + "." + name : prefix;
    }

    void field(const Field& a, const Field& b, const char* name) {
        if (diff) return;
        if (a.present != b.present || a.value.value != b.value.value) diff = path(name);
    }

    // An int or bool field: a null decodes to Go's zero value (`zero`), so
    // `code:`, `code: ~` and `code: 0` are the same data.
    void number(const Field& a, const Field& b, const char* name, std::string_view zero) {
        if (diff) return;
        auto meaning = [zero](const Field& f) {
            return is_null(f.value) ? zero : std::string_view(f.value.value);
        };
        if (a.present != b.present || meaning(a) != meaning(b)) diff = path(name);
    }

    static std::vector<const HeaderEntry*> sorted(const HeaderMap& m) {
        std::vector<const HeaderEntry*> v;
        for (const auto& e : m.entries) v.push_back(&e);
        std::stable_sort(v.begin(), v.end(),
                         [](const HeaderEntry* x, const HeaderEntry* y) { return x->name.value < y->name.value; });
        return v;
    }

    void headers(const HeaderMap& a, const HeaderMap& b, const char* name) {
        if (diff) return;
        if (a.present != b.present || a.entries.size() != b.entries.size()) {
            diff = path(name);
            return;
        }
        auto sa = sorted(a), sb = sorted(b);
        for (size_t i = 0; i < sa.size(); ++i) {
            if (sa[i]->name.value != sb[i]->name.value || sa[i]->values.size() != sb[i]->values.size()) {
                diff = path(name) + "." + sa[i]->name.value;
                return;
            }
            for (size_t j = 0; j < sa[i]->values.size(); ++j) {
                if (sa[i]->values[j].value != sb[i]->values[j].value) {
                    diff = path(name) + "." + sa[i]->name.value + "[" + std::to_string(j) + "]";
                    return;
                }
            }
        }
    }

    void list(const StringList& a, const StringList& b, const char* name) {
        if (diff) return;
        if (a.present != b.present || a.items.size() != b.items.size()) {
            diff = path(name);
            return;
        }
        for (size_t i = 0; i < a.items.size(); ++i)
            if (a.items[i].value != b.items[i].value) {
                diff = path(name) + "[" + std::to_string(i) + "]";
                return;
            }
    }

    // An unknown key's empty value, `~` and `null` are the same null (the
    // canonical writer spells every null `null`).
    static bool is_null(const Scalar& s) { return cassette::is_null(s); }

    bool node(const Node& a, const Node& b) {
        if (a.kind != b.kind) return false;
        switch (a.kind) {
        case Node::Kind::Scalar: return a.scalar.value == b.scalar.value || (is_null(a.scalar) && is_null(b.scalar));
        case Node::Kind::Sequence:
            if (a.items.size() != b.items.size()) return false;
            for (size_t i = 0; i < a.items.size(); ++i)
                if (!node(a.items[i], b.items[i])) return false;
            return true;
        case Node::Kind::Mapping:
            if (a.entries.size() != b.entries.size()) return false;
            for (size_t i = 0; i < a.entries.size(); ++i)
                if (a.entries[i].key.value != b.entries[i].key.value || !node(a.entries[i].value, b.entries[i].value))
                    return false;
            return true;
        }
        return false;
    }

    void extras(const std::vector<NodeEntry>& a, const std::vector<NodeEntry>& b, const char* name) {
        if (diff) return;
        if (a.size() != b.size()) {
            diff = path(name) + " (unknown keys)";
            return;
        }
        for (size_t i = 0; i < a.size(); ++i)
            if (a[i].key.value != b[i].key.value || !node(a[i].value, b[i].value)) {
                diff = path(name) + "." + a[i].key.value;
                return;
            }
    }
};

// What is compared of an interaction, in this order: the schema's fields
// (model/schema.hpp), for first_difference (Cmp) and digest_of (Digester)
// alike, so the two cannot drift apart. `v` gets each pair with its path
// under the interaction; an int or bool compares as its Go value (a null is
// the zero value).
template <class V, class S> void compare_fields(V& v, const S& x, const S& y) {
    schema::visit<S>(
        schema::overloaded{
            [&](const schema::Row<S>& r, const Field& a, const Field& b) {
                if (schema::is_raw(r.kind)) v.number(a, b, schema::path(r).data(), r.zero);
                else v.field(a, b, schema::path(r).data());
            },
            [&](const schema::Row<S>& r, const HeaderMap& a, const HeaderMap& b) { v.headers(a, b, schema::path(r).data()); },
            [&](const schema::Row<S>& r, const StringList& a, const StringList& b) { v.list(a, b, schema::path(r).data()); },
            [&](const schema::Row<S>&, const Request& a, const Request& b) {
                compare_fields(v, a, b);
                v.extras(a.extra, b.extra, schema::Table<Request>::name.data());
            },
            [&](const schema::Row<S>&, const Response& a, const Response& b) {
                compare_fields(v, a, b);
                v.extras(a.extra, b.extra, schema::Table<Response>::name.data());
            },
        },
        x, y);
}

template <class V> void each_compared(V& v, const Interaction& x, const Interaction& y) {
    compare_fields(v, x, y);
    v.extras(x.extra, y.extra, "");
}

void compare_root(Cmp& c, const Cassette& a, const Cassette& b) {
    c.field(a.version, b.version, "version");
    c.extras(a.extra, b.extra, "cassette");
}

} // namespace

std::optional<std::string> first_difference_root(const Cassette& a, const Cassette& b) {
    Cmp c;
    compare_root(c, a, b);
    return c.diff;
}

namespace {

// Feeds what Cmp compares, in its order, into two independent 64-bit lanes.
// Every string is preceded by its length and every part by a tag byte, so
// different sequences cannot run together. Each lane's step is a bijection of
// its state for a given word, so two inputs that differ in one word always
// end in different states.
struct Digester {
    uint64_t a = 0x243F6A8885A308D3ULL, b = 0x13198A2E03707344ULL;

    void word(uint64_t w) {
        a = (a ^ w) * 0x9E3779B97F4A7C15ULL;
        a ^= a >> 29;
        b = (b + w) * 0xC2B2AE3D27D4EB4FULL;
        b = (b << 31) | (b >> 33);
    }
    void tag(char t) { word(uint64_t(uint8_t(t)) | 0x5A00); }
    void text(std::string_view s) {
        word(s.size());
        size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) {
            uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            word(w);
        }
        if (i < s.size()) {
            uint64_t w = 0;
            std::memcpy(&w, s.data() + i, s.size() - i);
            word(w);
        }
    }
    // Cmp::field
    void field(const Field& f, const Field&, const char*) {
        tag(f.present ? 'F' : 'f');
        text(f.value.value);
    }
    // Cmp::number: a null is the zero value.
    void number(const Field& f, const Field&, const char*, std::string_view zero) {
        tag(f.present ? 'I' : 'i');
        text(Cmp::is_null(f.value) ? zero : std::string_view(f.value.value));
    }
    // Cmp::headers: entries in name order (stable), values in their order.
    void headers(const HeaderMap& m, const HeaderMap&, const char*) {
        tag(m.present ? 'H' : 'h');
        word(m.entries.size());
        for (const HeaderEntry* e : Cmp::sorted(m)) {
            text(e->name.value);
            word(e->values.size());
            for (const Scalar& v : e->values) text(v.value);
        }
    }
    // Cmp::list
    void list(const StringList& l, const StringList&, const char*) {
        tag(l.present ? 'L' : 'l');
        word(l.items.size());
        for (const Scalar& s : l.items) text(s.value);
    }
    // Cmp::node: a null scalar is one mark whatever its spelling.
    void node(const Node& n) {
        switch (n.kind) {
        case Node::Kind::Scalar:
            if (Cmp::is_null(n.scalar)) {
                tag('N');
            } else {
                tag('S');
                text(n.scalar.value);
            }
            return;
        case Node::Kind::Sequence:
            tag('Q');
            word(n.items.size());
            for (const Node& i : n.items) node(i);
            return;
        case Node::Kind::Mapping:
            tag('M');
            word(n.entries.size());
            for (const NodeEntry& e : n.entries) {
                text(e.key.value);
                node(e.value);
            }
            return;
        }
    }
    // Cmp::extras
    void extras(const std::vector<NodeEntry>& x, const std::vector<NodeEntry>&, const char*) {
        tag('X');
        word(x.size());
        for (const NodeEntry& e : x) {
            text(e.key.value);
            node(e.value);
        }
    }
};

} // namespace

InteractionDigest digest_of(const Interaction& x) {
    Digester d;
    each_compared(d, x, x);
    return InteractionDigest{d.a, d.b};
}

std::optional<std::string> first_difference(const Cassette& a, const Cassette& b) {
    Cmp c;
    compare_root(c, a, b);
    if (!c.diff && a.interactions.size() != b.interactions.size()) c.diff = "interactions (count)";
    for (size_t i = 0; !c.diff && i < a.interactions.size(); ++i) {
        c.prefix = "interactions[" + std::to_string(i) + "]";
        each_compared(c, a.interactions[i], b.interactions[i]);
    }
    return c.diff;
}

} // namespace cassette
