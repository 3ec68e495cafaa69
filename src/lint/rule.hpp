#pragma once
// What a lint rule is: its identity, its documentation (printed by
// `cassette lint --explain RULE`) and a check over one read cassette.
// Each rule lives in src/lint/rules/<id>.cpp; registry.cpp lists them.
#include "config/config.hpp"
#include "diag/diagnostic.hpp"
#include "model/cassette.hpp"
#include "util/parallel.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cassette::redact {
class Detector;
}

namespace cassette::lint {

// Everything a check sees, and where its findings go.
class Context {
public:
    Context(const Cassette& c, const std::vector<Diagnostic>& reader, const std::map<std::string, std::string>& opts,
            const config::Config* cfg, const char* rule, Severity severity, std::vector<Diagnostic>& out)
        : cassette(c), reader_diagnostics(reader), options(opts), config(cfg), m_rule(rule),
          m_severity(severity), m_out(out) {}

    const Cassette& cassette;
    // What the reader reported with keep_going (syntax, duplicate-key, type).
    const std::vector<Diagnostic>& reader_diagnostics;
    // This rule's options from the configuration (already validated).
    const std::map<std::string, std::string>& options;
    const config::Config* config; // null when no configuration applies
    // The secret detectors, compiled once per configuration (null when the
    // secret rule is off).
    const redact::Detector* detector = nullptr;
    // The thread budget the rule may use (Settings::threads).
    util::ThreadBudget threads;

    // `format()` of the cassette: 1, 2, or 0 when the version is missing or bad.
    int format() const { return cassette.format(); }

    // Room for `n` more findings (a rule that knows how many it has).
    void expect(size_t n) { m_out.reserve(m_out.size() + n); }

    void report(Mark at, std::string message, std::optional<size_t> interaction = std::nullopt,
                std::string confidence = {}) {
        Diagnostic d;
        d.rule = m_rule;
        d.severity = m_severity;
        // A low-confidence finding (reported only when asked for) is at most
        // a warning: it must not fail a build on its own.
        if (confidence == "low" && d.severity == Severity::Error) d.severity = Severity::Warning;
        d.confidence = std::move(confidence);
        if (at.line == 0) at = Mark{1, 1, 0}; // every finding has a place (SARIF needs one)
        d.where = at;
        d.message = std::move(message);
        d.interaction = interaction;
        m_out.push_back(std::move(d));
    }

    // The finding report() added last (a rule adds what a baseline keys it by).
    Diagnostic& last() { return m_out.back(); }

private:
    const char* m_rule;
    Severity m_severity;
    std::vector<Diagnostic>& m_out;
};

// One option a rule accepts in `.cassette.yaml`.
struct RuleOption {
    const char* name;
    const char* default_value;
    const char* description;
    // nullopt when `value` is acceptable, else why not.
    std::optional<std::string> (*validate)(const std::string& value);
};

struct Rule {
    const char* id;
    Severity severity;     // default level
    bool enabled;          // on unless configured or --select'ed
    const char* summary;   // one line, for SARIF shortDescription and lists
    const char* explanation; // what, why, a failing and a passing example
    void (*check)(Context& ctx);
    const RuleOption* options = nullptr; // array of option_count entries
    size_t option_count = 0;
    // Reader rules (syntax, duplicate-key, type) take their findings from the
    // reader's diagnostics and still run when the model is incomplete.
    bool from_reader = false;
    // `cassette lint --fix` fixes its findings (src/lint/fix.cpp): shown by
    // --explain, the docs' rule table and the JSON output.
    bool fixable = false;
};

} // namespace cassette::lint
