#pragma once
// The value of a one-line scalar, decoded without libyaml: the reader's
// fast path for the long body lines that make most of a big cassette (see
// "Long lines" in reader.cpp). Each decoder accepts only text whose value it
// knows libyaml gives exactly so, and says no to anything else (the reader
// then lets libyaml read the file): a quote or escape it does not know,
// invalid UTF-8, a character libyaml refuses, a comment, a ": ".

#include <cstdint>
#include <string>
#include <string_view>

namespace cassette::yaml {

// `content` is the text between the quotes of a one-line single- or
// double-quoted scalar whose closing quote is at content.end(): false when
// the scalar would end earlier, or the text is not one decoders here know.
// On success `out` holds the value and `chars` the code points of `content`.
bool decode_single_quoted_line(std::string_view content, std::string& out, uint32_t& chars);
bool decode_double_quoted_line(std::string_view content, std::string& out, uint32_t& chars);

// `content` is a plain scalar in block context that fills the rest of its
// line: no ": ", no " #", no tab, no indicator first, no blank last. Its
// value is the text itself. (Not for flow context, where , [ ] { } end it.)
bool decode_plain_line(std::string_view content, std::string& out, uint32_t& chars);

} // namespace cassette::yaml
