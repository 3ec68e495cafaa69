#pragma once
// Baselines: accept the findings a repository has today, report only new ones
// (`cassette lint --baseline FILE`, `redact --check --baseline FILE`, the
// `baseline:` configuration key; `--write-baseline FILE` records them).
//
// An entry must survive what happens to cassettes (lines shift, `fmt`,
// `fmt --pretty-json`, interactions re-ordered, a re-record that sends the
// same requests), so it is keyed by what a finding is about, never by where
// it is written:
//   rule, file (relative to the baseline's folder), the interaction's request
//   identity (method and URL with volatile query values normalised, see
//   normalize_url) and its repeat index among identical requests, the field
//   path (`response.headers.Set-Cookie[0]`, `request.body$.token`), and for a
//   secret a salted hash of its value (a secret that changes is a new
//   finding). A finding about no field (the file's layout, a missing key, a
//   suppression comment) is keyed by its message with the numbers taken out.
// No secret is ever stored: the request identity and the value are salted
// SHA-256 hashes (the salt is in the file); what is readable (the request's
// method, host, path and query names) has long opaque path segments masked.
//
// The file is JSON, one entry per line, sorted: stable and reviewable in a diff.
#include "config/config.hpp"
#include "diag/diagnostic.hpp"
#include "diag/result.hpp"
#include "lint/lint.hpp"
#include "model/cassette.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cassette::redact {
struct Secret;
struct Redaction;
}

namespace cassette::baseline {

// The file `--write-baseline` is documented with (cassette init writes it).
inline constexpr const char* k_default_file = ".cassette-baseline.json";
// The rule id of the note for an entry that matches nothing any more.
inline constexpr const char* k_unused_rule = "unused-baseline";

// The URL as a request identity: scheme and host lower-cased, default port
// and userinfo dropped, the fragment dropped, query parameters sorted, and
// the values of volatile parameters replaced by `*`: timestamps, nonces,
// signatures, paging tokens and cursors (by name: ts, timestamp, nonce,
// signature, X-Amz-Date, page_token, cursor, ...; by shape: epoch seconds or
// milliseconds, ISO 8601 dates), and credentials (by the secret detector's
// parameter names: a rotated key is the same request).
std::string normalize_url(std::string_view url);

// What an entry shows of a request: `GET api.example.com/v1/items?page&ts`
// (no scheme, no query values; a path segment that looks like a credential
// or an opaque id is `*`).
std::string request_display(std::string_view method, std::string_view url);

// The field path of the value at `offset` in interaction `interaction` (or
// at the root): `request.headers.Content-Type[0]` (header names in Go's
// canonical form), `response.body`, `id`, `request.transfer_encoding[1]`,
// an unknown key's name; "" when the offset is in no field.
std::string field_path(const Cassette& c, std::optional<size_t> interaction, uint32_t offset);

// What identifies each finding of one file (lint::Settings::identify):
// opaque texts for Baseline::entry. `c` may be null (a file that did not
// parse: findings are keyed by rule and message).
std::vector<std::string> identify(const Cassette* c, const std::vector<Diagnostic>& findings);
// Each interaction's request identity (may hold what the URL holds: only
// ever hashed) and repeat index; taken before a pass edits the model.
struct Requests {
    std::vector<std::string> identity, display;
    std::vector<size_t> repeat;
};
Requests requests_of(const Cassette& c);
// The identity of a secret redact found: the lint `secret` finding's.
std::string identify_secret(const Requests& requests, const redact::Secret& secret);

struct Entry {
    std::string file;    // relative to the baseline's folder, '/'-separated
    std::string rule;
    std::string request; // request_display (readable only; not matched)
    size_t n = 0;        // repeat index among identical requests
    std::string path;    // field path
    std::string what;    // message without numbers, when the path is empty
    std::string value;   // salted hash of the value (secrets)
    std::string id;      // salted hash of the request identity
    size_t count = 1;    // identical findings

    std::string key() const; // what matching compares (all but request and count)
};

class Baseline {
public:
    // An empty baseline with a new random salt.
    static Baseline create();
    // The baseline in `path`, or why not (rule `baseline`, shown as
    // `FILE: error: ... [baseline]`).
    static diag::Result<Baseline> load(const std::string& path);

    // The entry for a finding of `rule` in `file` (baseline-relative) with
    // identity `identity` (from identify).
    Entry entry(const std::string& file, const std::string& rule, const std::string& identity) const;
    void add(Entry e); // merges identical entries (count)

    // Matching: takes one count of the entry `e` matches; false when none is left.
    bool take(const Entry& e);
    // Entries with counts left, in file order.
    std::vector<Entry> unused() const;

    const std::vector<Entry>& entries() const { return m_entries; }
    // The file's text: sorted entries, one per line.
    std::string text() const;

    std::string salt;

private:
    std::vector<Entry> m_entries;
    std::map<std::string, size_t> m_index;     // key -> entry
    std::map<std::string, size_t> m_remaining; // key -> counts not yet taken
};

// `file` as a baseline names it: relative to the baseline file's folder
// (lexically normalised, '/'-separated); "<stdin>" for "-".
std::string file_key(const std::string& baseline_path, const std::string& file);

// The note's message for an entry that matched nothing.
std::string describe_unused(const Entry& e);

// Whether rule `rule` ran on results[index] (an entry of a rule that did
// not run is neither matched nor stale).
using RanFn = std::function<bool(size_t index, const std::string& rule)>;

// Filter lint results through a baseline: findings it holds are dropped, an
// entry of a linted file that matched nothing becomes an `unused-baseline`
// note on that file. Returns how many findings were dropped.
size_t apply(Baseline& b, const std::string& baseline_path, std::vector<lint::FileResult>& results, const RanFn& ran);

// The baseline of these results: their findings, plus the entries of `old`
// for files not linted this run that still exist and for rules that did not
// run (stale entries are dropped). Keeps old's salt (stable diffs).
Baseline record(const std::optional<Baseline>& old, const std::string& baseline_path,
                const std::vector<lint::FileResult>& results, const RanFn& ran);

// redact --check: drops the redactions of `file` (as the command names it)
// that the baseline holds, given its requests as read (requests_of, before
// redact edited the model). Returns how many were dropped; `stale` gets the
// describe_unused() text of the file's `secret` entries that matched nothing.
size_t filter_redactions(Baseline& b, const std::string& baseline_path, const std::string& file,
                         const Requests& requests, std::vector<redact::Redaction>& redactions,
                         std::vector<std::string>& stale);

// "wrote FILE: 3 entries for 4 findings, 1 stale dropped" (stale: entries
// of `old` that `now` no longer has).
std::string describe_written(const std::string& path, const std::optional<Baseline>& old, const Baseline& now);

// The baseline a command reads: `flag` when given, else the configuration's
// `baseline:` relative to the configuration file's folder; "" for none.
std::string path_to_use(const std::string& flag, const config::Config* config);

} // namespace cassette::baseline
