#pragma once
// Gzip bodies: recorded responses often keep Content-Encoding: gzip, and we
// need their text to lint, diff and redact them.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cassette::util {

inline constexpr size_t k_default_gunzip_limit = size_t{256} << 20; // 256 MiB

// True when data starts with the gzip magic (1f 8b) and the deflate method (08).
bool looks_gzip(std::string_view data);

// Decompresses a gzip stream, including several concatenated members (as
// Go's gzip.Reader does). nullopt on corrupt or truncated input, on bytes
// after the last member that are not another member, and when the output
// would exceed max_out: a small gzip bomb must not exhaust memory.
std::optional<std::string> gunzip(std::string_view data, size_t max_out = k_default_gunzip_limit);

} // namespace cassette::util
