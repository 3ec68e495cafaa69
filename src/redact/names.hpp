#pragma once
// Which header, parameter and JSON key names hold secrets. Names are
// normalised (ASCII lower case, '-', '_', '.' and ' ' dropped) so that
// "X-Api-Key", "x_api_key" and "apiKey" compare equal, then matched against
// exact lists and a few careful suffix rules. Substring matching on "token"
// is deliberately avoided: max_tokens, prompt_tokens, token_type,
// tokens_used and next_page_token are not secrets.
#include "redact/detect.hpp"

#include <string>
#include <string_view>
#include <unordered_set>

namespace cassette::redact {

// How sure a name is to hold a secret.
enum class NameClass {
    None,
    Strong, // password, client_secret, Authorization: any non-placeholder value
    Weak,   // token, key, sig, *_token: only values that look like credentials
};

std::string normalize_name(std::string_view name);

struct NameRules {
    // Extra names from the configuration, already normalised: always Strong.
    std::unordered_set<std::string> extra_headers, extra_params, extra_json;

    NameClass header(std::string_view name) const;
    // Query parameters, form body parameters and the form map share one
    // list: since go-vcr v4.0.3 the form map holds the URL query too, so a
    // parameter must be judged the same way in all three places.
    NameClass param(std::string_view name) const;
    NameClass json_key(std::string_view name) const;
};

// A value that looks like a credential rather than a word: 8+ bytes, no
// white space, letters and digits mixed (or 20+ bytes of mixed case).
bool looks_like_credential(std::string_view value);

// Shannon entropy of the bytes, in bits per byte.
double shannon_entropy(std::string_view value);

// The confidence of a value found by its location alone, under a name
// (normalised, may be empty) of class `cls`: Low for placeholders
// (<CLIENT_SECRET>, ${TOKEN}, {{token}}, YOUR_API_KEY), stop-words
// (test, example, changeme, secret...), values shorter than 8, digit
// runs, words, values that repeat their own name, UUIDs under weak names,
// and values without the entropy of a generated credential; else Medium.
Confidence value_confidence(std::string_view value, std::string_view name, NameClass cls);

// The confidence of a cookie value: affinity, analytics and preference
// cookies (ARRAffinity, AWSALB, _ga, previewCols...) are Low; session and
// auth cookies follow value_confidence; others need a long generated value.
Confidence cookie_confidence(std::string_view name, std::string_view value);

} // namespace cassette::redact
