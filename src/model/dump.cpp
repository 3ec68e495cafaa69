#include "model/dump.hpp"

namespace cassette {

namespace {

class Dumper {
public:
    std::string out;

    void span(const char* what, const Span& s) {
        out += what;
        out += '@';
        mark(s.begin);
        out += '-';
        mark(s.end);
        out += '\n';
    }
    void scalar(const char* what, const Scalar& s) {
        out += what;
        out += " style=" + std::to_string(int(s.style)) + " binary=" + std::to_string(int(s.binary)) +
               " dirty=" + std::to_string(int(s.dirty)) + " tag=" + std::string(s.tag.view()) + " len=" + std::to_string(s.value.size()) +
               " value=";
        out += s.value;
        out += '\n';
        span("  span", s.span);
    }
    void field(const char* what, const Field& f) {
        if (!f.present) {
            out += what;
            out += " absent\n";
            return;
        }
        span(what, f.key);
        scalar(what, f.value);
    }
    void headers(const char* what, const HeaderMap& m) {
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
    void list(const char* what, const StringList& l) {
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
        d.field("id", in.id);
        const Request& q = in.request;
        d.out += "request present=" + std::to_string(int(q.present)) + '\n';
        d.span("request key", q.key);
        d.span("request", q.span);
        d.field("proto", q.proto);
        d.field("proto_major", q.proto_major);
        d.field("proto_minor", q.proto_minor);
        d.field("content_length", q.content_length);
        d.list("transfer_encoding", q.transfer_encoding);
        d.headers("trailer", q.trailer);
        d.field("host", q.host);
        d.field("remote_addr", q.remote_addr);
        d.field("request_uri", q.request_uri);
        d.field("body", q.body);
        d.headers("form", q.form);
        d.headers("headers", q.headers);
        d.field("url", q.url);
        d.field("method", q.method);
        d.extra(q.extra);
        const Response& r = in.response;
        d.out += "response present=" + std::to_string(int(r.present)) + '\n';
        d.span("response key", r.key);
        d.span("response", r.span);
        d.field("proto", r.proto);
        d.field("proto_major", r.proto_major);
        d.field("proto_minor", r.proto_minor);
        d.list("transfer_encoding", r.transfer_encoding);
        d.headers("trailer", r.trailer);
        d.field("content_length", r.content_length);
        d.field("uncompressed", r.uncompressed);
        d.field("body", r.body);
        d.headers("headers", r.headers);
        d.field("status", r.status);
        d.field("code", r.code);
        d.field("duration", r.duration);
        d.extra(r.extra);
        d.extra(in.extra);
    }
    d.extra(c.extra);
    return d.out;
}

} // namespace cassette
