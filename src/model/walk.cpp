#include "model/walk.hpp"

namespace cassette {

namespace {

int column0(const Span& s) { return s.begin.column > 0 ? int(s.begin.column) - 1 : 0; }

struct Walker {
    const ScalarVisitor& visit;
    std::optional<size_t> interaction;

    void field(Field& f, ScalarKind kind, std::string_view path) {
        if (!f.present) return;
        ScalarSite site{kind, column0(f.key), false, false, interaction, path};
        visit(f.value, site);
    }

    void headers(HeaderMap& m, std::string_view path) {
        if (!m.present) return;
        for (auto& e : m.entries) {
            visit(e.name, ScalarSite{ScalarKind::Key, column0(e.name.span), false, m.flow, interaction, path, true});
            for (auto& v : e.values) {
                // The "- " sits two columns before the value in block style.
                int dash = column0(v.span) - 2;
                visit(v, ScalarSite{ScalarKind::String, dash < 0 ? 0 : dash, true, m.flow || e.values_flow,
                                    interaction, path});
            }
        }
    }

    void list(StringList& l, std::string_view path) {
        if (!l.present) return;
        for (auto& v : l.items) {
            int dash = column0(v.span) - 2;
            visit(v, ScalarSite{ScalarKind::String, dash < 0 ? 0 : dash, true, l.flow, interaction, path});
        }
    }

    // `parent`: the column of the key whose value `n` is, or of the "- " of
    // the sequence item `n` is (`in_sequence`), as for the schema's fields.
    void node(Node& n, std::string_view path, bool flow, int parent, bool in_sequence) {
        switch (n.kind) {
        case Node::Kind::Scalar:
            visit(n.scalar, ScalarSite{ScalarKind::Extra, parent, in_sequence, flow, interaction, path});
            break;
        case Node::Kind::Sequence:
            for (auto& i : n.items) {
                const int dash = column0(i.span) - 2;
                node(i, path, flow || n.flow, dash < 0 ? 0 : dash, true);
            }
            break;
        case Node::Kind::Mapping:
            for (auto& e : n.entries) extra(e, path, flow || n.flow);
            break;
        }
    }

    void extra(NodeEntry& e, std::string_view path, bool flow = false) {
        visit(e.key, ScalarSite{ScalarKind::Extra, column0(e.key.span), false, flow, interaction, path, true});
        node(e.value, path, flow, column0(e.key.span), false);
    }
};

} // namespace

void for_each_scalar(Cassette& c, const ScalarVisitor& visit) {
    for_each_scalar_in(c, true, 0, c.interactions.size(), visit);
}

void for_each_scalar_in(Cassette& c, bool root, size_t from, size_t to, const ScalarVisitor& visit) {
    Walker w{visit, std::nullopt};
    if (root) {
        w.field(c.version, ScalarKind::Raw, "version");
        for (auto& e : c.extra) w.extra(e, "extra");
        // Documents after the cassette's (go-vcr never reads them).
        for (auto& d : c.notes.documents) w.node(d, "trailing-document", false, 0, false);
    }
    for (size_t i = from; i < to && i < c.interactions.size(); ++i) {
        Interaction& in = c.interactions[i];
        w.interaction = i;
        w.field(in.id, ScalarKind::Raw, "id");
        Request& rq = in.request;
        w.field(rq.proto, ScalarKind::String, "request.proto");
        w.field(rq.proto_major, ScalarKind::Raw, "request.proto_major");
        w.field(rq.proto_minor, ScalarKind::Raw, "request.proto_minor");
        w.field(rq.content_length, ScalarKind::Raw, "request.content_length");
        w.list(rq.transfer_encoding, "request.transfer_encoding");
        w.headers(rq.trailer, "request.trailer");
        w.field(rq.host, ScalarKind::String, "request.host");
        w.field(rq.remote_addr, ScalarKind::String, "request.remote_addr");
        w.field(rq.request_uri, ScalarKind::String, "request.request_uri");
        w.field(rq.body, ScalarKind::String, "request.body");
        w.headers(rq.form, "request.form");
        w.headers(rq.headers, "request.headers");
        w.field(rq.url, ScalarKind::String, "request.url");
        w.field(rq.method, ScalarKind::String, "request.method");
        for (auto& e : rq.extra) w.extra(e, "request.extra");
        Response& rs = in.response;
        w.field(rs.proto, ScalarKind::String, "response.proto");
        w.field(rs.proto_major, ScalarKind::Raw, "response.proto_major");
        w.field(rs.proto_minor, ScalarKind::Raw, "response.proto_minor");
        w.list(rs.transfer_encoding, "response.transfer_encoding");
        w.headers(rs.trailer, "response.trailer");
        w.field(rs.content_length, ScalarKind::Raw, "response.content_length");
        w.field(rs.uncompressed, ScalarKind::Raw, "response.uncompressed");
        w.field(rs.body, ScalarKind::String, "response.body");
        w.headers(rs.headers, "response.headers");
        w.field(rs.status, ScalarKind::String, "response.status");
        w.field(rs.code, ScalarKind::Raw, "response.code");
        w.field(rs.duration, ScalarKind::String, "response.duration");
        for (auto& e : rs.extra) w.extra(e, "response.extra");
        for (auto& e : in.extra) w.extra(e, "interaction.extra");
    }
}

} // namespace cassette
