// The two sides of a match: the requests a test sends (from another
// cassette, a HAR imported into one, or the command line) and the recorded
// requests of the cassette, both as go-vcr's matchers see them.
#include "match/match.hpp"
#include "util/http.hpp"
#include "util/strings.hpp"
#include "util/hex.hpp"

namespace cassette::match {

namespace {

// Go's shouldEscape(c, mode) for the two modes URL.String() re-escapes with.
enum class Mode { Path, Fragment };

bool should_escape(unsigned char c, Mode mode) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return false;
    switch (c) {
    case '-': case '_': case '.': case '~': return false;
    case '$': case '&': case '+': case ',': case '/': case ':': case ';': case '=': case '?': case '@':
        return mode == Mode::Path ? c == '?' : false;
    default: break;
    }
    if (mode == Mode::Fragment && (c == '!' || c == '(' || c == ')' || c == '*')) return false;
    return true;
}

// Go's validEncoded: the raw text can be kept as it is.
bool valid_encoded(std::string_view s, Mode mode) {
    for (unsigned char c : s) {
        switch (c) {
        case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',': case ';':
        case '=': case ':': case '@': case '[': case ']': case '%': continue;
        default:
            if (should_escape(c, mode)) return false;
        }
    }
    return true;
}

std::string escape(std::string_view s, Mode mode) {
    std::string out;
    for (unsigned char c : s) {
        if (should_escape(c, mode)) {
            out += '%';
            util::append_hex_byte(out, c);
        } else {
            out += char(c);
        }
    }
    return out;
}

// EscapedPath / EscapedFragment: the raw text when it is a valid encoding
// of the decoded one, else the decoded text escaped again.
std::string escaped(std::string_view raw, Mode mode) {
    auto decoded = http::percent_decode(raw);
    if (!decoded) return std::string(raw); // url.Parse would have failed before
    if (valid_encoded(raw, mode)) return std::string(raw);
    if (mode == Mode::Path && *decoded == "*") return "*";
    return escape(*decoded, mode);
}

void put(Values& values, std::string key, std::vector<std::string> v) {
    for (auto& [k, vs] : values)
        if (k == key) {
            vs = std::move(v); // a key written twice: the last one (yaml.v2)
            return;
        }
    values.emplace_back(std::move(key), std::move(v));
}

Values values_of(const HeaderMap& m) {
    Values out;
    for (const auto& e : m.entries) {
        std::vector<std::string> v;
        v.reserve(e.values.size());
        for (const auto& s : e.values) v.push_back(s.value);
        put(out, e.name.value, std::move(v));
    }
    return out;
}

int64_t int_of(const Field& f) { return f.present ? f.as_int().value_or(0) : 0; }

std::string where(const Cassette& c, const Interaction& i) {
    const std::string name = c.path == "-" ? "<stdin>" : c.path;
    return i.span.begin.line ? name + ":" + std::to_string(i.span.begin.line) : name;
}

// `like`: a request whose body is shared when it is the same text.
Request recorded_request(const Cassette& c, const Interaction& in, const Request* like = nullptr) {
    const auto& r = in.request;
    Request q;
    q.method = r.method.str();
    q.url = r.url.str();
    q.proto = r.proto.str();
    q.proto_major = int_of(r.proto_major);
    q.proto_minor = int_of(r.proto_minor);
    q.content_length = int_of(r.content_length);
    for (const auto& s : r.transfer_encoding.items) q.transfer_encoding.push_back(s.value);
    q.headers = values_of(r.headers);
    q.trailer = values_of(r.trailer);
    q.form = values_of(r.form);
    q.host = r.host.str();
    q.remote_addr = r.remote_addr.str();
    q.request_uri = r.request_uri.str();
    if (like && like->body.str() == r.body.str()) q.body = like->body;
    else q.body = r.body.str();
    q.origin = where(c, in);
    q.line = in.span.begin.line;
    return q;
}

} // namespace

const char* matcher_name(Matcher m) {
    switch (m) {
    case Matcher::V1: return "v1";
    case Matcher::V2: return "v2";
    case Matcher::V3: return "v3";
    case Matcher::V4: return "v4";
    }
    return "v4";
}

std::optional<Matcher> parse_matcher(std::string_view name) {
    for (Matcher m : {Matcher::V1, Matcher::V2, Matcher::V3, Matcher::V4})
        if (name == matcher_name(m)) return m;
    return std::nullopt;
}

Matcher default_matcher(int format) { return format == 1 ? Matcher::V1 : Matcher::V4; }

bool loads_format(Matcher m, int format) {
    return m == Matcher::V1 || m == Matcher::V2 || format == 2;
}

std::optional<std::string> go_url_string(std::string_view url) {
    auto p = http::parse_url(url);
    if (!p) return std::nullopt;
    std::string out;
    if (!p->scheme.empty()) out += util::to_lower(p->scheme) + ":";
    if (p->opaque) {
        out += p->path;
    } else {
        if (!p->scheme.empty() || !p->host_port.empty() || p->has_userinfo) {
            if (!p->host_port.empty() || !p->path.empty() || p->has_userinfo) out += "//";
            if (p->has_userinfo) {
                out += p->userinfo;
                out += '@';
            }
            out += p->host_port;
        }
        const std::string path = escaped(p->path, Mode::Path);
        if (!path.empty() && path[0] != '/' && !p->host_port.empty()) out += '/';
        if (out.empty()) {
            const size_t colon = path.find(':');
            if (colon != std::string::npos && path.substr(0, colon).find('/') == std::string::npos) out += "./";
        }
        out += path;
    }
    if (p->has_query) {
        out += '?';
        out += p->query;
    }
    if (!p->fragment.empty()) {
        out += '#';
        out += escaped(p->fragment, Mode::Fragment);
    }
    return out;
}

std::vector<Request> recorded_requests(const Cassette& c) {
    std::vector<Request> out;
    out.reserve(c.interactions.size());
    for (const auto& i : c.interactions) out.push_back(recorded_request(c, i));
    return out;
}

bool to_send(Request& q, int format) {
    q.form.clear(); // ParseForm computes it from the URL and the body
    auto parsed = http::parse_url(q.url); // views into q.url
    auto shown = go_url_string(q.url);
    if (!parsed || !shown) return false;
    const std::string host_port(parsed->host_port); // taken before q.url changes under the views
    q.url = *shown;
    if (format == 1) {
        // What http.NewRequest gives a client request.
        q.proto = "HTTP/1.1";
        q.proto_major = q.proto_minor = 1;
        q.host = host_port;
        q.content_length = int64_t(q.body.size());
    }
    return true;
}

std::vector<Request> requests_to_send(const Cassette& c, std::vector<std::string>* errors) {
    std::vector<Request> out;
    out.reserve(c.interactions.size());
    if (errors) errors->assign(c.interactions.size(), "");
    for (size_t k = 0; k < c.interactions.size(); ++k) {
        Request q = recorded_request(c, c.interactions[k]);
        if (!to_send(q, c.format()) && errors)
            (*errors)[k] = "the URL does not parse (Go's url.Parse fails): no request can be sent";
        out.push_back(std::move(q));
    }
    return out;
}

namespace {

bool same_fields(const Request& a, const Request& b) {
    return a.method == b.method && a.url == b.url && a.proto == b.proto && a.proto_major == b.proto_major &&
           a.proto_minor == b.proto_minor && a.content_length == b.content_length &&
           a.transfer_encoding == b.transfer_encoding && a.headers == b.headers && a.trailer == b.trailer &&
           a.form == b.form && a.host == b.host && a.remote_addr == b.remote_addr && a.request_uri == b.request_uri &&
           a.body == b.body;
}

} // namespace

LostReplays lost_replays(std::vector<Request> before, const Cassette& after) {
    const int format = after.format();
    // `before` becomes the requests a test sends; `recorded` holds the
    // recorded requests, first as they were, then as they are now.
    std::vector<Request> recorded = before; // the bodies are shared, not copied
    std::vector<std::string> errors(before.size());
    for (size_t k = 0; k < before.size(); ++k)
        if (!to_send(before[k], format)) errors[k] = "not sent";
    Options o;
    o.matcher = default_matcher(format);
    o.explain = false;
    const Report then = replay(before, errors, recorded, o);
    // The recorded requests now: only those the rewrite changed are
    // replaced (built one at a time, an unchanged body shared).
    bool changed = recorded.size() != after.interactions.size();
    recorded.resize(after.interactions.size());
    for (size_t k = 0; k < recorded.size(); ++k) {
        Request now = recorded_request(after, after.interactions[k], &recorded[k]);
        if (same_fields(now, recorded[k])) continue;
        recorded[k] = std::move(now);
        changed = true;
    }
    LostReplays out;
    // No recorded request changed: every request replays as it did
    // (replay order included), so none is lost.
    const Report now = changed ? replay(before, errors, recorded, o) : Report{};
    for (size_t k = 0; k < then.outcomes.size(); ++k) {
        if (!then.outcomes[k].replays && then.outcomes[k].error.empty()) ++out.failing_before;
        if (k >= now.outcomes.size()) continue;
        const Outcome& n = now.outcomes[k];
        if (!then.outcomes[k].replays || n.replays || !n.error.empty()) continue;
        LostReplay l;
        l.interaction = k;
        // What blocks the interaction it was recorded as, now.
        if (k < recorded.size()) {
            const auto blocks = blocking_fields(before[k], recorded[k], o, false, true);
            if (!blocks.empty()) l.field = blocks[0].field + (blocks[0].name.empty() ? "" : " " + blocks[0].name);
        }
        out.lost.push_back(std::move(l));
    }
    return out;
}

std::optional<Request> command_line_request(const std::string& method_url, const std::vector<std::string>& headers,
                                            const std::string& body, std::string* error) {
    const std::string_view text = util::trim(method_url);
    const size_t space = text.find_first_of(" \t");
    if (space == std::string_view::npos) {
        *error = "--request expects 'METHOD URL', got '" + std::string(text) + "'";
        return std::nullopt;
    }
    Request q;
    q.method = std::string(text.substr(0, space));
    const std::string url(util::trim(text.substr(space + 1)));
    if (!http::valid_method(q.method)) {
        *error = "--request: '" + q.method + "' is not a valid HTTP method (net/http: invalid method)";
        return std::nullopt;
    }
    auto parsed = http::parse_url(url);
    auto shown = go_url_string(url);
    if (!parsed || !shown) {
        *error = "--request: the URL '" + url + "' does not parse (Go's url.Parse fails)";
        return std::nullopt;
    }
    q.url = *shown;
    q.proto = "HTTP/1.1";
    q.proto_major = q.proto_minor = 1;
    q.host = std::string(parsed->host_port);
    q.body = body;
    q.content_length = int64_t(body.size());
    for (const auto& h : headers) {
        const size_t colon = h.find(':');
        const std::string name = colon == std::string::npos ? std::string() : std::string(util::trim(h.substr(0, colon)));
        if (name.empty() || !http::valid_header_name(name)) {
            *error = "--header expects 'Name: value', got '" + h + "'";
            return std::nullopt;
        }
        const std::string key = http::canonical_header_key(name);
        const std::string value(util::trim(std::string_view(h).substr(colon + 1)));
        bool added = false;
        for (auto& [k, vs] : q.headers)
            if (k == key) {
                vs.push_back(value); // Header.Add
                added = true;
            }
        if (!added) q.headers.push_back({key, {value}});
    }
    q.origin = "--request";
    return q;
}

} // namespace cassette::match
