#include "model/dump.hpp"

#include "model/schema.hpp"

#include <string_view>

namespace cassette {

namespace {

class Dumper {
public:
    std::string out;

    void span(std::string_view what, const Span& s) {
        out += what;
        out += '@';
        mark(s.begin);
        out += '-';
        mark(s.end);
        out += '\n';
    }
    void scalar(std::string_view what, const Scalar& s) {
        out += what;
        out += " style=" + std::to_string(int(s.style)) + " binary=" + std::to_string(int(s.binary)) +
               " dirty=" + std::to_string(int(s.dirty)) + " tag=" + std::string(s.tag.view()) + " len=" + std::to_string(s.value.size()) +
               " value=";
        out += s.value;
        out += '\n';
        span("  span", s.span);
    }
    void field(std::string_view what, const Field& f) {
        if (!f.present) {
            out += what;
            out += " absent\n";
            return;
        }
        span(what, f.key);
        scalar(what, f.value);
    }
    void headers(std::string_view what, const HeaderMap& m) {
        out += what;
        out += " present=" + std::to_string(int(m.present)) + " flow=" + std::to_string(int(m.flow)) + '\n';
        span("  key", m.key);
        span("  map", m.span);
        for (const auto& e : m.entries) {
            scalar("  name", e.name);
            out += "  values flow=" + std::to_string(int(e.values_flow)) + '\n';
            span("  values", e.values_span);
            for (const auto& v : e.values) scalar("   -", v);
        }
    }
    void list(std::string_view what, const StringList& l) {
        out += what;
        out += " present=" + std::to_string(int(l.present)) + " flow=" + std::to_string(int(l.flow)) + '\n';
        span("  key", l.key);
        span("  list", l.span);
        for (const auto& v : l.items) scalar("   -", v);
    }
    void node(const Node& n) {
        out += "node kind=" + std::to_string(int(n.kind)) + " flow=" + std::to_string(int(n.flow)) + '\n';
        span("  node", n.span);
        switch (n.kind) {
        case Node::Kind::Scalar: scalar("  scalar", n.scalar); break;
        case Node::Kind::Sequence:
            for (const auto& i : n.items) node(i);
            out += "end seq\n";
            break;
        case Node::Kind::Mapping:
            extra(n.entries);
            out += "end map\n";
            break;
        }
    }
    template <class S> void nested(std::string_view key, const S& s) {
        out += std::string(key) + " present=" + std::to_string(int(s.present)) + '\n';
        span(std::string(key) + " key", s.key);
        span(key, s.span);
        fields(s);
        extra(s.extra);
    }
    // A struct's fields, in the schema's order.
    template <class S> void fields(const S& s) { schema::visit_keyed<S>(*this, s); }
    void extra(const std::vector<NodeEntry>& entries) {
        for (const auto& e : entries) {
            scalar("extra key", e.key);
            node(e.value);
        }
    }

private:
    void mark(const Mark& m) {
        out += std::to_string(m.line) + ':' + std::to_string(m.column) + '/' + std::to_string(m.offset);
    }
};

} // namespace

std::string dump_model(const Cassette& c) {
    Dumper d;
    const Layout& l = c.layout;
    d.out += "path=" + c.path + " source=" + std::to_string(c.source.size()) + " layout=" + l.name() +
             " emitter=" + std::to_string(int(l.emitter)) + " indent=" + std::to_string(l.indent) +
             " indentless=" + std::to_string(int(l.indentless)) + " width=" + std::to_string(l.width) +
             " doc_start=" + std::to_string(int(l.doc_start)) + " final_newline=" + std::to_string(int(l.final_newline)) +
             " crlf=" + std::to_string(int(l.crlf)) + " bom=" + std::to_string(int(l.bom)) +
             " all_fields=" + std::to_string(int(l.all_fields)) + '\n';
    d.field("version", c.version);
    d.out += "interactions present=" + std::to_string(int(c.interactions_present)) +
             " flow=" + std::to_string(int(c.interactions_flow)) + " count=" + std::to_string(c.interactions.size()) +
             '\n';
    d.span("interactions key", c.interactions_key);
    d.span("interactions", c.interactions_span);
    for (const auto& in : c.interactions) {
        d.span("interaction", in.span);
        d.fields(in);
        d.extra(in.extra);
    }
    d.extra(c.extra);
    return d.out;
}

} // namespace cassette
