#pragma once
// The one way JSON documents built with nlohmann::json become text (lint's
// JSON and SARIF, diff's JSON, redact's report, ...). nlohmann's dump()
// throws on a string that is not valid UTF-8 unless told otherwise, and
// such strings reach us from file names and cassette bytes; here every
// invalid byte becomes U+FFFD, so writing JSON cannot fail. A test keeps
// every other `.dump(` out of src/.
#include <string>

namespace cassette::json {

// indent < 0: one line; otherwise pretty-printed with that many spaces.
template <class Json>
std::string to_text(const Json& doc, int indent = -1) {
    return doc.dump(indent, ' ', false, Json::error_handler_t::replace);
}

} // namespace cassette::json
