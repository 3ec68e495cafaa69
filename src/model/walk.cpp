#include "model/walk.hpp"

#include "model/schema.hpp"

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

    // The schema's fields of `s` in order (model/schema.hpp); a request or
    // response is entered, then its unknown keys.
    template <class S> void fields(S& s) {
        schema::visit<S>(schema::overloaded{
                             [&](const schema::Row<S>& r, Field& f) {
                                 field(f, schema::is_raw(r.kind) ? ScalarKind::Raw : ScalarKind::String,
                                       schema::path(r));
                             },
                             [&](const schema::Row<S>& r, HeaderMap& m) { headers(m, schema::path(r)); },
                             [&](const schema::Row<S>& r, StringList& l) { list(l, schema::path(r)); },
                             [&](const schema::Row<S>&, Request& q) {
                                 fields(q);
                                 for (auto& e : q.extra) extra(e, "request.extra");
                             },
                             [&](const schema::Row<S>&, Response& q) {
                                 fields(q);
                                 for (auto& e : q.extra) extra(e, "response.extra");
                             },
                         },
                         s);
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
        w.fields(in);
        for (auto& e : in.extra) w.extra(e, "interaction.extra");
    }
}

} // namespace cassette
