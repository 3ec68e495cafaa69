#include "util/sse.hpp"

#include "util/strings.hpp"

namespace cassette::util {

namespace {

// A line of the SSE grammar: "field" or "field:value" for the fields the
// standard defines, or a ":" comment. `is_content` says whether it is data or
// event, which a stream must have to be worth calling one.
bool sse_line(std::string_view line, bool& is_content) {
    if (line.front() == ':') return true;
    for (const std::string_view field : {"data", "event", "id", "retry"}) {
        if (line.substr(0, field.size()) != field) continue;
        if (line.size() == field.size() || line[field.size()] == ':') {
            is_content = is_content || field == "data" || field == "event";
            return true;
        }
    }
    return false;
}

} // namespace

bool looks_sse(std::string_view body, std::string_view content_type) {
    const std::string_view media = trim(content_type.substr(0, content_type.find(';')));
    if (iequals(media, "text/event-stream")) return true;
    bool has_content = false;
    for (const Line& line : split_lines(body)) {
        if (line.text.empty()) continue;
        if (!sse_line(line.text, has_content)) return false;
    }
    return has_content;
}

std::vector<std::string_view> sse_events(std::string_view body) {
    std::vector<std::string_view> events;
    const char* start = nullptr; // first byte of the event being collected
    const char* end = nullptr;   // end of its last line's text
    for (const Line& line : split_lines(body)) {
        if (line.text.empty()) {
            if (start) events.emplace_back(start, static_cast<size_t>(end - start));
            start = nullptr;
            continue;
        }
        if (!start) start = line.text.data();
        end = line.text.data() + line.text.size();
    }
    if (start) events.emplace_back(start, static_cast<size_t>(end - start));
    return events;
}

} // namespace cassette::util
