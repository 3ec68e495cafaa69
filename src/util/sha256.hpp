#pragma once
// SHA-256 (FIPS 180-4), for naming binary bodies in diffs: the hex digest is
// what `sha256sum` prints for the same bytes, so a reviewer can check a body
// against a file. (zlib's crc32 would be shorter to call, but 32 bits collide
// among a few ten thousand bodies and is no content address anyone can use.)
#include <string>
#include <string_view>

namespace cassette::util {

// Lower-case hex digest, 64 characters.
std::string sha256_hex(std::string_view data);

} // namespace cassette::util
