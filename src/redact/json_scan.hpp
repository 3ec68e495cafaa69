#pragma once
// A tolerant, iterative walk over JSON text that reports every string with
// its byte range and its key context, without building or re-serialising
// anything: redaction replaces bytes of the original body. The explicit
// stack means nesting depth is limited only by memory (100,000 deep is fine).
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cassette::redact {

struct JsonString {
    size_t begin = 0, end = 0; // the raw bytes between the quotes
    bool is_key = false;
    // For a value: the key it belongs to (decoded), or, for an item of an
    // array, the key of that array. Empty at the top level.
    std::string_view key;
    // The key holding the object this string is in ("password" for the
    // "value" of {"password":{"value":"..."}}; for an object inside an
    // array, the array's key). Empty when there is none.
    std::string_view parent_key;
    // A number for the innermost object holding the string (siblings share
    // it: {"name":"DD_API_KEY","value":"..."}); 0 outside any object.
    size_t object = 0;
};

class JsonScanner {
public:
    // Path of the string just reported: "$.data[0].url" ("$" at the top).
    // Only valid inside the callback; costs O(depth), so call it only when
    // needed (when a secret was found).
    std::string path() const;

    // Walks `text`; calls `on_string` for every key and string value.
    // Returns false when the text is not JSON (reporting stops there; what
    // was reported before stays valid: it was inside real string literals).
    bool scan(std::string_view text, const std::function<void(const JsonString&)>& on_string);

private:
    struct Frame {
        bool object = false;
        std::string key;   // object: the current key (decoded)
        size_t index = 0;  // array: the current item
        bool has_key = false;
        size_t serial = 0; // object: its number in this scan
    };
    size_t m_objects = 0;
    std::vector<Frame> m_stack;
};

// Decodes the escapes of a JSON string body (\n, \uXXXX with surrogate
// pairs); invalid escapes are kept as written.
std::string json_unescape(std::string_view raw);

// Escapes text for use inside a JSON string literal, as Go's encoding/json
// would (", \, control characters, and <, >, & as \u00XX).
std::string json_escape(std::string_view text);

} // namespace cassette::redact
