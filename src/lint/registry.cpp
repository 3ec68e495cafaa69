#include "lint/registry.hpp"

namespace cassette::lint {

// Each defined in src/lint/rules/<id>.cpp.
extern const Rule k_rule_syntax, k_rule_duplicate_key, k_rule_version, k_rule_type, k_rule_required, k_rule_url,
    k_rule_method, k_rule_status, k_rule_duration, k_rule_id, k_rule_secret, k_rule_unknown_key,
    k_rule_content_length, k_rule_json_body, k_rule_proto, k_rule_header_name, k_rule_empty, k_rule_body_size,
    k_rule_format, k_rule_host, k_rule_form, k_rule_extra_document, k_rule_unused_suppression, k_rule_other_recorder;

const std::vector<const Rule*>& all_rules() {
    // The one list of rules: adding a rule is its file, a line here, and a
    // case folder under tests/cases/lint/. Errors first, then warnings, then notes.
    static const std::vector<const Rule*> rules = {
        &k_rule_syntax,         &k_rule_duplicate_key, &k_rule_version,     &k_rule_type,
        &k_rule_required,       &k_rule_url,           &k_rule_method,      &k_rule_status,
        &k_rule_duration,       &k_rule_id,            &k_rule_secret,      &k_rule_unknown_key,
        &k_rule_content_length, &k_rule_json_body,     &k_rule_proto,       &k_rule_header_name,
        &k_rule_host,           &k_rule_form,          &k_rule_empty,       &k_rule_body_size,
        &k_rule_format,         &k_rule_extra_document, &k_rule_unused_suppression, &k_rule_other_recorder,
    };
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
