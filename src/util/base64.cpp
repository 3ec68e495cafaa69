#include "util/base64.hpp"

#include <array>
#include <cstdint>

namespace cassette::util {

namespace {

constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr uint8_t k_invalid = 0xff;
constexpr uint8_t k_skip = 0xfe; // '\r' and '\n', which Go drops

constexpr std::array<uint8_t, 256> make_decode_table() {
    std::array<uint8_t, 256> t{};
    for (auto& v : t) v = k_invalid;
    for (uint8_t i = 0; i < 64; ++i) t[static_cast<unsigned char>(k_alphabet[i])] = i;
    t['\r'] = k_skip;
    t['\n'] = k_skip;
    return t;
}
constexpr std::array<uint8_t, 256> k_decode = make_decode_table();

} // namespace

std::string base64_encode(std::string_view data) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    const size_t n = data.size();
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        const uint32_t v = uint32_t(p[i]) << 16 | uint32_t(p[i + 1]) << 8 | p[i + 2];
        out.push_back(k_alphabet[v >> 18]);
        out.push_back(k_alphabet[(v >> 12) & 63]);
        out.push_back(k_alphabet[(v >> 6) & 63]);
        out.push_back(k_alphabet[v & 63]);
    }
    if (n - i == 1) {
        const uint32_t v = uint32_t(p[i]) << 16;
        out.push_back(k_alphabet[v >> 18]);
        out.push_back(k_alphabet[(v >> 12) & 63]);
        out.append("==");
    } else if (n - i == 2) {
        const uint32_t v = uint32_t(p[i]) << 16 | uint32_t(p[i + 1]) << 8;
        out.push_back(k_alphabet[v >> 18]);
        out.push_back(k_alphabet[(v >> 12) & 63]);
        out.push_back(k_alphabet[(v >> 6) & 63]);
        out.push_back('=');
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    // Go's rules, restated on the text without its line breaks: whole
    // quanta of four, and '=' only as the last one or two characters.
    std::string out;
    out.reserve(text.size() / 4 * 3);
    uint8_t quad[4];
    size_t have = 0;    // characters of the current quantum
    size_t padding = 0; // '=' seen so far (only at the end)
    for (const char ch : text) {
        const uint8_t d = k_decode[static_cast<unsigned char>(ch)];
        if (d == k_skip) continue;
        if (padding > 0) {
            // After a '=' only the second '=' of "xx==" may follow.
            if (ch == '=' && padding == 1 && have == 3) {
                padding = 2;
                have = 4;
                continue;
            }
            return std::nullopt;
        }
        if (ch == '=') {
            if (have < 2) return std::nullopt;
            padding = 1;
            quad[have++] = 0;
            continue;
        }
        if (d == k_invalid) return std::nullopt;
        quad[have++] = d;
        if (have == 4) {
            const uint32_t v = uint32_t(quad[0]) << 18 | uint32_t(quad[1]) << 12 | uint32_t(quad[2]) << 6 | quad[3];
            out.push_back(static_cast<char>(v >> 16));
            out.push_back(static_cast<char>((v >> 8) & 0xff));
            out.push_back(static_cast<char>(v & 0xff));
            have = 0;
        }
    }
    if (padding == 0) {
        if (have != 0) return std::nullopt; // Go requires padding
        return out;
    }
    // "xx==" (padding 2) or "xxx=" (padding 1 with have == 4).
    if (have != 4) return std::nullopt;
    const uint32_t v = uint32_t(quad[0]) << 18 | uint32_t(quad[1]) << 12 | uint32_t(quad[2]) << 6;
    out.push_back(static_cast<char>(v >> 16));
    if (padding == 1) out.push_back(static_cast<char>((v >> 8) & 0xff));
    return out;
}

} // namespace cassette::util
