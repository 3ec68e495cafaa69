#include "redact/redact.hpp"

#include "model/http.hpp"
#include "redact/json_scan.hpp"
#include "util/http.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <set>

namespace cassette::redact {

namespace {

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
        s.replace(pos, from.size(), to);
        pos += to.size();
    }
    return s;
}

} // namespace

std::string encode_placeholder(const Secret& s, const std::string& placeholder) {
    switch (s.encoding) {
    case Encoding::Raw: return placeholder;
    case Encoding::Query: return http::query_escape(placeholder);
    case Encoding::Url: return http::escape_unreserved(placeholder);
    case Encoding::Json: return json_escape(placeholder);
    case Encoding::BasicAuth:
        if (s.basic_secret_is_user) return http::make_basic_auth(placeholder, s.basic_password).substr(6);
        return http::make_basic_auth(s.basic_user, placeholder).substr(6); // after "Basic "
    }
    return placeholder;
}

std::string Numbering::placeholder_for(const std::string& template_text, const Secret& s) {
    // Files under different configurations may have different templates:
    // a secret keeps its number across them, and its text follows each.
    std::string key = template_text;
    key += '\0';
    key += s.value;
    auto it = m_given.find(key);
    if (it != m_given.end()) return it->second;
    auto [n, added] = m_numbers.emplace(s.value, m_next);
    if (added) ++m_next;
    std::string p = replace_all(template_text, "{kind}", s.detector);
    p = replace_all(std::move(p), "{n}", std::to_string(n->second));
    m_given.emplace(std::move(key), p);
    return p;
}

Report redact(Cassette& c, const Detector& detector, const std::string& placeholder, Numbering& numbering,
              const util::ThreadBudget& threads) {
    Report report;
    std::vector<Secret> secrets = detector.detect(c, threads);
    if (secrets.empty()) return report;

    // Old body sizes, to update content_length after the edit.
    std::vector<std::pair<size_t, size_t>> body_sizes;
    body_sizes.reserve(c.interactions.size());
    for (auto& in : c.interactions) body_sizes.emplace_back(in.request.body.value.value.size(), in.response.body.value.value.size());

    // Secrets come grouped by scalar, in offset order within it.
    for (size_t i = 0; i < secrets.size();) {
        Scalar* s = secrets[i].scalar;
        size_t j = i;
        while (j < secrets.size() && secrets[j].scalar == s) ++j;
        std::string value;
        value.reserve(s->value.size());
        size_t pos = 0;
        for (size_t k = i; k < j; ++k) {
            Secret& x = secrets[k];
            std::string p = numbering.placeholder_for(placeholder, x);
            value.append(s->value, pos, x.begin - pos);
            value += encode_placeholder(x, p);
            pos = x.end;
            report.redactions.push_back(Redaction{x, std::move(p)});
        }
        value.append(s->value, pos, std::string::npos);
        if (value != s->value) {
            s->value = std::move(value);
            s->dirty = true;
            ++report.scalars_changed;
        }
        i = j;
    }
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        Interaction& in = c.interactions[i];
        if (in.request.body.value.dirty) body_resized(in, Side::Request, body_sizes[i].first);
        if (in.response.body.value.dirty) body_resized(in, Side::Response, body_sizes[i].second);
    }

    // What go-vcr v4's default matcher will now see differently.
    bool authorization = false, other = false;
    std::set<std::string> header_names;
    std::set<std::string> fields;
    for (const auto& r : report.redactions) {
        const std::string& loc = r.secret.location;
        if (!r.secret.matcher_sensitive) continue;
        if (loc.rfind("request.headers.", 0) == 0) {
            std::string name = loc.substr(16);
            if (size_t b = name.find('['); b != std::string::npos) name.resize(b);
            if (util::iequals(name, "Authorization")) authorization = true;
            else header_names.insert(http::canonical_header_key(name));
        } else {
            other = true;
            std::string f = loc.substr(8);
            size_t cut = f.find_first_of(".?$@[");
            fields.insert(cut == std::string::npos ? f : f.substr(0, cut));
        }
    }
    if (authorization)
        report.matcher_warnings.push_back(
            "request header Authorization changed: replay with go-vcr v4 needs "
            "recorder.WithMatcher(cassette.NewDefaultMatcher(cassette.WithIgnoreAuthorization()))");
    if (!header_names.empty()) {
        std::string names;
        for (const auto& n : header_names) names += (names.empty() ? "\"" : ", \"") + n + "\"";
        report.matcher_warnings.push_back("request header" + std::string(header_names.size() > 1 ? "s " : " ") +
                                          util::join(std::vector<std::string>(header_names.begin(), header_names.end()), ", ") +
                                          " changed: replay with go-vcr v4 needs "
                                          "recorder.WithMatcher(cassette.NewDefaultMatcher(cassette.WithIgnoreHeaders(" +
                                          names + ")))");
    }
    if (other) {
        std::vector<std::string> list(fields.begin(), fields.end());
        report.matcher_warnings.push_back("request " + util::join(list, ", ") +
                                          " changed: go-vcr v4's default matcher compares " +
                                          (list.size() > 1 ? "them" : "it") +
                                          " (and content_length); replay needs a custom recorder.WithMatcher("
                                          "func(r *http.Request, i cassette.Request) bool {...}) that ignores " +
                                          (list.size() > 1 ? "them" : "it"));
    }
    return report;
}

Report redact(Cassette& c, const RedactOptions& options) {
    DetectOptions d = options.detect;
    d.placeholder = options.placeholder;
    Detector detector(d);
    Numbering numbering;
    return redact(c, detector, options.placeholder, numbering);
}

} // namespace cassette::redact
