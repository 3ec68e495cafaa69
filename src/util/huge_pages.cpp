#include "util/huge_pages.hpp"

#include <cstdint>
#include <cstring>
#include <sys/mman.h>

namespace cassette::util {

void advise_huge_pages(std::string& buffer) {
#if defined(__linux__) && defined(MADV_HUGEPAGE) // transparent huge pages: Linux only; elsewhere ordinary pages
    constexpr size_t huge = size_t(2) << 20;
    if (buffer.capacity() < 4 * huge) return;
    const auto begin = reinterpret_cast<uintptr_t>(buffer.data());
    const uintptr_t first = (begin + huge - 1) & ~uintptr_t(huge - 1);
    const uintptr_t last = (begin + buffer.capacity()) & ~uintptr_t(huge - 1);
    // Failure (no THP support) only means ordinary pages: nothing to report.
    if (last > first) (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
    (void)buffer;
#endif
}

} // namespace cassette::util
