#include "diff/json_diff.hpp"

#include "diff/align.hpp"
#include "json/text.hpp"
#include "util/hex.hpp"
#include "util/utf8.hpp"

#include <unordered_set>

namespace cassette::diff {

using nlohmann::json;

size_t json_depth(std::string_view text, size_t limit) {
    size_t depth = 0, deepest = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > deepest) {
                deepest = depth;
                if (deepest > limit) return deepest;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

JsonParse parse_json(std::string_view text, json& out) {
    if (json_depth(text, k_max_json_depth) > k_max_json_depth) return JsonParse::TooDeep;
    out = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    return out.is_discarded() ? JsonParse::NotJson : JsonParse::Ok;
}

namespace {

// nlohmann's dump, written here for what a diff prints most (every changed
// string; whole objects added or removed): its escaping checks UTF-8 a byte
// at a time through a state machine, a tenth of a big diff's time. Same
// text: '"', '\\' and \b \f \n \r \t escaped, other control characters as
// \u00xx (lower-case hex), the rest as it is; a string that is not valid
// UTF-8 (replaced with U+FFFD) and every non-string leaf go to nlohmann.
void append_string(std::string& out, const std::string& s) {
    if (!util::valid_utf8(s)) {
        out += ::cassette::json::to_text(json(s));
        return;
    }
    out += '"';
    size_t run = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s, run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            util::append_hex_byte(out, c, util::HexCase::Lower);
        }
    }
    out.append(s, run, s.size() - run);
    out += '"';
}

void append_json(std::string& out, const json& v) {
    switch (v.type()) {
    case json::value_t::string: append_string(out, v.get_ref<const std::string&>()); return;
    case json::value_t::object: {
        out += '{';
        bool first = true;
        for (const auto& [k, e] : v.get_ref<const json::object_t&>()) {
            if (!first) out += ',';
            first = false;
            append_string(out, k);
            out += ':';
            append_json(out, e);
        }
        out += '}';
        return;
    }
    case json::value_t::array: {
        out += '[';
        bool first = true;
        for (const auto& e : v.get_ref<const json::array_t&>()) {
            if (!first) out += ',';
            first = false;
            append_json(out, e);
        }
        out += ']';
        return;
    }
    default: out += ::cassette::json::to_text(v);
    }
}

} // namespace

std::string json_text(const json& v) {
    std::string out;
    append_json(out, v);
    return out;
}

namespace {

bool identifier(std::string_view k) {
    if (k.empty() || (k[0] >= '0' && k[0] <= '9')) return false;
    for (char c : k)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    return true;
}

} // namespace

std::string format_json_path(const std::vector<PathSegment>& path) {
    std::string s = "$";
    for (const auto& seg : path) {
        if (const auto* k = std::get_if<std::string>(&seg)) {
            if (identifier(*k)) s += "." + *k;
            else s += "[" + json_text(json(*k)) + "]";
        } else {
            s += "[" + std::to_string(std::get<size_t>(seg)) + "]";
        }
    }
    return s;
}

diag::Result<JsonPathPattern> JsonPathPattern::parse(std::string_view text) {
    JsonPathPattern p;
    p.m_text = std::string(text);
    auto fail = [&](const std::string& why) -> diag::Result<JsonPathPattern> {
        return diag::error("", Mark{}, k_ignore_path_rule, "invalid JSON path '" + std::string(text) + "': " + why);
    };
    if (text.empty() || text[0] != '$') return fail("it must start with '$'");
    size_t i = 1;
    while (i < text.size()) {
        if (text.compare(i, 2, "..") == 0) {
            p.m_steps.push_back({Step::Descend, {}, 0});
            i += 2;
            if (i < text.size() && text[i] == '[') continue;
        } else if (text[i] == '.') {
            ++i;
        } else if (text[i] != '[') {
            return fail("expected '.' or '[' at offset " + std::to_string(i));
        }
        if (i >= text.size()) return fail("it ends after '.'");
        if (text[i] == '[') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
                // ["key"]: a JSON string, escapes allowed.
                size_t j = i + 2;
                while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
                if (j + 1 >= text.size() || text[j + 1] != ']') return fail("unterminated [\"...\"]");
                json k = json::parse(text.substr(i + 1, j - i), nullptr, false);
                if (k.is_discarded() || !k.is_string()) return fail("bad quoted key");
                p.m_steps.push_back({Step::Key, k.get<std::string>(), 0});
                i = j + 2;
                continue;
            }
            const size_t close = text.find(']', i);
            if (close == std::string_view::npos) return fail("missing ']'");
            std::string_view inner = text.substr(i + 1, close - i - 1);
            if (inner == "*") {
                p.m_steps.push_back({Step::AnyIndex, {}, 0});
            } else if (!inner.empty() && inner.find_first_not_of("0123456789") == std::string_view::npos &&
                       inner.size() < 19) {
                p.m_steps.push_back({Step::Index, {}, size_t(std::stoull(std::string(inner)))});
            } else {
                return fail("expected [n], [*] or [\"key\"]");
            }
            i = close + 1;
            continue;
        }
        size_t end = text.find_first_of(".[", i);
        if (end == std::string_view::npos) end = text.size();
        std::string_view key = text.substr(i, end - i);
        if (key.empty()) return fail("empty key at offset " + std::to_string(i));
        if (key == "*") p.m_steps.push_back({Step::AnyKey, {}, 0});
        else p.m_steps.push_back({Step::Key, std::string(key), 0});
        i = end;
    }
    if (!p.m_steps.empty() && p.m_steps.back().kind == Step::Descend) return fail("it ends with '..'");
    return p;
}

bool JsonPathPattern::match_from(size_t step, const std::vector<PathSegment>& path, size_t at) const {
    if (step == m_steps.size()) return at == path.size();
    const Step& s = m_steps[step];
    if (s.kind == Step::Descend) {
        // Zero or more segments, then the rest of the pattern.
        for (size_t k = at; k <= path.size(); ++k)
            if (match_from(step + 1, path, k)) return true;
        return false;
    }
    if (at == path.size()) return false;
    const PathSegment& seg = path[at];
    bool ok = false;
    switch (s.kind) {
    case Step::Key: ok = std::holds_alternative<std::string>(seg) && std::get<std::string>(seg) == s.key; break;
    case Step::Index: ok = std::holds_alternative<size_t>(seg) && std::get<size_t>(seg) == s.index; break;
    case Step::AnyKey:
    case Step::AnyIndex: ok = true; break;
    case Step::Descend: break;
    }
    return ok && match_from(step + 1, path, at + 1);
}

bool JsonPathPattern::matches(const std::vector<PathSegment>& path) const {
    return match_from(0, path, 0);
}

namespace {

struct JsonDiffer {
    const std::string& prefix;
    const std::vector<JsonPathPattern>& ignore;
    std::vector<Change>& out;
    size_t* ignored;
    std::vector<PathSegment> path;

    bool is_ignored() const {
        for (const auto& p : ignore)
            if (p.matches(path)) return true;
        return false;
    }

    void emit(Change::Kind kind, const json* a, const json* b) {
        if (is_ignored()) {
            if (ignored) ++*ignored;
            return;
        }
        Change c;
        c.kind = kind;
        c.path = prefix + format_json_path(path);
        if (a) c.old_value = json_text(*a);
        if (b) c.new_value = json_text(*b);
        out.push_back(std::move(c));
    }

    void child(const json& a, const json& b, PathSegment seg) {
        path.push_back(std::move(seg));
        walk(a, b);
        path.pop_back();
    }
    void one_side(Change::Kind kind, const json* a, const json* b, PathSegment seg) {
        path.push_back(std::move(seg));
        emit(kind, a, b);
        path.pop_back();
    }

    void walk(const json& a, const json& b) {
        if (!ignore.empty() && is_ignored()) {
            if (ignored && a != b) ++*ignored;
            return;
        }
        if (a.is_object() && b.is_object()) {
            const auto& oa = a.get_ref<const json::object_t&>();
            const auto& ob = b.get_ref<const json::object_t&>();
            auto ia = oa.begin(), ib = ob.begin();
            // Both maps are sorted by key: a merge join visits the union.
            while (ia != oa.end() || ib != ob.end()) {
                if (ib == ob.end() || (ia != oa.end() && ia->first < ib->first)) {
                    one_side(Change::Removed, &ia->second, nullptr, ia->first);
                    ++ia;
                } else if (ia == oa.end() || ib->first < ia->first) {
                    one_side(Change::Added, nullptr, &ib->second, ib->first);
                    ++ib;
                } else {
                    child(ia->second, ib->second, ia->first);
                    ++ia, ++ib;
                }
            }
            return;
        }
        if (a.is_array() && b.is_array()) {
            arrays(a, b);
            return;
        }
        if (a == b) return;
        emit(Change::Changed, &a, &b);
    }

    // The field that names the entity an array's object elements stand for:
    // the first of id, name, key (also uuid, slug) that every element of both
    // arrays has as a scalar and that names one element of both sides at
    // least; else the first one every element has. "" when the elements are
    // not all objects with such a field (they are then compared by value).
    // Fields under an ignored path do not count.
    std::string identity_field(const json& a, const json& b) {
        static const char* const candidates[] = {"id", "name", "key", "uuid", "slug"};
        std::string fallback;
        for (const char* f : candidates) {
            if (!ignore.empty()) {
                // A field the user ignores ($..id) names nothing.
                path.push_back(size_t(0));
                path.push_back(std::string(f));
                const bool skip = is_ignored();
                path.pop_back();
                path.pop_back();
                if (skip) continue;
            }
            bool all = true;
            auto has = [&](const json& arr) {
                for (const auto& e : arr) {
                    if (!e.is_object()) return false;
                    auto it = e.find(f);
                    if (it == e.end() || it->is_structured() || it->is_null()) return false;
                }
                return true;
            };
            all = has(a) && has(b);
            if (!all) continue;
            if (fallback.empty()) fallback = f;
            std::unordered_set<std::string> values;
            for (const auto& x : a) values.insert(json_text(x[f]));
            for (const auto& y : b)
                if (values.count(json_text(y[f]))) return f;
        }
        return fallback;
    }

    // Arrays aligned like jd and dyff do lists: a longest common subsequence
    // over element identity (the entity's id/name/key, else the whole value),
    // so an inserted element is one addition at its own index and a removed
    // one a removal at its old index. Elements of the same entity are
    // compared field by field; in a gap of other elements, one pair at the
    // same index of two same-length gaps is compared when neither side has
    // an identity (a value edited in place), the rest are removed and added.
    void arrays(const json& a, const json& b) {
        if (a.empty() && b.empty()) return;
        if (a == b) return;
        const std::string field = (a.empty() || b.empty()) ? std::string() : identity_field(a, b);
        if (a.size() == b.size() && field.empty()) {
            // The common cases first, without serializing the elements: equal,
            // or one element edited (no alignment beats n - 1 in place).
            size_t differ = 0, at = 0;
            for (size_t k = 0; k < a.size() && differ < 2; ++k)
                if (a[k] != b[k]) ++differ, at = k;
            if (differ == 0) return;
            if (differ == 1) {
                child(a[at], b[at], at);
                return;
            }
        }
        std::vector<std::string> ta, tb;
        ta.reserve(a.size());
        tb.reserve(b.size());
        for (const auto& e : a) ta.push_back(field.empty() ? json_text(e) : "\x01" + json_text(e[field]));
        for (const auto& e : b) tb.push_back(field.empty() ? json_text(e) : "\x01" + json_text(e[field]));
        Interner in;
        std::vector<uint32_t> ka, kb;
        for (const auto& t : ta) ka.push_back(in.id(t));
        for (const auto& t : tb) kb.push_back(in.id(t));
        auto pairs = lcs(ka, kb);
        if (a.size() == b.size()) {
            // Same length and no better alignment than in place (an element
            // edited, not moved): in place, so [1,2,3] -> [2,2,3] is one change.
            size_t in_place = 0;
            for (size_t k = 0; k < ka.size(); ++k) in_place += ka[k] == kb[k];
            if (in_place >= pairs.size()) {
                pairs.clear();
                for (size_t k = 0; k < ka.size(); ++k)
                    if (ka[k] == kb[k]) pairs.emplace_back(k, k);
            }
        }
        size_t i = 0, j = 0;
        auto gap = [&](size_t i1, size_t j1) {
            // Without identities, an element edited in place (same index, as
            // many elements on both sides of the gap) is compared.
            if (field.empty() && i1 - i == j1 - j) {
                for (; i < i1; ++i, ++j) {
                    if (i == j) child(a[i], b[j], j);
                    else one_side(Change::Removed, &a[i], nullptr, i), one_side(Change::Added, nullptr, &b[j], j);
                }
                return;
            }
            for (; i < i1; ++i) one_side(Change::Removed, &a[i], nullptr, i);
            for (; j < j1; ++j) one_side(Change::Added, nullptr, &b[j], j);
        };
        for (auto [pi, pj] : pairs) {
            gap(pi, pj);
            if (!field.empty()) child(a[pi], b[pj], pj); // the same entity; else equal values
            ++i, ++j;
        }
        gap(a.size(), b.size());
    }
};

} // namespace

void diff_json(const json& a, const json& b, const std::string& prefix, const std::vector<JsonPathPattern>& ignore,
               std::vector<Change>& out, size_t* ignored) {
    JsonDiffer d{prefix, ignore, out, ignored, {}};
    d.walk(a, b);
}

} // namespace cassette::diff
