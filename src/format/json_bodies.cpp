#include "format/json_bodies.hpp"

#include "json/indent.hpp"
#include "util/http.hpp"

#include <string>

namespace cassette::format {

namespace {

bool compressed(const HeaderMap& headers) {
    const HeaderEntry* ce = headers.find("Content-Encoding");
    if (!ce) return false;
    for (const auto& v : ce->values)
        if (!v.value.empty() && v.value != "identity") return true;
    return false;
}

bool json_content_type(const HeaderMap& headers) {
    const HeaderEntry* ct = headers.find("Content-Type");
    return ct && !ct->values.empty() && http::is_json_media(ct->values.front().value);
}

// Returns true when the body changed.
bool reformat(Field& body, HeaderMap& headers, Field& content_length, JsonStyle style) {
    if (!body.present || body.value.value.empty() || !json_content_type(headers) || compressed(headers)) return false;
    std::optional<std::string> out =
        style == JsonStyle::Pretty ? json::indent(body.value.value) : json::compact(body.value.value);
    if (!out || *out == body.value.value) return false;
    const std::string length = std::to_string(out->size());
    body.set(std::move(*out));
    if (auto n = content_length.as_int(); n && *n >= 0) content_length.set(length);
    if (HeaderEntry* cl = headers.find("Content-Length"); cl && !cl->values.empty()) {
        cl->values.front().value = length;
        cl->values.front().dirty = true;
    }
    return true;
}

} // namespace

size_t reformat_json_bodies(Cassette& c, const JsonBodyOptions& options) {
    size_t changed = 0;
    for (auto& in : c.interactions) {
        if (reformat(in.response.body, in.response.headers, in.response.content_length, options.style)) ++changed;
        if (options.include_requests &&
            reformat(in.request.body, in.request.headers, in.request.content_length, options.style))
            ++changed;
    }
    return changed;
}

} // namespace cassette::format
