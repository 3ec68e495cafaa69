// The one configuration resolver: see config_resolver.hpp.
#include "commands/config_resolver.hpp"

#include <algorithm>
#include <filesystem>

namespace cassette::cli {

namespace fs = std::filesystem;

namespace {

// A found configuration is named relative to the current folder when it is
// below it (messages and goldens stay short and stable).
std::string shown(const std::string& path) {
    std::error_code ec;
    fs::path rel = fs::path(path).lexically_relative(fs::current_path(ec));
    if (ec || rel.empty() || *rel.begin() == "..") return path;
    return rel.generic_string();
}

} // namespace

bool ConfigResolver::force(const std::string& path) {
    m_forced = load(path);
    return m_forced != nullptr;
}

const config::Config* ConfigResolver::for_file(const std::string& file, bool* failed) {
    if (m_forced) return m_forced;
    fs::path dir = file == "-" ? fs::path(".") : fs::path(file).parent_path();
    if (dir.empty()) dir = ".";
    const std::string key = dir.string();
    auto it = m_by_dir.find(key);
    if (it == m_by_dir.end()) it = m_by_dir.emplace(key, config::find_config(key)).first;
    if (!it->second) return nullptr;
    const config::Config* c = load(shown(*it->second));
    if (!c) *failed = true;
    return c;
}

bool ConfigResolver::ignored(const std::string& file, const config::Config& c) const {
    if (c.lint.ignore.empty() || file == "-") return false;
    std::error_code ec;
    fs::path base = m_forced ? fs::current_path(ec) : fs::path(c.path).parent_path();
    if (base.empty()) base = ".";
    fs::path rel =
        fs::absolute(file, ec).lexically_normal().lexically_relative(fs::absolute(base, ec).lexically_normal());
    const std::string r = rel.generic_string();
    return std::any_of(c.lint.ignore.begin(), c.lint.ignore.end(),
                       [&](const std::string& g) { return config::glob_match(g, r); });
}

std::string ConfigResolver::name_of(const config::Config* c, const std::string& fallback) {
    return c && !c->path.empty() ? c->path : fallback;
}

const config::Config* ConfigResolver::load(const std::string& path) {
    auto it = m_loaded.find(path);
    if (it != m_loaded.end()) return it->second.get();
    // Read and checked in full (cli::config_checks: detector ids, JSON
    // paths, lint rules), so every command gives the same verdict.
    std::unique_ptr<config::Config> c;
    if (std::optional<config::Config> loaded = load_config(m_io, path))
        c = std::make_unique<config::Config>(std::move(*loaded));
    return m_loaded.emplace(path, std::move(c)).first->second.get();
}

} // namespace cassette::cli
