// Masking and the two renderings (text, JSON) of a match report.
#include "match/render.hpp"
#include "diag/diagnostic.hpp"
#include "diff/mask.hpp"
#include "json/text.hpp"
#include "util/hex.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace cassette::match {

namespace {

Field field(std::string v) {
    Field f;
    f.present = true;
    f.value.value = std::move(v);
    return f;
}

HeaderMap header_map(const Values& values) {
    HeaderMap m;
    m.present = !values.empty();
    for (const auto& [k, vs] : values) {
        HeaderEntry e;
        e.name.value = k;
        for (const auto& v : vs) {
            Scalar s;
            s.value = v;
            e.values.push_back(std::move(s));
        }
        m.entries.push_back(std::move(e));
    }
    return m;
}

// A request as a cassette interaction, for the secret detectors.
Interaction as_interaction(const Request& r) {
    Interaction i;
    auto& q = i.request;
    q.present = true;
    q.method = field(r.method);
    q.url = field(r.url);
    q.host = field(r.host);
    q.body = field(r.body.str());
    q.headers = header_map(r.headers);
    q.form = header_map(r.form);
    q.trailer = header_map(r.trailer);
    q.remote_addr = field(r.remote_addr);
    q.request_uri = field(r.request_uri);
    return i;
}

using Entries = std::vector<diff::MaskEntry>;

// The secrets of the given requests, by position in `which`.
std::map<size_t, Entries> secrets_of(const std::vector<Request>& side, const std::vector<size_t>& which,
                                     const redact::Detector& detector) {
    Cassette c;
    c.version = field("2");
    for (size_t k : which) c.interactions.push_back(as_interaction(side[k]));
    std::map<size_t, Entries> out;
    for (const auto& s : detector.detect(c)) {
        auto& list = out[which.at(s.interaction)];
        if (s.scalar && s.end > s.begin && s.end <= s.scalar->value.size())
            list.push_back({s.scalar->value.substr(s.begin, s.end - s.begin), s.masked});
        if (!s.value.empty()) list.push_back({s.value, s.masked});
    }
    for (auto& [k, list] : out) {
        std::stable_sort(list.begin(), list.end(), [](const diff::MaskEntry& a, const diff::MaskEntry& b) {
            return a.text.size() != b.text.size() ? a.text.size() > b.text.size() : a.text < b.text;
        });
    }
    return out;
}

const Entries& lookup(const std::map<size_t, Entries>& m, std::optional<size_t> k) {
    static const Entries none;
    if (!k) return none;
    auto it = m.find(*k);
    return it == m.end() ? none : it->second;
}

// A value on one line, quoted as a Go string literal would be (%q-like).
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                out += "\\x";
                util::append_hex_byte(out, c, util::HexCase::Lower);
            } else {
                out += char(c);
            }
        }
    }
    return out + "\"";
}

bool json_value(const Block& b) { return b.field == "body" && !b.name.empty(); }

std::string value_text(const Block& b, const std::optional<std::string>& v) {
    if (!v) return "(none)";
    return json_value(b) ? *v : quoted(*v);
}

std::string with_origin(size_t index, const std::vector<std::string>& origins) {
    std::string s = "interaction #" + std::to_string(index);
    if (index < origins.size() && !origins[index].empty()) s += " (" + origins[index] + ")";
    return s;
}

} // namespace

void mask_report(Report& report, const std::vector<Request>& requests, const std::vector<Request>& recorded,
                 const redact::Detector& detector) {
    std::vector<size_t> shown_requests, shown_recorded;
    std::set<size_t> seen;
    for (const auto& o : report.outcomes) {
        if (o.index < requests.size()) shown_requests.push_back(o.index);
        for (auto k : {o.nearest, o.used})
            if (k && *k < recorded.size() && seen.insert(*k).second) shown_recorded.push_back(*k);
    }
    const auto request_secrets = secrets_of(requests, shown_requests, detector);
    const auto recorded_secrets = secrets_of(recorded, shown_recorded, detector);
    report.recorded_urls.assign(recorded.size(), "");
    report.recorded_methods.assign(recorded.size(), "");
    report.recorded_origins.assign(recorded.size(), "");
    for (size_t k = 0; k < recorded.size(); ++k) report.recorded_origins[k] = recorded[k].origin;
    for (size_t k : shown_recorded) {
        report.recorded_urls[k] = diff::mask_text(recorded[k].url, lookup(recorded_secrets, k));
        report.recorded_methods[k] = recorded[k].method;
    }
    for (auto& o : report.outcomes) {
        const Entries& a = lookup(request_secrets, o.index);
        const Entries& b = lookup(recorded_secrets, o.nearest);
        o.url = diff::mask_text(o.url, a);
        for (auto& blk : o.blocking) {
            auto mask = [&](std::optional<std::string>& v) {
                if (v) v = diff::mask_text(diff::mask_text(*v, a), b);
            };
            mask(blk.recorded);
            mask(blk.request);
            blk.name = diff::mask_text(diff::mask_text(blk.name, a), b);
        }
    }
}

std::string render_text(const Report& r) {
    std::string out;
    for (const auto& o : r.outcomes) {
        const std::string request = "request #" + std::to_string(o.index) + " " + o.method + " " + o.url;
        if (!o.error.empty()) {
            // A request that cannot be sent: diag's one text form, the request for the file.
            Diagnostic d;
            d.message = o.error;
            out += format_diagnostic(request, d, false) + "\n";
            continue;
        }
        out += request;
        if (o.replays) {
            out += " -> " + with_origin(*o.replays, r.recorded_origins) + "\n";
            continue;
        }
        out += ": no match\n";
        if (o.nearest) {
            out += "  nearest " + with_origin(*o.nearest, r.recorded_origins) + " " + r.recorded_methods[*o.nearest] +
                   " " + r.recorded_urls[*o.nearest] + "\n";
            for (const auto& b : o.blocking) {
                out += "    " + b.field;
                if (!b.name.empty()) out += " " + b.name;
                if (b.recorded || b.request)
                    out += ": recorded " + value_text(b, b.recorded) + ", request " + value_text(b, b.request);
                if (!b.note.empty()) out += (b.recorded || b.request ? " (" + b.note + ")" : ": " + b.note);
                out += "\n";
            }
        } else if (!o.used) {
            out += "  the cassette has no interaction left to replay\n";
        }
        for (const auto& h : o.hints) out += "  hint: " + h + "\n";
    }
    out += std::to_string(r.outcomes.size()) + (r.outcomes.size() == 1 ? " request: " : " requests: ") +
           std::to_string(r.matched) + " replayed, " + std::to_string(r.unmatched) + " not found";
    if (r.errors) out += ", " + std::to_string(r.errors) + " not sent";
    out += std::string(" (matcher ") + matcher_name(r.options.matcher);
    if (r.options.matcher == Matcher::V4 && !r.options.ignore_headers.empty()) {
        out += ", ignoring ";
        for (size_t k = 0; k < r.options.ignore_headers.size(); ++k)
            out += (k ? ", " : "") + r.options.ignore_headers[k];
    }
    if (r.options.repeat) out += ", interactions replay repeatedly";
    out += ")\n";
    return out;
}

std::string render_json(const Report& r) {
    using nlohmann::ordered_json;
    auto opt = [](const std::optional<std::string>& v, bool json) {
        if (!v) return ordered_json(nullptr);
        if (json) {
            ordered_json j = ordered_json::parse(*v, nullptr, false);
            if (!j.is_discarded()) return j;
        }
        return ordered_json(*v);
    };
    auto interaction = [&](size_t k) {
        return ordered_json{{"interaction", k},
                            {"origin", k < r.recorded_origins.size() ? r.recorded_origins[k] : ""},
                            {"method", k < r.recorded_methods.size() ? r.recorded_methods[k] : ""},
                            {"url", k < r.recorded_urls.size() ? r.recorded_urls[k] : ""}};
    };
    ordered_json doc;
    doc["cassette"] = r.cassette;
    doc["requests"] = r.requests;
    doc["matcher"] = matcher_name(r.options.matcher);
    doc["ignore_headers"] = r.options.ignore_headers;
    doc["repeat"] = r.options.repeat;
    ordered_json results = ordered_json::array();
    for (const auto& o : r.outcomes) {
        ordered_json e;
        e["request"] = o.index;
        e["origin"] = o.origin;
        e["method"] = o.method;
        e["url"] = o.url;
        if (!o.error.empty()) {
            e["error"] = o.error;
            results.push_back(std::move(e));
            continue;
        }
        e["replays"] = o.replays ? ordered_json(*o.replays) : ordered_json(nullptr);
        if (!o.replays) {
            if (o.nearest) {
                ordered_json near = interaction(*o.nearest);
                ordered_json blocks = ordered_json::array();
                for (const auto& b : o.blocking) {
                    ordered_json j;
                    j["field"] = b.field;
                    j["name"] = b.name.empty() ? ordered_json(nullptr) : ordered_json(b.name);
                    j["recorded"] = opt(b.recorded, json_value(b));
                    j["request"] = opt(b.request, json_value(b));
                    j["note"] = b.note.empty() ? ordered_json(nullptr) : ordered_json(b.note);
                    blocks.push_back(std::move(j));
                }
                near["blocking"] = std::move(blocks);
                e["nearest"] = std::move(near);
            } else {
                e["nearest"] = nullptr;
            }
            if (o.used) e["replayed_already"] = {{"interaction", *o.used}, {"by_request", *o.used_by}};
            e["hints"] = o.hints;
        }
        results.push_back(std::move(e));
    }
    doc["results"] = std::move(results);
    doc["summary"] = {{"requests", r.outcomes.size()},
                      {"replayed", r.matched},
                      {"not_found", r.unmatched},
                      {"not_sent", r.errors}};
    return json::to_text(doc, 2) + "\n";
}

} // namespace cassette::match
