#include "diff/render.hpp"
#include "json/text.hpp"

#include <nlohmann/json.hpp>

namespace cassette::diff {

std::string render_json(const Report& r) {
    using nlohmann::ordered_json;
    auto opt = [](const std::optional<std::string>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); };
    // Values at a JSON path are JSON text, and lists (header values,
    // transfer_encoding) JSON arrays: give them as JSON values.
    auto value = [&](const Change& c, const std::optional<std::string>& v) {
        if (v && (c.list || c.path.find('$') != std::string::npos)) {
            ordered_json j = ordered_json::parse(*v, nullptr, false);
            if (!j.is_discarded()) return j;
        }
        return opt(v);
    };
    auto index = [](const std::optional<size_t>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); };
    const Summary& s = r.summary;
    ordered_json doc;
    doc["summary"] = {{"changed", s.changed},
                      {"added", s.added},
                      {"removed", s.removed},
                      {"unchanged", s.unchanged},
                      {"ignored", s.ignored},
                      {"old", {{"file", r.old_name}, {"format", s.old_format}, {"interactions", s.old_interactions}}},
                      {"new", {{"file", r.new_name}, {"format", s.new_format}, {"interactions", s.new_interactions}}}};
    ordered_json changes = ordered_json::array();
    for (const auto& c : r.changes) {
        ordered_json e;
        e["kind"] = c.kind == Change::Added ? "added" : c.kind == Change::Removed ? "removed" : "changed";
        if (c.old_index || c.new_index)
            e["interaction"] = {{"old", index(c.old_index)}, {"new", index(c.new_index)}, {"method", c.method}, {"url", c.url}};
        else
            e["interaction"] = nullptr;
        e["path"] = c.path;
        e["old"] = value(c, c.old_value);
        e["new"] = value(c, c.new_value);
        changes.push_back(std::move(e));
    }
    doc["changes"] = std::move(changes);
    doc["notes"] = r.notes;
    return ::cassette::json::to_text(doc, 2) + "\n";
}

} // namespace cassette::diff
