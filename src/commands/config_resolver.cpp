// The one configuration resolver: see config_resolver.hpp.
#include "commands/config_resolver.hpp"
#include "lint/lint.hpp"
#include "redact/detect.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

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

// redact.disable names detectors: built-in ids or custom:<id> of this file.
std::optional<std::string> unknown_detector(const config::Config& c) {
    const std::vector<std::string> ids = redact::detector_ids();
    std::set<std::string> custom;
    for (const auto& p : c.redact.patterns) custom.insert("custom:" + p.id);
    for (const auto& id : c.redact.disable)
        if (std::find(ids.begin(), ids.end(), id) == ids.end() && !custom.count(id))
            return c.path + ": error: unknown detector `" + id + "` in redact.disable (known: " + util::join(ids, ", ") +
                   ", custom:<id>)";
    return std::nullopt;
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
    std::string error;
    std::unique_ptr<config::Config> c;
    if (auto loaded = config::load_config(path, &error)) {
        if (auto problem = lint::validate_config(*loaded)) error = *problem;
        else if (auto bad = unknown_detector(*loaded)) error = *bad;
        else c = std::make_unique<config::Config>(std::move(*loaded));
    }
    if (!c) m_io.err << error << '\n';
    return m_loaded.emplace(path, std::move(c)).first->second.get();
}

} // namespace cassette::cli
