#pragma once
// Small pieces several rules share.
#include "lint/rule.hpp"

#include <string>
#include <string_view>

namespace cassette::lint {

// Findings the reader made under `reader_rule`, re-reported under the
// context's rule (syntax, duplicate-key, type).
inline void forward_reader(Context& ctx, std::string_view reader_rule) {
    for (const Diagnostic& d : ctx.reader_diagnostics)
        if (d.rule == reader_rule) ctx.report(d.where, d.message, d.interaction);
}

// The first value of a header (case-insensitive name), or nullptr.
// Where to point for a field: its value when present, else `fallback`.
inline Mark at_value(const Field& f, Mark fallback) { return f.present ? f.value.span.begin : fallback; }

inline std::string quoted(std::string_view s) { return "`" + std::string(s) + "`"; }

} // namespace cassette::lint
