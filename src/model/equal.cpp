#include "model/equal.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

namespace cassette {

namespace {

struct Cmp {
    std::optional<std::string> diff;

    bool field(const Field& a, const Field& b, const std::string& path) {
        if (diff) return false;
        if (a.present != b.present || a.value.value != b.value.value) {
            diff = path;
            return false;
        }
        return true;
    }

    // An int or bool field: a null decodes to Go's zero value (`zero`), so
    // `code:`, `code: ~` and `code: 0` are the same data.
    void number(const Field& a, const Field& b, const std::string& path, const char* zero) {
        if (diff) return;
        auto meaning = [zero](const Field& f) { return is_null(f.value) ? std::string(zero) : f.value.value; };
        if (a.present != b.present || meaning(a) != meaning(b)) diff = path;
    }

    static std::vector<const HeaderEntry*> sorted(const HeaderMap& m) {
        std::vector<const HeaderEntry*> v;
        for (const auto& e : m.entries) v.push_back(&e);
        std::stable_sort(v.begin(), v.end(),
                         [](const HeaderEntry* x, const HeaderEntry* y) { return x->name.value < y->name.value; });
        return v;
    }

    void headers(const HeaderMap& a, const HeaderMap& b, const std::string& path) {
        if (diff) return;
        if (a.present != b.present || a.entries.size() != b.entries.size()) {
            diff = path;
            return;
        }
        auto sa = sorted(a), sb = sorted(b);
        for (size_t i = 0; i < sa.size(); ++i) {
            if (sa[i]->name.value != sb[i]->name.value || sa[i]->values.size() != sb[i]->values.size()) {
                diff = path + "." + sa[i]->name.value;
                return;
            }
            for (size_t j = 0; j < sa[i]->values.size(); ++j) {
                if (sa[i]->values[j].value != sb[i]->values[j].value) {
                    diff = path + "." + sa[i]->name.value + "[" + std::to_string(j) + "]";
                    return;
                }
            }
        }
    }

    void list(const StringList& a, const StringList& b, const std::string& path) {
        if (diff) return;
        if (a.present != b.present || a.items.size() != b.items.size()) {
            diff = path;
            return;
        }
        for (size_t i = 0; i < a.items.size(); ++i)
            if (a.items[i].value != b.items[i].value) {
                diff = path + "[" + std::to_string(i) + "]";
                return;
            }
    }

    // An unknown key's empty value, `~` and `null` are the same null (the
    // canonical writer spells every null `null`).
    static bool is_null(const Scalar& s) {
        if (s.style != ScalarStyle::Plain || !s.tag.empty() || s.binary) return false;
        return s.value.empty() || s.value == "~" || s.value == "null" || s.value == "Null" || s.value == "NULL";
    }

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

    void extras(const std::vector<NodeEntry>& a, const std::vector<NodeEntry>& b, const std::string& path) {
        if (diff) return;
        if (a.size() != b.size()) {
            diff = path + " (unknown keys)";
            return;
        }
        for (size_t i = 0; i < a.size(); ++i)
            if (a[i].key.value != b[i].key.value || !node(a[i].value, b[i].value)) {
                diff = path + "." + a[i].key.value;
                return;
            }
    }
};

} // namespace

std::optional<std::string> first_difference_root(const Cassette& a, const Cassette& b) {
    Cmp c;
    c.field(a.version, b.version, "version");
    c.extras(a.extra, b.extra, "cassette");
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
    void field(const Field& f) {
        tag(f.present ? 'F' : 'f');
        text(f.value.value);
    }
    // Cmp::number: a null is the zero value.
    void number(const Field& f, const char* zero) {
        tag(f.present ? 'I' : 'i');
        text(Cmp::is_null(f.value) ? std::string_view(zero) : std::string_view(f.value.value));
    }
    // Cmp::headers: entries in name order (stable), values in their order.
    void headers(const HeaderMap& m) {
        tag(m.present ? 'H' : 'h');
        word(m.entries.size());
        for (const HeaderEntry* e : Cmp::sorted(m)) {
            text(e->name.value);
            word(e->values.size());
            for (const Scalar& v : e->values) text(v.value);
        }
    }
    // Cmp::list
    void list(const StringList& l) {
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
    void extras(const std::vector<NodeEntry>& x) {
        tag('X');
        word(x.size());
        for (const NodeEntry& e : x) {
            text(e.key.value);
            node(e.value);
        }
    }
};

} // namespace

// Must follow first_difference's loop body field for field (same fields,
// same equalities); test_model_equal checks the two agree.
InteractionDigest digest_of(const Interaction& x) {
    Digester d;
    d.number(x.id, "0");
    const Request& rq = x.request;
    d.field(rq.proto);
    d.number(rq.proto_major, "0");
    d.number(rq.proto_minor, "0");
    d.number(rq.content_length, "0");
    d.list(rq.transfer_encoding);
    d.headers(rq.trailer);
    d.field(rq.host);
    d.field(rq.remote_addr);
    d.field(rq.request_uri);
    d.field(rq.body);
    d.headers(rq.form);
    d.headers(rq.headers);
    d.field(rq.url);
    d.field(rq.method);
    d.extras(rq.extra);
    const Response& rs = x.response;
    d.field(rs.proto);
    d.number(rs.proto_major, "0");
    d.number(rs.proto_minor, "0");
    d.list(rs.transfer_encoding);
    d.headers(rs.trailer);
    d.number(rs.content_length, "0");
    d.number(rs.uncompressed, "false");
    d.field(rs.body);
    d.headers(rs.headers);
    d.field(rs.status);
    d.number(rs.code, "0");
    d.field(rs.duration);
    d.extras(rs.extra);
    d.extras(x.extra);
    return InteractionDigest{d.a, d.b};
}

std::optional<std::string> first_difference(const Cassette& a, const Cassette& b) {
    Cmp c;
    c.field(a.version, b.version, "version");
    c.extras(a.extra, b.extra, "cassette");
    if (!c.diff && a.interactions.size() != b.interactions.size()) c.diff = "interactions (count)";
    for (size_t i = 0; !c.diff && i < a.interactions.size(); ++i) {
        const Interaction& x = a.interactions[i];
        const Interaction& y = b.interactions[i];
        const std::string p = "interactions[" + std::to_string(i) + "]";
        c.number(x.id, y.id, p + ".id", "0");
        const Request &rq = x.request, &sq = y.request;
        const std::string q = p + ".request";
        c.field(rq.proto, sq.proto, q + ".proto");
        c.number(rq.proto_major, sq.proto_major, q + ".proto_major", "0");
        c.number(rq.proto_minor, sq.proto_minor, q + ".proto_minor", "0");
        c.number(rq.content_length, sq.content_length, q + ".content_length", "0");
        c.list(rq.transfer_encoding, sq.transfer_encoding, q + ".transfer_encoding");
        c.headers(rq.trailer, sq.trailer, q + ".trailer");
        c.field(rq.host, sq.host, q + ".host");
        c.field(rq.remote_addr, sq.remote_addr, q + ".remote_addr");
        c.field(rq.request_uri, sq.request_uri, q + ".request_uri");
        c.field(rq.body, sq.body, q + ".body");
        c.headers(rq.form, sq.form, q + ".form");
        c.headers(rq.headers, sq.headers, q + ".headers");
        c.field(rq.url, sq.url, q + ".url");
        c.field(rq.method, sq.method, q + ".method");
        c.extras(rq.extra, sq.extra, q);
        const Response &rs = x.response, &ss = y.response;
        const std::string r = p + ".response";
        c.field(rs.proto, ss.proto, r + ".proto");
        c.number(rs.proto_major, ss.proto_major, r + ".proto_major", "0");
        c.number(rs.proto_minor, ss.proto_minor, r + ".proto_minor", "0");
        c.list(rs.transfer_encoding, ss.transfer_encoding, r + ".transfer_encoding");
        c.headers(rs.trailer, ss.trailer, r + ".trailer");
        c.number(rs.content_length, ss.content_length, r + ".content_length", "0");
        c.number(rs.uncompressed, ss.uncompressed, r + ".uncompressed", "false");
        c.field(rs.body, ss.body, r + ".body");
        c.headers(rs.headers, ss.headers, r + ".headers");
        c.field(rs.status, ss.status, r + ".status");
        c.number(rs.code, ss.code, r + ".code", "0");
        c.field(rs.duration, ss.duration, r + ".duration");
        c.extras(rs.extra, ss.extra, r);
        c.extras(x.extra, y.extra, p);
    }
    return c.diff;
}

} // namespace cassette
