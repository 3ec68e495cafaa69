#pragma once
// Where a piece of a cassette came from: every key and value of the model
// carries one, so passes can report file:line:col and edit the bytes in place.
#include <cstddef>
#include <cstdint>

namespace cassette {

// A position in the source. line and column are 1-based (column counts
// characters, as libyaml does); offset is the 0-based byte offset.
struct Mark {
    uint32_t line = 0;
    uint32_t column = 0;
    size_t offset = 0;
};

// The bytes [begin.offset, end.offset) of the source.
struct Span {
    Mark begin;
    Mark end;
    size_t size() const { return end.offset - begin.offset; }
};

} // namespace cassette
