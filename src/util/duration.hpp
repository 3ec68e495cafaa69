#pragma once
// Go's time.Duration text form, which go-vcr writes for `duration`
// (FORMAT.md 3.1). Both functions follow Go 1.19's time package exactly, so
// a value we re-emit is byte-identical to what go-yaml would have written and
// a string we accept is one go-vcr can load.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cassette::http {

// time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?unit)+ or a bare "0" (after an
// optional sign). Units: ns, us, µs (U+00B5), μs (U+03BC), ms, s, m, h.
// nullopt where Go returns an error: "", missing or unknown unit, overflow
// beyond int64 nanoseconds ("-9223372036854775808ns" is accepted).
std::optional<int64_t> parse_go_duration(std::string_view text);

// Duration.String(): "0s", "1.5µs" (U+00B5), "832.583ms", "2m3.5s",
// "1h0m0s", "-1.5s". Fractions drop trailing zeros.
std::string format_go_duration(int64_t ns);

} // namespace cassette::http
