#pragma once
// A readable, deterministic view of a cassette, for people and for git
// (textconv): one block per interaction, headers, bodies decoded.
#include "model/cassette.hpp"

#include <string>
#include <vector>

namespace cassette::show {

struct RenderOptions {
    bool color = false;
    size_t wrap = 120; // text lines longer than this are wrapped (code points)
};

// `name` heads the first line ("x.yaml: version 2, ..."); "" leaves it out,
// so that the view depends on the content only (git's textconv passes a
// temporary file's path).
std::string render(const Cassette& c, const std::string& name, const RenderOptions& options);

// The lines a body is shown as: JSON pretty-printed, gzip decoded, SSE one
// event per line, binary as a size line plus base64, long lines wrapped.
std::vector<std::string> body_lines(const std::string& body, const HeaderMap& headers, size_t wrap);

} // namespace cassette::show
