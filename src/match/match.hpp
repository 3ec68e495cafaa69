#pragma once
// `cassette match`: which recorded interaction go-vcr would replay for each
// request, and, when none, the nearest interaction and every field that
// blocks it, in the order go-vcr's matcher compares them.
//
// The matchers are go-vcr's own, followed line by line (docs/match.md cites
// the commits):
//  - v1, v2, v3: `DefaultMatcher`, r.Method == i.Method && r.URL.String() == i.URL;
//  - v4: `defaultMatcher.matcher` (pkg/cassette/cassette.go): method, URL,
//    proto, proto major/minor, headers (minus the ignored ones), body,
//    content length, transfer encoding, host, form (after ParseForm), trailer,
//    remote address, request URI; options WithIgnoreAuthorization,
//    WithIgnoreUserAgent, WithIgnoreHeaders.
// Replay is `Cassette.GetInteraction`: the first interaction in file order
// that is eligible (not replayed yet, or ReplayableInteractions) and matches;
// it is then marked replayed.
#include "model/cassette.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cassette::match {

enum class Matcher { V1, V2, V3, V4 };
const char* matcher_name(Matcher m); // "v1" ...
std::optional<Matcher> parse_matcher(std::string_view name);
// The matcher go-vcr's releases for a cassette format use by default: v4 for
// format 2, v1 for format 1.
Matcher default_matcher(int format);
// Whether a go-vcr release of this matcher loads the format at all (v3 and v4
// refuse anything but version 2; v1 and v2 check nothing).
bool loads_format(Matcher m, int format);

// map[string][]string (http.Header, url.Values), keys as written, in first
// appearance order; a key written twice keeps its last values (yaml.v2).
using Values = std::vector<std::pair<std::string, std::vector<std::string>>>;

// A request body, shared by the copies of a request (lost_replays keeps the
// requests sent and the recorded ones side by side: one copy of each body).
class Body {
public:
    Body() = default;
    Body(std::string text) {
        if (!text.empty()) m_text = std::make_shared<const std::string>(std::move(text));
    }
    Body(std::string_view text) : Body(std::string(text)) {}
    Body(const char* text) : Body(std::string(text)) {}
    const std::string& str() const { return m_text ? *m_text : none(); }
    operator std::string_view() const { return str(); }
    size_t size() const { return str().size(); }
    bool empty() const { return str().empty(); }
    bool shares(const Body& other) const { return m_text == other.m_text; }
    friend bool operator==(const Body& a, const Body& b) { return a.shares(b) || a.str() == b.str(); }

private:
    static const std::string& none() {
        static const std::string nothing;
        return nothing;
    }
    std::shared_ptr<const std::string> m_text;
};

// One side of a comparison: an *http.Request (the request a test sends) or
// a recorded cassette.Request, with the fields go-vcr's matchers read.
struct Request {
    std::string method;
    std::string url; // the request: Go's URL.String() of it; recorded: `url` as written
    std::string proto;
    int64_t proto_major = 0, proto_minor = 0, content_length = 0;
    std::vector<std::string> transfer_encoding;
    // Go's reflect.DeepEqual after deepEqualContents: nil and empty are the
    // same, so no nil flag is kept.
    Values headers, trailer, form; // form: recorded side only (a request's is ParseForm's)
    std::string host, remote_addr, request_uri;
    Body body;
    // Where it comes from, for messages: "file.yaml:12" (the interaction's line).
    std::string origin;
    size_t line = 0;
};

struct Options {
    Matcher matcher = Matcher::V4;
    // WithIgnoreHeaders (WithIgnoreAuthorization and WithIgnoreUserAgent
    // append "Authorization" and "User-Agent"): deleted by exact key, as Go's
    // delete(map, key) does.
    std::vector<std::string> ignore_headers;
    bool repeat = false; // ReplayableInteractions
    // For a miss, find the nearest interaction, its blocking fields and the
    // hints, and an already replayed interaction that matches (off: only
    // which interaction replays; `used` is not set either).
    bool explain = true;
};

// A field that keeps a request from matching an interaction.
struct Block {
    // method, url, url.scheme, url.userinfo, url.host, url.path, url.query,
    // url.fragment, proto, proto_major, proto_minor, header, body,
    // content_length, transfer_encoding, host, form, trailer, remote_addr,
    // request_uri
    std::string field;
    std::string name; // header or form key, query parameter, JSON path of the body ("$.a[0]")
    std::optional<std::string> recorded, request; // shown values; absent where the side has none
    std::string note;
};

struct Outcome {
    size_t index = 0; // of the request
    std::string method, url, origin;
    std::optional<size_t> replays; // the interaction go-vcr replays
    // No match: the nearest eligible interaction and what blocks it.
    std::optional<size_t> nearest;
    std::vector<Block> blocking;
    // No match, but this interaction matches and was replayed already (by
    // request `used_by`): --repeat would replay it.
    std::optional<size_t> used, used_by;
    std::vector<std::string> hints;
    std::string error; // the request cannot be sent (its URL does not parse)
};

struct Report {
    std::string cassette, requests; // names shown
    Options options;
    std::vector<Outcome> outcomes;
    // Per interaction, filled by mask_report for the renderers (URLs masked).
    std::vector<std::string> recorded_urls, recorded_methods, recorded_origins;
    size_t matched = 0, unmatched = 0, errors = 0;
};

// The recorded requests of a cassette, as go-vcr's Load decodes them
// (absent fields are Go's zero values).
std::vector<Request> recorded_requests(const Cassette& c);

// The requests a Go test would send again for the interactions of `c`
// (another cassette, of either format, or a HAR imported into one): the
// recorded fields of a format 2 file; for a format 1 file, what
// http.NewRequest gives (HTTP/1.1, Host from the URL, ContentLength the
// body's length). The URL is Go's url.Parse + URL.String() of it; the form
// is left to ParseForm, as in a live request. `error` per request is set
// when the URL does not parse.
std::vector<Request> requests_to_send(const Cassette& c, std::vector<std::string>* errors);

// Turns a recorded request into the one a Go test sends again (as
// requests_to_send does); false when its URL does not parse.
bool to_send(Request& request, int format);

// After a rewrite of a cassette (redact): the interactions whose own
// recorded request (`before`: recorded_requests of the cassette as it was)
// replayed before and no longer does, with the default matcher of the
// cassette's format, and the first field that blocks each now. The field
// names only (no values): safe to print.
struct LostReplay {
    size_t interaction = 0;
    std::string field; // "header Authorization", "url.query api_key", "body $.key"
};
struct LostReplays {
    std::vector<LostReplay> lost;
    size_t failing_before = 0; // requests that did not replay before the rewrite either
};
LostReplays lost_replays(std::vector<Request> before, const Cassette& after);

// One request given on the command line: "METHOD URL", "K: V" headers
// (canonicalised as Header.Add does), a body. nullopt and *error on bad input.
std::optional<Request> command_line_request(const std::string& method_url, const std::vector<std::string>& headers,
                                            const std::string& body, std::string* error);

// Go's url.Parse(u).String(); nullopt where url.Parse fails.
std::optional<std::string> go_url_string(std::string_view url);

// Replays `requests` against `recorded` in order. `errors[k]` non-empty marks
// request k as one that cannot be sent.
Report replay(const std::vector<Request>& requests, const std::vector<std::string>& errors,
              const std::vector<Request>& recorded, const Options& options);

// The blocking fields of `recorded` for `request`, all of them, in the
// matcher's order (exposed for tests). `body_consumed`: go-vcr's ParseForm
// read the request body while comparing an earlier interaction.
// `first_only`: stop once the first blocking field is known.
std::vector<Block> blocking_fields(const Request& request, const Request& recorded, const Options& options,
                                   bool body_consumed, bool first_only = false);

} // namespace cassette::match
