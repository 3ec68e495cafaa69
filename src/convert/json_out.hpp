#pragma once
// A streaming JSON writer for the HAR and JSON exports. A HAR of a 100 MiB
// cassette is bigger than the cassette (base64, escapes); building it as a
// DOM first (nlohmann::json) would hold it twice in memory. This writer
// appends to a buffer and hands it to a sink every `chunk` bytes, so memory
// stays at one chunk whatever the size of the output.
//
// Output is pretty-printed with two spaces, the way browsers export HAR.
// Strings must be valid UTF-8 (the caller base64s binary data); an invalid
// byte is written as U+FFFD so the output is always valid JSON.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cassette::convert {

using Sink = std::function<void(std::string_view)>;

// JSON string escaping as Go's encoding/json does it minus the HTML escapes:
// '"', '\\', and control characters; U+2028/U+2029 stay raw. Invalid UTF-8
// bytes become U+FFFD.
void append_json_string(std::string& out, std::string_view s);

class JsonOut {
public:
    explicit JsonOut(Sink sink, size_t chunk = size_t(1) << 20);
    ~JsonOut();
    JsonOut(const JsonOut&) = delete;
    JsonOut& operator=(const JsonOut&) = delete;

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    // The key of the next member of the current object.
    void key(std::string_view k);

    void string(std::string_view s);
    // Bytes of `s` as base64 in a JSON string.
    void base64(std::string_view s);
    void integer(int64_t v);
    // A number already formatted as JSON (e.g. "1.5").
    void number_text(std::string_view text);
    void boolean(bool b);
    void null();

    // Shorthands for "key": value.
    void member(std::string_view k, std::string_view v) { key(k), string(v); }
    void member(std::string_view k, const char* v) { key(k), string(v); }
    void member(std::string_view k, int64_t v) { key(k), integer(v); }
    void member_bool(std::string_view k, bool v) { key(k), boolean(v); }

    // Flush what is buffered to the sink (also done by the destructor).
    void flush();

private:
    void before_value();
    void newline();
    void maybe_flush();

    struct Level {
        bool object = false;
        bool empty = true;
    };
    Sink m_sink;
    size_t m_chunk;
    std::string m_buf;
    std::vector<Level> m_stack;
    bool m_after_key = false;
};

} // namespace cassette::convert
