#include "redact/detect.hpp"
#include "redact/json_scan.hpp"
#include "redact/names.hpp"
#include "util/base64.hpp"
#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace cassette;
using namespace cassette::redact;

namespace {

Cassette read(const std::string& text) {
    yaml::ReadResult r = yaml::read_cassette(text, "t.yaml");
    REQUIRE(r.ok());
    return std::move(*r.cassette);
}

// A one-interaction v2 cassette; the parts are spliced in as YAML lines.
std::string cassette_with(const std::string& request_extra, const std::string& url = "https://api.example.com/v1",
                          const std::string& response_extra = "") {
    return "---\nversion: 2\ninteractions:\n    - id: 0\n      request:\n        proto: HTTP/1.1\n"
           "        proto_major: 1\n        proto_minor: 1\n        content_length: 0\n        host: api.example.com\n" +
           request_extra + "        url: " + url + "\n        method: GET\n      response:\n        proto: HTTP/1.1\n" +
           "        proto_major: 1\n        proto_minor: 1\n        content_length: -1\n" + response_extra +
           "        status: 200 OK\n        code: 200\n        duration: 1ms\n";
}

std::string header(const std::string& name, const std::string& value) {
    return "        headers:\n            " + name + ":\n                - " + value + "\n";
}

// "detector@location=secret text" for every finding, for compact asserts.
std::vector<std::string> found(const std::string& text, const DetectOptions& o = {}) {
    Cassette c = read(text);
    std::vector<std::string> out;
    for (const auto& s : detect(c, o))
        out.push_back(s.detector + "@" + s.location + "=" + s.scalar->value.substr(s.begin, s.end - s.begin));
    return out;
}

using V = std::vector<std::string>;

} // namespace

TEST_SUITE("redact::names") {
    TEST_CASE("innocent token names are not secrets") {
        NameRules r;
        for (const char* n : {"max_tokens", "prompt_tokens", "token_type", "tokens_used", "total_tokens",
                              "next_page_token", "nextPageToken", "pagination_token", "completion_tokens"})
            CHECK_MESSAGE(r.json_key(n) == NameClass::None, n);
        for (const char* n : {"max_tokens", "token_type", "page_token"}) CHECK_MESSAGE(r.param(n) == NameClass::None, n);
        CHECK(r.header("X-Ratelimit-Remaining-Tokens") == NameClass::None);
        CHECK(r.header("Content-Type") == NameClass::None);
        CHECK(r.header("X-Request-Id") == NameClass::None);
    }
    TEST_CASE("secret names in their spellings") {
        NameRules r;
        CHECK(r.json_key("access_token") == NameClass::Strong);
        CHECK(r.json_key("apiKey") == NameClass::Weak);
        CHECK(r.json_key("client-secret") == NameClass::Strong);
        CHECK(r.json_key("github_token") == NameClass::Weak);
        CHECK(r.param("api_key") == NameClass::Weak);
        CHECK(r.param("X-Amz-Signature") == NameClass::Strong);
        CHECK(r.header("x-api-key") == NameClass::Strong);
        CHECK(r.header("X-Auth-Token") == NameClass::Strong);
        CHECK(r.header("Proxy-Authorization") == NameClass::Strong);
    }
    TEST_CASE("placeholders are recognised") {
        for (const char* v : {"REDACTED", "00000000-0000-0000-0000-000000000000", "SCWXXXXXXXXXXXXXXXXX", "aaaaaaaa",
                              "", "xxxx", "<redacted>", "AKIAIOSFODNN7EXAMPLE", "********"})
            CHECK_MESSAGE(looks_redacted(v), v);
        for (const char* v : {"sk-proj-Q3xT9vLmR2pK8wZs4YhN6bJc1FgD5aUe7VtX0iWq3oPl", "hunter2",
                              "5f0c8f4e-2b7a-4a51-9f1e-3c2d9e8b7a61"})
            CHECK_MESSAGE(!looks_redacted(v), v);
    }
}

TEST_SUITE("redact::json_scan") {
    TEST_CASE("strings with their keys and paths") {
        std::string body = R"({"a":{"token":"x\"y","n":[1,"two",{"k":"v"}]},"b":true})";
        JsonScanner s;
        std::vector<std::string> seen;
        CHECK(s.scan(body, [&](const JsonString& str) {
            seen.push_back(std::string(str.is_key ? "K " : "V ") + std::string(str.key) + " " +
                           body.substr(str.begin, str.end - str.begin) + " " + s.path());
        }));
        CHECK(seen == V{"K a a $.a", "K token token $.a.token", R"(V token x\"y $.a.token)", "K n n $.a.n",
                        "V n two $.a.n[1]", "K k k $.a.n[2].k", "V k v $.a.n[2].k", "K b b $.b"});
    }
    TEST_CASE("100000 levels deep without recursion") {
        std::string body(100000, '[');
        body += "\"deep\"";
        body += std::string(100000, ']');
        JsonScanner s;
        int strings = 0;
        CHECK(s.scan(body, [&](const JsonString&) { ++strings; }));
        CHECK(strings == 1);
    }
    TEST_CASE("invalid JSON stops the walk") {
        JsonScanner s;
        CHECK_FALSE(s.scan(R"({"a":})", [](const JsonString&) {}));
        CHECK_FALSE(s.scan(R"({"a":"b"} x)", [](const JsonString&) {}));
        CHECK(json_unescape(R"(a\u00e9\n\ud83d\ude00)") == "a\xc3\xa9\n\xf0\x9f\x98\x80");
        CHECK(json_escape("a\"<b>") == R"(a\"\u003cb\u003e)");
    }
}

TEST_SUITE("redact::detect") {
    TEST_CASE("echo: a found secret is found again at token starts only") {
        const std::string tok = "abc123kq7wXYZ789"; // no stop-word ("secret" would make it low confidence)
        // The body repeats the header's token: alone, as the start of a longer
        // token, after a space and before a ';'. Glued to a word, even one
        // ending in a multi-byte character ("\u00e9" is UTF-8 here), it is
        // inside a longer token: not a token start, not an echo.
        const std::string body = "        body: 'first " + tok + " then " + tok + "tail x" + tok + " " + tok +
                                 "; \u00e9 \u00e9" + tok + " and mid" + tok + " end'\n";
        auto f = found(cassette_with(header("Authorization", "token " + tok) + body));
        V want{"header@request.headers.Authorization=" + tok};
        for (int i = 0; i < 3; ++i) want.push_back("echo@request.body=" + tok);
        CHECK(f == want);
        // A secret shorter than 12 characters is not looked for elsewhere.
        auto g = found(cassette_with(header("Authorization", "token short1234") + "        body: 'x short1234 y'\n"));
        CHECK(g == V{"header@request.headers.Authorization=short1234"});
    }
    TEST_CASE("echo: a secret with a non-token byte is found even where its first token is short") {
        // "ab12!" is a 5-byte token: the pass must not skip it as too short to
        // hold a 12+ byte secret, because this secret goes on past the '!'.
        const std::string tok = "ab12!cdEF34ghIJ56";
        auto f = found(cassette_with(header("X-Api-Key", tok) + "        body: 'x " + tok + " y'\n"));
        CHECK(f == V{"header@request.headers.X-Api-Key=" + tok, "echo@request.body=" + tok});
        // Token bytes only: the echo at the start of a longer token is found,
        // short words around it are not looked up.
        const std::string plain = "ab12cdEF34ghIJ56";
        auto g = found(cassette_with(header("X-Api-Key", plain) + "        body: 'a bb " + plain + "tail cc'\n"));
        CHECK(g == V{"header@request.headers.X-Api-Key=" + plain, "echo@request.body=" + plain});
    }
    TEST_CASE("bearer token in Authorization: only the token, named by its shape") {
        CHECK(found(cassette_with(header("Authorization", "Bearer sk-proj-Q3xT9vLmR2pK8wZs4YhN6bJc1FgD5aUe7VtX0iWq3oPl"))) ==
              V{"openai-key@request.headers.Authorization=sk-proj-Q3xT9vLmR2pK8wZs4YhN6bJc1FgD5aUe7VtX0iWq3oPl"});
        CHECK(found(cassette_with(header("Authorization", "token abc123kq7wz9"))) ==
              V{"header@request.headers.Authorization=abc123kq7wz9"});
        // A stop-word in a value found by location alone: low confidence,
        // reported only when asked for.
        DetectOptions medium; // lint's and redact's default (from_config)
        medium.min_confidence = Confidence::Medium;
        CHECK(found(cassette_with(header("Authorization", "token abc123secret")), medium).empty());
        DetectOptions low;
        low.min_confidence = Confidence::Low;
        CHECK(found(cassette_with(header("Authorization", "token abc123secret")), low) ==
              V{"header@request.headers.Authorization=abc123secret"});
        CHECK(found(cassette_with(header("Authorization", "Bearer REDACTED"))).empty());
    }
    TEST_CASE("Basic auth: the base64 of the pair") {
        // "user:pa55word" -> dXNlcjpwYTU1d29yZA==
        auto f = found(cassette_with(header("Authorization", "Basic dXNlcjpwYTU1d29yZA==")));
        CHECK(f == V{"basic-auth@request.headers.Authorization=dXNlcjpwYTU1d29yZA=="});
        // user:REDACTED is already redacted
        CHECK(found(cassette_with(header("Authorization", "Basic dXNlcjpSRURBQ1RFRA=="))).empty());
    }
    TEST_CASE("AWS SigV4 header: key id and signature") {
        std::string v = "AWS4-HMAC-SHA256 Credential=AKIAZ7Q3K2M4N6P8R0T2/20240430/us-east-1/s3/aws4_request, "
                        "SignedHeaders=host;x-amz-date, Signature=" +
                        std::string("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");
        auto f = found(cassette_with(header("Authorization", "\"" + v + "\"")));
        REQUIRE(f.size() == 2);
        CHECK(f[0] == "aws-sigv4@request.headers.Authorization=AKIAZ7Q3K2M4N6P8R0T2");
        CHECK(f[1] == "aws-sigv4@request.headers.Authorization=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");
    }
    TEST_CASE("query parameters, userinfo, presigned URL") {
        CHECK(found(cassette_with("", "https://api.example.com/v1?api_key=abcd1234efgh&max_tokens=100")) ==
              V{"query@request.url?api_key=abcd1234efgh"});
        CHECK(found(cassette_with("", "https://bob:s3cret@db.example.com/x")) ==
              V{"userinfo@request.url@userinfo=s3cret"});
        auto f = found(cassette_with("", "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                                         "SCW2HJV1WMKPE0CKDAW5%2F20250107%2Ffr-par%2Fs3%2Faws4_request&X-Amz-Signature="
                                         "71d69dc03a6e5ba9ea07167383c5c8706f28ce60e07e41cc8aaaaaaaaaaaaaaa"));
        CHECK(f == V{"aws-sigv4@request.url?X-Amz-Credential=SCW2HJV1WMKPE0CKDAW5",
                     "aws-sigv4@request.url?X-Amz-Signature=71d69dc03a6e5ba9ea07167383c5c8706f28ce60e07e41cc8aaaaaaaaaaaaaaa"});
    }
    TEST_CASE("JSON body keys at any depth, decoys kept") {
        std::string body = R"({"token_type":"bearer","access_token":"ya29.a0AfH6SMBx7Yq3kLmNoPqRsTuVwXyZ012345","usage":{"max_tokens":10},"nested":{"client_secret":"cs-9f8e7d6c5b4a"},"id":"5f0c8f4e-2b7a-4a51-9f1e-3c2d9e8b7a61"})";
        auto f = found(cassette_with("", "https://api.example.com/v1",
                                     "        body: '" + body + "'\n" + header("Content-Type", "application/json")));
        CHECK(f == V{"google-oauth@response.body$.access_token=ya29.a0AfH6SMBx7Yq3kLmNoPqRsTuVwXyZ012345",
                     "json-key@response.body$.nested.client_secret=cs-9f8e7d6c5b4a"});
    }
    TEST_CASE("form body and form map") {
        std::string req = "        body: grant_type=refresh_token&refresh_token=1%2F0abcDEF123456&client_id=app\n"
                          "        form:\n            client_id:\n                - app\n"
                          "            grant_type:\n                - refresh_token\n"
                          "            refresh_token:\n                - 1/0abcDEF123456\n" +
                          header("Content-Type", "application/x-www-form-urlencoded");
        CHECK(found(cassette_with(req)) == V{"form@request.body?refresh_token=1%2F0abcDEF123456",
                                             "form@request.form.refresh_token=1/0abcDEF123456"});
    }
    TEST_CASE("cookies keep names and attributes") {
        auto f = found(cassette_with("", "https://api.example.com/v1",
                                     header("Set-Cookie", "\"session=Zx81kQm2Lp09aa; Path=/; HttpOnly\"")));
        CHECK(f == V{"cookie@response.headers.Set-Cookie[session]=Zx81kQm2Lp09aa"});
    }
    TEST_CASE("provider shapes in prose, decoys survive") {
        std::string text = "use ghp_abcdefghijklmnopqrstuvwxyz0123456789 or xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx; "
                           "sk-learn is a word; etag 9b2cf535f27731c974343645a3985328 and sha "
                           "da39a3ee5e6b4b0d3255bfef95601890afd80709 stay";
        auto f = found(cassette_with("", "https://api.example.com/v1", "        body: " + text + "\n"));
        CHECK(f == V{"github-token@response.body=ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                     "slack-token@response.body=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"});
    }
    TEST_CASE("allow-list, disabled detectors, custom names and patterns") {
        std::string c = cassette_with(header("X-Tenant-Secret-Id", "tnt_8842aa") + "        body: ref INT-7781-XYZ\n");
        DetectOptions o;
        CHECK(found(c, o).empty());
        o.headers = {"x-tenant-secret-id"};
        o.patterns = {{"internal", R"(INT-[0-9]{4}-[A-Z]{3})"}};
        CHECK(found(c, o) == V{"header@request.headers.X-Tenant-Secret-Id=tnt_8842aa", "custom:internal@request.body=INT-7781-XYZ"});
        o.allow = {"tnt_8842aa"};
        o.disable = {"custom:internal"};
        CHECK(found(c, o).empty());
    }
    TEST_CASE("masked values and positions") {
        Cassette c = read(cassette_with(header("X-Api-Key", "abcd1234efgh5678ijkl")));
        auto s = detect(c, {});
        REQUIRE(s.size() == 1);
        CHECK(s[0].masked == "abcd…ijkl");
        CHECK(s[0].matcher_sensitive);
        CHECK(s[0].where.line == 13);
        CHECK(s[0].where.column == 19);
    }
}

TEST_SUITE("redact::confidence") {
    TEST_CASE("placeholders in credential fields are low confidence; generated values medium") {
        for (const char* v : {"1234567", "wer", "test-client_secret", "<CLIENT_SECRET>", "changeme", "${TOKEN}",
                              "{{token}}", "YOUR_API_KEY", "12345678901", "qwertyuiop", "hunter", "client_secret"})
            CHECK_MESSAGE(value_confidence(v, "clientsecret", NameClass::Strong) == Confidence::Low, v);
        for (const char* v : {"Xk9#mP2qLw7!", "q8Zr4Lx0Vm2Tb7Nc5Wd1", "8f3c2a91b7e64d0a9c55f1e2d3b4a697"})
            CHECK_MESSAGE(value_confidence(v, "clientsecret", NameClass::Strong) == Confidence::Medium, v);
        // A UUID: a secret under a strong name, an idempotency key under a weak one.
        CHECK(value_confidence("5f0c8f4e-2b7a-4a51-9f1e-3c2d9e8b7a61", "clientsecret", NameClass::Strong) == Confidence::Medium);
        CHECK(value_confidence("5f0c8f4e-2b7a-4a51-9f1e-3c2d9e8b7a61", "token", NameClass::Weak) == Confidence::Low);
    }
    TEST_CASE("affinity, analytics and preference cookies are low; session cookies are not") {
        CHECK(cookie_confidence("ARRAffinity", "f44d74c7542ac8fc5766658a1f6b2346fdb01e9938417e7405beb0e7b1b938b9") == Confidence::Low);
        CHECK(cookie_confidence("AWSALBCORS", "q8Zr4Lx0Vm2Tb7Nc5Wd1q8Zr4Lx0Vm2Tb7Nc5Wd1+/Zr4Lx0Vm2") == Confidence::Low);
        CHECK(cookie_confidence("previewCols", "url%20status") == Confidence::Low);
        CHECK(cookie_confidence("_ga", "GA1.2.1234567890.1234567890") == Confidence::Low);
        CHECK(cookie_confidence("session_id", "q8Zr4Lx0Vm2Tb7Nc5Wd1") == Confidence::Medium);
    }
    TEST_CASE("paging tokens are not credential names") {
        NameRules r;
        for (const char* n : {"$skiptoken", "NextContinuationToken", "continuation_token", "nextPageToken", "sync_token"})
            CHECK_MESSAGE(r.param(n) == NameClass::None, n);
        CHECK(r.json_key("client_token") == NameClass::Weak); // Vault's token, AWS's idempotency UUID
        CHECK(r.json_key("secret_id") == NameClass::Strong);
        CHECK(r.header("DD-APPLICATION-KEY") == NameClass::Strong);
        CHECK(r.header("dd-api-key") == NameClass::Strong);
    }
    TEST_CASE("short values are masked as their length; the threshold drops low findings") {
        DetectOptions low;
        Cassette c = read(cassette_with(header("Authorization", "Bearer foo")));
        auto all = detect(c, low);
        REQUIRE(all.size() == 1);
        CHECK(all[0].confidence == Confidence::Low);
        CHECK(all[0].masked == "\u20393 chars\u203a");
        DetectOptions medium;
        medium.min_confidence = Confidence::Medium;
        Cassette c2 = read(cassette_with(header("Authorization", "Bearer foo")));
        CHECK(detect(c2, medium).empty());
    }
}

TEST_SUITE("redact::places") {
    const std::string json_ct = "        headers:\n            Content-Type:\n                - application/json\n";
    std::string resp(const std::string& ct, const std::string& body) {
        return "        headers:\n            Content-Type:\n                - " + ct + "\n        body: '" + body + "'\n";
    }
    TEST_CASE("name/value siblings, nested value objects, listKeys") {
        auto f = found(cassette_with("", "https://api.example.com/v1", resp("application/json",
            R"({"variables":[{"key":"AWS_SECRET_ACCESS_KEY","value":"q8Zr4Lx0Vm2Tb7Nc5Wd1q8Zr4Lx0Vm2Tb7Nc5Wd1"},{"key":"REGION","value":"eu-west-1x"}],)"
            R"("password":{"value":"Xk9#mP2qLw7!"},"keys":[{"keyName":"key1","value":"Zr4Lx0Vm2Tb7Nc5Wd1q8Zr4Lx0Vm2Tb7N"}]})")));
        CHECK(f == V{"json-key@response.body$.variables[0].value=q8Zr4Lx0Vm2Tb7Nc5Wd1q8Zr4Lx0Vm2Tb7Nc5Wd1",
                     "json-key@response.body$.password.value=Xk9#mP2qLw7!",
                     "json-key@response.body$.keys[0].value=Zr4Lx0Vm2Tb7Nc5Wd1q8Zr4Lx0Vm2Tb7N"});
    }
    TEST_CASE("XML elements, embedded and HTML-escaped JSON") {
        auto x = found(cassette_with("", "https://sts.amazonaws.com/", resp("text/xml",
            "<R><Credentials><SecretAccessKey>q8Zr4Lx0Vm2Tb7Nc5Wd1q8Zr4Lx0Vm2Tb7Nc5Wd1</SecretAccessKey>"
            "<Expiration>2026-12-04T18:00:00Z</Expiration></Credentials></R>")));
        CHECK(x == V{"json-key@response.body<SecretAccessKey>=q8Zr4Lx0Vm2Tb7Nc5Wd1q8Zr4Lx0Vm2Tb7Nc5Wd1"});
        auto h = found(cassette_with("", "https://a.example.com/", resp("text/html",
            "<div data-x=\"{&quot;apiKey&quot;:&quot;q8Zr4Lx0Vm2Tb7Nc5Wd1&quot;}\"></div>")));
        CHECK(h == V{"json-key@response.body.apiKey=q8Zr4Lx0Vm2Tb7Nc5Wd1"});
        auto j = found(cassette_with("", "https://a.example.com/", resp("application/json",
            R"({"payload":"{\"password\":\"Xk9#mP2qLw7!\"}"})")));
        CHECK(j == V{"json-key@response.body$.payload.password=Xk9#mP2qLw7!"});
    }
    TEST_CASE("Location fragment, URL in URL, Basic auth key as user name") {
        auto l = found(cassette_with("", "https://a.example.com/", "        headers:\n            Location:\n                - "
                                     "https://app.example.com/cb#access_token=q8Zr4Lx0Vm2Tb7Nc5Wd1&token_type=bearer\n"));
        CHECK(l == V{"query@response.headers.Location#access_token=q8Zr4Lx0Vm2Tb7Nc5Wd1"});
        auto u = found(cassette_with("", "https://a.example.com/go?next=https%3A%2F%2Fb.example.com%2Fcb%3Faccess_token%3Dq8Zr4Lx0Vm2Tb7Nc5Wd1%26s%3D1"));
        CHECK(u == V{"query@request.url?next?access_token=q8Zr4Lx0Vm2Tb7Nc5Wd1"});
        // base64("rk_live_" + 24 chars + ":")
        const std::string key = "rk_live_q8Zr4Lx0Vm2Tb7Nc5Wd1abcd";
        Cassette c = read(cassette_with(header("Authorization", "Basic " + util::base64_encode(key + ":"))));
        auto s = detect(c, DetectOptions{});
        REQUIRE(s.size() == 1);
        CHECK(s[0].basic_secret_is_user);
        CHECK(s[0].value == key);
        CHECK(s[0].confidence == Confidence::High);
    }
}

// Shapes seen in public recordings and fixtures (values are our own).
TEST_SUITE("redact::real shapes") {
    TEST_CASE("a browser's Cookie header: only the session and anti-forgery cookies") {
        const std::string cookie =
            "ARRAffinity=3adacca6c2f81875efead5591d2a8d02faa6e8843c1dd1a10e8da178ce234c0c; "
            "ARRAffinitySameSite=3adacca6c2f81875efead5591d2a8d02faa6e8843c1dd1a10e8da178ce234c0c; "
            "ASP.NET_SessionId=k4q2mz8vwx1hr7tyb3nd5pce; ak_bmsc=8A1B2C3D4E5F60718293A4B5C6D7E8F9~000000000000000000000000000000~YAAQ; "
            "_gid=GA1.2.1234567890.1712345678; SC_ANALYTICS_GLOBAL_COOKIE=85e185a4422341b2a3c4d5e6f7a8b9c0|False; "
            "gLang=E; previewCols=url%20status%20size; intercom-id-abc123=6607acad-e42c-43a9-a54d-152dd2f8f83e";
        DetectOptions medium;
        medium.min_confidence = Confidence::Medium;
        auto f = found(cassette_with(header("Cookie", "\"" + cookie + "\"")), medium);
        CHECK(f == V{"cookie@request.headers.Cookie[ASP.NET_SessionId]=k4q2mz8vwx1hr7tyb3nd5pce"});
        // Every cookie is still there for a caller that masks everything.
        CHECK(found(cassette_with(header("Cookie", "\"" + cookie + "\""))).size() == 9);
    }
    TEST_CASE("Vault client_token placeholders in test servers, and a real-shaped token") {
        DetectOptions medium;
        medium.min_confidence = Confidence::Medium;
        auto body = [](const std::string& tok) {
            return "        headers:\n            Content-Type:\n                - application/json\n        body: '{\"auth\":{\"client_token\":\"" +
                   tok + "\",\"lease_duration\":3600}}'\n";
        };
        for (const char* tok : {"hvs.USERTOKEN", "hvs.abc", "hvs.child-token-canary", "hvs.cleanup", "hvs.test-token"})
            CHECK_MESSAGE(found(cassette_with("", "https://v.example.com/v1/auth/approle/login", body(tok)), medium).empty(), tok);
        const std::string real = "hvs.CAESIQ2x7Kp9Lm3Vn8Rt1Yw6Zb4Hc0Jd5Fg2Sa9Qe7Ux3Wo1Pi6";
        CHECK(found(cassette_with("", "https://v.example.com/v1/auth/approle/login", body(real)), medium) ==
              V{"vault-token@response.body$.auth.client_token=" + real});
    }
    TEST_CASE("AWS documentation credentials in STS XML are not reported; generated ones are") {
        DetectOptions medium;
        medium.min_confidence = Confidence::Medium;
        auto xml = [](const std::string& id, const std::string& key, const std::string& tok) {
            return "        headers:\n            Content-Type:\n                - text/xml\n        body: '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>" +
                   id + "</AccessKeyId><SecretAccessKey>" + key + "</SecretAccessKey><SessionToken>" + tok +
                   "</SessionToken></Credentials></AssumeRoleResult></AssumeRoleResponse>'\n";
        };
        CHECK(found(cassette_with("", "https://sts.amazonaws.com/",
                                  xml("ASIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
                                      "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW")),
                    medium)
                  .empty());
        const auto f = found(cassette_with("", "https://sts.amazonaws.com/",
                                           xml("ASIAQ7RT2KX9MZ4BW3LP", "k9Zr4Lx0Vm2Tb7Nc5Wd1q8Zr4Lx0Vm2Tb/Nc5Wd1",
                                               "IQoJb3JpZ2luX2VjEK7Lm2Xz9Rk4Wp1Tn6Vb3Jc8Fd5Gq8Zr4Lx0Vm2Tb7Nc5Wd1")),
                             medium);
        CHECK(f.size() == 3);
    }
    TEST_CASE("HTML-escaped request examples: placeholders low, a generated password found") {
        DetectOptions medium;
        medium.min_confidence = Confidence::Medium;
        auto page = [](const std::string& pw) {
            return "        headers:\n            Content-Type:\n                - text/html\n        body: '<pre>{&quot;username&quot;:&quot;ana&quot;,&quot;password&quot;:&quot;" +
                   pw + "&quot;}</pre>'\n";
        };
        for (const char* pw : {"123456", "yourpassword", "password", "roots", "[redacted]", "xxx"})
            CHECK_MESSAGE(found(cassette_with("", "https://a.example.com/", page(pw)), medium).empty(), pw);
        CHECK(found(cassette_with("", "https://a.example.com/", page("8697tgygyt78tuy")), medium) ==
              V{"json-key@response.body.password=8697tgygyt78tuy"});
    }
}

TEST_SUITE("redact::marks") {
    // line:column of the first finding in a response body written as `body_yaml`
    // (the body key is on line 18, column 9 of cassette_with's text).
    std::pair<uint32_t, uint32_t> mark_of(const std::string& body_yaml) {
        Cassette c = read(cassette_with("", "https://a.example.com/", body_yaml));
        auto s = detect(c, DetectOptions{});
        REQUIRE(!s.empty());
        return {s[0].where.line, s[0].where.column};
    }
    const std::string tok = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    TEST_CASE("a secret inside a literal block is reported at its own line and column") {
        auto m = mark_of("        body: |\n            first line\n            second: " + tok + "\n            last\n");
        CHECK(m == std::pair<uint32_t, uint32_t>{20, 21});
    }
    TEST_CASE("inside double-quoted strings: escapes counted, folds followed") {
        auto m = mark_of("        body: \"a\\\"b\\\\c\\n " + tok + "\"\n");
        CHECK(m == std::pair<uint32_t, uint32_t>{18, 15 + 11}); // the quote at 15; a, \\", b, \\\\, c, \\n and a space before it
        // yaml.v2 folds long double-quoted strings: the token on the next line.
        auto f = mark_of("        body: \"some words before the fold\n            and " + tok + " after\"\n");
        CHECK(f == std::pair<uint32_t, uint32_t>{19, 17});
    }
    TEST_CASE("inside single-quoted strings: '' counts twice") {
        auto m = mark_of("        body: 'it''s " + tok + "'\n");
        CHECK(m == std::pair<uint32_t, uint32_t>{18, 15 + 7});
    }
}

TEST_CASE("redact::echo: the same secret percent-encoded or JSON-escaped elsewhere is found, decoded the same") {
    // Found under client_secret in the response; repeated percent-encoded in
    // the request's form body and with "\/" in the JSON.
    const std::string text =
        cassette_with("        body: \"note=k9Zr4Lx0Vm2T%2Fb7Nc5Wd1%2Bq8Zr%3D&x=1\"\n", "https://a.example.com/x",
                      "        headers:\n            Content-Type:\n                - application/json\n"
                      "        body: '{\"client_secret\":\"k9Zr4Lx0Vm2T/b7Nc5Wd1+q8Zr=\",\"echo\":\"k9Zr4Lx0Vm2T\\/b7Nc5Wd1+q8Zr=\"}'\n");
    Cassette c = read(text);
    auto s = detect(c, DetectOptions{});
    REQUIRE(s.size() == 3);
    for (const auto& x : s) CHECK(x.value == "k9Zr4Lx0Vm2T/b7Nc5Wd1+q8Zr=");
    CHECK(s[0].encoding == Encoding::Query);
    CHECK(s[0].scalar->value.substr(s[0].begin, s[0].end - s[0].begin) == "k9Zr4Lx0Vm2T%2Fb7Nc5Wd1%2Bq8Zr%3D");
    CHECK(s[2].encoding == Encoding::Json);
    CHECK(s[2].scalar->value.substr(s[2].begin, s[2].end - s[2].begin) == "k9Zr4Lx0Vm2T\\/b7Nc5Wd1+q8Zr=");
}
