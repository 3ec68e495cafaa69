#include "lint/fix.hpp"

#include "model/equal.hpp"
#include "util/read_file.hpp"
#include "util/http.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace cassette::lint {

namespace {

bool is(const Diagnostic& d, std::string_view rule) { return d.rule == rule; }

Interaction* interaction_of(Cassette& c, const Diagnostic& d) {
    if (!d.interaction || *d.interaction >= c.interactions.size()) return nullptr;
    return &c.interactions[*d.interaction];
}

bool at(const Field& f, const Diagnostic& d) { return f.present && f.value.span.begin.offset == d.where.offset; }

bool set_if_different(Field& f, std::string value) {
    if (f.value.value == value && !f.value.binary) return false;
    f.set(std::move(value));
    return true;
}

// content-length: the body's length in bytes (the rule left out -1,
// uncompressed bodies, HEAD, 1xx/204/304: their findings never come here).
size_t fix_content_length(Cassette& c, const Diagnostic& d) {
    Interaction* in = interaction_of(c, d);
    if (!in) return 0;
    if (at(in->request.content_length, d))
        return set_if_different(in->request.content_length, std::to_string(in->request.body.value.value.size()));
    if (at(in->response.content_length, d))
        return set_if_different(in->response.content_length, std::to_string(in->response.body.value.value.size()));
    return 0;
}

// id: 0..n-1 in file order (what go-vcr writes on save).
size_t fix_ids(Cassette& c) {
    size_t n = 0;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        Field& id = c.interactions[i].id;
        if (id.present && id.value.style == ScalarStyle::Plain) n += set_if_different(id, std::to_string(i));
    }
    return n;
}

// host: the URL's host (what http.NewRequest sets Request.Host to).
size_t fix_host(Cassette& c, const Diagnostic& d) {
    Interaction* in = interaction_of(c, d);
    if (!in || !at(in->request.host, d)) return 0;
    auto u = http::parse_url(in->request.url.str());
    if (!u || !u->absolute || u->host_port.empty()) return 0;
    std::string_view host = u->host_port;
    if (host.back() == ':') host.remove_suffix(1);
    return set_if_different(in->request.host, std::string(host));
}

// proto: "HTTP/major.minor" from proto_major and proto_minor (Go builds
// Proto from them); only when both are there and one digit each.
size_t fix_proto(Cassette& c, const Diagnostic& d) {
    Interaction* in = interaction_of(c, d);
    if (!in) return 0;
    auto one = [&](Field& proto, const Field& major, const Field& minor) -> size_t {
        if (!at(proto, d) || !major.present || !minor.present) return 0;
        auto ma = major.as_int(), mi = minor.as_int();
        if (!ma || !mi || *ma < 0 || *ma > 9 || *mi < 0 || *mi > 9) return 0;
        // A proto that is not HTTP/x.y at all is not ours to guess about.
        const std::string& p = proto.value.value;
        if (p.size() != 8 || p.compare(0, 5, "HTTP/") != 0) return 0;
        return set_if_different(proto, "HTTP/" + std::to_string(*ma) + "." + std::to_string(*mi));
    };
    return one(in->request.proto, in->request.proto_major, in->request.proto_minor) +
           one(in->response.proto, in->response.proto_major, in->response.proto_minor);
}

// header-name: Go's canonical form, unless the map already has that name
// (renaming would make a duplicate key).
size_t fix_header_name(Cassette& c, const Diagnostic& d) {
    Interaction* in = interaction_of(c, d);
    if (!in) return 0;
    for (HeaderMap* m : {&in->request.headers, &in->request.trailer, &in->response.headers, &in->response.trailer})
        for (HeaderEntry& e : m->entries) {
            if (e.name.span.begin.offset != d.where.offset) continue;
            if (!http::valid_header_name(e.name.value)) return 0;
            const std::string canonical = http::canonical_header_key(e.name.value);
            if (canonical == e.name.value) return 0;
            for (const HeaderEntry& other : m->entries)
                if (other.name.value == canonical) return 0;
            e.name.value = canonical;
            e.name.dirty = true;
            return 1;
        }
    return 0;
}

bool is_blank(char ch) { return ch == ' ' || ch == '\t'; }

// unused-suppression: the comment goes (its line too when it is alone on
// it), or only the unused ids leave its list. `unknown rule` findings stay:
// a misspelt id is the user's to correct.
size_t remove_unused_suppressions(std::string& text, const std::vector<Diagnostic>& findings) {
    std::set<uint32_t> unused;
    for (const Diagnostic& d : findings)
        if (is(d, "unused-suppression") && d.message.rfind("unknown rule", 0) != 0) unused.insert(d.where.offset);
    if (unused.empty()) return 0;
    struct Edit {
        size_t begin, end;
        std::string with;
    };
    std::vector<Edit> edits;
    size_t count = 0;
    for (const Suppression& s : find_suppressions(text)) {
        std::vector<std::string> kept;
        size_t dropped = 0;
        if (s.rules.empty()) {
            dropped = unused.count(s.where.offset);
        } else {
            for (size_t j = 0; j < s.rules.size(); ++j) {
                if (unused.count(s.rule_marks[j].offset)) ++dropped;
                else kept.push_back(s.rules[j]);
            }
        }
        if (!dropped) continue;
        count += dropped;
        const size_t hash = s.where.offset;
        const size_t line_start = text.rfind('\n', hash) == std::string::npos ? 0 : text.rfind('\n', hash) + 1;
        size_t eol = text.find('\n', hash);
        if (eol == std::string::npos) eol = text.size();
        if (!kept.empty()) {
            const size_t open = text.find('[', hash), close = text.find(']', hash);
            std::string list;
            for (const auto& id : kept) list += (list.empty() ? "" : ", ") + id;
            edits.push_back({open + 1, close, list});
            continue;
        }
        size_t end = eol;
        if (end > hash && text[end - 1] == '\r') --end;
        size_t begin = hash;
        while (begin > line_start && is_blank(text[begin - 1])) --begin;
        if (begin == line_start) end = eol < text.size() ? eol + 1 : eol; // the whole line
        edits.push_back({begin, end, ""});
    }
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
    for (const Edit& e : edits) text.replace(e.begin, e.end - e.begin, e.with);
    return count;
}

constexpr const char* k_fixable[] = {"content-length", "id", "host", "proto", "header-name", "format",
                                     "unused-suppression"};

} // namespace

bool has_fixable(const std::vector<Diagnostic>& findings) {
    for (const Diagnostic& d : findings)
        for (const char* id : k_fixable)
            if (d.rule == id) return true;
    return false;
}

FixOutcome fix_source(SourceText source, const std::string& path, const std::vector<Diagnostic>& findings,
                      const Settings& settings) {
    FixOutcome out;
    out.source = source;
    out.text = std::string(source.view());
    yaml::ReadResult read = yaml::read_cassette(std::move(source), path);
    if (!read.ok() || !read.cassette) return out; // nothing is certain about a file that does not load
    Cassette& c = *read.cassette;
    bool canonical = false, ids = false;
    for (const Diagnostic& d : findings) {
        if (is(d, "content-length")) out.edits += fix_content_length(c, d);
        else if (is(d, "host")) out.edits += fix_host(c, d);
        else if (is(d, "proto")) out.edits += fix_proto(c, d);
        else if (is(d, "header-name")) out.edits += fix_header_name(c, d);
        else if (is(d, "id")) ids = true;
        else if (is(d, "format")) canonical = true;
    }
    if (ids) out.edits += fix_ids(c);
    if (out.edits == 0 && !canonical && !has_fixable(findings)) return out;
    std::string text = canonical ? yaml::write_canonical(c, c.layout) : yaml::write_in_place(c);
    if (canonical && text != c.source.view()) ++out.edits;
    // The suppressions are judged on the fixed text: a fix may have made
    // one unused (or the canonical writer moved it).
    auto fail = [&](const std::string& problem) {
        out.error = "not fixed: " + problem + " (this is a bug in cassette; please report it)";
        return out;
    };
    if (text != c.source.view())
        if (auto problem = yaml::verify_written(c, text)) return fail(*problem);
    if (std::any_of(findings.begin(), findings.end(), [](const Diagnostic& d) { return is(d, "unused-suppression"); })) {
        Settings only = settings;
        only.identify = nullptr;
        std::string without = text;
        if (size_t n = remove_unused_suppressions(without, lint_source(text, path, only).findings)) {
            // Comments are not values: the text without them must read as
            // the same cassette.
            yaml::ReadResult again = yaml::read_cassette(without, path);
            if (!again.ok() || !again.cassette) return fail("removing a suppression comment broke the file");
            if (auto diff = first_difference(c, *again.cassette)) return fail(*diff);
            out.edits += n;
            text = std::move(without);
        }
    }
    if (text == c.source.view()) return out;
    out.text = std::move(text);
    out.changed = true;
    return out;
}

namespace {

size_t fixable_count(const FileResult& r) {
    return size_t(std::count_if(r.findings.begin(), r.findings.end(), [](const Diagnostic& d) {
        const Rule* rule = find_rule(d.rule);
        return rule && rule->fixable;
    }));
}

} // namespace

FixRun fix_results(std::vector<FileResult>& results, const std::vector<std::string>& files,
                   const std::function<const Settings&(size_t)>& settings_of,
                   const std::function<bool(size_t, const FixOutcome&)>& deliver) {
    FixRun run;
    for (size_t k = 0; k < results.size() && k < files.size(); ++k) {
        FileResult& r = results[k];
        if (r.io_error || r.skipped || files[k] == "-" || !has_fixable(r.findings)) continue;
        std::string data;
        if (util::read_whole_file(files[k], data)) continue; // the lint reported it
        const Settings& settings = settings_of(k);
        FixOutcome f = fix_source(SourceText(std::move(data)), r.path, r.findings, settings);
        if (f.error) {
            run.errors.push_back(diag::error(r.path, Mark{}, "fix", *f.error));
            run.failed = true;
            continue;
        }
        if (!f.changed) continue;
        run.changed = true;
        if (!deliver(k, f)) {
            run.failed = true;
            continue;
        }
        FileResult after = lint_source(f.text, r.path, settings);
        const size_t before_n = fixable_count(r), after_n = fixable_count(after);
        run.fixed += before_n > after_n ? before_n - after_n : 0;
        r = std::move(after);
    }
    return run;
}

std::string fix_summary(const FixRun& run, const std::vector<FileResult>& results, bool diff) {
    size_t remaining = 0, secrets = 0;
    for (const FileResult& r : results)
        for (const Diagnostic& d : r.findings) {
            remaining += d.severity != Severity::Note;
            secrets += d.rule == "secret";
        }
    std::string out;
    if (secrets)
        out += "note: --fix leaves secrets alone (replacing them changes what replay compares): "
               "'cassette redact FILE...' replaces them and says which matcher option replay then needs\n";
    return out + std::to_string(run.fixed) + (diff ? " fixable, " : " fixed, ") + std::to_string(remaining) + " remaining";
}

} // namespace cassette::lint
