// goccy/go-yaml 1.18 string emission (go-vcr v4.0.5), FORMAT.md 4.8.
#include "yaml/emit_scalar.hpp"

namespace cassette::yaml::detail {

std::string goccy_emit_string(std::string_view value, const EmitContext&, bool) { return std::string(value); }
ScalarStyle goccy_style(std::string_view) { return ScalarStyle::Plain; }

} // namespace cassette::yaml::detail
