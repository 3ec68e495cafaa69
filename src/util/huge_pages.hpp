#pragma once
// Big buffers (a 100 MiB cassette, its rewritten text) are filled once, page
// by page; with transparent huge pages in "madvise" mode (Debian's default)
// asking for them turns ~25,000 page faults per 100 MiB into ~50.
//
// The model of a big cassette is a few hundred thousand small allocations
// (scalars, strings, interactions); glibc's malloc asks for huge pages for
// its own heaps only when the tunable glibc.malloc.hugetlb=1 is set, and it
// reads tunables from the environment at start-up only. main() therefore
// starts the process once more with it set when the run reads a big file:
// on the 100 MiB benchmark cassette that halves the system time and takes
// 17-22% off lint, fmt and redact (bench/README.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cassette::util {

// Advise the whole 2 MiB pages inside `buffer`'s capacity (reserve first,
// before the bytes are written). A no-op for buffers under 8 MiB and where
// the kernel has no transparent huge pages.
void advise_huge_pages(std::string& buffer);

// Files at least this big together make a restart worth its cost (starting
// the executable again takes about 7 ms; a 10 MiB cassette gains ~15 ms).
constexpr uint64_t kHugePagesRestartBytes = uint64_t(8) << 20;

// Builds with AddressSanitizer or ThreadSanitizer bring their own allocator:
// the tunable would change nothing there, so they never restart.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kRestartInThisBuild = false;
#else
inline constexpr bool kRestartInThisBuild = true;
#endif

// The GLIBC_TUNABLES value with glibc.malloc.hugetlb=1 added to `current`
// (null: unset). nullopt when `current` already sets glibc.malloc.hugetlb:
// whoever set it decided (GLIBC_TUNABLES=glibc.malloc.hugetlb=0 turns the
// restart off), and a restarted process does not restart again.
std::optional<std::string> tunables_with_huge_pages(const char* current);

// The summed size of the arguments that name regular files (directories
// and options are not looked into; "-" counts when stdin is a regular file).
uint64_t named_file_bytes(const std::vector<std::string>& args);

// The kernel gives transparent huge pages on request ("always" or
// "madvise" in /sys/kernel/mm/transparent_hugepage/enabled).
bool transparent_huge_pages_available();

} // namespace cassette::util
