#include "util/huge_pages.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sys/mman.h>
#include <sys/stat.h>

namespace cassette::util {

void advise_huge_pages(std::string& buffer) {
    constexpr size_t huge = size_t(2) << 20;
    if (buffer.capacity() < 4 * huge) return;
    const auto begin = reinterpret_cast<uintptr_t>(buffer.data());
    const uintptr_t first = (begin + huge - 1) & ~uintptr_t(huge - 1);
    const uintptr_t last = (begin + buffer.capacity()) & ~uintptr_t(huge - 1);
    // Failure (no THP support) only means ordinary pages: nothing to report.
    if (last > first) (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

std::optional<std::string> tunables_with_huge_pages(const char* current) {
    static constexpr std::string_view k_name = "glibc.malloc.hugetlb";
    const std::string_view now = current ? current : "";
    // Tunables are name=value pairs separated by ':'.
    size_t start = 0;
    while (start <= now.size()) {
        size_t end = now.find(':', start);
        if (end == std::string_view::npos) end = now.size();
        const std::string_view item = now.substr(start, end - start);
        if (item.substr(0, item.find('=')) == k_name) return std::nullopt;
        start = end + 1;
    }
    std::string out(now);
    if (!out.empty()) out += ':';
    out += k_name;
    out += "=1";
    return out;
}

uint64_t named_file_bytes(const std::vector<std::string>& args) {
    uint64_t total = 0;
    for (const std::string& a : args) {
        struct stat st;
        if (a == "-") {
            if (::fstat(0, &st) == 0 && S_ISREG(st.st_mode)) total += uint64_t(st.st_size);
            continue;
        }
        if (a.empty() || a[0] == '-') continue;
        if (::stat(a.c_str(), &st) == 0 && S_ISREG(st.st_mode)) total += uint64_t(st.st_size);
    }
    return total;
}

bool transparent_huge_pages_available() {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string line;
    if (!std::getline(in, line)) return false;
    return line.find("[always]") != std::string::npos || line.find("[madvise]") != std::string::npos;
}

} // namespace cassette::util
