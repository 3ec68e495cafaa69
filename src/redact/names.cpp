#include "redact/names.hpp"

#include "util/hex.hpp"

#include <cmath>

namespace cassette::redact {

namespace {

bool in(std::string_view n, std::initializer_list<std::string_view> list) {
    for (std::string_view s : list)
        if (n == s) return true;
    return false;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Names ending in "token" that count things or page through results.
// ("client_token" is not one: Vault's auth.client_token is the token itself;
// AWS's idempotency ClientToken is a UUID, which the evidence rules drop.)
bool innocent_token_name(std::string_view n) {
    std::string_view stem = n.substr(0, n.size() - 5); // without "token"
    if (in(stem, {"request", "eos", "bos", "pad", "unk", "sep", "cls", "mask", "start", "end", "stop", "max", "num",
                  "total", "prompt", "completion", "input", "output", "last", "first", "change", "delta", "batch",
                  "cancellation", "idempotency"}) ||
        stem.empty())
        return true;
    // Paging and continuation: page_token, nextPageToken, $skiptoken,
    // NextContinuationToken, sync_token, resume_token, cursor_token...
    for (std::string_view w : {"page", "next", "prev", "previous", "continuation", "cursor", "sync", "pagination",
                               "resume", "marker", "skip", "paging", "scroll", "offset"})
        if (ends_with(stem, w)) return true;
    return false;
}

// Suffix rules shared by parameters and JSON keys: weak (the value must
// look like a credential).
NameClass suffix_class(std::string_view n) {
    // db_password, webhook_secret: the name says what the value is (the
    // value's own evidence still decides its confidence).
    if (ends_with(n, "password") || ends_with(n, "passwd") || ends_with(n, "secret")) return NameClass::Strong;
    if (ends_with(n, "apikey") || ends_with(n, "privatekey") || ends_with(n, "secretkey") || ends_with(n, "accesskey"))
        return NameClass::Weak;
    if (ends_with(n, "token") && !innocent_token_name(n)) return NameClass::Weak;
    return NameClass::None;
}

} // namespace

std::string normalize_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (char c : name) {
        if (c == '-' || c == '_' || c == '.' || c == ' ' || c == '$' || c == '@') continue;
        out += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    return out;
}

NameClass NameRules::header(std::string_view name) const {
    std::string n = normalize_name(name);
    if (extra_headers.count(n)) return NameClass::Strong;
    if (in(n, {"authorization", "proxyauthorization", "cookie", "setcookie", "xapikey", "apikey", "xauthtoken",
               "xamzsecuritytoken", "xaccesstoken", "xapitoken", "xauthkey", "privatetoken", "xgoogapikey",
               "ocpapimsubscriptionkey", "xfunctionskey", "xvaulttoken", "xsecret", "xsessiontoken", "xgitlabtoken",
               "xsharedsecret", "xclientsecret", "xapisecret", "authtoken", "token", "xtoken", "xauthorization",
               "xcsrftoken", "xxsrftoken", "xsecretkey", "xaccesskey", "xapiauthtoken", "xamzcredential",
               "xamzsignature", "xgoogauthuser", "xauthpassword", "xpassword", "ddapikey", "ddapplicationkey",
               "xvaultwrappedtoken"}))
        return NameClass::Strong;
    // Suffix rules: "...-api-key", "...-token", "...-secret", "...-password".
    // Rate-limit headers count tokens in the plural ("x-ratelimit-remaining-tokens").
    if (ends_with(n, "apikey") || ends_with(n, "secret") || ends_with(n, "password") ||
        ends_with(n, "applicationkey") || ends_with(n, "appkey") ||
        ends_with(n, "authorization") || (ends_with(n, "token") && !innocent_token_name(n)))
        return NameClass::Strong;
    return NameClass::None;
}

NameClass NameRules::param(std::string_view name) const {
    std::string n = normalize_name(name);
    if (extra_params.count(n)) return NameClass::Strong;
    if (in(n, {"password", "passwd", "pwd", "passphrase", "secret", "clientsecret", "apisecret", "appsecret",
               "xamzsignature", "xamzsecuritytoken", "xamzcredential", "refreshtoken", "accesstoken", "idtoken",
               "privatekey", "secretkey", "secretaccesskey", "secretid"}))
        return NameClass::Strong;
    if (in(n, {"apikey", "key", "token", "sig", "signature", "authtoken", "apitoken", "sessiontoken", "auth",
               "awsaccesskeyid", "accesskey", "accesskeyid", "sastoken", "privatetoken", "clientassertion",
               "assertion", "session", "sessionid", "appkey", "subscriptionkey"}))
        return NameClass::Weak;
    return suffix_class(n);
}

NameClass NameRules::json_key(std::string_view name) const {
    std::string n = normalize_name(name);
    if (extra_json.count(n)) return NameClass::Strong;
    if (in(n, {"password", "passwd", "pwd", "passphrase", "secret", "clientsecret", "apisecret", "appsecret",
               "refreshtoken", "accesstoken", "idtoken", "privatekey", "secretkey", "secretaccesskey",
               "awssecretaccesskey", "webhooksecret", "signingsecret", "sharedsecret", "sessiontoken",
               "securitytoken", "bearertoken", "authtoken", "apitoken", "personalaccesstoken", "authorization",
               "secretid", "privatekeydata", "secretstring", "secretvalue", "wrappedtoken",
               "vaulttoken", "applicationkey", "appkey", "primarymasterkey", "secondarymasterkey",
               "primaryreadonlymasterkey", "secondaryreadonlymasterkey", "sharedaccesskey", "primarykey",
               "secondarykey", "keyvalue", "sastoken", "sharedaccesssignature", "accountkey", "storagekey"}))
        return NameClass::Strong;
    // client_token: Vault's token (hvs.…, s.…), but also AWS's idempotency
    // ClientToken (a UUID): weak, so a UUID stays low.
    if (in(n, {"apikey", "token", "accesskey", "accesskeyid", "credential", "credentials", "clienttoken",
               "clientassertion", "encryptionkey", "masterkey", "licensekey", "subscriptionkey", "jwt", "sessionid",
               "cookie"}))
        return NameClass::Weak;
    return suffix_class(n);
}

namespace {

bool contains_word_ci(std::string_view hay, std::string_view w) {
    if (w.size() > hay.size()) return false;
    for (size_t i = 0; i + w.size() <= hay.size(); ++i) {
        size_t k = 0;
        while (k < w.size()) {
            char c = hay[i + k];
            if (c >= 'A' && c <= 'Z') c = char(c + 32);
            if (c != w[k]) break;
            ++k;
        }
        if (k == w.size()) return true;
    }
    return false;
}

using util::is_hex_digit;

bool is_uuid(std::string_view v) {
    if (v.size() != 36) return false;
    for (size_t i = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (v[i] != '-') return false;
        } else if (!is_hex_digit(v[i])) {
            return false;
        }
    }
    return true;
}

// A template variable or a description of what belongs there:
// <CLIENT_SECRET>, ${TOKEN}, {{token}}, %(password)s, $API_KEY, [token],
// YOUR_API_KEY.
bool placeholder_syntax(std::string_view v) {
    if (v.size() >= 2 && ((v.front() == '<' && v.back() == '>') || (v.front() == '[' && v.back() == ']') ||
                          (v.front() == '{' && v.back() == '}') || (v.front() == '(' && v.back() == ')')))
        return true;
    if (v.find("${") != std::string_view::npos || v.find("{{") != std::string_view::npos ||
        v.find("}}") != std::string_view::npos || v.find("%(") != std::string_view::npos ||
        v.find("$(") != std::string_view::npos)
        return true;
    // $NAME, or an upper-case identifier with an underscore (CLIENT_SECRET).
    bool upper_ident = true, underscore = false, letter = false;
    for (size_t i = v.front() == '$' ? 1 : 0; i < v.size(); ++i) {
        const char c = v[i];
        if (c == '_') underscore = true;
        else if (c >= 'A' && c <= 'Z') letter = true;
        else if (!(c >= '0' && c <= '9')) upper_ident = false;
    }
    return upper_ident && letter && (underscore || v.front() == '$');
}

// Words people write where a credential goes (gitleaks' stop-words, for
// location-only findings: a provider-shaped value never gets here).
bool has_stop_word(std::string_view v) {
    static const std::string_view words[] = {"example", "sample",  "dummy",  "fake",    "placeholder", "changeme",
                                             "change-me", "change_me", "your", "insert", "replace",   "redact",
                                             "mock",    "foobar",  "lorem",  "test",    "secret",      "password",
                                             "passwd",  "token",   "notreal", "invalid", "default",   "demo"};
    for (std::string_view w : words)
        if (contains_word_ci(v, w)) return true;
    return false;
}

// Keyboard and counting runs: 123456, abcdef, qwerty.
bool keyboard_run(std::string_view v) {
    static const std::string_view runs[] = {"01234567890123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop",
                                            "asdfghjkl", "zxcvbnm"};
    if (v.size() < 3) return false;
    std::string lower(v);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = char(c + 32);
    for (std::string_view r : runs)
        if (r.find(lower) != std::string_view::npos) return true;
    return false;
}

} // namespace

double shannon_entropy(std::string_view v) {
    if (v.empty()) return 0;
    size_t counts[256] = {};
    for (unsigned char c : v) ++counts[c];
    double h = 0;
    for (size_t n : counts) {
        if (!n) continue;
        const double p = double(n) / double(v.size());
        h -= p * std::log2(p);
    }
    return h;
}

Confidence value_confidence(std::string_view v, std::string_view name, NameClass cls) {
    // Surrounding blanks are not part of what is judged.
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    // (A stop-word inside a long generated value is chance: 400 bytes of
    // base64 hold "test" or "demo" now and then.)
    if (v.size() < 8 || placeholder_syntax(v) || (v.size() < 40 && has_stop_word(v)) || keyboard_run(v))
        return Confidence::Low;
    size_t digits = 0, lower = 0, upper = 0, other = 0, blanks = 0;
    for (unsigned char c : v) {
        if (c >= '0' && c <= '9') ++digits;
        else if (c >= 'a' && c <= 'z') ++lower;
        else if (c >= 'A' && c <= 'Z') ++upper;
        else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') ++blanks;
        else ++other;
    }
    if (blanks) return Confidence::Low; // prose, "Bearer foo", a preference list
    if (digits == v.size()) return Confidence::Low;
    // The value repeats its own name: "test-client_secret", "api_key_value".
    const std::string nv = normalize_name(v);
    if (!name.empty() && name.size() >= 4 && nv.find(name) != std::string::npos) return Confidence::Low;
    const int classes = (digits > 0) + (lower > 0) + (upper > 0) + (other > 0);
    // Words: letters only, one case, or a few of them joined by - or _.
    if (digits == 0 && (lower == 0 || upper == 0) && v.size() < 24) return Confidence::Low;
    if (is_uuid(v)) return cls == NameClass::Strong ? Confidence::Medium : Confidence::Low;
    const double h = shannon_entropy(v);
    if (cls == NameClass::Strong) {
        // A password or client secret: mixed classes and enough distinct bytes.
        if (classes >= 2 && h >= 2.5) return Confidence::Medium;
        return h >= 3.5 ? Confidence::Medium : Confidence::Low;
    }
    // Weak names (token, key, sig...) carry less weight: the value must look
    // generated.
    if (!looks_like_credential(v)) return Confidence::Low;
    return h >= (v.size() >= 16 ? 3.0 : 2.75) ? Confidence::Medium : Confidence::Low;
}

Confidence cookie_confidence(std::string_view name, std::string_view value) {
    const std::string n = normalize_name(name);
    // Load-balancer affinity, analytics and consent cookies: never credentials.
    for (std::string_view p : {"arraffinity", "awsalb", "awselb", "bigipserver", "ga", "gid", "gat", "utm", "fbp",
                               "gcl", "ajs", "hjsession", "hjid", "optanon", "cookieconsent", "routeid", "serverid",
                               "sticky", "affinity", "lb", "cfbm", "cfuvid", "cflb", "mp", "amplitude", "intercom",
                               "previewcols", "theme", "lang", "locale", "timezone", "tz", "akbmsc", "bmsz",
                               "bmsv", "abck", "akaa2", "scanalyticsglobalcookie", "analytics", "consent"})
        if (n == p || (p.size() >= 4 && n.rfind(p, 0) == 0)) return Confidence::Low;
    Confidence c = value_confidence(value, n, NameClass::Weak);
    if (c == Confidence::Low) return c;
    // Names that say session or authentication: the value is the credential.
    for (std::string_view w : {"sess", "sid", "auth", "token", "jwt", "login", "remember", "identity", "secure",
                               "host", "user", "account", "sso", "saml", "oidc", "oauth", "bearer", "access",
                               "refresh", "key"})
        if (n.find(w) != std::string::npos) return c;
    // Any other cookie needs a long, generated-looking value; hex alone is
    // an id or an affinity hash more often than a credential.
    bool hex_only = true;
    for (char ch : value) hex_only = hex_only && (is_hex_digit(ch) || ch == '-');
    if (hex_only || value.size() < 24 || shannon_entropy(value) < 3.5) return Confidence::Low;
    return c;
}

bool looks_like_credential(std::string_view v) {
    if (v.size() < 8) return false;
    bool digit = false, lower = false, upper = false;
    for (unsigned char c : v) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
        if (c >= '0' && c <= '9') digit = true;
        else if (c >= 'a' && c <= 'z') lower = true;
        else if (c >= 'A' && c <= 'Z') upper = true;
    }
    if (digit && (lower || upper)) return true;
    return v.size() >= 20 && lower && upper;
}

} // namespace cassette::redact
