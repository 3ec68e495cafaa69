#pragma once
// Structural comparison of two JSON documents: key order and whitespace are
// no difference; every difference is named by a JSONPath-like path
// ("$.choices[0].message.content", "$[\"a.b\"]").
//
// Depth: nlohmann::json parses and destroys iteratively, but compares and
// dumps recursively, and so does this differ. parse_json therefore refuses
// documents nested deeper than k_max_json_depth (checked by a linear scan
// before parsing), which bounds every recursion here to a few hundred KiB
// of stack; callers fall back to a text diff beyond it.
#include "diag/result.hpp"
#include "diff/report.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cassette::diff {

// Real API bodies are rarely nested more than 20 levels; Go accepts 10000.
inline constexpr size_t k_max_json_depth = 1000;

// Nesting depth of arrays/objects in `text`, counted without parsing (strings
// skipped); stops counting once past `limit`.
size_t json_depth(std::string_view text, size_t limit);

enum class JsonParse { Ok, NotJson, TooDeep };
// Parses one JSON document (surrounding whitespace allowed).
JsonParse parse_json(std::string_view text, nlohmann::json& out);

// One step of a path: an object key or an array index.
using PathSegment = std::variant<std::string, size_t>;

// "$", then ".key" for identifier-like keys, ["key"] (JSON-quoted) for the
// others, and [n] for indexes.
std::string format_json_path(const std::vector<PathSegment>& path);

// A pattern given with --ignore-json-path: $.a.b, $["a.b"], $.list[0],
// $.list[*], $.*, and $..key (the key at any depth below). A pattern matches a
// path exactly; a matching node is skipped with everything below it.
inline constexpr const char* k_ignore_path_rule = "ignore-path";

class JsonPathPattern {
public:
    // Fails when the text is not a pattern: an error with rule
    // k_ignore_path_rule and no file (the caller knows where it came from).
    static diag::Result<JsonPathPattern> parse(std::string_view text);
    bool matches(const std::vector<PathSegment>& path) const;
    const std::string& text() const { return m_text; }

private:
    struct Step {
        enum Kind { Key, Index, AnyKey, AnyIndex, Descend } kind = Key;
        std::string key;
        size_t index = 0;
    };
    bool match_from(size_t step, const std::vector<PathSegment>& path, size_t at) const;
    std::vector<Step> m_steps;
    std::string m_text;
};

// Appends one Change per difference to `out` (kind, path = prefix + JSON
// path, values as compact JSON); differences under an ignored path are
// counted in *ignored instead.
void diff_json(const nlohmann::json& a, const nlohmann::json& b, const std::string& prefix,
               const std::vector<JsonPathPattern>& ignore, std::vector<Change>& out, size_t* ignored);

// Compact JSON text of a value (invalid UTF-8 replaced, never throws).
std::string json_text(const nlohmann::json& v);

} // namespace cassette::diff
