#pragma once
// cassette diff: two cassettes -> a Report (report.hpp). Interactions are
// paired by request identity, not by position or id; paired interactions are
// compared field by field, bodies by content type (JSON structurally, text
// by lines, SSE by events, binary by size and hash, gzip decoded first).
#include "diff/json_diff.hpp"
#include "diff/report.hpp"
#include "model/cassette.hpp"
#include "util/parallel.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cassette::diff {

struct DiffOptions {
    bool all = false; // show everything: volatile fields and the ignores below
    std::vector<std::string> ignore_headers;     // more headers to ignore (case-insensitive, '*' suffix globs)
    std::vector<JsonPathPattern> ignore_json_paths; // JSON body paths to ignore (request and response)
    // The command's thread budget: pairs holding util::split_at::kDiffBytes
    // or more are compared in parts. The report is the same for any budget.
    util::ThreadBudget threads;
};

// Headers that change on every recording and are ignored unless --all
// (the list --help and the man page print).
const std::vector<std::string_view>& default_ignored_headers();

// Case-insensitive header name match; a pattern ending in '*' matches every
// name starting with what precedes it ("X-Ratelimit-*").
bool header_pattern_matches(std::string_view pattern, std::string_view name);

// Compare `old_c` with `new_c`. Secrets are NOT masked here (mask.hpp).
Report compare(const Cassette& old_c, const Cassette& new_c, const DiffOptions& options);

// The empty cassette a /dev/null side of git's diff stands for.
Cassette empty_cassette(int format);

} // namespace cassette::diff
