#include "convert/migrate.hpp"

#include "convert/presence.hpp"
#include "util/duration.hpp"
#include "util/http.hpp"

#include <map>

namespace cassette::convert {

namespace {

Scalar scalar(std::string v) {
    Scalar s;
    s.value = std::move(v);
    return s;
}

void set(Field& f, std::string v) {
    f.present = true;
    f.value = scalar(std::move(v));
}

std::vector<http::QueryParam> url_query(std::string_view url) {
    auto u = http::parse_url(url);
    if (!u || !u->has_query) return {};
    return http::parse_query(u->query);
}

} // namespace

bool migrate_to_v2(Cassette& c, const Layout& layout, MigrationReport& report) {
    if (c.format() == 2) return false;
    set(c.version, "2");
    size_t bad_durations = 0;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        Interaction& in = c.interactions[i];
        set(in.id, std::to_string(i));
        Request& q = in.request;
        set(q.proto, "HTTP/1.1");
        set(q.proto_major, "1");
        set(q.proto_minor, "1");
        set(q.content_length, std::to_string(q.body.str().size()));
        if (auto u = http::parse_url(q.url.str())) set(q.host, std::string(u->host_port));
        else set(q.host, "");
        // Request.Form = PostForm, then the URL query appended.
        for (const auto& p : url_query(q.url.str())) {
            HeaderEntry* e = nullptr;
            for (auto& x : q.form.entries)
                if (x.name.value == p.name) e = &x;
            if (!e) {
                q.form.entries.emplace_back();
                e = &q.form.entries.back();
                e->name = scalar(p.name);
            }
            e->values.push_back(scalar(p.value));
        }
        Response& r = in.response;
        set(r.proto, "HTTP/1.1");
        set(r.proto_major, "1");
        set(r.proto_minor, "1");
        set(r.content_length, std::to_string(r.body.str().size()));
        r.uncompressed.value = Scalar{};
        if (r.duration.str().empty()) {
            set(r.duration, "0s");
        } else if (!http::parse_go_duration(r.duration.str())) {
            ++bad_durations;
            set(r.duration, "0s");
        }
        apply_presence(FieldSet{2, false}, in);
        clear_absent(in);
    }
    if (bad_durations)
        report.notes.push_back(std::to_string(bad_durations) +
                               " duration(s) go-vcr v3+ cannot parse were replaced by 0s");
    c.layout = layout;
    c.layout.all_fields = false;
    return true;
}

bool migrate_to_v1(Cassette& c, const Layout& layout, MigrationReport& report) {
    if (c.format() == 1) return false;
    set(c.version, "1");
    std::map<std::string, size_t> dropped;
    size_t query_values = 0;
    bool all_zero = !c.interactions.empty();
    for (auto& in : c.interactions) {
        if (in.id.present) ++dropped["id"];
        for (const auto& f : request_fields(in.request))
            if (f.v2_only && *f.present) ++dropped["request." + std::string(f.name)];
        for (const auto& f : response_fields(in.response))
            if (f.v2_only && *f.present) ++dropped["response." + std::string(f.name)];

        // Undo v4's Request.Form: the URL query's values were appended
        // after the body form's, key by key.
        Request& q = in.request;
        std::map<std::string, std::vector<std::string>> query;
        for (const auto& p : url_query(q.url.str())) query[p.name].push_back(p.value);
        bool stripped = false;
        for (auto& e : q.form.entries) {
            auto it = query.find(e.name.value);
            if (it == query.end() || it->second.size() > e.values.size()) continue;
            const size_t base = e.values.size() - it->second.size();
            bool tail = true;
            for (size_t k = 0; k < it->second.size(); ++k)
                if (e.values[base + k].value != it->second[k]) tail = false;
            if (!tail) continue;
            e.values.resize(base);
            stripped = true;
        }
        if (stripped) {
            ++query_values;
            std::erase_if(q.form.entries, [](const HeaderEntry& e) { return e.values.empty(); });
        }
        if (in.response.duration.str() != "0s") all_zero = false;
        apply_presence(FieldSet{1, false}, in);
        clear_absent(in);
    }
    for (const auto& [name, n] : dropped) report.dropped.emplace_back(name, n);
    if (query_values)
        report.notes.push_back("request.form: URL query values removed from " + std::to_string(query_values) +
                               " interaction(s) (format 1 recorded the body form only)");
    if (all_zero) {
        for (auto& in : c.interactions) in.response.duration.value = scalar("");
        report.notes.push_back("every duration is 0s (nothing was timed): written as duration: \"\" as go-vcr "
                               "v1.0-v1.2 wrote it");
    }
    c.layout = layout;
    c.layout.all_fields = false;
    return true;
}

} // namespace cassette::convert
