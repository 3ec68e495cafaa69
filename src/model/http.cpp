#include "model/http.hpp"

#include "util/strings.hpp"

#include <charconv>

namespace cassette {

std::string_view header_value(const HeaderMap& headers, std::string_view name) {
    const HeaderEntry* e = headers.find(name);
    return e && !e->values.empty() ? std::string_view(e->values.front().value) : std::string_view();
}

std::string_view content_type(const HeaderMap& headers) { return header_value(headers, "Content-Type"); }

std::vector<std::string> content_codings(const HeaderMap& headers) {
    std::vector<std::string> out;
    const HeaderEntry* ce = headers.find("Content-Encoding");
    if (!ce) return out;
    for (const Scalar& v : ce->values) {
        std::string_view rest = v.value;
        while (!rest.empty()) {
            const size_t comma = rest.find(',');
            const std::string_view coding = util::trim(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            if (!coding.empty() && !util::iequals(coding, "identity")) out.push_back(util::to_lower(coding));
        }
    }
    return out;
}

bool is_compressed(const HeaderMap& headers) { return !content_codings(headers).empty(); }

namespace {

// A length as go-vcr wrote it: decimal digits only (no sign, no spaces).
std::optional<uint64_t> length_of(std::string_view text) {
    uint64_t n = 0;
    if (text.empty() || text.size() > 19) return std::nullopt;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || ptr != text.data() + text.size() || text.front() == '+') return std::nullopt;
    return n;
}

} // namespace

bool lengths_count_body(const Interaction& in, Side side) {
    if (side == Side::Request) return true;
    const Response& r = in.response;
    if (r.uncompressed.as_bool().value_or(false)) return false;
    if (in.request.method.str() == "HEAD") return false;
    const auto code = r.code.as_int();
    return !(code && (*code < 200 || *code == 204 || *code == 304));
}

bool unknown_request_length(int64_t content_length, size_t body_size) { return content_length == 0 && body_size != 0; }

void body_resized(Interaction& in, Side side, size_t old_size) {
    const bool request = side == Side::Request;
    Field& body = request ? in.request.body : in.response.body;
    Field& content_length = request ? in.request.content_length : in.response.content_length;
    HeaderMap& headers = request ? in.request.headers : in.response.headers;
    const size_t size = body.value.value.size();
    if (!lengths_count_body(in, side)) return;
    const auto unknown = [&](uint64_t n) { return request && unknown_request_length(int64_t(n), old_size); };
    const std::string text = std::to_string(size);
    if (content_length.present && !content_length.value.binary) {
        const auto n = content_length.as_int();
        if (n && *n >= 0 && !unknown(uint64_t(*n)) && uint64_t(*n) != size) content_length.set(text);
    }
    if (HeaderEntry* cl = headers.find("Content-Length")) {
        for (Scalar& v : cl->values) {
            const auto n = length_of(v.value);
            if (!n || unknown(*n) || *n == size) continue;
            v.value = text;
            v.dirty = true;
        }
    }
}

void replace_body(Interaction& in, Side side, std::string body) {
    Field& field = side == Side::Request ? in.request.body : in.response.body;
    if (field.value.value == body) return;
    const size_t old_size = field.value.value.size();
    field.set(std::move(body));
    body_resized(in, side, old_size);
}

} // namespace cassette
