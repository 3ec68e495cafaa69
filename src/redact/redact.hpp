#pragma once
// The redaction pass: replace every detected secret's bytes with a
// placeholder in the model, mark the scalars dirty and keep the lengths that
// describe bodies in step. The edit-in-place writer then re-emits only those
// scalars, in the file's own style.
#include "redact/detect.hpp"

#include <map>
#include <string>
#include <vector>

namespace cassette::redact {

struct RedactOptions {
    DetectOptions detect;
    // Template of the replacement: "{kind}" is the detector id
    // ("openai-key"), "{n}" the number of the distinct secret in this run
    // (1, 2, ...). The same secret value gets the same text everywhere.
    std::string placeholder = "REDACTED";
};

struct Redaction {
    Secret secret;           // what was found (scalar points into the model)
    std::string placeholder; // the text that replaced it (before encoding)
};

struct Report {
    std::vector<Redaction> redactions;
    size_t scalars_changed = 0;
    // go-vcr v4 matcher options the replay now needs, one line each
    // (empty when only responses changed).
    std::vector<std::string> matcher_warnings;
};

// Placeholders are numbered per run: share one Numbering across the files
// of a command so that a token in two cassettes gets one placeholder (one
// number, written with each file's own template).
class Numbering {
public:
    std::string placeholder_for(const std::string& template_text, const Secret& s);

private:
    std::map<std::string, std::string> m_given; // template + '\0' + secret value -> placeholder
    std::map<std::string, size_t> m_numbers;    // secret value -> its {n}
    size_t m_next = 1;
};

// Redact with a prepared detector (compile once for many files).
Report redact(Cassette& c, const Detector& detector, const std::string& placeholder, Numbering& numbering,
              const util::ThreadBudget& threads = {});

// One-shot form.
Report redact(Cassette& c, const RedactOptions& options);

// The placeholder as it must be written where the secret was.
std::string encode_placeholder(const Secret& s, const std::string& placeholder);

} // namespace cassette::redact
