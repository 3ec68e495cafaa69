#include "format/json_bodies.hpp"

#include "json/indent.hpp"
#include "model/http.hpp"
#include "util/http.hpp"

#include <string>

namespace cassette::format {

namespace {

// Returns true when the body changed.
bool reformat(Interaction& in, Side side, JsonStyle style) {
    const Field& body = side == Side::Request ? in.request.body : in.response.body;
    const HeaderMap& headers = side == Side::Request ? in.request.headers : in.response.headers;
    if (!body.present || body.value.value.empty() || !http::is_json_media(content_type(headers)) ||
        is_compressed(headers))
        return false;
    std::optional<std::string> out =
        style == JsonStyle::Pretty ? json::indent(body.value.value) : json::compact(body.value.value);
    if (!out || *out == body.value.value) return false;
    replace_body(in, side, std::move(*out));
    return true;
}

} // namespace

size_t reformat_json_bodies(Cassette& c, const JsonBodyOptions& options) {
    size_t changed = 0;
    for (auto& in : c.interactions) {
        if (reformat(in, Side::Response, options.style)) ++changed;
        if (options.include_requests && reformat(in, Side::Request, options.style)) ++changed;
    }
    return changed;
}

} // namespace cassette::format
