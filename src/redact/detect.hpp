#pragma once
// Secret detectors over the cassette model. Used by `cassette redact` (which
// replaces what they find), `cassette lint` (rule `secret`) and `cassette
// diff` (masking). Two families:
//  - by location: header, query, form and JSON key names, URL userinfo,
//    Basic auth, AWS SigV4 Authorization headers, cookies;
//  - by shape: provider token patterns (one RE2::Set, every string scalar
//    scanned once), JWTs, PEM private keys, presigned S3 URL parts.
// Each finding is a byte range inside one model scalar's decoded value, so a
// pass can replace just those bytes and keep the rest of the value intact.
#include "diag/result.hpp"
#include "model/cassette.hpp"
#include "util/parallel.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace cassette::config {
struct RedactConfig;
}

namespace cassette::redact {

// How the bytes of a secret are written inside its scalar, which says how a
// replacement must be encoded to keep the surrounding text valid.
enum class Encoding {
    Raw,       // plain text (header values, text bodies)
    Query,     // a percent-encoded query or form value ('+' is a space)
    Url,       // a part of a URL outside the query: userinfo, path (percent-encoded)
    Json,      // inside a JSON string literal (escapes possible)
    BasicAuth, // the base64 of "user:password" after "Basic "
};

// How sure a finding is to be a real credential (gitleaks' idea: provider
// rules are trusted, generic ones are gated by entropy and stop-words).
//  - High: a provider shape (`sk-proj-`, `ghp_`, `AKIA`, a PEM key, a JWT...),
//    wherever it is.
//  - Medium: found by its location alone (a credential-named header, field,
//    parameter or cookie) and the value carries evidence: long enough, mixed
//    character classes or high entropy, no placeholder or stop-word.
//  - Low: a credential location holding what looks like a placeholder, a
//    word, a short digit run, a browser preference cookie. Not reported
//    (nor redacted) unless DetectOptions::min_confidence is Low.
enum class Confidence { Low, Medium, High };
const char* confidence_name(Confidence c); // "low", "medium", "high"
// "low", "medium", "high" -> the level; nullopt otherwise.
std::optional<Confidence> parse_confidence(std::string_view name);

struct Secret {
    // Stable id shown in reports and usable in config: "header", "query",
    // "form", "json-key", "userinfo", "basic-auth", "cookie", "openai-key",
    // "anthropic-key", "aws-access-key", "aws-secret-key", "aws-sigv4",
    // "github-token", "gitlab-token", "slack-token", "slack-webhook",
    // "stripe-key", "google-api-key", "google-oauth", "sendgrid-key",
    // "twilio", "jwt", "private-key", ..., "custom:<id>".
    std::string detector;
    std::string kind; // human words: "OpenAI API key"
    size_t interaction = 0;
    // "request.headers.Authorization", "request.url?api_key",
    // "response.body$.access_token", "request.form.client_secret", ...
    std::string location;
    Scalar* scalar = nullptr; // the model scalar holding it
    size_t begin = 0, end = 0; // byte range of the secret in scalar->value
    Mark where;                // the secret's line/col when the scalar is a one-line plain one; else the scalar's start
    std::string masked;        // util::mask_secret(value): the only form ever printed
    // In a field go-vcr v4's default matcher compares (every request field).
    bool matcher_sensitive = false;

    Encoding encoding = Encoding::Raw;
    // The secret decoded (query/JSON unescaped; the Basic password). It keys
    // the "same secret, same placeholder" map. NEVER print it.
    std::string value;
    std::string basic_user; // Encoding::BasicAuth: the user name kept in clear
    // Encoding::BasicAuth with the key as the user name (Stripe's
    // "rk_live_...:"): the user is the secret and this password is kept.
    bool basic_secret_is_user = false;
    std::string basic_password;
    Confidence confidence = Confidence::High;
};

struct DetectOptions {
    // Extra names (compared case-insensitively, '-', '_' and '.' ignored).
    std::vector<std::string> headers, query, form, json;
    struct Pattern {
        std::string id;    // reported as "custom:<id>"
        std::string regex; // RE2 syntax; capture group 1, if any, is the secret
    };
    std::vector<Pattern> patterns;
    // Values never reported (exact), and RE2 patterns a whole value matching
    // is never reported (placeholders already in use).
    std::vector<std::string> allow, allow_patterns;
    // Detector ids to switch off ("jwt", "query", "custom:foo", ...).
    std::vector<std::string> disable;
    // The placeholder template redact writes ({kind}, {n}); its outputs are
    // treated as already redacted so a second run finds nothing.
    std::string placeholder = "REDACTED";
    // Findings below this confidence are dropped (not reported, not
    // redacted, not looked for again by the echo pass). Low (everything)
    // here, for callers that only mask what they print (show, diff);
    // from_config() gives lint's and redact's default, Medium, unless the
    // configuration says `redact.min_confidence`.
    Confidence min_confidence = Confidence::Low;
    // Test hooks: only tests (and fuzz_patterns) set these, to compare a
    // slow and a fast path (docs/ARCHITECTURE.md, "Test hooks").
    struct ForTests {
        // Provider patterns are looked for through their atoms
        // (patterns.hpp); off, every pattern goes through RE2's set over the
        // whole text.
        bool by_atoms = true;
    } for_tests;
};

// Options from a `.cassette.yaml` `redact:` section.
DetectOptions from_config(const config::RedactConfig& config);

// Compiled detectors. Compile once (RE2 is not free) and reuse over many
// cassettes; `detect` is const and thread-compatible.
class Detector {
public:
    // Compiles `options`; fails on a bad custom or allow regex (an error
    // with rule `config`, no file: the caller names the configuration).
    static diag::Result<std::unique_ptr<Detector>> create(const DetectOptions& options);
    // For options known to be valid (the defaults, tests): a bad regex is
    // left out silently. Commands use create().
    explicit Detector(const DetectOptions& options) : Detector(options, nullptr) {}
    ~Detector();
    Detector(const Detector&) = delete;
    Detector& operator=(const Detector&) = delete;

    // Every secret in the cassette, in interaction order then by scalar and
    // offset. Ranges within one scalar never overlap. A big cassette is
    // searched in parts on `threads` (the command's budget; the result is
    // the same for any budget).
    std::vector<Secret> detect(Cassette& c, const util::ThreadBudget& threads = {}) const;

    struct Impl;
    const Impl& impl() const { return *m_impl; }

private:
    // Every problem is added to *errors (when not null).
    Detector(const DetectOptions& options, std::vector<std::string>* errors);
    std::unique_ptr<Impl> m_impl;
};

// One-shot convenience: compiles the detectors for this call.
std::vector<Secret> detect(Cassette& c, const DetectOptions& options);

// Every pattern match in `text` (detector id, byte range of the secret), in
// pattern order then position: what detection by shape starts from. For
// tests (atoms against the set alone).
struct PatternMatch {
    std::string id;
    size_t begin = 0, end = 0;
    bool operator==(const PatternMatch&) const = default;
};
std::vector<PatternMatch> pattern_matches(const Detector& d, std::string_view text);

// True for values that are already placeholders: empty, "REDACTED" and the
// like, all one repeated character ("00000000-0000-...", "XXXX"), mostly
// one character ("SCWXXXXXXXXXXXXXXXXX"), AWS documentation examples.
bool looks_redacted(std::string_view value);

// The ids of the built-in detectors, for docs and config validation.
std::vector<std::string> detector_ids();

} // namespace cassette::redact
