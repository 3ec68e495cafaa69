#pragma once
// Big buffers (a whole canonical text of a big cassette, written to stdout or
// compared by lint's format rule) are filled once, page by page; with
// transparent huge pages in "madvise" mode (Debian's default) asking for
// them turns ~25,000 page faults per 100 MiB into ~50.
//
// (glibc's malloc on huge pages, GLIBC_TUNABLES=glibc.malloc.hugetlb=1, was
// tried for the model and dropped: once big files were mapped rather than
// copied it no longer made lint faster, made redact ~15% slower and added
// ~10 MB of memory; bench/README.md.)
#include <string>

namespace cassette::util {

// Advise the whole 2 MiB pages inside `buffer`'s capacity (reserve first,
// before the bytes are written). A no-op for buffers under 8 MiB and where
// the kernel has no transparent huge pages.
void advise_huge_pages(std::string& buffer);

} // namespace cassette::util
