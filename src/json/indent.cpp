#include "json/indent.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

namespace cassette::json {

namespace {

// What the scanner says about each byte; the same classification Go's
// scanner reports, because Indent and Compact are defined in terms of it.
enum class Scan : uint8_t {
    Continue,     // uninteresting byte inside a literal
    BeginLiteral, // first byte of a string, number or keyword
    BeginObject,
    ObjectKey,    // the ':' after a key
    ObjectValue,  // the ',' after a key:value pair
    EndObject,
    BeginArray,
    ArrayValue,   // the ',' after an element
    EndArray,
    SkipSpace,    // insignificant whitespace
    End,          // byte after the top-level value (whitespace)
    Error,
};

enum class State : uint8_t {
    BeginValueOrEmpty, BeginValue, BeginStringOrEmpty, BeginString,
    InString, InStringEsc, EscU, EscU1, EscU12, EscU123,
    Neg, One, Zero, Dot, Dot0, E, ESign, E0,
    T, Tr, Tru, F, Fa, Fal, Fals, N, Nu, Nul,
    EndValue, EndTop, Failed,
};

enum class Ctx : uint8_t { ObjectKey, ObjectValue, ArrayValue };

inline bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool is_hex(unsigned char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// Bytes that end the boring middle of a string: everything else in a string
// is copied through without a state change, which is what the fast path uses.
inline bool string_special(unsigned char c) { return c == '"' || c == '\\' || c < 0x20; }

// The state machine. An explicit stack of contexts replaces recursion, so the
// machine's own stack use is constant whatever the nesting.
class Scanner {
public:
    State m_state = State::BeginValue;
    bool m_end_top = false;

    Scanner() { m_stack.reserve(64); }

    // Whether whitespace is skipped here without any change of state, so a
    // whole run of it can be passed over at once (indented input is mostly
    // whitespace between tokens).
    bool skips_space() const {
        switch (m_state) {
        case State::BeginValueOrEmpty:
        case State::BeginValue:
        case State::BeginStringOrEmpty:
        case State::BeginString:
            return true;
        case State::EndValue:
            return !m_stack.empty();
        default:
            return false;
        }
    }

    Scan step(unsigned char c) {
        // A `continue` re-dispatches the same byte in a new state (Go's
        // "return stateX(s, c)").
        for (;;) {
            switch (m_state) {
            case State::BeginValueOrEmpty:
                if (is_space(c)) return Scan::SkipSpace;
                if (c == ']') { m_state = State::EndValue; continue; }
                m_state = State::BeginValue;
                continue;
            case State::BeginValue:
                if (is_space(c)) return Scan::SkipSpace;
                switch (c) {
                case '{': m_state = State::BeginStringOrEmpty; return push(Ctx::ObjectKey, Scan::BeginObject);
                case '[': m_state = State::BeginValueOrEmpty; return push(Ctx::ArrayValue, Scan::BeginArray);
                case '"': m_state = State::InString; return Scan::BeginLiteral;
                case '-': m_state = State::Neg; return Scan::BeginLiteral;
                case '0': m_state = State::Zero; return Scan::BeginLiteral;
                case 't': m_state = State::T; return Scan::BeginLiteral;
                case 'f': m_state = State::F; return Scan::BeginLiteral;
                case 'n': m_state = State::N; return Scan::BeginLiteral;
                default:
                    if (c >= '1' && c <= '9') { m_state = State::One; return Scan::BeginLiteral; }
                    return fail();
                }
            case State::BeginStringOrEmpty:
                if (is_space(c)) return Scan::SkipSpace;
                if (c == '}') {
                    m_stack.back() = Ctx::ObjectValue;
                    m_state = State::EndValue;
                    continue;
                }
                m_state = State::BeginString;
                continue;
            case State::BeginString:
                if (is_space(c)) return Scan::SkipSpace;
                if (c == '"') { m_state = State::InString; return Scan::BeginLiteral; }
                return fail();
            case State::InString:
                if (c == '"') { m_state = State::EndValue; return Scan::Continue; }
                if (c == '\\') { m_state = State::InStringEsc; return Scan::Continue; }
                if (c < 0x20) return fail();
                return Scan::Continue;
            case State::InStringEsc:
                switch (c) {
                case 'b': case 'f': case 'n': case 'r': case 't': case '\\': case '/': case '"':
                    m_state = State::InString; return Scan::Continue;
                case 'u': m_state = State::EscU; return Scan::Continue;
                default: return fail();
                }
            case State::EscU: return hex(c, State::EscU1);
            case State::EscU1: return hex(c, State::EscU12);
            case State::EscU12: return hex(c, State::EscU123);
            case State::EscU123: return hex(c, State::InString);
            case State::Neg:
                if (c == '0') { m_state = State::Zero; return Scan::Continue; }
                if (c >= '1' && c <= '9') { m_state = State::One; return Scan::Continue; }
                return fail();
            case State::One:
                if (is_digit(c)) return Scan::Continue;
                m_state = State::Zero;
                continue;
            case State::Zero:
                if (c == '.') { m_state = State::Dot; return Scan::Continue; }
                if (c == 'e' || c == 'E') { m_state = State::E; return Scan::Continue; }
                m_state = State::EndValue;
                continue;
            case State::Dot:
                if (is_digit(c)) { m_state = State::Dot0; return Scan::Continue; }
                return fail();
            case State::Dot0:
                if (is_digit(c)) return Scan::Continue;
                if (c == 'e' || c == 'E') { m_state = State::E; return Scan::Continue; }
                m_state = State::EndValue;
                continue;
            case State::E:
                if (c == '+' || c == '-') { m_state = State::ESign; return Scan::Continue; }
                m_state = State::ESign;
                continue;
            case State::ESign:
                if (is_digit(c)) { m_state = State::E0; return Scan::Continue; }
                return fail();
            case State::E0:
                if (is_digit(c)) return Scan::Continue;
                m_state = State::EndValue;
                continue;
            case State::T: return expect(c, 'r', State::Tr);
            case State::Tr: return expect(c, 'u', State::Tru);
            case State::Tru: return expect(c, 'e', State::EndValue);
            case State::F: return expect(c, 'a', State::Fa);
            case State::Fa: return expect(c, 'l', State::Fal);
            case State::Fal: return expect(c, 's', State::Fals);
            case State::Fals: return expect(c, 'e', State::EndValue);
            case State::N: return expect(c, 'u', State::Nu);
            case State::Nu: return expect(c, 'l', State::Nul);
            case State::Nul: return expect(c, 'l', State::EndValue);
            case State::EndValue:
                if (m_stack.empty()) {
                    m_state = State::EndTop;
                    m_end_top = true;
                    continue;
                }
                if (is_space(c)) return Scan::SkipSpace;
                switch (m_stack.back()) {
                case Ctx::ObjectKey:
                    if (c == ':') {
                        m_stack.back() = Ctx::ObjectValue;
                        m_state = State::BeginValue;
                        return Scan::ObjectKey;
                    }
                    return fail();
                case Ctx::ObjectValue:
                    if (c == ',') {
                        m_stack.back() = Ctx::ObjectKey;
                        m_state = State::BeginString;
                        return Scan::ObjectValue;
                    }
                    if (c == '}') { pop(); return Scan::EndObject; }
                    return fail();
                case Ctx::ArrayValue:
                    if (c == ',') { m_state = State::BeginValue; return Scan::ArrayValue; }
                    if (c == ']') { pop(); return Scan::EndArray; }
                    return fail();
                }
                return fail();
            case State::EndTop:
                // Go records the error here and reports it at the end; the
                // outcome (invalid input) is the same.
                if (!is_space(c)) return fail();
                return Scan::End;
            case State::Failed:
                return Scan::Error;
            }
        }
    }

    // Go's scanner.eof(): a top-level number is only complete once something
    // follows it, so feed a space when the value has not ended yet.
    bool finish() {
        if (m_state == State::Failed) return false;
        if (m_end_top) return true;
        step(' ');
        return m_end_top && m_state != State::Failed;
    }

private:
    std::vector<Ctx> m_stack;

    Scan fail() {
        m_state = State::Failed;
        return Scan::Error;
    }
    Scan push(Ctx ctx, Scan ok) {
        m_stack.push_back(ctx);
        if (m_stack.size() > k_max_nesting_depth) return fail();
        return ok;
    }
    void pop() {
        m_stack.pop_back();
        if (m_stack.empty()) {
            m_state = State::EndTop;
            m_end_top = true;
        } else {
            m_state = State::EndValue;
        }
    }
    Scan hex(unsigned char c, State next) {
        if (!is_hex(c)) return fail();
        m_state = next;
        return Scan::Continue;
    }
    Scan expect(unsigned char c, unsigned char want, State next) {
        if (c != want) return fail();
        m_state = next;
        return Scan::Continue;
    }
};

// Index of the first byte at or after i that the string state has to look at.
inline size_t skip_string_body(std::string_view src, size_t i) {
    const size_t n = src.size();
    // Eight bytes at a time while none of them is special: a byte equal to
    // '"' or '\\' or below 0x20 sets its high bit in `hit` (the usual
    // "has zero byte" trick; a borrow can mark a byte above a real hit, never
    // a word without one). The byte loop then finds the exact one.
    constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (i + 8 <= n) {
        uint64_t v;
        std::memcpy(&v, src.data() + i, 8);
        const uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
        const uint64_t hit = ((q - ones) & ~q) | ((b - ones) & ~b) | ((v - ones * 0x20) & ~v);
        if (hit & highs) break;
        i += 8;
    }
    while (i < n && !string_special(static_cast<unsigned char>(src[i]))) ++i;
    return i;
}

inline size_t skip_space_run(std::string_view src, size_t i) {
    const size_t n = src.size();
    while (i < n && is_space(static_cast<unsigned char>(src[i]))) ++i;
    return i;
}

inline void newline(std::string& out, size_t depth) {
    out.push_back('\n');
    out.append(2 * depth, ' ');
}

} // namespace

std::optional<std::string> indent(std::string_view src) {
    // Indentation grows with the square of the depth: "[[[[...", 10000 deep
    // and then invalid, would build ~100 MB of spaces before failing. A
    // linear validity pass first costs little and refuses it with nothing
    // allocated.
    if (!valid(src)) return std::nullopt;
    Scanner scan;
    std::string out;
    out.reserve(src.size() + src.size() / 2 + 16);
    bool need_indent = false; // '{' or '[' seen; indent only if not closed at once
    size_t depth = 0;
    const size_t n = src.size();
    size_t i = 0;
    while (i < n) {
        if (scan.m_state == State::InString) {
            const size_t j = skip_string_body(src, i);
            out.append(src.data() + i, j - i);
            i = j;
            if (i == n) break;
        } else if (scan.skips_space()) {
            i = skip_space_run(src, i);
            if (i == n) break;
        }
        const unsigned char c = static_cast<unsigned char>(src[i++]);
        const Scan v = scan.step(c);
        if (v == Scan::SkipSpace) continue;
        if (v == Scan::Error) return std::nullopt;
        if (need_indent && v != Scan::EndObject && v != Scan::EndArray) {
            need_indent = false;
            ++depth;
            newline(out, depth);
        }
        if (v == Scan::Continue) {
            out.push_back(static_cast<char>(c));
            continue;
        }
        switch (c) {
        case '{':
        case '[':
            need_indent = true;
            out.push_back(static_cast<char>(c));
            break;
        case ',':
            out.push_back(',');
            newline(out, depth);
            break;
        case ':':
            out.append(": ");
            break;
        case '}':
        case ']':
            if (need_indent) {
                need_indent = false;
            } else {
                --depth;
                newline(out, depth);
            }
            out.push_back(static_cast<char>(c));
            break;
        default:
            // Literal starts, and the whitespace after the top-level value
            // (Go keeps it).
            out.push_back(static_cast<char>(c));
            break;
        }
    }
    if (!scan.finish()) return std::nullopt;
    return out;
}

std::optional<std::string> compact(std::string_view src) {
    Scanner scan;
    std::string out;
    out.reserve(src.size());
    const size_t n = src.size();
    size_t start = 0; // first byte not yet copied
    size_t i = 0;
    while (i < n) {
        if (scan.m_state == State::InString) {
            i = skip_string_body(src, i);
            if (i == n) break;
        } else if (scan.skips_space()) {
            const size_t j = skip_space_run(src, i);
            if (j != i) {
                out.append(src.data() + start, i - start);
                start = j;
                i = j;
                if (i == n) break;
            }
        }
        const Scan v = scan.step(static_cast<unsigned char>(src[i]));
        if (v == Scan::Error) return std::nullopt;
        if (v == Scan::SkipSpace || v == Scan::End) {
            out.append(src.data() + start, i - start);
            start = i + 1;
        }
        ++i;
    }
    if (!scan.finish()) return std::nullopt;
    out.append(src.data() + start, n - start);
    return out;
}

bool valid(std::string_view src) {
    Scanner scan;
    const size_t n = src.size();
    size_t i = 0;
    while (i < n) {
        if (scan.m_state == State::InString) {
            i = skip_string_body(src, i);
            if (i == n) break;
        } else if (scan.skips_space()) {
            i = skip_space_run(src, i);
            if (i == n) break;
        }
        if (scan.step(static_cast<unsigned char>(src[i])) == Scan::Error) return false;
        ++i;
    }
    return scan.finish();
}

} // namespace cassette::json
