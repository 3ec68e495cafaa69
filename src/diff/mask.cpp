#include "diff/mask.hpp"

#include "diff/json_diff.hpp"
#include "util/http.hpp"
#include "util/strings.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <set>

namespace cassette::diff {

using nlohmann::json;

namespace {

// Names of headers, query/form parameters and JSON keys whose values are
// credentials. Matched case-insensitively as substrings.
bool secret_name(std::string_view name, bool json_key = false) {
    const std::string n = util::to_lower(name);
    // "token_type": "Bearer", "max_tokens": 256 and error "code"s are not secrets.
    if (json_key && (n.ends_with("type") || n == "code")) return false;
    static const char* const parts[] = {"authorization", "token", "secret", "password", "passwd", "api-key",
                                        "api_key", "apikey", "x-api-key", "cookie", "session", "signature",
                                        "credential", "private_key", "client_assertion"};
    for (const char* p : parts)
        if (n.find(p) != std::string::npos) return true;
    return n == "key" || n == "sig" || n == "code" || n == "auth";
}

void add(std::set<std::string>& out, std::string_view v) {
    v = util::trim(v);
    if (v.size() >= 4) out.insert(std::string(v));
}

void header_secrets(const HeaderMap& h, std::set<std::string>& out) {
    for (const auto& e : h.entries) {
        if (!secret_name(e.name.value)) continue;
        const bool cookie = util::iequals(e.name.value, "Cookie");
        const bool set_cookie = util::iequals(e.name.value, "Set-Cookie");
        for (const auto& s : e.values) {
            const std::string& v = s.value;
            if (cookie) {
                for (const auto& c : http::parse_cookie_header(v)) add(out, c.value);
            } else if (set_cookie) {
                if (auto c = http::parse_set_cookie(v)) add(out, c->value);
            } else {
                // "Bearer xyz", "token xyz", "Basic base64": the credential after the scheme.
                const size_t sp = v.find(' ');
                add(out, sp != std::string::npos && sp < 16 ? std::string_view(v).substr(sp + 1) : std::string_view(v));
            }
        }
    }
}

void query_secrets(std::string_view query, std::set<std::string>& out) {
    for (const auto& p : http::parse_query(query)) {
        if (!secret_name(p.name)) continue;
        add(out, p.value);
        add(out, query.substr(p.value_begin, p.value_end - p.value_begin)); // as written (percent-encoded)
    }
}

void json_secrets(const json& j, std::set<std::string>& out, size_t depth) {
    if (depth > k_max_json_depth) return;
    if (j.is_object()) {
        for (const auto& [k, v] : j.items()) {
            if (v.is_string() && secret_name(k, true)) add(out, v.get_ref<const std::string&>());
            else json_secrets(v, out, depth + 1);
        }
    } else if (j.is_array()) {
        for (const auto& v : j) json_secrets(v, out, depth + 1);
    }
}

void body_secrets(const std::string& body, const HeaderMap& headers, std::set<std::string>& out) {
    if (body.empty()) return;
    const HeaderEntry* ct = headers.find("Content-Type");
    const std::string type = ct && !ct->values.empty() ? ct->values[0].value : "";
    if (http::is_form_media(type)) {
        query_secrets(body, out);
        return;
    }
    json j;
    if (parse_json(body, j) == JsonParse::Ok) json_secrets(j, out, 0);
}

void interaction_secrets(const Interaction& in, std::set<std::string>& out) {
    const Request& rq = in.request;
    header_secrets(rq.headers, out);
    header_secrets(in.response.headers, out);
    for (const auto& e : rq.form.entries)
        if (secret_name(e.name.value))
            for (const auto& v : e.values) add(out, v.value);
    if (auto u = http::parse_url(rq.url.str())) {
        query_secrets(u->query, out);
        add(out, u->password);
    }
    body_secrets(rq.body.value.value, rq.headers, out);
    body_secrets(in.response.body.value.value, in.response.headers, out);
}

// Well-known credential shapes, masked wherever they appear.
const RE2& token_shapes() {
    static const RE2 re(
        "(sk-(?:proj-|ant-(?:api|admin)\\d\\d-)?[A-Za-z0-9_-]{20,}"
        "|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}"
        "|xox[abposr]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[A-Z0-9]{16}|AIza[0-9A-Za-z_-]{35}"
        "|ya29\\.[0-9A-Za-z_-]{20,}|GOCSPX-[A-Za-z0-9_-]{20,}"
        "|eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,})");
    return re;
}

} // namespace

std::vector<std::string> find_secrets(const Cassette& c, const Report& report, bool old_side) {
    std::set<std::string> found;
    std::set<size_t> seen;
    for (const auto& ch : report.changes) {
        const auto& idx = old_side ? ch.old_index : ch.new_index;
        if (!idx || *idx >= c.interactions.size() || !seen.insert(*idx).second) continue;
        interaction_secrets(c.interactions[*idx], found);
    }
    std::vector<std::string> v(found.begin(), found.end());
    std::stable_sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return v;
}

std::string mask_text(const std::string& text, const std::vector<std::string>& secrets) {
    std::string s = text;
    for (const auto& secret : secrets) {
        if (s.find(secret) == std::string::npos) continue;
        const std::string masked = util::mask_secret(secret);
        size_t pos = 0;
        while ((pos = s.find(secret, pos)) != std::string::npos) {
            s.replace(pos, secret.size(), masked);
            pos += masked.size();
        }
    }
    // Token shapes not caught by name (a key pasted into a text body).
    std::string out;
    re2::StringPiece in(s), m;
    size_t last = 0;
    while (RE2::FindAndConsume(&in, token_shapes(), &m)) {
        const size_t at = size_t(m.data() - s.data());
        out.append(s, last, at - last);
        out += util::mask_secret(std::string_view(m.data(), m.size()));
        last = at + m.size();
    }
    if (last == 0) return s;
    out.append(s, last, std::string::npos);
    return out;
}

void mask_secrets(Report& report, const std::vector<std::string>& secrets) {
    for (auto& c : report.changes) {
        c.url = mask_text(c.url, secrets);
        c.path = mask_text(c.path, secrets); // JSON keys and header names are not secrets, but a hunk could hold one
        if (c.old_value) c.old_value = mask_text(*c.old_value, secrets);
        if (c.new_value) c.new_value = mask_text(*c.new_value, secrets);
        // Two different secrets can mask alike ("sk-p…9fQa"): say that they differ.
        if (c.kind == Change::Changed && c.old_value && c.new_value && *c.old_value == *c.new_value)
            *c.new_value += " (a different secret)";
    }
}

} // namespace cassette::diff
