#include "redact/json_scan.hpp"

#include "util/hex.hpp"
#include "util/utf8.hpp"

#include <cstring>

#include <cstdint>

namespace cassette::redact {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex4(std::string_view s, size_t at) {
    if (at + 4 > s.size()) return -1;
    int v = 0;
    for (size_t k = at; k < at + 4; ++k) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return -1;
    }
    return v;
}

} // namespace

std::string json_unescape(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c != '\\' || i + 1 >= raw.size()) {
            out += c;
            continue;
        }
        char e = raw[i + 1];
        switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            int v = hex4(raw, i + 2);
            if (v < 0) {
                out += c;
                continue;
            }
            uint32_t cp = uint32_t(v);
            size_t used = 6;
            if (cp >= 0xD800 && cp < 0xDC00 && raw.compare(i + 6, 2, "\\u") == 0) {
                int lo = hex4(raw, i + 8);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (uint32_t(lo) - 0xDC00);
                    used = 12;
                }
            }
            if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
            util::append_utf8(out, cp);
            i += used - 1;
            continue;
        }
        default:
            out += c;
            continue;
        }
        ++i;
    }
    return out;
}

std::string json_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            out += "\\u00";
            util::append_hex_byte(out, c, util::HexCase::Lower);
        } else {
            out += char(c);
        }
    }
    return out;
}

std::string JsonScanner::path() const {
    std::string p = "$";
    for (const Frame& f : m_stack) {
        if (f.object) {
            if (f.has_key) {
                p += '.';
                p += f.key;
            }
        } else {
            p += '[';
            p += std::to_string(f.index);
            p += ']';
        }
    }
    return p;
}

bool JsonScanner::scan(std::string_view s, const std::function<void(const JsonString&)>& on_string) {
    enum class Expect { Value, ValueOrClose, KeyOrClose, Key, Colon, CommaOrClose, End };
    m_stack.clear();
    m_objects = 0;
    Expect ex = Expect::Value;
    const size_t n = s.size();
    size_t i = 0;
    auto after_value = [&] { ex = m_stack.empty() ? Expect::End : Expect::CommaOrClose; };
    while (true) {
        while (i < n && is_ws(s[i])) ++i;
        if (i == n) return ex == Expect::End;
        const char c = s[i];
        switch (ex) {
        case Expect::End:
            return false;
        case Expect::Colon:
            if (c != ':') return false;
            ++i;
            ex = Expect::Value;
            continue;
        case Expect::CommaOrClose: {
            Frame& top = m_stack.back();
            if (c == ',') {
                ++i;
                if (top.object) {
                    ex = Expect::Key;
                } else {
                    ++top.index;
                    ex = Expect::Value;
                }
                continue;
            }
            if ((c == '}' && top.object) || (c == ']' && !top.object)) {
                ++i;
                m_stack.pop_back();
                after_value();
                continue;
            }
            return false;
        }
        case Expect::KeyOrClose:
        case Expect::Key:
            if (c == '}' && ex == Expect::KeyOrClose) {
                ++i;
                m_stack.pop_back();
                after_value();
                continue;
            }
            if (c != '"') return false;
            break; // the string is read below
        case Expect::ValueOrClose:
            if (c == ']') {
                ++i;
                m_stack.pop_back();
                after_value();
                continue;
            }
            [[fallthrough]];
        case Expect::Value:
            if (c == '{' || c == '[') {
                Frame f;
                f.object = c == '{';
                // An array's items belong to the key that holds the array.
                if (!f.object && !m_stack.empty()) f.key = m_stack.back().key;
                if (f.object) f.serial = ++m_objects;
                m_stack.push_back(std::move(f));
                ++i;
                ex = c == '{' ? Expect::KeyOrClose : Expect::ValueOrClose;
                continue;
            }
            if (c != '"') {
                if (!(c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n')) return false;
                while (i < n && !is_ws(s[i]) && s[i] != ',' && s[i] != '}' && s[i] != ']') ++i;
                after_value();
                continue;
            }
            break;
        }
        // A string: a key (Key/KeyOrClose) or a value.
        const bool is_key = ex == Expect::Key || ex == Expect::KeyOrClose;
        size_t j = i + 1;
        bool escaped = false;
        while (true) {
            // The next quote or backslash. Two memchr calls, not
            // find_first_of (which calls memchr once per byte of the text).
            if (j >= n) return false;
            const char* from = s.data() + j;
            const void* quote = std::memchr(from, '"', n - j);
            if (!quote) return false;
            const size_t q = size_t(static_cast<const char*>(quote) - s.data());
            const void* slash = std::memchr(from, '\\', q - j);
            const size_t k = slash ? size_t(static_cast<const char*>(slash) - s.data()) : q;
            if (s[k] == '\\') {
                escaped = true;
                j = k + 2;
                if (j > n) return false;
                continue;
            }
            j = k;
            break;
        }
        JsonString str;
        // The innermost object and the key holding it.
        for (size_t d = m_stack.size(); d-- > 0;) {
            if (!m_stack[d].object) continue;
            str.object = m_stack[d].serial;
            if (d > 0) str.parent_key = m_stack[d - 1].key;
            break;
        }
        str.begin = i + 1;
        str.end = j;
        str.is_key = is_key;
        i = j + 1;
        if (is_key) {
            Frame& top = m_stack.back();
            std::string_view raw = s.substr(str.begin, str.end - str.begin);
            if (escaped) top.key = json_unescape(raw);
            else top.key.assign(raw);
            top.has_key = true;
            str.key = top.key;
            on_string(str);
            ex = Expect::Colon;
        } else {
            if (!m_stack.empty()) str.key = m_stack.back().key;
            on_string(str);
            after_value();
        }
    }
}

} // namespace cassette::redact
