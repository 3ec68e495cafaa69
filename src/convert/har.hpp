#pragma once
// Cassette <-> HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/).
//
// Export writes one entry per interaction with every field HAR requires (so
// har-validator and browser DevTools accept it) and carries whatever HAR has
// no place for in `_cassette` custom fields (HAR allows `_`-prefixed names):
// the cassette's version and layout in `log._cassette`, and per entry the
// go-vcr fields (id, proto_major/minor, content_length, host, form, ...),
// which fields were written (omitempty), the header grouping when HAR's flat
// list cannot express it, and the exact duration text. Importing such a HAR
// gives back the same cassette, and write_canonical with the recorded layout
// the same bytes.
//
// Import of a HAR without `_cassette` (a browser or proxy export) fills the
// go-vcr fields the way go-vcr v4's recorder would have recorded the same
// exchange from a Go client.
#include "convert/json_out.hpp"
#include "diag/result.hpp"
#include "model/cassette.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cassette::convert {

// 2000-01-01T00:00:00Z: cassettes have no timestamps, so entries start at a
// fixed, obviously synthetic instant unless --start says otherwise.
inline constexpr int64_t k_default_har_start_ns = 946684800LL * 1000000000LL;

struct HarExportOptions {
    int64_t start_ns = k_default_har_start_ns; // startedDateTime of the first entry (ns since the Unix epoch)
    std::string creator_version;               // log.creator.version
};

// Streams the HAR document for `c` to `sink`.
void write_har(const Cassette& c, const HarExportOptions& options, const Sink& sink);

// The same, into a string.
std::string to_har(const Cassette& c, const HarExportOptions& options);

// RFC 3339 date-time ("2024-05-01T12:00:00Z", "2024-05-01T14:00:00.250+02:00")
// as nanoseconds since the Unix epoch; nullopt when malformed.
std::optional<int64_t> parse_rfc3339(std::string_view text);

// ISO 8601 in UTC with milliseconds, as browsers write startedDateTime:
// "2000-01-01T00:00:00.000Z".
std::string format_har_time(int64_t ns);

struct HarImportOptions {
    std::string include_url; // RE2; keep only entries whose URL matches (partial match)
    std::string exclude_url; // RE2; drop entries whose URL matches
    // Keep only entries a script sent: _resourceType xhr or fetch (Chromium);
    // in a HAR without _resourceType (Firefox, Safari, Charles, mitmproxy)
    // entries with Sec-Fetch-Dest: empty, X-Requested-With, or a JSON/XML
    // response. Keeping none of a HAR's entries is an error.
    bool only_xhr = false;
    // Layout for a HAR without log._cassette (browser HARs); one with it
    // keeps its recorded layout unless `style` is set.
    std::string style;       // "", "yaml.v3", "yaml.v2", "compact"
    // Where a body stored beside the HAR (Playwright's content._file,
    // postData._file; _sha1 before Playwright 1.23) is read from: the HAR's
    // own folder; nullopt (a HAR on stdin) reads none. Only plain relative
    // names that stay inside it are read (no absolute path, no `..`, no
    // symlink leading out), each up to max_attachment_bytes: anything else
    // is an error naming the entry.
    std::optional<std::string> attachments_dir;
    size_t max_attachment_bytes = size_t(64) << 20;
};

// A HAR made into a cassette.
struct HarImport {
    Cassette cassette;
    size_t entries = 0; // entries in the HAR
    size_t kept = 0;    // after the filters
    // For the user, one line each: entries skipped (failed requests), the
    // --only-xhr fallback used (notes); bodies lost (warnings).
    std::vector<std::string> notes, warnings;
};
// The import, or why not: one error, rule k_har_rule, no file (the caller
// names it), message "log.entries[3].request.url: expected a string".
using HarImportResult = diag::Result<HarImport>;
inline constexpr const char* k_har_rule = "har";

// Parse HAR text into a cassette (model only: call yaml::write_canonical
// with cassette.layout to get the file). Never throws.
HarImportResult import_har(std::string_view text, const HarImportOptions& options);

// The Layout a --style name stands for (yaml.v3 by default).
Layout layout_for_style(std::string_view style);

} // namespace cassette::convert
