#pragma once
// The one configuration resolver (docs/configuration.md): each file gets
// the nearest `.cassette.yaml` above its own folder ("-": the current
// folder), or the file `--config` names for every file. Lookups are cached
// per folder and each configuration file is read and validated once, in
// full (its lint, redact and diff sections), so one file is accepted or
// rejected alike by every subcommand. Used by lint, redact, diff (for the
// new file), show and convert.
#include "commands/common.hpp"
#include "config/config.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cassette::cli {

class ConfigResolver {
public:
    explicit ConfigResolver(Io& io) : m_io(io) {}

    // --config FILE: one configuration for every file. False after
    // reporting why it cannot be used.
    bool force(const std::string& path);

    // The configuration of `file`: nullptr for none (the defaults) or, with
    // *failed set, for an invalid one (reported once).
    const config::Config* for_file(const std::string& file, bool* failed);

    // Is `file` excluded by its configuration's `lint.ignore` globs
    // (relative to the configuration's folder, or to the current one for
    // --config)?
    bool ignored(const std::string& file, const config::Config& c) const;

    // How a configuration is named in messages: its path, or `fallback`
    // ("cassette redact") for the defaults.
    static std::string name_of(const config::Config* c, const std::string& fallback);

private:
    const config::Config* load(const std::string& path);

    Io& m_io;
    const config::Config* m_forced = nullptr;
    std::map<std::string, std::optional<std::string>> m_by_dir;
    std::map<std::string, std::unique_ptr<config::Config>> m_loaded;
};

// What a command builds from a configuration (a detector, a placeholder),
// built once per configuration and handed to each of its files.
template <class T>
class PerConfig {
public:
    explicit PerConfig(Io& io) : m_configs(io) {}

    // `make(config)` (nullptr: the defaults) returns nullopt after reporting
    // a problem. False after reporting why a configuration cannot be used.
    template <class Make>
    bool resolve(const std::string& config_flag, const std::vector<std::string>& files, Make make) {
        if (!config_flag.empty() && !m_configs.force(config_flag)) return false;
        for (const auto& f : files) {
            bool failed = false;
            const config::Config* c = m_configs.for_file(f, &failed);
            if (failed) return false;
            auto it = m_made.find(c);
            if (it == m_made.end()) {
                std::optional<T> t = make(c);
                if (!t) return false;
                it = m_made.emplace(c, std::move(*t)).first;
            }
            m_of.push_back(&it->second);
        }
        return true;
    }

    // The `k`-th file's (in the order given to resolve).
    const T& operator[](size_t k) const { return *m_of[k]; }

private:
    ConfigResolver m_configs;
    std::map<const config::Config*, T> m_made;
    std::vector<const T*> m_of;
};

} // namespace cassette::cli
