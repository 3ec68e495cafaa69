#pragma once
// Files that sit beside go-vcr cassettes but are not go-vcr's: other HTTP
// recorders' cassettes (vcrpy, Ruby VCR, betamax, Polly.js, nock, PHP-VCR,
// ...) and plain YAML/JSON (CI workflows, configuration). They are
// recognised by their shape, never read as a go-vcr cassette (a vcrpy file
// says `version: 1` too), never written, and only searched for secrets by
// shape (docs/lint.md, "Other recorders' files").
#include "diag/diagnostic.hpp"
#include "model/cassette.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cassette::redact {
class Detector;
struct DetectOptions;
} // namespace cassette::redact

namespace cassette::recorders {

struct TreeEntry;

// A YAML/JSON document as a plain tree (the first document of the stream).
struct Tree {
    enum class Kind { Scalar, Sequence, Mapping, Alias };
    Kind kind = Kind::Scalar;
    std::string value; // Scalar: decoded text
    std::string tag;   // as written ("!ruby/struct:VCR::Request"), empty if none
    bool quoted = false;
    Mark at;
    std::vector<Tree> items;                      // Sequence
    std::vector<TreeEntry> entries;               // Mapping, in source order

    const Tree* get(std::string_view key) const; // a mapping's value under a scalar key
    bool is_map() const { return kind == Kind::Mapping; }
    bool is_seq() const { return kind == Kind::Sequence; }
    bool is_scalar() const { return kind == Kind::Scalar; }
};

// A mapping's key and value (a struct, not std::pair: a pair of an
// incomplete Tree inside Tree does not compile with clang and libstdc++).
struct TreeEntry {
    Tree first;
    Tree second;
};

// Parse the first document of `text` (YAML or JSON). nullopt on a syntax
// error (the go-vcr reader reports it), on nesting deeper than 200 levels.
std::optional<Tree> parse_tree(std::string_view text);

struct Verdict {
    enum class Kind {
        GoVcr,       // a go-vcr cassette (or too broken to tell): read it as one
        Other,       // another recorder's cassette
        NotCassette, // YAML/JSON that is no HTTP recording at all
    };
    Kind kind = Kind::GoVcr;
    std::string recorder; // Other: "vcrpy", "Ruby VCR", ...; NotCassette: what it looks like, may be empty
    std::string evidence; // the keys that told ("`http_interactions` and `recorded_with: VCR 6.0.0`")
    std::string hint;     // Other: how that recorder's users remove a secret
    Mark where{1, 1, 0};
};

// Decide from the shape of a parsed document.
Verdict classify(const Tree& root);

// Is it worth looking closer at a file the go-vcr reader read (possibly
// with errors)? Cheap: true when it has no valid version, or its first
// interaction has no `url` (go-vcr always writes one). `c` may be null
// (nothing read): false, the reader's own errors stand.
bool worth_a_look(const Cassette* c);

// Does the first node of `text` look like a list (`- `, `[`) or carry a
// tag (`!tape`)? The go-vcr reader keeps no model of such a file (its root
// is no mapping), so a caller that hands its bytes to the reader keeps them
// when this says so. Looks at the first lines only.
bool starts_with_list_or_tag(std::string_view text);

// Parse and classify `source` when the go-vcr read failed (`read_ok`
// false) or worth_a_look(c); GoVcr otherwise, and when in doubt.
Verdict recognize(const Cassette* c, bool read_ok, std::string_view source);

// One line for a user: "a vcrpy cassette (`interactions` of `request.uri` and
// `response.status.code`), not go-vcr's".
std::string describe(const Verdict& v);

// A secret found by shape in one of the file's strings.
struct Found {
    Mark where;           // the string's start
    std::string detector; // "github-token"
    std::string kind;     // "GitHub token"
    std::string location; // "http_interactions[0].request.headers.Authorization[0]"
    std::string masked;   // the only form ever printed
};

// Every provider-pattern match (redact::pattern_matches) in every string of
// the tree, keys included, in document order; values that already look
// redacted, the options' `allow` values and disabled detectors are left out.
std::vector<Found> find_secrets(const Tree& root, const redact::Detector& detector, const redact::DetectOptions& options);

// `text` with every provider-pattern match (as find_secrets, over the raw
// bytes) replaced by its masked form: how `show` prints such a file.
std::string mask_by_shape(std::string_view text, const redact::Detector& detector,
                          const redact::DetectOptions& options);

} // namespace cassette::recorders
