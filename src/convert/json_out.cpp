#include "convert/json_out.hpp"

#include "util/base64.hpp"
#include "util/hex.hpp"
#include "util/utf8.hpp"

#include <charconv>

namespace cassette::convert {

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        // Copy the run of bytes that need no escaping in one go: bodies are
        // mostly plain ASCII.
        size_t run = i;
        while (run < n) {
            unsigned char c = (unsigned char)s[run];
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
            ++run;
        }
        out.append(s.data() + i, run - i);
        i = run;
        if (i >= n) break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t len = util::utf8_sequence_length(s, i);
            if (len == 0) {
                out += "\xEF\xBF\xBD"; // U+FFFD, as Go's encoder writes an invalid byte
                ++i;
            } else {
                out.append(s.data() + i, len);
                i += len;
            }
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            out += "\\u00";
            util::append_hex_byte(out, c, util::HexCase::Lower);
        }
        ++i;
    }
    out += '"';
}

JsonOut::JsonOut(Sink sink, size_t chunk) : m_sink(std::move(sink)), m_chunk(chunk) { m_buf.reserve(chunk + 4096); }

JsonOut::~JsonOut() { flush(); }

void JsonOut::flush() {
    if (!m_buf.empty()) {
        m_sink(m_buf);
        m_buf.clear();
    }
}

void JsonOut::maybe_flush() {
    if (m_buf.size() >= m_chunk) flush();
}

void JsonOut::newline() {
    m_buf += '\n';
    m_buf.append(m_stack.size() * 2, ' ');
}

void JsonOut::before_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (m_stack.empty()) return;
    Level& l = m_stack.back();
    if (!l.empty) m_buf += ',';
    l.empty = false;
    newline();
}

void JsonOut::key(std::string_view k) {
    Level& l = m_stack.back();
    if (!l.empty) m_buf += ',';
    l.empty = false;
    newline();
    append_json_string(m_buf, k);
    m_buf += ": ";
    m_after_key = true;
}

void JsonOut::begin_object() {
    before_value();
    m_buf += '{';
    m_stack.push_back(Level{true, true});
}

void JsonOut::begin_array() {
    before_value();
    m_buf += '[';
    m_stack.push_back(Level{false, true});
}

void JsonOut::end_object() {
    bool empty = m_stack.back().empty;
    m_stack.pop_back();
    if (!empty) newline();
    m_buf += '}';
    if (m_stack.empty()) m_buf += '\n';
    maybe_flush();
}

void JsonOut::end_array() {
    bool empty = m_stack.back().empty;
    m_stack.pop_back();
    if (!empty) newline();
    m_buf += ']';
    maybe_flush();
}

void JsonOut::string(std::string_view s) {
    before_value();
    if (s.size() > m_chunk) {
        // A large body: escape it straight into its own buffer rather than
        // growing the chunk buffer past its size.
        flush();
        std::string big;
        big.reserve(s.size() + s.size() / 16 + 2);
        append_json_string(big, s);
        m_sink(big);
        return;
    }
    append_json_string(m_buf, s);
    maybe_flush();
}

void JsonOut::base64(std::string_view s) {
    before_value();
    std::string b = util::base64_encode(s);
    if (b.size() > m_chunk) {
        flush();
        m_sink("\"");
        m_sink(b);
        m_sink("\"");
        return;
    }
    m_buf += '"';
    m_buf += b;
    m_buf += '"';
    maybe_flush();
}

void JsonOut::integer(int64_t v) {
    before_value();
    char tmp[24];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    m_buf.append(tmp, r.ptr);
}

void JsonOut::number_text(std::string_view text) {
    before_value();
    m_buf += text;
}

void JsonOut::boolean(bool b) {
    before_value();
    m_buf += b ? "true" : "false";
}

void JsonOut::null() {
    before_value();
    m_buf += "null";
}

} // namespace cassette::convert
