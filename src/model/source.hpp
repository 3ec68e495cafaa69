#pragma once
// Where a piece of a cassette came from: every key and value of the model
// carries one, so passes can report file:line:col and edit the bytes in place.
#include "util/mapped_file.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace cassette {

// A position in the source. line and column are 1-based (column counts
// characters, as libyaml does); offset is the 0-based byte offset. 12
// bytes: a big cassette's model holds over a million (the reader refuses
// files of 4 GiB or more, kMaxSourceBytes).
struct Mark {
    uint32_t line = 0;
    uint32_t column = 0;
    uint32_t offset = 0;
};
constexpr size_t kMaxSourceBytes = size_t(UINT32_MAX);

// The bytes [begin.offset, end.offset) of the source.
struct Span {
    Mark begin;
    Mark end;
    size_t size() const { return end.offset - begin.offset; }
};

// The bytes a cassette was read from: a string of its own (stdin, a small
// file, a text just written), or a read-only mapping of a big file
// (util/mapped_file.hpp) whose pages a pass may drop once it has read them
// (release: they come back from the page cache on the next access).
class SourceText {
public:
    SourceText() = default;
    SourceText(std::string text) : m_owned(std::move(text)) {}
    explicit SourceText(std::shared_ptr<const util::MappedFile> mapped) : m_mapped(std::move(mapped)) {}

    std::string_view view() const { return m_mapped ? m_mapped->view() : std::string_view(m_owned); }
    operator std::string_view() const { return view(); }
    const char* data() const { return view().data(); }
    size_t size() const { return view().size(); }
    bool empty() const { return size() == 0; }
    std::string_view substr(size_t pos, size_t n = std::string_view::npos) const { return view().substr(pos, n); }
    bool operator==(std::string_view other) const { return view() == other; }

    // The file as it was when mapped; nullptr for a string of its own.
    const util::FileStamp* stamp() const { return m_mapped ? &m_mapped->stamp() : nullptr; }
    void release(size_t begin, size_t end) const {
        if (m_mapped) m_mapped->release(begin, end);
    }
    // The bytes as a string of their own, taking them when they are one.
    std::string take() {
        std::string out = m_mapped ? std::string(m_mapped->view()) : std::move(m_owned);
        m_mapped.reset();
        m_owned.clear();
        return out;
    }

private:
    std::string m_owned;
    std::shared_ptr<const util::MappedFile> m_mapped;
};

} // namespace cassette
