#include "redact/names.hpp"

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
bool innocent_token_name(std::string_view n) {
    std::string_view stem = n.substr(0, n.size() - 5); // without "token"
    return in(stem, {"page", "nextpage", "next", "prev", "previous", "continuation", "cursor", "sync", "idempotency",
                     "pagination", "client", "request", "eos", "bos", "pad", "unk", "sep", "cls", "mask", "start",
                     "end", "stop", "max", "num", "total", "prompt", "completion", "input", "output", "last",
                     "first", "resume", "marker", "change", "delta", "batch", "cancellation", "nextsync", "skip"}) ||
           stem.empty();
}

// Suffix rules shared by parameters and JSON keys: weak (the value must
// look like a credential).
NameClass suffix_class(std::string_view n) {
    if (ends_with(n, "password") || ends_with(n, "passwd") || ends_with(n, "secret") || ends_with(n, "apikey") ||
        ends_with(n, "privatekey") || ends_with(n, "secretkey") || ends_with(n, "accesskey"))
        return NameClass::Weak;
    if (ends_with(n, "token") && !innocent_token_name(n)) return NameClass::Weak;
    return NameClass::None;
}

} // namespace

std::string normalize_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (char c : name) {
        if (c == '-' || c == '_' || c == '.' || c == ' ') continue;
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
               "xamzsignature", "xgoogauthuser", "xauthpassword", "xpassword"}))
        return NameClass::Strong;
    // Suffix rules: "...-api-key", "...-token", "...-secret", "...-password".
    // Rate-limit headers count tokens in the plural ("x-ratelimit-remaining-tokens").
    if (ends_with(n, "apikey") || ends_with(n, "secret") || ends_with(n, "password") ||
        ends_with(n, "authorization") || (ends_with(n, "token") && !innocent_token_name(n)))
        return NameClass::Strong;
    return NameClass::None;
}

NameClass NameRules::param(std::string_view name) const {
    std::string n = normalize_name(name);
    if (extra_params.count(n)) return NameClass::Strong;
    if (in(n, {"password", "passwd", "pwd", "passphrase", "secret", "clientsecret", "apisecret", "appsecret",
               "xamzsignature", "xamzsecuritytoken", "xamzcredential", "refreshtoken", "accesstoken", "idtoken",
               "privatekey", "secretkey", "secretaccesskey"}))
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
               "securitytoken", "bearertoken", "authtoken", "apitoken", "personalaccesstoken", "authorization"}))
        return NameClass::Strong;
    if (in(n, {"apikey", "token", "accesskey", "accesskeyid", "credential", "credentials",
               "clientassertion", "encryptionkey", "masterkey", "licensekey", "subscriptionkey", "accountkey",
               "storagekey", "sastoken", "jwt", "sessionid", "cookie"}))
        return NameClass::Weak;
    return suffix_class(n);
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
