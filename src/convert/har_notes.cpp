#include "convert/har_notes.hpp"

#include "util/base64.hpp"
#include "util/utf8.hpp"
#include "yaml/notes.hpp"

namespace cassette::convert {

namespace {

void text_member(JsonOut& j, std::string_view key, std::string_view text) {
    if (util::valid_utf8(text)) {
        j.member(key, text);
    } else {
        j.key(std::string(key) + "_base64");
        j.base64(text);
    }
}

const char* kind_name(Comment::Kind k) {
    switch (k) {
    case Comment::Kind::Before: return "before";
    case Comment::Kind::Trailing: return "trailing";
    case Comment::Kind::End: return "end";
    }
    return "end";
}

} // namespace

void notes_json(JsonOut& j, const Cassette& c) {
    const Notes& n = c.notes;
    if (n.empty()) return;
    j.key("notes");
    j.begin_object();
    if (!n.header.empty()) text_member(j, "header", n.header);
    if (!n.comments.empty()) {
        j.key("comments");
        j.begin_array();
        for (const Comment& cm : n.comments) {
            j.begin_object();
            j.member("kind", kind_name(cm.kind));
            if (!cm.anchor.empty()) j.member("node", cm.anchor);
            if (cm.kind == Comment::Kind::Before) j.member_bool("aligned", cm.aligned);
            text_member(j, "text", cm.text);
            j.end_object();
        }
        j.end_array();
    }
    const std::string rest = yaml::rest_text(c);
    if (!rest.empty()) text_member(j, "rest", rest);
    j.end_object();
}

std::optional<NotesError> read_notes_json(const nlohmann::json& meta, Notes& out) {
    auto it = meta.find("notes");
    if (it == meta.end() || it->is_null()) return std::nullopt;
    if (!it->is_object()) return NotesError{"", "expected an object"};
    const nlohmann::json& notes = *it;
    // A string under `key`, or base64 under `key`_base64.
    auto text = [](const nlohmann::json& o, const std::string& key, std::string& into,
                   const std::string& at) -> std::optional<NotesError> {
        if (auto s = o.find(key); s != o.end() && !s->is_null()) {
            if (!s->is_string()) return NotesError{at + key, "expected a string"};
            into = s->get<std::string>();
        } else if (auto b = o.find(key + "_base64"); b != o.end() && !b->is_null()) {
            auto d = b->is_string() ? util::base64_decode(b->get<std::string>()) : std::nullopt;
            if (!d) return NotesError{at + key + "_base64", "expected base64 text"};
            into = std::move(*d);
        }
        return std::nullopt;
    };
    if (auto e = text(notes, "header", out.header, "")) return e;
    if (auto e = text(notes, "rest", out.rest, "")) return e;
    if (auto c = notes.find("comments"); c != notes.end() && !c->is_null()) {
        if (!c->is_array()) return NotesError{"comments", "expected an array"};
        for (size_t i = 0; i < c->size(); ++i) {
            const std::string at = "comments[" + std::to_string(i) + "].";
            const nlohmann::json& o = (*c)[i];
            if (!o.is_object()) return NotesError{at.substr(0, at.size() - 1), "expected an object"};
            Comment cm;
            auto kind = o.find("kind");
            const std::string k = kind != o.end() && kind->is_string() ? kind->get<std::string>() : "";
            if (k == "before") cm.kind = Comment::Kind::Before;
            else if (k == "trailing") cm.kind = Comment::Kind::Trailing;
            else if (k == "end") cm.kind = Comment::Kind::End;
            else return NotesError{at + "kind", "expected \"before\", \"trailing\" or \"end\""};
            if (auto nd = o.find("node"); nd != o.end() && !nd->is_null()) {
                if (!nd->is_string()) return NotesError{at + "node", "expected a string"};
                cm.anchor = nd->get<std::string>();
            }
            if (auto al = o.find("aligned"); al != o.end() && !al->is_null()) {
                if (!al->is_boolean()) return NotesError{at + "aligned", "expected true or false"};
                cm.aligned = al->get<bool>();
            }
            if (auto e = text(o, "text", cm.text, at)) return e;
            // Only comment text: a line that is not a comment would be YAML.
            size_t p = 0;
            while (p <= cm.text.size()) {
                size_t e = cm.text.find('\n', p);
                if (e == std::string::npos) e = cm.text.size();
                std::string_view line(cm.text.data() + p, e - p);
                while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
                if (!line.empty() && line.front() != '#')
                    return NotesError{at + "text", "expected comment lines (each starting with '#')"};
                if (cm.text.find('\r') != std::string::npos)
                    return NotesError{at + "text", "expected comment lines (each starting with '#')"};
                p = e + 1;
            }
            if (cm.kind == Comment::Kind::Trailing && cm.text.find('\n') != std::string::npos)
                return NotesError{at + "text", "a trailing comment is one line"};
            out.comments.push_back(std::move(cm));
        }
    }
    return std::nullopt;
}

} // namespace cassette::convert
