#pragma once
// Big buffers (a 100 MiB cassette, its rewritten text) are filled once, page
// by page; with transparent huge pages in "madvise" mode (Debian's default)
// asking for them turns ~25,000 page faults per 100 MiB into ~50.
#include <string>

namespace cassette::util {

// Advise the whole 2 MiB pages inside `buffer`'s capacity (reserve first,
// before the bytes are written). A no-op for buffers under 8 MiB and where
// the kernel has no transparent huge pages.
void advise_huge_pages(std::string& buffer);

} // namespace cassette::util
