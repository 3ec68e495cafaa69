#pragma once
// `cassette convert --to json`: the cassette as JSON for jq pipelines, with
// go-vcr's field names and order. Only the fields the file has are written.
// Integers (id, code, content_length, proto_major/minor) are JSON numbers,
// `uncompressed` a boolean; a string that is not valid UTF-8 (a !!binary
// body) is base64 with a sibling marker: "body": "H4sI...",
// "body_encoding": "base64". Headers, form and trailer are objects of arrays.
#include "convert/json_out.hpp"
#include "model/cassette.hpp"

#include <string>

namespace cassette::convert {

void write_json(const Cassette& c, const Sink& sink);
std::string to_json(const Cassette& c);

} // namespace cassette::convert
