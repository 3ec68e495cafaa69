#pragma once
// A complete textual dump of a model: every value, style, tag, flag and
// span (line, column, byte offset) of every part. Two reads of the same
// bytes must give the same dump, whatever way they were read (the parallel
// reader is tested and fuzzed against the serial one with it).
#include "model/cassette.hpp"

#include <string>

namespace cassette {

std::string dump_model(const Cassette& c);

} // namespace cassette
