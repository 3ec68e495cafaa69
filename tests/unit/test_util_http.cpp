#include "util/http.hpp"

#include "go_tools.hpp"

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <sstream>

using namespace cassette::http;

namespace {

using testing_support::hex;
using testing_support::unx;

// Runs httpref on `requests` (one per line); nullopt when Go is unavailable.
std::optional<std::vector<std::string>> ask_go(const std::vector<std::string>& requests) {
    auto tool = testing_support::go_tool("httpref");
    if (!tool) return std::nullopt;
    std::string input;
    for (const auto& r : requests) input += r + "\n";
    auto res = testing_support::run_process({*tool}, input);
    REQUIRE(res.exit_code == 0);
    std::vector<std::string> out;
    std::istringstream in(res.out);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    REQUIRE(out.size() == requests.size());
    return out;
}

constexpr const char* kSkip = "skipped: Go or the go-yaml packages are not installed (tests/go/httpref not built)";

std::string pick_concat(std::mt19937& rng, const std::vector<std::string>& pieces, int max_pieces) {
    std::string s;
    const int n = int(rng() % unsigned(max_pieces + 1));
    for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
    return s;
}

std::string b(bool v) { return v ? "1" : "0"; }

std::string x(std::string_view s) {
    // Appending (not "x" + h) sidesteps a GCC 12 -Wrestrict false positive.
    std::string out(1, 'x');
    if (!s.empty()) out.append(hex(s));
    return out;
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

// Every view of a parsed URL must be the bytes its range points at.
void check_url_spans(std::string_view url, const UrlParts& p) {
    const std::pair<std::string_view, ByteRange> parts[] = {
        {p.scheme, p.scheme_at}, {p.authority, p.authority_at}, {p.userinfo, p.userinfo_at}, {p.user, p.user_at},
        {p.password, p.password_at}, {p.host_port, p.host_port_at}, {p.host, p.host_at}, {p.port, p.port_at},
        {p.path, p.path_at}, {p.query, p.query_at}, {p.fragment, p.fragment_at}};
    for (const auto& [view, at] : parts) {
        REQUIRE(at.begin <= at.end);
        REQUIRE(at.end <= url.size());
        CHECK(url.substr(at.begin, at.size()) == view);
    }
}

// Go's url.Parse fields computed from our raw parts, in httpref's "pu" layout.
std::string url_as_go(const UrlParts& p) {
    auto dec = [](std::string_view s) { return percent_decode(s).value_or("<bad escape>"); };
    std::string host = dec(p.host_port), hostname = host, port;
    // URL.Hostname/Port split the decoded Host like this.
    if (size_t c = hostname.rfind(':'); c != std::string::npos) {
        bool digits = true;
        for (size_t i = c + 1; i < hostname.size(); ++i) digits = digits && hostname[i] >= '0' && hostname[i] <= '9';
        if (digits) {
            port = hostname.substr(c + 1);
            hostname.resize(c);
        }
    }
    if (hostname.size() >= 2 && hostname.front() == '[' && hostname.back() == ']')
        hostname = hostname.substr(1, hostname.size() - 2);
    return x(lower(std::string(p.scheme))) + " " + x(p.opaque ? p.path : "") + " " + b(p.has_userinfo) + " " +
           x(dec(p.user)) + " " + b(p.has_password) + " " + x(dec(p.password)) + " " + x(host) + " " + x(hostname) +
           " " + x(port) + " " + x(p.opaque ? "" : dec(p.path)) + " " + x(p.query) + " " +
           b(p.has_query && p.query.empty()) + " " + x(dec(p.fragment));
}

bool valid_cookie_value(std::string_view v) {
    for (unsigned char c : v)
        if (c < 0x20 || c >= 0x7f || c == '"' || c == ';' || c == '\\') return false;
    return true;
}

// Response.Cookies()[0] fields computed from our parse, in httpref's "sc" layout.
std::string set_cookie_as_go(const std::optional<Cookie>& c) {
    if (!c) return "N";
    std::string path, domain;
    bool secure = false, httponly = false;
    for (const auto& [name, value] : c->attributes) {
        bool ascii = true;
        for (unsigned char ch : name) ascii = ascii && ch < 0x80;
        if (!ascii || !valid_cookie_value(value)) continue; // Go: skipped or Unparsed
        const std::string n = lower(name);
        if (n == "path") path = value;
        if (n == "domain") domain = value;
        if (n == "secure") secure = true;
        if (n == "httponly") httponly = true;
    }
    return x(c->name) + " " + x(c->value) + " " + x(path) + " " + x(domain) + " " + b(secure) + " " + b(httponly);
}

} // namespace

TEST_SUITE("util::http headers") {
TEST_CASE("canonical_header_key") {
    CHECK(canonical_header_key("content-type") == "Content-Type");
    CHECK(canonical_header_key("CONTENT-TYPE") == "Content-Type");
    CHECK(canonical_header_key("x-amz-date") == "X-Amz-Date");
    CHECK(canonical_header_key("www-authenticate") == "Www-Authenticate"); // Go does not special-case WWW
    CHECK(canonical_header_key("x-b3-traceid") == "X-B3-Traceid");
    CHECK(canonical_header_key("-foo-") == "-Foo-");
    CHECK(canonical_header_key("a--b") == "A--B");
    CHECK(canonical_header_key("foo_bar") == "Foo_bar");
    CHECK(canonical_header_key("") == "");
    // Not a token: returned unchanged.
    CHECK(canonical_header_key("foo bar") == "foo bar");
    CHECK(canonical_header_key("foo:bar") == "foo:bar");
    CHECK(canonical_header_key("caf\xC3\xA9-x") == "caf\xC3\xA9-x");
}
TEST_CASE("valid_header_name and valid_method") {
    CHECK(valid_header_name("X-Custom_Header.1~"));
    CHECK(valid_header_name("!#$%&'*+-.^_`|~"));
    CHECK_FALSE(valid_header_name(""));
    CHECK_FALSE(valid_header_name("a b"));
    CHECK_FALSE(valid_header_name("a:b"));
    CHECK_FALSE(valid_header_name("a\"b"));
    CHECK_FALSE(valid_header_name("\xC3\xA9"));
    CHECK(valid_method("GET"));
    CHECK(valid_method("PROPFIND"));
    CHECK(valid_method("get")); // Go allows any token, case kept
    CHECK_FALSE(valid_method(""));
    CHECK_FALSE(valid_method("GET "));
    CHECK_FALSE(valid_method("GE(T"));
}
TEST_CASE("differential: CanonicalHeaderKey and validMethod") {
    std::mt19937 rng(11);
    const std::vector<std::string> pieces = {"a", "Z", "x", "-", "_", "0", " ", ":", ".", "~", "\xC3\xA9", "(", "\t",
                                             "content", "TYPE", "\x7f"};
    std::vector<std::string> keys, methods;
    for (int i = 0; i < 2000; ++i) keys.push_back(pick_concat(rng, pieces, 6));
    for (int i = 0; i < 1000; ++i) {
        std::string m = pick_concat(rng, pieces, 4);
        if (!m.empty()) methods.push_back(m); // NewRequest turns "" into GET
    }
    std::vector<std::string> req;
    for (const auto& k : keys) req.push_back("ck " + hex(k));
    for (const auto& m : methods) req.push_back("vm " + hex(m));
    auto out = ask_go(req);
    if (!out) {
        MESSAGE(kSkip);
        return;
    }
    size_t i = 0;
    for (const auto& k : keys) CHECK_MESSAGE(canonical_header_key(k) == unx((*out)[i++]), k);
    for (const auto& m : methods) CHECK_MESSAGE(b(valid_method(m)) == (*out)[i++], m);
}
}

TEST_SUITE("util::http status") {
TEST_CASE("status_text") {
    CHECK(status_text(200) == "OK");
    CHECK(status_text(404) == "Not Found");
    CHECK(status_text(418) == "I'm a teapot");
    CHECK(status_text(103) == "Early Hints");
    CHECK(status_text(425) == "Too Early");
    CHECK(status_text(511) == "Network Authentication Required");
    CHECK(status_text(0) == "");
    CHECK(status_text(299) == "");
    CHECK(status_text(-200) == "");
}
TEST_CASE("status_matches") {
    CHECK(status_matches("200 OK", 200));
    CHECK(status_matches("200", 200));
    CHECK(status_matches("404 Whatever The Server Says", 404));
    CHECK(status_matches("201 ", 201));
    CHECK_FALSE(status_matches("200 OK", 201));
    CHECK_FALSE(status_matches("2000 OK", 200));
    CHECK_FALSE(status_matches("OK", 200));
    CHECK_FALSE(status_matches("", 200));
    CHECK_FALSE(status_matches(" 200 OK", 200));
    CHECK_FALSE(status_matches("200OK", 200));
    CHECK_FALSE(status_matches("99999999999999999999 x", 200));
    CHECK_FALSE(status_matches("0200 OK", 200));
    CHECK_FALSE(status_matches("-1", -1));
    CHECK(status_matches("0 zero", 0));
}
TEST_CASE("differential: StatusText for 0..999") {
    std::vector<std::string> req;
    for (int code = 0; code < 1000; ++code) req.push_back("st " + std::to_string(code));
    auto out = ask_go(req);
    if (!out) {
        MESSAGE(kSkip);
        return;
    }
    for (int code = 0; code < 1000; ++code) CHECK_MESSAGE(std::string(status_text(code)) == unx((*out)[size_t(code)]), code);
}
}

TEST_SUITE("util::http urls") {
TEST_CASE("parse_url: absolute URL with every part") {
    const std::string u = "https://us%65r:p%40ss@Example.COM:8443/a%2Fb/c?x=1&y=%20#frag%21";
    auto p = parse_url(u);
    REQUIRE(p);
    check_url_spans(u, *p);
    CHECK(p->absolute);
    CHECK_FALSE(p->opaque);
    CHECK(p->scheme == "https");
    CHECK(p->authority == "us%65r:p%40ss@Example.COM:8443");
    CHECK(p->userinfo == "us%65r:p%40ss");
    CHECK(p->user == "us%65r");
    CHECK(p->password == "p%40ss");
    CHECK(p->has_password);
    CHECK(p->host_port == "Example.COM:8443");
    CHECK(p->host == "Example.COM");
    CHECK(p->port == "8443");
    CHECK(p->path == "/a%2Fb/c");
    CHECK(p->query == "x=1&y=%20");
    CHECK(p->fragment == "frag%21");
    CHECK(p->password_at.begin == 15);
    CHECK(p->password_at.end == 21);
    // Redaction: replace the password, keep every other byte.
    std::string red = u;
    red.replace(p->password_at.begin, p->password_at.size(), "xxx");
    CHECK(red == "https://us%65r:xxx@Example.COM:8443/a%2Fb/c?x=1&y=%20#frag%21");
    CHECK(percent_decode(p->password) == "p@ss");
}
TEST_CASE("parse_url: shapes") {
    auto p = parse_url("http://[fe80::1%25en0]:80/x");
    REQUIRE(p);
    CHECK(p->host == "[fe80::1%25en0]");
    CHECK(p->port == "80");
    p = parse_url("http://h:/");
    REQUIRE(p);
    CHECK(p->has_port);
    CHECK(p->port.empty());
    p = parse_url("/path?q");
    REQUIRE(p);
    CHECK_FALSE(p->absolute);
    CHECK(p->path == "/path");
    CHECK(p->query == "q");
    p = parse_url("//host/p");
    REQUIRE(p);
    CHECK(p->has_authority);
    CHECK(p->host == "host");
    p = parse_url("///p");
    REQUIRE(p);
    CHECK_FALSE(p->has_authority);
    CHECK(p->path == "///p");
    p = parse_url("mailto:a@b?subject=x");
    REQUIRE(p);
    CHECK(p->opaque);
    CHECK(p->path == "a@b");
    CHECK(p->query == "subject=x");
    p = parse_url("http://h/?");
    REQUIRE(p);
    CHECK(p->has_query);
    CHECK(p->query.empty());
    p = parse_url("http://h/#");
    REQUIRE(p);
    CHECK(p->has_fragment);
    CHECK_FALSE(p->has_query);
    p = parse_url("*");
    REQUIRE(p);
    CHECK(p->path == "*");
    p = parse_url("");
    REQUIRE(p);
    CHECK(p->path.empty());
    p = parse_url("http://a@b@c/");
    REQUIRE(p);
    CHECK(p->userinfo == "a@b");
    CHECK(p->host == "c");
    p = parse_url("http://h/#frag\x01"); // Go does not check the fragment for control bytes
    REQUIRE(p);
}
TEST_CASE("parse_url: errors as Go's url.Parse") {
    for (const char* bad : {":foo", "http://h/\x01", "http://h\x7f/", "a:b/c" /* ok: scheme a */, "1a:b",
                            "http://h:8x/", "http://[::1/", "http://[::1]x/", "http://h%41/", "http://h /",
                            "http://u\xC3\xA9@h/", "http://u%zz@h/", "http://h/%zz", "http://h/%4", "http://h/#%zz",
                            "http://u:p%@h/"}) {
        auto p = parse_url(bad);
        if (std::string_view(bad) == "a:b/c") CHECK(p);
        else if (std::string_view(bad) == "1a:b") CHECK_FALSE(p); // no scheme, colon in first segment
        else CHECK_MESSAGE(!p, bad);
    }
    CHECK(parse_url("http://h%C3%A9/")); // non-ASCII may be escaped in a host
    CHECK(parse_url("http://h%25x/"));   // %25 is allowed too
}
TEST_CASE("percent_decode") {
    CHECK(percent_decode("a%20b+c") == "a b+c");
    CHECK(percent_decode("%e2%82%AC") == "\xE2\x82\xAC");
    CHECK_FALSE(percent_decode("%"));
    CHECK_FALSE(percent_decode("%g0"));
    CHECK_FALSE(percent_decode("a%2"));
}
TEST_CASE("differential: url.Parse and url.PathUnescape") {
    std::mt19937 rng(3);
    const std::vector<std::string> schemes = {"http:", "https:", "HTTP:", "h2+x.y-z:", "1a:", ":", "", "", "a_b:"};
    const std::vector<std::string> slashes = {"//", "//", "///", "/", ""};
    const std::vector<std::string> userinfo = {"", "", "u@", "u:p@", "u%41:p%40@", "u%zz@", "a@b@", "\xC3\xA9@",
                                               "u:@", ":p@", "u p@", "u:p:q@"};
    const std::vector<std::string> hosts = {"example.com", "Example.COM", "[::1]", "[fe80::1%25en0]", "[::1",
                                            "h%41", "h%C3%A9", "h%25", "a b", "", "127.0.0.1", "h!$&'()*+,;=",
                                            "h<>\"", "[fe80::1%25%41]", "[fe80::1%25%zz]", "h%"};
    const std::vector<std::string> ports = {"", "", ":80", ":", ":8a", "::80"};
    const std::vector<std::string> paths = {"", "/", "/p", "/a%2Fb", "/%zz", "/\xC3\xBC", "a:b", "/c;d", "/x/../y",
                                            "/%", "/a b", "x"};
    const std::vector<std::string> queries = {"", "", "?", "?a=1&b", "??", "?a=%zz", "?a b"};
    const std::vector<std::string> frags = {"", "", "#", "#f", "#%zz", "#a b", "#x#y", "#%41", "#\x01"};
    const std::vector<std::string> salad = {"h", ":", "/", "//", "?", "#", "@", "%", "%41", "[", "]", "1", " ",
                                            "\x01", "*", "a", "\xC3\xA9"};
    std::vector<std::string> urls = {"*", "", "http://", "http:", "//", "/", "?", "#", "a", "http://h?#"};
    for (int i = 0; i < 3000; ++i) {
        if (i % 4 == 3) {
            urls.push_back(pick_concat(rng, salad, 8));
            continue;
        }
        auto one = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
        urls.push_back(one(schemes) + one(slashes) + one(userinfo) + one(hosts) + one(ports) + one(paths) +
                       one(queries) + one(frags));
    }
    std::vector<std::string> escaped;
    for (int i = 0; i < 1000; ++i) escaped.push_back(pick_concat(rng, salad, 6) + pick_concat(rng, {"%2", "+", "%zZ", "%aF"}, 2));
    std::vector<std::string> req;
    for (const auto& u : urls) req.push_back("pu " + hex(u));
    for (const auto& s : escaped) req.push_back("ps " + hex(s));
    auto out = ask_go(req);
    if (!out) {
        MESSAGE(kSkip);
        return;
    }
    size_t i = 0;
    int accepted = 0;
    for (const auto& u : urls) {
        auto p = parse_url(u);
        if (p) {
            ++accepted;
            check_url_spans(u, *p);
        }
        CHECK_MESSAGE((p ? url_as_go(*p) : "E") == (*out)[i], "url: ", u);
        ++i;
    }
    CHECK(accepted > 500); // the generator must exercise the success path too
    for (const auto& s : escaped) {
        auto d = percent_decode(s);
        CHECK_MESSAGE((d ? x(*d) : "E") == (*out)[i++], s);
    }
}
}

TEST_SUITE("util::http query") {
TEST_CASE("parse_query decodes and keeps raw offsets") {
    const std::string q = "a=1&b=x+y%21&&c&=v&a=2&token=s%65cret";
    bool err = true;
    auto ps = parse_query(q, &err);
    CHECK_FALSE(err);
    REQUIRE(ps.size() == 6);
    CHECK(ps[0].name == "a");
    CHECK(ps[0].value == "1");
    CHECK(ps[1].value == "x y!");
    CHECK(ps[2].name == "c");
    CHECK_FALSE(ps[2].has_equals);
    CHECK(ps[2].value == "");
    CHECK(ps[2].value_begin == ps[2].name_end);
    CHECK(ps[3].name == "");
    CHECK(ps[3].value == "v");
    CHECK(ps[4].value == "2");
    CHECK(ps[5].value == "secret");
    CHECK(q.substr(ps[5].value_begin, ps[5].value_end - ps[5].value_begin) == "s%65cret");
    CHECK(q.substr(ps[1].name_begin, ps[1].name_end - ps[1].name_begin) == "b");
    std::string red = q;
    red.replace(ps[5].value_begin, ps[5].value_end - ps[5].value_begin, "REDACTED");
    CHECK(red == "a=1&b=x+y%21&&c&=v&a=2&token=REDACTED");
}
TEST_CASE("parse_query: ';' and bad escapes skip the pair (Go 1.17+)") {
    bool err = false;
    auto ps = parse_query("a=1;b=2&c=3&d=%zz&e=%", &err);
    CHECK(err);
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].name == "c");
    CHECK(ps[0].name_begin == 8);
    CHECK(parse_query("").empty());
    // A form body is the same syntax.
    auto form = parse_query("grant_type=client_credentials&client_secret=abc%2Bdef");
    REQUIRE(form.size() == 2);
    CHECK(form[1].value == "abc+def");
}
TEST_CASE("query_escape and query_unescape") {
    CHECK(query_escape("a b&c=d/e?f") == "a+b%26c%3Dd%2Fe%3Ff");
    CHECK(query_escape("-_.~AZaz09") == "-_.~AZaz09");
    CHECK(query_escape("\xE2\x82\xAC+") == "%E2%82%AC%2B");
    CHECK(query_escape("") == "");
    CHECK(query_unescape("a+b%26c") == "a b&c");
    CHECK(query_unescape("%e2%82%ac") == "\xE2\x82\xAC");
    CHECK_FALSE(query_unescape("%"));
    CHECK_FALSE(query_unescape("%x1"));
    CHECK_FALSE(query_unescape("ab%4"));
}
TEST_CASE("differential: ParseQuery, QueryEscape, QueryUnescape") {
    std::mt19937 rng(5);
    const std::vector<std::string> pieces = {"a", "b", "=", "&", "&&", ";", "+", "%20", "%zz", "%", "%4", "%C3%A9",
                                             " ", "\xC3\xA9", "x=1", "==", "%3D", "%26", "\x01"};
    std::vector<std::string> inputs;
    for (int i = 0; i < 2500; ++i) inputs.push_back(pick_concat(rng, pieces, 8));
    std::vector<std::string> req;
    for (const auto& s : inputs) req.push_back("pq " + hex(s));
    for (const auto& s : inputs) req.push_back("qe " + hex(s));
    for (const auto& s : inputs) req.push_back("qu " + hex(s));
    auto out = ask_go(req);
    if (!out) {
        MESSAGE(kSkip);
        return;
    }
    size_t i = 0;
    for (const auto& s : inputs) {
        bool err = false;
        auto ps = parse_query(s, &err);
        std::map<std::string, std::vector<std::string>> m;
        for (const auto& p : ps) {
            m[p.name].push_back(p.value);
            // The raw spans decode to the values.
            CHECK(query_unescape(std::string_view(s).substr(p.value_begin, p.value_end - p.value_begin)) == p.value);
            CHECK(query_unescape(std::string_view(s).substr(p.name_begin, p.name_end - p.name_begin)) == p.name);
        }
        std::string mine = b(err);
        for (const auto& [k, vs] : m) {
            mine.append(" ").append(x(k)).append(" ").append(std::to_string(vs.size()));
            for (const auto& v : vs) mine.append(" ").append(x(v));
        }
        CHECK_MESSAGE(mine == (*out)[i++], "query: ", s);
    }
    for (const auto& s : inputs) CHECK_MESSAGE(x(query_escape(s)) == (*out)[i++], s);
    for (const auto& s : inputs) {
        auto u = query_unescape(s);
        CHECK_MESSAGE((u ? x(*u) : "E") == (*out)[i++], s);
    }
}
}

TEST_SUITE("util::http cookies") {
TEST_CASE("parse_cookie_header") {
    const std::string h = "a=1; session=\"s3cr3t\";b; bad name=x; c=v\\x;  d = 4 ;e=";
    auto cs = parse_cookie_header(h);
    REQUIRE(cs.size() == 4);
    CHECK(cs[0].name == "a");
    CHECK(cs[0].value == "1");
    CHECK(cs[1].name == "session");
    CHECK(cs[1].value == "s3cr3t");
    CHECK(cs[1].quoted);
    CHECK(h.substr(cs[1].value_begin, cs[1].value_end - cs[1].value_begin) == "s3cr3t");
    CHECK(h[cs[1].value_begin - 1] == '"');
    CHECK(cs[2].name == "b");
    CHECK(cs[2].value == "");
    CHECK(cs[3].name == "e"); // "d " is not a token; "c" has a backslash
    CHECK(cs[3].value_begin == h.size());
    CHECK(parse_cookie_header("").empty());
    CHECK(parse_cookie_header(" ; ;").empty());
}
TEST_CASE("parse_set_cookie") {
    const std::string h =
        "id=a3fWa; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=3600; Path=/docs; Domain=example.com; Secure; "
        "HttpOnly; SameSite=Lax";
    auto c = parse_set_cookie(h);
    REQUIRE(c);
    CHECK(c->name == "id");
    CHECK(c->value == "a3fWa");
    CHECK(h.substr(c->value_begin, c->value_end - c->value_begin) == "a3fWa");
    REQUIRE(c->attributes.size() == 7);
    CHECK(c->attributes[0] == std::pair<std::string, std::string>{"Expires", "Wed, 21 Oct 2015 07:28:00 GMT"});
    CHECK(cookie_attribute(*c, "max-age") == "3600");
    CHECK(cookie_attribute(*c, "PATH") == "/docs");
    CHECK(cookie_attribute(*c, "domain") == "example.com");
    CHECK(cookie_attribute(*c, "secure") == "");
    CHECK(cookie_attribute(*c, "httponly") == "");
    CHECK(cookie_attribute(*c, "samesite") == "Lax");
    CHECK_FALSE(cookie_attribute(*c, "partitioned"));
    CHECK(cookie_attribute(*parse_set_cookie("a=b; Path=/x; path=/y"), "Path") == "/y");

    CHECK_FALSE(parse_set_cookie(""));
    CHECK_FALSE(parse_set_cookie("novalue"));
    CHECK_FALSE(parse_set_cookie("bad name=x"));
    CHECK_FALSE(parse_set_cookie("a=b\"c"));
    auto q = parse_set_cookie("  tok=\"abc\" ;;  ");
    REQUIRE(q);
    CHECK(q->value == "abc");
    CHECK(q->quoted);
    CHECK(q->attributes.empty());
    auto e = parse_set_cookie("a=");
    REQUIRE(e);
    CHECK(e->value == "");
}
TEST_CASE("differential: Request.Cookies and Response.Cookies") {
    std::mt19937 rng(9);
    const std::vector<std::string> pieces = {"a", "b=1", "=", ";", "; ", " ", "\"", "\"x\"", "\\", "\t", "Path=/p",
                                             "Domain=d", "Secure", "HttpOnly", "secure=1", "path=\"q\"", "\xC3\xA9",
                                             ",", "Max-Age=10", "x y", "SameSite=Strict", "\x01"};
    std::vector<std::string> inputs;
    for (int i = 0; i < 3000; ++i) inputs.push_back(pick_concat(rng, pieces, 9));
    std::vector<std::string> req;
    for (const auto& s : inputs) req.push_back("rc " + hex(s));
    for (const auto& s : inputs) req.push_back("sc " + hex(s));
    auto out = ask_go(req);
    if (!out) {
        MESSAGE(kSkip);
        return;
    }
    size_t i = 0;
    int some = 0;
    for (const auto& s : inputs) {
        auto cs = parse_cookie_header(s);
        std::string mine = std::to_string(cs.size());
        for (const auto& c : cs) {
            mine.append(" ").append(x(c.name)).append(" ").append(x(c.value));
            CHECK(s.substr(c.value_begin, c.value_end - c.value_begin) == c.value);
            CHECK(s.substr(c.name_begin, c.name_end - c.name_begin) == c.name);
        }
        some += !cs.empty();
        CHECK_MESSAGE(mine == (*out)[i++], "cookie: ", s);
    }
    for (const auto& s : inputs) {
        auto c = parse_set_cookie(s);
        if (c) CHECK(s.substr(c->value_begin, c->value_end - c->value_begin) == c->value);
        CHECK_MESSAGE(set_cookie_as_go(c) == (*out)[i++], "set-cookie: ", s);
    }
    CHECK(some > 500);
}
}

TEST_SUITE("util::http media types") {
TEST_CASE("media_type") {
    CHECK(media_type("Application/JSON; charset=utf-8") == "application/json");
    CHECK(media_type("  text/html ;q=1") == "text/html");
    CHECK(media_type("text/plain") == "text/plain");
    CHECK(media_type("") == "");
    CHECK(media_type(";charset=utf-8") == "");
}
TEST_CASE("is_json_media / is_form_media / is_text_media") {
    CHECK(is_json_media("application/json"));
    CHECK(is_json_media("application/json; charset=utf-8"));
    CHECK(is_json_media("APPLICATION/JSON"));
    CHECK(is_json_media("text/json"));
    CHECK(is_json_media("application/problem+json"));
    CHECK(is_json_media("application/vnd.api+json; ext=bulk"));
    CHECK_FALSE(is_json_media("application/+json"));
    CHECK_FALSE(is_json_media("application/x-ndjson"));
    CHECK_FALSE(is_json_media("application/jsonl"));
    CHECK_FALSE(is_json_media("text/plain"));
    CHECK_FALSE(is_json_media(""));
    CHECK(is_form_media("application/x-www-form-urlencoded; charset=UTF-8"));
    CHECK_FALSE(is_form_media("multipart/form-data; boundary=x"));
    CHECK(is_text_media("text/plain"));
    CHECK(is_text_media("text/html; charset=utf-8"));
    CHECK(is_text_media("application/json"));
    CHECK(is_text_media("application/x-ndjson"));
    CHECK(is_text_media("application/xml"));
    CHECK(is_text_media("application/atom+xml"));
    CHECK(is_text_media("application/x-www-form-urlencoded"));
    CHECK(is_text_media("application/javascript"));
    CHECK_FALSE(is_text_media("application/octet-stream"));
    CHECK_FALSE(is_text_media("image/png"));
    CHECK_FALSE(is_text_media("application/gzip"));
    CHECK_FALSE(is_text_media(""));
}
}

TEST_SUITE("util::http basic auth") {
TEST_CASE("parse_basic_auth") {
    using P = std::pair<std::string, std::string>;
    CHECK(parse_basic_auth("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==") == P{"Aladdin", "open sesame"});
    CHECK(parse_basic_auth("basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==") == P{"Aladdin", "open sesame"});
    CHECK(parse_basic_auth("BASIC dTpwOnE=") == P{"u", "p:q"});
    CHECK(parse_basic_auth("Basic Og==") == P{"", ""});
    CHECK(parse_basic_auth("Basic dTpw\r\n") == P{"u", "p"}); // Go's decoder skips CR/LF
    CHECK_FALSE(parse_basic_auth("Basic dTpw=")); // bad padding
    CHECK_FALSE(parse_basic_auth("Basic dQ"));    // padding required
    CHECK_FALSE(parse_basic_auth("Basic dQ==dQ=="));
    CHECK_FALSE(parse_basic_auth("Basic dQ=="));  // "u": no colon
    CHECK_FALSE(parse_basic_auth("Basic  dTpw")); // two spaces
    CHECK_FALSE(parse_basic_auth("Bearer dTpw"));
    CHECK_FALSE(parse_basic_auth("Basic"));
    CHECK_FALSE(parse_basic_auth(""));
}
TEST_CASE("make_basic_auth") {
    CHECK(make_basic_auth("Aladdin", "open sesame") == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    CHECK(make_basic_auth("", "") == "Basic Og==");
    CHECK(make_basic_auth("u", "p") == "Basic dTpw");
    CHECK(make_basic_auth("ab", "") == "Basic YWI6");
    auto back = parse_basic_auth(make_basic_auth("us\xC3\xA9r", "p:w\x01"));
    REQUIRE(back);
    CHECK(back->first == "us\xC3\xA9r");
    CHECK(back->second == "p:w\x01");
}
TEST_CASE("differential: Request.BasicAuth and SetBasicAuth") {
    std::mt19937 rng(13);
    const std::vector<std::string> prefixes = {"Basic ", "basic ", "BASIC ", "Basic", "Basic  ", "Bearer ", "",
                                               "BaSiC "};
    const std::vector<std::string> bytes = {"u", ":", "p", "\xC3\xA9", "\x01", "", "ab", "abc"};
    std::vector<std::string> headers, users, passes;
    for (int i = 0; i < 1500; ++i) {
        users.push_back(pick_concat(rng, bytes, 3));
        passes.push_back(pick_concat(rng, bytes, 3));
        std::string v = make_basic_auth(users.back(), passes.back()).substr(6);
        switch (rng() % 6) {
        case 0: if (!v.empty()) v.erase(rng() % v.size(), 1); break;
        case 1: v.insert(rng() % (v.size() + 1), std::string(1, "=\r\n -_*"[rng() % 8])); break;
        case 2: v += v; break;
        default: break;
        }
        headers.push_back(prefixes[rng() % prefixes.size()] + v);
    }
    std::vector<std::string> req;
    for (const auto& h : headers) req.push_back("ba " + hex(h));
    for (size_t k = 0; k < users.size(); ++k) req.push_back("mb " + hex(users[k]) + " " + hex(passes[k]));
    auto out = ask_go(req);
    if (!out) {
        MESSAGE(kSkip);
        return;
    }
    size_t i = 0;
    for (const auto& h : headers) {
        auto p = parse_basic_auth(h);
        CHECK_MESSAGE((p ? x(p->first) + " " + x(p->second) : "E") == (*out)[i++], "header: ", h);
    }
    for (size_t k = 0; k < users.size(); ++k) CHECK(x(make_basic_auth(users[k], passes[k])) == (*out)[i++]);
}
}
