#pragma once
// `fmt --pretty-json` / `--compact-json`: re-indent JSON bodies exactly as
// Go's json.Indent(dst, src, "", "  ") / json.Compact would, and keep the
// lengths that describe them in step.
#include "model/cassette.hpp"

#include <cstddef>

namespace cassette::format {

enum class JsonStyle { Pretty, Compact };

struct JsonBodyOptions {
    JsonStyle style = JsonStyle::Pretty;
    // Request bodies too. go-vcr v4's default matcher compares request
    // bodies byte for byte, so this is off unless asked for.
    bool include_requests = false;
};

// Changes every body whose Content-Type says JSON, that is not compressed
// and that parses, marking it dirty; its lengths follow (replace_body in
// model/http.hpp). Returns how many bodies changed.
size_t reformat_json_bodies(Cassette& c, const JsonBodyOptions& options);

} // namespace cassette::format
