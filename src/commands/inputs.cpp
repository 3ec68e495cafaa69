// The one path expander: see inputs.hpp for its rules.
#include "commands/inputs.hpp"
#include "config/config.hpp"

#include <algorithm>
#include <filesystem>

namespace cassette::cli {

namespace fs = std::filesystem;

namespace {

bool is_cassette_name(const fs::path& p) {
    const std::string ext = p.extension().string();
    return (ext == ".yaml" || ext == ".yml") && p.filename() != config::k_file_name;
}

bool is_hidden(const fs::path& p) { return p.filename().string().rfind('.', 0) == 0; }

// The cassette files below `dir`, sorted; false after reporting an error.
bool search_folder(Io& io, const std::string& dir, std::vector<std::string>& found) {
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const fs::path& e = it->path();
        if (it->is_directory(ec)) {
            if (is_hidden(e)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && is_cassette_name(e)) found.push_back(e.generic_string());
    }
    // `cassette lint .` shows `a/b.yaml`, not `./a/b.yaml`.
    if (dir == "." || dir == "./")
        for (auto& f : found)
            if (f.rfind("./", 0) == 0) f.erase(0, 2);
    std::sort(found.begin(), found.end());
    if (!ec) return true;
    io_error(io, dir, "cannot list: " + ec.message());
    return false;
}

} // namespace

Inputs expand_paths(Io& io, const std::vector<std::string>& paths) {
    Inputs in;
    std::set<std::string> seen;
    auto add = [&](const std::string& f) {
        if (seen.insert(f).second) in.files.push_back(f);
    };
    for (const auto& p : paths) {
        std::error_code ec;
        if (p == "-" || !fs::is_directory(p, ec)) {
            add(p);
            continue;
        }
        std::vector<std::string> found;
        if (!search_folder(io, p, found)) in.ok = false;
        for (const auto& f : found) {
            if (std::find(paths.begin(), paths.end(), f) == paths.end()) in.found_below.insert(f);
            add(f);
        }
    }
    return in;
}

} // namespace cassette::cli
