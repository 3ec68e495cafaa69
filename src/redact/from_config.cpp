// DetectOptions from the `redact:` section of .cassette.yaml.
#include "config/config.hpp"
#include "redact/detect.hpp"

namespace cassette::redact {

DetectOptions from_config(const config::RedactConfig& config) {
    DetectOptions o;
    o.headers = config.headers;
    o.query = config.query;
    o.form = config.form;
    o.json = config.json;
    for (const auto& p : config.patterns) o.patterns.push_back({p.id, p.regex});
    o.allow = config.allow;
    o.allow_patterns = config.allow_patterns;
    o.disable = config.disable;
    if (!config.placeholder.empty()) o.placeholder = config.placeholder;
    o.min_confidence = parse_confidence(config.min_confidence).value_or(Confidence::Medium);
    return o;
}

} // namespace cassette::redact
