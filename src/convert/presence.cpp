#include "convert/presence.hpp"

#include "model/schema.hpp"

namespace cassette::convert {

namespace {

// The schema's rows of a request or response (model/schema.hpp).
template <class S> std::vector<FieldRef> fields_of(S& s) {
    std::vector<FieldRef> out;
    out.reserve(schema::rows<S>().size());
    for (const auto& r : schema::rows<S>())
        out.push_back(FieldRef{r.key, schema::presence(r, s), schema::is_zero(r, s), r.omitempty, r.since == 2});
    return out;
}

// Empty the value of an absent field, map or list.
template <class S> void clear_absent_in(S& s) {
    schema::visit<S>(schema::overloaded{
                         [](const schema::Row<S>&, Field& f) {
                             if (!f.present) f.value = Scalar{};
                         },
                         [](const schema::Row<S>&, StringList& l) {
                             if (!l.present) l.items.clear();
                         },
                         [](const schema::Row<S>&, HeaderMap& m) {
                             if (!m.present) m.entries.clear();
                         },
                     },
                     s);
}

} // namespace

std::vector<FieldRef> request_fields(Request& r) { return fields_of(r); }
std::vector<FieldRef> response_fields(Response& r) { return fields_of(r); }

bool default_present(const FieldSet& set, const FieldRef& f) {
    if (set.format == 1) return !f.v2_only;
    if (set.all_fields) return true;
    return !f.omitempty || !f.zero;
}

void apply_presence(const FieldSet& set, Interaction& in) {
    for (auto& f : request_fields(in.request)) *f.present = default_present(set, f);
    for (auto& f : response_fields(in.response)) *f.present = default_present(set, f);
    in.request.present = true;
    in.response.present = true;
    in.id.present = set.format == 2;
}

void clear_absent(Interaction& in) {
    if (!in.id.present) in.id.value = Scalar{};
    clear_absent_in(in.request);
    clear_absent_in(in.response);
}

std::string present_names(const std::vector<FieldRef>& fields) {
    std::string out;
    for (const auto& f : fields) {
        if (!*f.present) continue;
        if (!out.empty()) out += ' ';
        out += f.name;
    }
    return out;
}

bool presence_is_default(const FieldSet& set, Interaction& in) {
    if (in.id.present != (set.format == 2)) return false;
    for (const auto& f : request_fields(in.request))
        if (*f.present != default_present(set, f)) return false;
    for (const auto& f : response_fields(in.response))
        if (*f.present != default_present(set, f)) return false;
    return true;
}

} // namespace cassette::convert
