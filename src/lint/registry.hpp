#pragma once
#include "lint/rule.hpp"

#include <string_view>
#include <vector>

namespace cassette::lint {

// Every rule, in the order `--explain` and SARIF list them.
const std::vector<const Rule*>& all_rules();

const Rule* find_rule(std::string_view id);

// The ids, for suggestions.
std::vector<std::string> rule_ids();

} // namespace cassette::lint
