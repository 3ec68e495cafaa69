#include "show/render.hpp"

#include "json/indent.hpp"
#include "model/http.hpp"
#include "util/base64.hpp"
#include "util/gzip.hpp"
#include "util/http.hpp"
#include "util/sse.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

namespace cassette::show {

namespace {

// Byte offset just past `n` code points of `s`, or npos when `s` is shorter.
size_t after_code_points(std::string_view s, size_t n) {
    size_t i = 0;
    while (n > 0 && i < s.size()) {
        i += util::utf8_sequence_length(s, i);
        --n;
    }
    return n == 0 && i < s.size() ? i : std::string_view::npos;
}

// Wrap a line at spaces when possible, hard otherwise; continuation lines
// start with "… " so a reader sees they were one line. Linear in the line.
void wrap_into(std::vector<std::string>& out, std::string_view line, size_t wrap) {
    bool first = true;
    for (;;) {
        const size_t limit = first ? wrap : wrap - 2;
        size_t cut = after_code_points(line, limit);
        std::string prefix = first ? "" : "… ";
        if (cut == std::string_view::npos) {
            out.push_back(prefix + std::string(line));
            return;
        }
        size_t space = line.rfind(' ', cut);
        if (space != std::string_view::npos && space > cut / 2) cut = space + 1;
        out.push_back(prefix + std::string(line.substr(0, cut)));
        line.remove_prefix(cut);
        first = false;
    }
}

void text_lines(std::vector<std::string>& out, std::string_view text, size_t wrap) {
    for (const auto& l : util::split_lines(text)) {
        std::string_view content = l.text;
        if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
        wrap_into(out, content, wrap);
    }
}

} // namespace

std::vector<std::string> body_lines(const std::string& body, const HeaderMap& headers, size_t wrap) {
    std::vector<std::string> out;
    if (body.empty()) return out;
    const std::string content_type(cassette::content_type(headers));
    std::string decoded;
    std::string_view text = body;
    if (!util::valid_utf8(body)) {
        if (util::looks_gzip(body)) {
            if (auto g = util::gunzip(body, 64u << 20); g && util::valid_utf8(*g)) {
                out.push_back("(gzip: " + std::to_string(body.size()) + " bytes, " + std::to_string(g->size()) +
                              " bytes decoded)");
                decoded = std::move(*g);
                text = decoded;
            }
        }
        if (text.data() == body.data()) {
            out.push_back("(binary: " + std::to_string(body.size()) + " bytes, base64)");
            std::string b64 = util::base64_encode(body);
            for (size_t i = 0; i < b64.size(); i += 76) out.push_back(b64.substr(i, 76));
            return out;
        }
    }
    if (util::looks_sse(text, content_type)) {
        for (std::string_view ev : util::sse_events(text)) {
            std::string joined;
            for (const auto& l : util::split_lines(ev)) {
                std::string_view t = l.text;
                if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
                if (t.empty()) continue;
                if (!joined.empty()) joined += " | ";
                joined += t;
            }
            if (!joined.empty()) out.push_back(std::move(joined));
        }
        return out;
    }
    std::string_view trimmed = util::trim(text);
    if (http::is_json_media(content_type) || (!trimmed.empty() && (trimmed[0] == '{' || trimmed[0] == '['))) {
        if (auto pretty = json::indent(text)) {
            text_lines(out, util::trim(*pretty), wrap);
            return out;
        }
    }
    text_lines(out, text, wrap);
    return out;
}

// A document after the cassette's: keys and values, one per line, nested
// by two spaces (values as decoded, secrets already masked by the caller).
void node_lines(std::string& out, const Node& n, int indent, size_t wrap) {
    auto scalar = [&](const Scalar& s, int at) {
        std::vector<std::string> lines;
        text_lines(lines, s.value, wrap);
        if (lines.size() <= 1) {
            out += (lines.empty() ? std::string() : lines.front()) + '\n';
            return;
        }
        out += "|\n";
        for (const auto& l : lines) out += std::string(size_t(at + 2), ' ') + l + '\n';
    };
    const std::string pad(size_t(indent), ' ');
    switch (n.kind) {
    case Node::Kind::Scalar:
        out += pad;
        scalar(n.scalar, indent);
        return;
    case Node::Kind::Mapping:
        if (n.entries.empty()) out += pad + "{}\n";
        for (const auto& e : n.entries) {
            out += pad + e.key.value + ":";
            if (e.value.kind == Node::Kind::Scalar) {
                out += ' ';
                scalar(e.value.scalar, indent);
            } else {
                out += '\n';
                node_lines(out, e.value, indent + 2, wrap);
            }
        }
        return;
    case Node::Kind::Sequence:
        if (n.items.empty()) out += pad + "[]\n";
        for (const auto& i : n.items) {
            if (i.kind == Node::Kind::Scalar) {
                out += pad + "- ";
                scalar(i.scalar, indent);
            } else {
                out += pad + "-\n";
                node_lines(out, i, indent + 2, wrap);
            }
        }
        return;
    }
}

std::string render(const Cassette& c, const std::string& name, const RenderOptions& o) {
    auto paint = [&](const char* code, const std::string& s) {
        return o.color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
    };
    std::string out;
    if (!name.empty()) out += paint("1", name) + ": ";
    out += "version " + std::to_string(c.format()) + ", " + c.layout.name() + " layout, " +
           std::to_string(c.interactions.size()) + (c.interactions.size() == 1 ? " interaction\n" : " interactions\n");
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Interaction& in = c.interactions[i];
        const Request& rq = in.request;
        const Response& rs = in.response;
        out += '\n';
        std::string head = "#" + std::to_string(i) + " " + rq.method.value.value + " " + rq.url.value.value + " -> ";
        std::string status = rs.status.value.value.empty() ? rs.code.value.value : rs.status.value.value;
        if (rs.duration.present && !rs.duration.value.value.empty()) status += " (" + rs.duration.value.value + ")";
        auto code = rs.code.as_int().value_or(0);
        out += paint("1", head) + paint(code >= 400 ? "1;31" : code >= 300 ? "1;33" : "1;32", status) + '\n';

        auto meta = [&](const char* side, std::vector<std::string> parts) {
            std::string line;
            for (auto& p : parts)
                if (!p.empty()) line += (line.empty() ? "" : ", ") + p;
            if (!line.empty()) out += paint("2", std::string("  ") + side + " " + line) + '\n';
        };
        auto kv = [](const char* k, const Field& f) {
            return f.present && !f.value.value.empty() ? std::string(k) + " " + f.value.value : std::string();
        };
        auto list = [](const char* k, const StringList& l) {
            std::string s;
            for (const auto& v : l.items) s += (s.empty() ? "" : ",") + v.value;
            return s.empty() ? s : std::string(k) + " " + s;
        };
        meta(">", {rq.proto.value.value, kv("host", rq.host), kv("content_length", rq.content_length),
                   list("transfer_encoding", rq.transfer_encoding), kv("remote_addr", rq.remote_addr),
                   kv("request_uri", rq.request_uri)});
        auto headers = [&](const char* side, const char* colour, const HeaderMap& h, const char* label) {
            for (const auto& e : h.entries)
                for (const auto& v : e.values)
                    out += paint(colour, std::string("  ") + side + " " + label + e.name.value + ": ") + v.value + '\n';
        };
        headers(">", "36", rq.headers, "");
        headers(">", "36", rq.form, "form ");
        headers(">", "36", rq.trailer, "trailer ");
        for (const auto& l : body_lines(rq.body.value.value, rq.headers, o.wrap))
            out += paint("36", "  > |") + " " + l + '\n';

        meta("<", {rs.proto.value.value, kv("content_length", rs.content_length),
                   rs.uncompressed.as_bool().value_or(false) ? "uncompressed" : "",
                   list("transfer_encoding", rs.transfer_encoding)});
        headers("<", "32", rs.headers, "");
        headers("<", "32", rs.trailer, "trailer ");
        for (const auto& l : body_lines(rs.body.value.value, rs.headers, o.wrap))
            out += paint("32", "  < |") + " " + l + '\n';
    }
    // Documents after the cassette's (azd's test variables, ...): go-vcr
    // never reads them; shown so that a diff of them is seen too.
    for (size_t k = 0; k < c.notes.documents.size(); ++k) {
        out += '\n';
        out += paint("1", "--- document " + std::to_string(k + 2) + " (after the cassette; go-vcr does not read it)") +
               '\n';
        node_lines(out, c.notes.documents[k], 2, o.wrap);
    }
    return out;
}

} // namespace cassette::show
