#pragma once
// Re-formatting of JSON bodies exactly the way Go's encoding/json does it
// (Go 1.19), so that what we write back into a cassette is what a Go program
// calling json.Indent / json.Compact would have produced, byte for byte.
//
// All three functions run one iterative state machine (a port of the
// behaviour of Go's scanner, not its code): no recursion, so arbitrarily deep
// input cannot overflow the stack, linear time, and no allocation per byte.
// Nesting deeper than Go's limit (10000) is rejected, as Go rejects it.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cassette::json {

// Go's maximum nesting depth of arrays/objects (encoding/json maxNestingDepth).
inline constexpr size_t k_max_nesting_depth = 10000;

// json.Indent(&dst, src, "", "  "): leading whitespace dropped, whitespace
// after the top-level value kept as is, empty {} and [] kept compact,
// strings and numbers untouched. nullopt when src is not valid JSON.
std::optional<std::string> indent(std::string_view src);

// json.Compact(&dst, src): every insignificant whitespace byte removed
// (including what follows the top-level value). nullopt when invalid.
std::optional<std::string> compact(std::string_view src);

// json.Valid(src).
bool valid(std::string_view src);

} // namespace cassette::json
