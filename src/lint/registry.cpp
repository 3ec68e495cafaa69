#include "lint/registry.hpp"

namespace cassette::lint {

// The one list of rules, one line each, in the order lint runs and lists
// them (errors first, then warnings, then notes). RULE(name) is the rule defined in
// src/lint/rules/<name>.cpp as `k_rule_<name>` (its id: name with '-'
// for '_'). Adding a rule is its file, a line here and its case folders
// under tests/cases/lint/ (scripts/new-rule.sh writes all of them); the
// rule tables in the docs and the completions are regenerated from this
// list (make docs).
#define CASSETTE_LINT_RULES(RULE) \
    RULE(syntax)                  \
    RULE(duplicate_key)           \
    RULE(version)                 \
    RULE(type)                    \
    RULE(required)                \
    RULE(url)                     \
    RULE(method)                  \
    RULE(status)                  \
    RULE(duration)                \
    RULE(id)                      \
    RULE(secret)                  \
    RULE(unknown_key)             \
    RULE(content_length)          \
    RULE(json_body)               \
    RULE(proto)                   \
    RULE(header_name)             \
    RULE(host)                    \
    RULE(form)                    \
    RULE(empty)                   \
    RULE(body_size)               \
    RULE(format)                  \
    RULE(extra_document)          \
    RULE(unused_suppression)      \
    RULE(other_recorder)

#define CASSETTE_DECLARE_RULE(name) extern const Rule k_rule_##name;
CASSETTE_LINT_RULES(CASSETTE_DECLARE_RULE)
#undef CASSETTE_DECLARE_RULE

const std::vector<const Rule*>& all_rules() {
#define CASSETTE_RULE_ADDRESS(name) &k_rule_##name,
    static const std::vector<const Rule*> rules = {CASSETTE_LINT_RULES(CASSETTE_RULE_ADDRESS)};
#undef CASSETTE_RULE_ADDRESS
    return rules;
}

const Rule* find_rule(std::string_view id) {
    for (const Rule* r : all_rules())
        if (id == r->id) return r;
    return nullptr;
}

std::vector<std::string> rule_ids() {
    std::vector<std::string> ids;
    for (const Rule* r : all_rules()) ids.emplace_back(r->id);
    return ids;
}

} // namespace cassette::lint
