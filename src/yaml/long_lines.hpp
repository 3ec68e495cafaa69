#pragma once
// The reader's long-line fast path (see "Long lines" below): libyaml is given
// the text with the inside of long one-line scalars taken out; the reader
// decodes them itself (one_line_scalar.hpp) and checks them against
// libyaml's events. Internal to src/yaml/ (reader.cpp, pieces.cpp).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cassette::yaml {

// Long lines. Most of a big cassette is long one-line scalars (bodies,
// cookies, tokens), and libyaml spends most of its time reading them a
// character at a time. A reader can instead give libyaml the text with the
// inside of such a scalar taken out: a quoted scalar becomes '' or "", a
// plain one the single character x, on lines of the forms
//     KEY: VALUE      - VALUE      - KEY: VALUE      (KEY: [A-Za-z0-9_-]+)
// where VALUE runs to the line's end. The scalar's value is then decoded
// here (one_line_scalar.hpp), and checked to be what libyaml would give:
// - libyaml's events must have that scalar, of that style and no tag,
//   start exactly where the value starts and end where the line ends
//   (so the text before it was read alike, and the value was not part of
//   something else: a block scalar, a comment, a multi-line scalar);
// - not inside a flow collection;
// - the decoder accepts the value (the scalar would end where the line
//   ends, and holds nothing libyaml refuses or reads otherwise).
// The text after the value is the same in both: the line break and what
// follows. Anything else (a value not accepted, a scalar missed, any
// diagnostic or syntax error at all) and the text is read again with
// libyaml reading every character, so that every message and mark is
// libyaml's own. The tests and the reader fuzzer compare both reads.

struct Hole {
    uint32_t begin = 0, end = 0; // bytes of the piece taken out, [begin, end)
    uint32_t chars = 0;          // code points in [begin, end), once decoded
    char style = 0;              // '\'', '"' or 'p' (plain: "x" stands in)
    uint32_t stand_in() const { return style == 'p' ? 1 : 0; }
    uint32_t start() const { return style == 'p' ? begin : begin - 1; } // the scalar's (its quote, if quoted)
    uint32_t line_end() const { return style == 'p' ? end : end + 1; } // its "\n" (after the closing quote)
};

// Thrown inside a read with long lines taken out when the check above
// fails: the caller reads again without.
struct LongLineMiss {};

// libyaml's input when long lines are taken out: the piece's bytes line by
// line, each hole replaced by its stand-in.
class LongLineInput {
public:
    LongLineInput(std::string_view text, size_t min) : m_text(text), m_min(std::max<size_t>(min, 1)) {}

    static int read(void* self, unsigned char* buffer, size_t size, size_t* size_read) {
        *size_read = static_cast<LongLineInput*>(self)->fill(reinterpret_cast<char*>(buffer), size);
        return 1;
    }
    std::vector<Hole>& holes() { return m_holes; }

private:
    size_t fill(char* out, size_t size);

    // Line [a, eol): its hole is recorded when it has one of the forms
    // above. Lines inside a block scalar or a quoted scalar that goes on
    // over lines are text, not YAML, and are passed over (a guess, from
    // the indentation: the checks in the reader catch a wrong one).
    bool take_out(size_t a, size_t eol);

    std::string_view m_text;
    size_t m_min; // ReadOptions::ForTests::long_line_min
    std::vector<Hole> m_holes;
    size_t m_pos = 0, m_stop = 0, m_next_line = 0;
    bool m_in_hole = false;
    int64_t m_inside = -1; // in a multi-line scalar: lines right of this column are its text
};

} // namespace cassette::yaml
