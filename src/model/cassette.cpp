#include "model/cassette.hpp"

#include "util/strings.hpp"

#include <charconv>

namespace cassette {

std::optional<int64_t> Field::as_int() const {
    if (!present || value.binary) return std::nullopt;
    // Only plain scalars resolve to !!int (a quoted "200" is a string for go-yaml).
    if (value.style != ScalarStyle::Plain && value.tag != "!!int") return std::nullopt;
    std::string_view s = value.value;
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    int64_t out = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return out;
}

std::optional<bool> Field::as_bool() const {
    if (!present || value.style != ScalarStyle::Plain) return std::nullopt;
    const std::string& s = value.value;
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    return std::nullopt;
}

const HeaderEntry* HeaderMap::find(std::string_view name) const {
    for (const auto& e : entries)
        if (util::iequals(e.name.value, name)) return &e;
    return nullptr;
}

HeaderEntry* HeaderMap::find(std::string_view name) {
    for (auto& e : entries)
        if (util::iequals(e.name.value, name)) return &e;
    return nullptr;
}

namespace {

constexpr Emitter k_emitters[] = {Emitter::YamlV2, Emitter::YamlV3, Emitter::YamlV4, Emitter::Goccy};

} // namespace

const char* emitter_name(Emitter e) {
    switch (e) {
    case Emitter::YamlV2: return "yaml.v2";
    case Emitter::YamlV3: return "yaml.v3";
    case Emitter::YamlV4: return "yaml.v4";
    case Emitter::Goccy: return "goccy";
    }
    return "yaml.v3";
}

std::optional<Emitter> emitter_named(std::string_view name) {
    for (Emitter e : k_emitters)
        if (name == emitter_name(e)) return e;
    return std::nullopt;
}

std::string Layout::name() const {
    switch (emitter) {
    case Emitter::YamlV2:
    case Emitter::Goccy: return emitter_name(emitter);
    case Emitter::YamlV3:
    case Emitter::YamlV4:
        if (indent == 4 && !indentless) return emitter_name(emitter);
        if (indent == 2 && indentless) return "compact";
        return "custom";
    }
    return "custom";
}

Layout with_style(Layout base, std::string_view style) {
    struct Preset {
        std::string_view style;
        Emitter emitter;
        int indent;
        bool indentless;
        int width;
    };
    static constexpr Preset k_presets[] = {
        {"yaml.v2", Emitter::YamlV2, 2, true, 80},
        {"yaml.v3", Emitter::YamlV3, 4, false, -1},
        {"compact", Emitter::YamlV4, 2, true, -1},
    };
    for (const Preset& p : k_presets) {
        if (p.style != style) continue;
        base.emitter = p.emitter;
        base.indent = p.indent;
        base.indentless = p.indentless;
        base.width = p.width;
    }
    return base;
}

int Cassette::format() const {
    auto v = version.as_int();
    if (!v) return 0;
    if (*v == 1 || *v == 2) return int(*v);
    return 0;
}

const char* style_name(ScalarStyle s) {
    switch (s) {
    case ScalarStyle::Plain: return "plain";
    case ScalarStyle::SingleQuoted: return "single-quoted";
    case ScalarStyle::DoubleQuoted: return "double-quoted";
    case ScalarStyle::Literal: return "literal";
    case ScalarStyle::Folded: return "folded";
    }
    return "plain";
}

bool is_null(const Scalar& s) {
    if (s.style != ScalarStyle::Plain || !s.tag.empty() || s.binary) return false;
    const std::string& v = s.value;
    return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

} // namespace cassette
