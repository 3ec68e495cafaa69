// HAR 1.2 -> cassette model (see har.hpp).
#include "convert/har.hpp"
#include "convert/har_internal.hpp"
#include "json/text.hpp"
#include "convert/har_notes.hpp"
#include "convert/presence.hpp"
#include "model/schema.hpp"
#include "json/indent.hpp"
#include "model/http.hpp"
#include "util/base64.hpp"
#include "util/hex.hpp"
#include "util/duration.hpp"
#include "util/http.hpp"
#include "util/read_file.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>

namespace cassette::convert {

using Json = nlohmann::json;

Layout layout_for_style(std::string_view style) { return with_style(Layout{}, style); }

namespace {

// A HAR that does not have the shape we need: the JSON path and what is wrong.
struct HarError {
    std::string path;
    std::string message;
};

[[noreturn]] void fail(const std::string& path, const std::string& message) { throw HarError{path, message}; }

std::string join_path(const std::string& base, std::string_view key) {
    return base.empty() ? std::string(key) : base + "." + std::string(key);
}

const Json* member(const Json& o, std::string_view key) {
    auto it = o.find(key);
    return it == o.end() ? nullptr : &*it;
}

const Json& need_object(const Json& o, std::string_view key, const std::string& base) {
    const Json* v = member(o, key);
    if (!v) fail(join_path(base, key), "missing");
    if (!v->is_object()) fail(join_path(base, key), "expected an object");
    return *v;
}

const Json* opt_object(const Json& o, std::string_view key, const std::string& base) {
    const Json* v = member(o, key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_object()) fail(join_path(base, key), "expected an object");
    return v;
}

const Json* opt_array(const Json& o, std::string_view key, const std::string& base) {
    const Json* v = member(o, key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_array()) fail(join_path(base, key), "expected an array");
    return v;
}

std::optional<std::string> opt_string(const Json& o, std::string_view key, const std::string& base) {
    const Json* v = member(o, key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) fail(join_path(base, key), "expected a string");
    return v->get<std::string>();
}

std::string need_string(const Json& o, std::string_view key, const std::string& base) {
    const Json* v = member(o, key);
    if (!v) fail(join_path(base, key), "missing");
    if (!v->is_string()) fail(join_path(base, key), "expected a string");
    return v->get<std::string>();
}

std::optional<double> opt_number(const Json& o, std::string_view key, const std::string& base) {
    const Json* v = member(o, key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number()) fail(join_path(base, key), "expected a number");
    return v->get<double>();
}

// Text carried under `key`, or base64 under `key`_base64 (not UTF-8).
std::optional<std::string> opt_bytes(const Json& o, std::string_view key, const std::string& base) {
    if (auto s = opt_string(o, key, base)) return s;
    const std::string bkey = std::string(key) + "_base64";
    if (auto b = opt_string(o, bkey, base)) {
        auto d = util::base64_decode(*b);
        if (!d) fail(join_path(base, bkey), "invalid base64");
        return d;
    }
    return std::nullopt;
}

// An unknown key's name: "key", or "key_base64" when it is not UTF-8.
std::string need_key(const Json& o, const std::string& base) {
    if (auto k = opt_bytes(o, "key", base)) return *k;
    fail(join_path(base, "key"), "missing");
}

// A raw YAML int carried as a JSON number or, when not canonical, a string.
std::optional<std::string> opt_raw(const Json& o, std::string_view key, const std::string& base) {
    const Json* v = member(o, key);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_number_integer()) return std::to_string(v->get<int64_t>());
    if (v->is_boolean()) return std::string(v->get<bool>() ? "true" : "false");
    if (v->is_string()) return v->get<std::string>();
    fail(join_path(base, key), "expected an integer or a string");
}

Scalar scalar(std::string v) {
    Scalar s;
    s.value = std::move(v);
    return s;
}

void set_field(Field& f, std::string v) {
    f.present = true;
    f.value.value = std::move(v);
}

struct NameValue {
    std::string name;
    std::string value;
};

std::vector<NameValue> name_values(const Json& o, std::string_view key, const std::string& base) {
    std::vector<NameValue> out;
    const Json* arr = opt_array(o, key, base);
    if (!arr) return out;
    const std::string p = join_path(base, key);
    for (size_t i = 0; i < arr->size(); ++i) {
        const std::string ip = p + "[" + std::to_string(i) + "]";
        const Json& item = (*arr)[i];
        if (!item.is_object()) fail(ip, "expected an object");
        const std::string name = need_string(item, "name", ip);
        const Json* value = member(item, "value");
        if (!value) fail(join_path(ip, "value"), "missing");
        // Polly.js writes a repeated header as one entry with an array of
        // values; some tools write numbers.
        if (value->is_array()) {
            for (size_t k = 0; k < value->size(); ++k) {
                const Json& v = (*value)[k];
                if (!v.is_string() && !v.is_number())
                    fail(join_path(ip, "value") + "[" + std::to_string(k) + "]", "expected a string");
                out.push_back(NameValue{name, v.is_string() ? v.get<std::string>() : json::to_text(v)});
            }
        } else if (value->is_string()) {
            out.push_back(NameValue{name, value->get<std::string>()});
        } else if (value->is_number()) {
            out.push_back(NameValue{name, json::to_text(*value)});
        } else {
            fail(join_path(ip, "value"), "expected a string");
        }
    }
    return out;
}

// A name from the HAR (untrusted) as shown in a message: printable ASCII as
// is, anything else as \xNN, at most 80 bytes.
std::string shown_name(std::string_view s) {
    std::string out = "\"";
    for (size_t i = 0; i < s.size() && i < 80; ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            out += char(c);
        } else {
            out += "\\x";
            util::append_hex_byte(out, c, util::HexCase::Lower);
        }
    }
    if (s.size() > 80) out += "...";
    return out + "\"";
}

// One part of a multipart/form-data body given as HAR params.
struct FormParam {
    std::string name, value;
    std::optional<std::string> file_name, content_type;
};

std::vector<FormParam> form_params(const Json& post, const std::string& pp) {
    std::vector<FormParam> out;
    const Json* arr = opt_array(post, "params", pp);
    if (!arr) return out;
    for (size_t i = 0; i < arr->size(); ++i) {
        const std::string ip = join_path(pp, "params") + "[" + std::to_string(i) + "]";
        const Json& item = (*arr)[i];
        if (!item.is_object()) fail(ip, "expected an object");
        FormParam f;
        f.name = need_string(item, "name", ip);
        f.value = opt_string(item, "value", ip).value_or(""); // optional in HAR 1.2
        f.file_name = opt_string(item, "fileName", ip);
        f.content_type = opt_string(item, "contentType", ip);
        out.push_back(std::move(f));
    }
    return out;
}

// The boundary parameter of a multipart media type, unquoted; "" if none.
std::string boundary_of(std::string_view media) {
    const std::string lower = util::to_lower(media);
    size_t at = lower.find("boundary=");
    if (at == std::string::npos) return {};
    std::string_view b = media.substr(at + 9);
    if (!b.empty() && b.front() == '"') {
        b.remove_prefix(1);
        return std::string(b.substr(0, b.find('"')));
    }
    return std::string(util::trim(b.substr(0, b.find(';'))));
}

// Go's mime/multipart escapes these in a Content-Disposition value.
std::string disposition_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '\\' || c == '"') out += '\\';
        out += c;
    }
    return out;
}

// The body a browser sent for these parts (RFC 7578, CRLF line breaks),
// file names and part content types kept.
std::string multipart_body(const std::vector<FormParam>& params, std::string_view boundary) {
    std::string body;
    for (const auto& p : params) {
        body += "--";
        body += boundary;
        body += "\r\nContent-Disposition: form-data; name=\"" + disposition_escape(p.name) + "\"";
        if (p.file_name) body += "; filename=\"" + disposition_escape(*p.file_name) + "\"";
        body += "\r\n";
        if (p.content_type) body += "Content-Type: " + *p.content_type + "\r\n";
        else if (p.file_name) body += "Content-Type: application/octet-stream\r\n";
        body += "\r\n" + p.value + "\r\n";
    }
    body += "--";
    body += boundary;
    body += "--\r\n";
    return body;
}

// Group a flat header list by name (in order of first appearance), the way
// http.Header collects repeated headers.
void group_headers(HeaderMap& m, const std::vector<NameValue>& list) {
    for (const auto& nv : list) {
        HeaderEntry* e = nullptr;
        for (auto& x : m.entries)
            if (x.name.value == nv.name) {
                e = &x;
                break;
            }
        if (!e) {
            m.entries.emplace_back();
            e = &m.entries.back();
            e->name = scalar(nv.name);
        }
        e->values.push_back(scalar(nv.value));
    }
}

// [{"name": n, "values": [v | {"base64": b}]}] from _cassette.
void read_header_map(HeaderMap& m, const Json& arr, const std::string& path) {
    if (!arr.is_array()) fail(path, "expected an array");
    m.present = true;
    for (size_t i = 0; i < arr.size(); ++i) {
        const std::string ip = path + "[" + std::to_string(i) + "]";
        const Json& item = arr[i];
        if (!item.is_object()) fail(ip, "expected an object");
        HeaderEntry e;
        auto name = opt_bytes(item, "name", ip);
        if (!name) fail(ip + ".name", "missing");
        e.name = scalar(*name);
        const Json* values = opt_array(item, "values", ip);
        if (values) {
            for (size_t k = 0; k < values->size(); ++k) {
                const std::string vp = ip + ".values[" + std::to_string(k) + "]";
                const Json& v = (*values)[k];
                if (v.is_string()) {
                    e.values.push_back(scalar(v.get<std::string>()));
                } else if (v.is_object()) {
                    auto b = opt_string(v, "base64", vp);
                    auto d = b ? util::base64_decode(*b) : std::nullopt;
                    if (!d) fail(vp, "expected a string or {\"base64\": ...}");
                    e.values.push_back(scalar(*d));
                } else {
                    fail(vp, "expected a string");
                }
            }
        }
        m.entries.push_back(std::move(e));
    }
}

Node read_node(const Json& j, const std::string& path, int depth) {
    if (depth > 64) fail(path, "nested too deeply");
    if (!j.is_object()) fail(path, "expected an object");
    Node n;
    if (auto raw = opt_bytes(j, "raw", path)) {
        n.kind = Node::Kind::Scalar;
        n.scalar = scalar(*raw);
        n.scalar.style = ScalarStyle::Plain;
    } else if (auto str = opt_bytes(j, "str", path)) {
        n.kind = Node::Kind::Scalar;
        n.scalar = scalar(*str);
        n.scalar.style = ScalarStyle::DoubleQuoted;
    } else if (const Json* seq = opt_array(j, "seq", path)) {
        n.kind = Node::Kind::Sequence;
        for (size_t i = 0; i < seq->size(); ++i)
            n.items.push_back(read_node((*seq)[i], path + ".seq[" + std::to_string(i) + "]", depth + 1));
    } else if (const Json* map = opt_array(j, "map", path)) {
        n.kind = Node::Kind::Mapping;
        for (size_t i = 0; i < map->size(); ++i) {
            const std::string ip = path + ".map[" + std::to_string(i) + "]";
            const Json& e = (*map)[i];
            if (!e.is_object()) fail(ip, "expected an object");
            NodeEntry ne;
            ne.key = scalar(need_key(e, ip));
            if (!member(e, "value")) fail(ip + ".value", "missing");
            ne.value = read_node(e["value"], ip + ".value", depth + 1);
            n.entries.push_back(std::move(ne));
        }
    } else {
        fail(path, "expected one of raw, str, seq, map");
    }
    return n;
}

std::vector<NodeEntry> read_extras(const Json& o, const std::string& base) {
    std::vector<NodeEntry> out;
    const Json* arr = opt_array(o, "extra", base);
    if (!arr) return out;
    for (size_t i = 0; i < arr->size(); ++i) {
        const std::string ip = join_path(base, "extra") + "[" + std::to_string(i) + "]";
        const Json& e = (*arr)[i];
        if (!e.is_object()) fail(ip, "expected an object");
        NodeEntry ne;
        ne.key = scalar(need_key(e, ip));
        if (!member(e, "value")) fail(ip + ".value", "missing");
        ne.value = read_node(e["value"], ip + ".value", 0);
        out.push_back(std::move(ne));
    }
    return out;
}

void read_string_list(StringList& l, const Json& o, std::string_view key, const std::string& base) {
    const Json* arr = opt_array(o, key, base);
    if (!arr) return;
    l.present = true;
    for (size_t i = 0; i < arr->size(); ++i) {
        if (!(*arr)[i].is_string()) fail(join_path(base, key) + "[" + std::to_string(i) + "]", "expected a string");
        l.items.push_back(scalar((*arr)[i].get<std::string>()));
    }
}

// Go's proto fields for a HAR httpVersion as browsers write it ("h2",
// "http/2.0", "HTTP/1.1", "h3", "" ...).
struct Proto {
    std::string proto = "HTTP/1.1";
    int major = 1, minor = 1;
};
Proto map_http_version(std::string_view v) {
    const std::string s = util::to_lower(util::trim(v));
    Proto p;
    if (s == "h2" || s == "h2c" || s == "http/2" || s == "http/2.0") p = {"HTTP/2.0", 2, 0};
    else if (s == "h3" || s == "http/3" || s == "http/3.0" || s.rfind("h3-", 0) == 0) p = {"HTTP/3.0", 3, 0};
    else if (s == "http/1.0") p = {"HTTP/1.0", 1, 0};
    return p;
}

// url.Values as Go's Request.ParseForm fills Form (go-vcr v4.0.3+ records
// the full Form): the body's form first for POST/PUT/PATCH with an
// urlencoded body, then the URL query appended.
void compute_form(HeaderMap& form, const Request& r) {
    auto add = [&](const std::vector<http::QueryParam>& params) {
        for (const auto& p : params) {
            HeaderEntry* e = nullptr;
            for (auto& x : form.entries)
                if (x.name.value == p.name) {
                    e = &x;
                    break;
                }
            if (!e) {
                form.entries.emplace_back();
                e = &form.entries.back();
                e->name = scalar(p.name);
            }
            e->values.push_back(scalar(p.value));
        }
    };
    const std::string_view method = r.method.str();
    const HeaderEntry* ct = r.headers.find("Content-Type");
    if ((method == "POST" || method == "PUT" || method == "PATCH") && ct && !ct->values.empty() &&
        http::is_form_media(ct->values.front().value))
        add(http::parse_query(r.body.str()));
    if (auto u = http::parse_url(r.url.str()); u && u->has_query) add(http::parse_query(u->query));
}

void remove_header(HeaderMap& m, std::string_view name) {
    std::erase_if(m.entries, [&](const HeaderEntry& e) { return util::iequals(e.name.value, name); });
}

std::string url_host(std::string_view url) {
    if (auto u = http::parse_url(url)) return std::string(u->host_port);
    return {};
}

void apply_field_list(std::vector<FieldRef> fields, const std::string& names) {
    std::set<std::string> set; // names are space separated
    size_t i = 0;
    while (i < names.size()) {
        size_t sp = names.find(' ', i);
        if (sp == std::string::npos) sp = names.size();
        if (sp > i) set.insert(names.substr(i, sp - i));
        i = sp + 1;
    }
    for (auto& f : fields) *f.present = set.count(std::string(f.name)) > 0;
}

// The fields `_cassette` carries under their own key (every field of the
// schema HAR does not hold, har_internal.hpp), in go-vcr's order. Absent:
// HTTP/1.1's 1 for proto_major/minor, the body's size for content_length,
// empty for the others (no map, no list).
template <class S, size_t N>
void carried_fields(S& r, const std::string_view (&native)[N], const Json& m, const std::string& mp,
                    const std::string& body_size) {
    schema::visit<S>(schema::overloaded{
                         [&](const schema::Row<S>& row, Field& f) {
                             if (har_native(native, row.key)) return;
                             if (!schema::is_raw(row.kind)) {
                                 f.value = scalar(opt_bytes(m, row.key, mp).value_or(""));
                                 return;
                             }
                             const std::string absent = row.key == "proto_major" || row.key == "proto_minor" ? "1"
                                                        : row.key == "content_length"                        ? body_size
                                                                                                             : "";
                             f.value = scalar(opt_raw(m, row.key, mp).value_or(absent));
                         },
                         [&](const schema::Row<S>& row, HeaderMap& h) {
                             if (har_native(native, row.key)) return;
                             if (const Json* t = member(m, row.key)) read_header_map(h, *t, mp + "." + std::string(row.key));
                         },
                         [&](const schema::Row<S>& row, StringList& l) {
                             if (!har_native(native, row.key)) read_string_list(l, m, row.key, mp);
                         },
                     },
                     r);
}

class Importer {
public:
    explicit Importer(const HarImportOptions& o) : m_opts(o) {}

    Cassette run(const Json& root, size_t& entries_seen) {
        if (!root.is_object()) fail("(root)", "expected an object");
        const Json& log = need_object(root, "log", "");
        const Json* entries = member(log, "entries");
        if (!entries) fail("log.entries", "missing");
        if (!entries->is_array()) fail("log.entries", "expected an array");
        entries_seen = entries->size();

        Cassette c;
        c.path = "-";
        const Json* meta = opt_object(log, "_cassette", "log");
        m_exact = meta != nullptr;
        if (meta) {
            // Without a version (a hand-edited `_cassette`) the cassette is format 2,
            // as for a browser HAR (was: no version, and `not written` from
            // verify_written; found by fuzz/fuzz_har).
            if (auto v = opt_raw(*meta, "version", "log._cassette")) set_field(c.version, *v);
            else set_field(c.version, "2");
            c.layout = read_layout(*meta);
            c.extra = read_extras(*meta, "log._cassette");
            if (auto e = read_notes_json(*meta, c.notes)) // har_notes.hpp
                fail(e->path.empty() ? std::string("log._cassette.notes") : join_path("log._cassette.notes", e->path),
                     e->message);
        } else {
            set_field(c.version, "2");
            c.layout = layout_for_style(m_opts.style);
        }
        if (!m_opts.style.empty()) {
            const bool all = c.layout.all_fields;
            c.layout = layout_for_style(m_opts.style);
            c.layout.all_fields = all;
        }
        c.interactions_present = true;
        m_set = field_set_of(c);

        if (!m_opts.include_url.empty()) m_include = std::make_unique<RE2>(m_opts.include_url);
        if (!m_opts.exclude_url.empty()) m_exclude = std::make_unique<RE2>(m_opts.exclude_url);

        for (const Json& e : *entries)
            if (e.is_object() && member(e, "_resourceType")) m_resource_types = true;
        bool filtered = false;
        for (size_t i = 0; i < entries->size(); ++i) {
            const std::string p = "log.entries[" + std::to_string(i) + "]";
            const Json& e = (*entries)[i];
            if (!e.is_object()) fail(p, "expected an object");
            if (!keep(e, p) || failed_request(e, p)) {
                filtered = true;
                continue;
            }
            c.interactions.push_back(entry(e, p, c.interactions.size()));
        }
        // go-vcr numbers interactions 0..n-1 (Save renumbers after discards).
        if (filtered)
            for (size_t i = 0; i < c.interactions.size(); ++i)
                if (c.interactions[i].id.present) c.interactions[i].id.value.value = std::to_string(i);
        if (m_opts.only_xhr && !m_resource_types && !entries->empty())
            notes.push_back("no entry has _resourceType (Chromium's export has it): --only-xhr kept the entries sent "
                            "with Sec-Fetch-Dest: empty or X-Requested-With, or answered with JSON or XML");
        if (m_opts.only_xhr && c.interactions.empty() && !entries->empty())
            fail("log.entries", "--only-xhr kept none of the " + std::to_string(entries->size()) +
                                    " entries (no fetch/XHR request found); nothing written");
        if (!m_failed.empty())
            notes.push_back("skipped " + std::to_string(m_failed.size()) +
                            (m_failed.size() == 1 ? " failed request" : " failed requests") +
                            " (status 0: no response to replay): " + listed(m_failed));
        if (!m_lost.empty())
            warnings.push_back(std::to_string(m_lost.size()) + (m_lost.size() == 1 ? " body" : " bodies") +
                               " stored beside the HAR not found, written empty (without Content-Length): " +
                               listed(m_lost));
        if (!m_omitted.empty())
            warnings.push_back(std::to_string(m_omitted.size()) + (m_omitted.size() == 1 ? " response body" : " response bodies") +
                               " not in the HAR (exported without content), written empty (without Content-Length): " +
                               listed(m_omitted));
        if (!m_no_file.empty())
            warnings.push_back(std::to_string(m_no_file.size()) + (m_no_file.size() == 1 ? " uploaded file" : " uploaded files") +
                               " not in the HAR (browsers leave file contents out), written as empty parts: " +
                               listed(m_no_file));
        return c;
    }

    std::vector<std::string> notes, warnings;

private:
    Layout read_layout(const Json& meta) {
        Layout l = layout_for_style("yaml.v3");
        const Json* lj = opt_object(meta, "layout", "log._cassette");
        if (!lj) return l;
        const std::string p = "log._cassette.layout";
        if (auto e = opt_string(*lj, "emitter", p)) {
            if (auto named = emitter_named(*e)) l.emitter = *named;
            else fail(p + ".emitter", "unknown emitter \"" + *e + "\"");
        }
        if (auto v = opt_number(*lj, "indent", p)) l.indent = int(*v);
        if (auto v = opt_number(*lj, "width", p)) l.width = int(*v);
        if (const Json* b = member(*lj, "indentless"); b && b->is_boolean()) l.indentless = b->get<bool>();
        if (const Json* b = member(*lj, "all_fields"); b && b->is_boolean()) l.all_fields = b->get<bool>();
        if (l.indent != 2 && l.indent != 4) fail(p + ".indent", "expected 2 or 4");
        // Only the combinations go-vcr's writers produce (and the reader
        // detects) can be written back (was: yaml.v2 with indent 4 and
        // indented sequences wrote YAML that does not read; found by
        // fuzz/fuzz_har). `--style` replaces the layout.
        if (m_opts.style.empty()) {
            const bool known =
                l.indentless ? l.indent == 2 && l.emitter != Emitter::YamlV3
                             : (l.indent == 4 && l.emitter == Emitter::YamlV3) || (l.indent == 2 && l.emitter == Emitter::YamlV4);
            const bool width_ok = l.emitter == Emitter::YamlV2 ? (l.width == 80 || l.width == -1) : l.width == -1;
            if (!known || !width_ok)
                fail(p, "not a layout go-vcr writes (emitter " + std::string(emitter_name(l.emitter)) + ", indent " +
                            std::to_string(l.indent) + (l.indentless ? ", indentless" : ", indented sequences") +
                            ", width " + std::to_string(l.width) + "); use --style to choose one");
        }
        return l;
    }

    bool keep(const Json& e, const std::string& p) {
        const Json* req = member(e, "request");
        std::string url;
        if (req && req->is_object()) url = opt_string(*req, "url", p + ".request").value_or("");
        if (m_include && !RE2::PartialMatch(url, *m_include)) return false;
        if (m_exclude && RE2::PartialMatch(url, *m_exclude)) return false;
        if (m_opts.only_xhr) {
            if (m_resource_types) {
                const std::string type = util::to_lower(opt_string(e, "_resourceType", p).value_or(""));
                if (type != "xhr" && type != "fetch") return false;
            } else if (!sent_by_script(e, p)) {
                return false;
            }
        }
        return true;
    }

    // A list for one message line: the first ten, then how many more.
    static std::string listed(const std::vector<std::string>& items) {
        constexpr size_t k_shown = 10;
        if (items.size() <= k_shown) return util::join(items, ", ");
        std::vector<std::string> first(items.begin(), items.begin() + k_shown);
        return util::join(first, ", ") + " and " + std::to_string(items.size() - k_shown) + " more";
    }

    // Without _resourceType (Firefox, Safari, Charles, mitmproxy, Insomnia):
    // what those tools record of a fetch/XHR. Browsers send
    // Sec-Fetch-Dest: empty for fetch() and XMLHttpRequest only; jQuery and
    // most XHR libraries send X-Requested-With; an API call answers JSON or
    // XML, a page load HTML, scripts, styles and images.
    static bool sent_by_script(const Json& e, const std::string& p) {
        const Json* req = member(e, "request");
        if (req && req->is_object())
            for (const auto& nv : name_values(*req, "headers", p + ".request")) {
                if (util::iequals(nv.name, "sec-fetch-dest")) return util::iequals(util::trim(nv.value), "empty");
                if (util::iequals(nv.name, "x-requested-with")) return true;
            }
        const Json* resp = member(e, "response");
        const Json* content = resp && resp->is_object() ? member(*resp, "content") : nullptr;
        std::string mime;
        if (content && content->is_object())
            if (const Json* m = member(*content, "mimeType"); m && m->is_string()) mime = util::to_lower(m->get<std::string>());
        mime = std::string(util::trim(mime.substr(0, mime.find(';'))));
        return mime == "application/json" || mime == "application/xml" || mime == "text/xml" ||
               (mime.size() > 5 && (mime.ends_with("+json") || mime.ends_with("+xml"))) ||
               mime == "application/x-ndjson" || mime == "text/event-stream";
    }

    // A failed request (blocked, refused, cancelled): HAR status 0 and no
    // response. go-vcr records no such thing; `code: 0` fails lint.
    bool failed_request(const Json& e, const std::string& p) {
        if (m_exact) return false; // a HAR cassette made carries its own code
        const Json* resp = member(e, "response");
        if (!resp || !resp->is_object()) return false;
        const Json* status = member(*resp, "status");
        if (!status || !status->is_number_integer() || status->get<int64_t>() != 0) return false;
        std::string why = opt_string(*resp, "_error", p + ".response").value_or("");
        if (why.empty()) why = opt_string(e, "_error", p).value_or("");
        m_failed.push_back(p + (why.empty() ? std::string() : " (" + why + ")"));
        return true;
    }

    // The bytes of a body Playwright stored beside the HAR (`field` names
    // it); nullopt when the file is not there (the entry is listed as
    // having lost its body). Refuses, naming the entry, a name that could
    // read anything outside the HAR's folder, and a file over the limit.
    std::optional<std::string> attachment(const std::string& name, const std::string& field) {
        namespace fs = std::filesystem;
        if (!m_opts.attachments_dir) {
            m_lost.push_back(field + " " + shown_name(name) + " (the HAR was read from stdin)");
            return std::nullopt;
        }
        const fs::path rel(name);
        if (name.empty() || name.find('\0') != std::string::npos || rel.is_absolute() || rel.has_root_name() ||
            rel.has_root_directory())
            fail(field, "attachment " + shown_name(name) + " is not a name relative to the HAR's folder: refused");
        for (const auto& part : rel)
            if (part == "..")
                fail(field, "attachment " + shown_name(name) + " leads out of the HAR's folder: refused");
        std::error_code ec;
        const fs::path base = fs::canonical(m_opts.attachments_dir->empty() ? "." : *m_opts.attachments_dir, ec);
        if (ec) fail(field, "attachment " + shown_name(name) + ": the HAR's folder cannot be read: " + ec.message());
        const fs::path full = base / rel;
        if (!fs::exists(fs::symlink_status(full, ec))) {
            m_lost.push_back(field + " " + shown_name(name));
            return std::nullopt;
        }
        const fs::path real = fs::canonical(full, ec);
        if (ec) {
            m_lost.push_back(field + " " + shown_name(name) + " (" + ec.message() + ")");
            return std::nullopt;
        }
        const fs::path inside = real.lexically_relative(base);
        if (inside.empty() || *inside.begin() == "..")
            fail(field, "attachment " + shown_name(name) + " is a link that leads out of the HAR's folder: refused");
        if (!fs::is_regular_file(real, ec))
            fail(field, "attachment " + shown_name(name) + " is not a regular file: refused");
        const uintmax_t size = fs::file_size(real, ec);
        if (ec || size > m_opts.max_attachment_bytes)
            fail(field, "attachment " + shown_name(name) + " is " + std::to_string(size) + " bytes, over the limit of " +
                            std::to_string(m_opts.max_attachment_bytes >> 20) + " MiB for one attachment: refused");
        std::string bytes;
        if (auto err = util::read_whole_file(real.string(), bytes))
            fail(field, "attachment " + shown_name(name) + " cannot be read: " + std::strerror(*err));
        return bytes;
    }

    // `_file` (Playwright 1.23+) or `_sha1` (before): the attachment's name.
    static std::optional<std::string> attachment_name(const Json& o, const std::string& base, std::string* key) {
        for (const char* k : {"_file", "_sha1"})
            if (auto n = opt_string(o, k, base)) {
                *key = k;
                return n;
            }
        return std::nullopt;
    }

    Interaction entry(const Json& e, const std::string& p, size_t index) {
        const Json& req = need_object(e, "request", p);
        const Json& resp = need_object(e, "response", p);
        const Json* meta = opt_object(e, "_cassette", p);
        const std::string mp = p + "._cassette";
        static const Json empty = Json::object();
        const Json& m = meta ? *meta : empty;
        const Json* mreq = meta ? opt_object(m, "request", mp) : nullptr;
        const Json* mresp = meta ? opt_object(m, "response", mp) : nullptr;
        const Json& mq = mreq ? *mreq : empty;
        const Json& ms = mresp ? *mresp : empty;
        const std::string mqp = mp + ".request", msp = mp + ".response";

        Interaction in;
        if (auto id = opt_raw(m, "id", mp)) set_field(in.id, *id);
        else set_field(in.id, std::to_string(index));
        request(in.request, req, p + ".request", meta != nullptr, mq, mqp);
        response(in.response, resp, e, p, meta != nullptr, ms, msp, m, mp);
        if (meta) {
            in.request.extra = read_extras(mq, mqp);
            in.response.extra = read_extras(ms, msp);
            in.extra = read_extras(m, mp);
        }

        const Json* fields = meta ? opt_object(m, "fields", mp) : nullptr;
        if (fields) {
            const std::string fp = mp + ".fields";
            apply_field_list(request_fields(in.request), opt_string(*fields, "request", fp).value_or(""));
            apply_field_list(response_fields(in.response), opt_string(*fields, "response", fp).value_or(""));
            const Json* idp = member(*fields, "id");
            in.id.present = idp && idp->is_boolean() ? idp->get<bool>() : m_set.format == 2;
            in.request.present = in.response.present = true;
        } else {
            apply_presence(m_set, in);
        }
        clear_absent(in);
        return in;
    }

    void request(Request& r, const Json& req, const std::string& p, bool exact, const Json& mq, const std::string& mqp) {
        // Values first; which fields are written is decided afterwards.
        r.method.value = scalar(opt_bytes(mq, "method", mqp).value_or(need_string(req, "method", p)));
        r.url.value = scalar(opt_bytes(mq, "url", mqp).value_or(need_string(req, "url", p)));
        const std::string http_version = opt_string(req, "httpVersion", p).value_or("");
        std::vector<NameValue> headers = name_values(req, "headers", p);

        // Body: postData.text (base64 when the cassette's body was not UTF-8),
        // or the params of a form post that has no text.
        std::string body;
        if (const Json* post = opt_object(req, "postData", p)) {
            const std::string pp = p + ".postData";
            std::string file_key;
            if (auto text = opt_string(*post, "text", pp)) {
                body = *text;
                if (opt_string(mq, "body_encoding", mqp).value_or("") == "base64") {
                    auto d = util::base64_decode(body);
                    if (!d) fail(pp + ".text", "invalid base64");
                    body = *d;
                }
            } else if (auto name = attachment_name(*post, pp, &file_key)) {
                body = attachment(*name, pp + "." + file_key).value_or("");
            } else if (const std::string mime = opt_string(*post, "mimeType", pp).value_or("");
                       util::starts_with_ci(util::trim(mime), "multipart/form-data")) {
                // Browsers give a multipart body as its parts only: build it
                // with the boundary the request announced.
                std::string boundary = boundary_of(mime);
                for (auto& nv : headers)
                    if (boundary.empty() && util::iequals(nv.name, "content-type")) boundary = boundary_of(nv.value);
                if (boundary.empty()) {
                    boundary = "cassette-form-boundary";
                    const std::string media = std::string(util::trim(mime.substr(0, mime.find(';')))) +
                                              "; boundary=" + boundary;
                    bool set = false;
                    for (auto& nv : headers)
                        if (util::iequals(nv.name, "content-type")) nv.value = media, set = true;
                    if (!set) headers.push_back(NameValue{"Content-Type", media});
                }
                const std::vector<FormParam> params = form_params(*post, pp);
                for (size_t k = 0; k < params.size(); ++k)
                    if (params[k].file_name && params[k].value.empty())
                        m_no_file.push_back(pp + ".params[" + std::to_string(k) + "] " + shown_name(*params[k].file_name));
                body = multipart_body(params, boundary);
            } else {
                std::vector<std::string> parts;
                for (const auto& f : form_params(*post, pp))
                    parts.push_back(http::query_escape(f.name) + "=" + http::query_escape(f.value));
                body = util::join(parts, "&");
            }
        }
        r.body.value = scalar(body);

        if (exact) {
            r.proto.value = scalar(http_version);
            if (const Json* h = member(mq, "headers")) read_header_map(r.headers, *h, mqp + ".headers");
            else group_headers(r.headers, headers);
            // Exported form is always carried when the cassette had one:
            // none here means none (a v4.0.3+ GET with a query but no form).
            carried_fields(r, k_har_request, mq, mqp, std::to_string(body.size()));
            return;
        }
        // A browser's request as a Go client would have made it: Go's
        // client requests are always HTTP/1.1 in Request.Proto (go-vcr v4's
        // matcher compares it), Host and Content-Length live outside
        // Request.Header, and HTTP/2 pseudo-headers do not exist in Go.
        r.proto.value = scalar("HTTP/1.1");
        r.proto_major.value = scalar("1");
        r.proto_minor.value = scalar("1");
        std::vector<NameValue> kept;
        for (auto& nv : headers) {
            if (!nv.name.empty() && nv.name[0] == ':') continue;
            nv.name = http::canonical_header_key(nv.name);
            if (nv.name == "Host" || nv.name == "Content-Length") continue;
            kept.push_back(std::move(nv));
        }
        group_headers(r.headers, kept);
        r.content_length.value = scalar(std::to_string(body.size()));
        r.host.value = scalar(url_host(r.url.str()));
        compute_form(r.form, r);
    }

    void response(Response& r, const Json& resp, const Json& e, const std::string& ep, bool exact, const Json& ms,
                  const std::string& msp, const Json& ms_entry, const std::string& msep) {
        const std::string p = ep + ".response";
        const Json* status = member(resp, "status");
        if (!status) fail(p + ".status", "missing");
        if (!status->is_number_integer()) fail(p + ".status", "expected an integer");
        const int64_t code = status->get<int64_t>();
        const std::string status_text = opt_string(resp, "statusText", p).value_or("");
        const std::string http_version = opt_string(resp, "httpVersion", p).value_or("");
        std::vector<NameValue> headers = name_values(resp, "headers", p);

        std::string body;
        bool lost_body = false; // stored beside the HAR, not found
        if (const Json* content = opt_object(resp, "content", p)) {
            const std::string cp = p + ".content";
            body = opt_string(*content, "text", cp).value_or("");
            std::string encoding = opt_string(*content, "encoding", cp).value_or("");
            std::string file_key;
            if (!member(*content, "text"))
                if (auto name = attachment_name(*content, cp, &file_key)) {
                    // The file holds the body's bytes as they are.
                    auto bytes = attachment(*name, cp + "." + file_key);
                    lost_body = !bytes;
                    body = bytes.value_or("");
                    encoding.clear();
                }
            // Exported without content (DevTools' and Playwright's "omit",
            // a proxy's header-only export): the size says there was a body.
            if (!exact && !lost_body && !member(*content, "text") && file_key.empty() &&
                opt_number(*content, "size", cp).value_or(0) > 0 && code != 204 && code != 304 &&
                !util::iequals(opt_string(e.at("request"), "method", ep + ".request").value_or(""), "HEAD")) {
                lost_body = true;
                m_omitted.push_back(cp + " (size " + std::to_string(int64_t(*opt_number(*content, "size", cp))) + ")");
            }
            if (encoding == "base64") {
                auto d = util::base64_decode(body);
                if (!d) fail(cp + ".text", "invalid base64");
                body = *d;
            } else if (!encoding.empty()) {
                fail(cp + ".encoding", "unsupported encoding \"" + encoding + "\" (only base64)");
            }
        }
        r.body.value = scalar(body);

        const std::string code_text = opt_raw(ms, "code", msp).value_or(std::to_string(code));
        r.code.value = scalar(code_text);
        // go-vcr's duration: the exact text when carried, else the entry's time.
        if (auto d = exact ? opt_bytes(ms_entry, "duration", msep) : std::nullopt) {
            r.duration.value = scalar(*d);
        } else {
            const double time_ms = opt_number(e, "time", ep).value_or(0);
            const int64_t ns = std::isfinite(time_ms) && time_ms > 0 ? int64_t(std::llround(time_ms * 1e6)) : 0;
            r.duration.value = scalar(http::format_go_duration(ns));
        }

        if (exact) {
            r.proto.value = scalar(http_version);
            if (const Json* h = member(ms, "headers")) read_header_map(r.headers, *h, msp + ".headers");
            else group_headers(r.headers, headers);
            carried_fields(r, k_har_response, ms, msp, std::to_string(body.size()));
            r.status.value = scalar(opt_bytes(ms, "status", msp).value_or(reconstruct_status(code_text, status_text)));
            return;
        }
        const Proto proto = map_http_version(http_version);
        r.proto.value = scalar(proto.proto);
        r.proto_major.value = scalar(std::to_string(proto.major));
        r.proto_minor.value = scalar(std::to_string(proto.minor));
        std::vector<NameValue> kept;
        for (auto& nv : headers) {
            if (!nv.name.empty() && nv.name[0] == ':') continue;
            nv.name = http::canonical_header_key(nv.name);
            kept.push_back(std::move(nv));
        }
        group_headers(r.headers, kept);
        // A body that could not be read is written empty: a Content-Length
        // claiming its size would make replay fail (unexpected EOF).
        if (lost_body) remove_header(r.headers, "Content-Length");
        // Go's transport moves Transfer-Encoding out of the header map.
        if (const HeaderEntry* te = r.headers.find("Transfer-Encoding")) {
            for (const auto& v : te->values) {
                std::string_view rest = v.value;
                while (!rest.empty()) {
                    size_t comma = rest.find(',');
                    std::string_view item = util::trim(rest.substr(0, comma));
                    if (!item.empty()) r.transfer_encoding.items.push_back(scalar(util::to_lower(item)));
                    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
                }
            }
            remove_header(r.headers, "Transfer-Encoding");
        }
        // Browsers store the decoded body. Go's transport, when it asked for
        // gzip itself, also hands over the decoded body, drops
        // Content-Encoding and Content-Length and says so in `uncompressed`
        // with an unknown length (FORMAT.md 6.4): record that, so replay
        // serves the body without a Content-Encoding it does not have.
        if (is_compressed(r.headers)) {
            remove_header(r.headers, "Content-Encoding");
            remove_header(r.headers, "Content-Length");
            r.uncompressed.value = scalar("true");
            r.content_length.value = scalar("-1");
        } else if (!r.transfer_encoding.items.empty()) {
            r.content_length.value = scalar("-1");
        } else {
            r.content_length.value = scalar(std::to_string(body.size()));
        }
        std::string text = status_text;
        if (text.empty()) text = std::string(http::status_text(int(code)));
        r.status.value = scalar(reconstruct_status(code_text, text));
    }

    const HarImportOptions& m_opts;
    bool m_exact = false;
    bool m_resource_types = false;        // some entry has _resourceType (a Chromium export)
    std::vector<std::string> m_failed;    // entries skipped: failed requests
    std::vector<std::string> m_lost;      // bodies stored beside the HAR and not found
    std::vector<std::string> m_no_file;   // multipart file parts without their contents
    std::vector<std::string> m_omitted;   // response bodies the export left out
    FieldSet m_set;
    std::unique_ptr<RE2> m_include, m_exclude;
};

} // namespace

namespace {

// The import as it goes: an error ends it.
struct Attempt {
    std::optional<Cassette> cassette;
    std::string error;
    size_t entries = 0, kept = 0;
    std::vector<std::string> notes, warnings;
};

Attempt attempt_import(std::string_view text, const HarImportOptions& options) {
    Attempt result;
    // Playwright writes a HAR with its attachments as a zip when the path
    // ends in .zip.
    if (text.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
        result.error = "a zip archive, not a HAR (Playwright's recordHar with a .zip path?): unzip it and convert "
                       "the .har inside; its attachments are read from the same folder";
        return result;
    }
    // nlohmann's DOM is recursive: refuse absurd nesting (and invalid JSON)
    // with the iterative validator before it builds anything.
    if (!json::valid(text)) {
        size_t depth = 0, max_depth = 0;
        bool in_string = false, escaped = false;
        for (char ch : text) {
            if (in_string) {
                if (escaped) escaped = false;
                else if (ch == '\\') escaped = true;
                else if (ch == '"') in_string = false;
                continue;
            }
            if (ch == '"') in_string = true;
            else if (ch == '{' || ch == '[') max_depth = std::max(max_depth, ++depth);
            else if ((ch == '}' || ch == ']') && depth > 0) --depth;
        }
        if (max_depth > json::k_max_nesting_depth) {
            result.error = "not valid JSON: nested deeper than " + std::to_string(json::k_max_nesting_depth) + " levels";
            return result;
        }
    }
    Json root;
    try {
        root = Json::parse(text);
    } catch (const Json::exception& e) {
        // parse_error, and out_of_range for a number too big for a double
        // ("77e7777": found by fuzz/fuzz_har, it ended the process).
        std::string what = e.what();
        // "[Json.exception.parse_error.101] parse error at line 1, column 2: ..."
        size_t colon = what.find("] ");
        what = colon == std::string::npos ? what : what.substr(colon + 2);
        // "...; last read: '<the input up to the error>'": input may hold a
        // secret (a HAR has every header), and is never quoted back.
        if (size_t quoted = what.find("; last read: "); quoted != std::string::npos) what.erase(quoted);
        result.error = "not valid JSON: " + what;
        return result;
    }
    if (!options.include_url.empty()) {
        RE2 re(options.include_url, RE2::Quiet);
        if (!re.ok()) {
            result.error = "--include-url: invalid regular expression: " + re.error();
            return result;
        }
    }
    if (!options.exclude_url.empty()) {
        RE2 re(options.exclude_url, RE2::Quiet);
        if (!re.ok()) {
            result.error = "--exclude-url: invalid regular expression: " + re.error();
            return result;
        }
    }
    try {
        Importer importer(options);
        result.cassette = importer.run(root, result.entries);
        result.kept = result.cassette->interactions.size();
        result.notes = std::move(importer.notes);
        result.warnings = std::move(importer.warnings);
    } catch (const HarError& e) {
        result.error = e.path + ": " + e.message;
        result.cassette.reset();
    } catch (const Json::exception& e) {
        result.error = std::string("malformed HAR: ") + e.what();
        result.cassette.reset();
    }
    return result;
}

} // namespace

HarImportResult import_har(std::string_view text, const HarImportOptions& options) {
    Attempt a = attempt_import(text, options);
    if (!a.cassette) return diag::error("", Mark{}, k_har_rule, std::move(a.error));
    return HarImport{std::move(*a.cassette), a.entries, a.kept, std::move(a.notes), std::move(a.warnings)};
}

} // namespace cassette::convert
