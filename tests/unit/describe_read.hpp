#pragma once
// A read's whole outcome as text, for comparing two reads mark for mark:
// acceptance, every diagnostic with its place, the model with its spans.
#include "model/dump.hpp"
#include "yaml/reader.hpp"

#include <string>

namespace testing_support {

inline std::string describe_read(const cassette::yaml::ReadResult& r) {
    std::string out = r.ok() ? "ok\n" : "not ok\n";
    for (const auto& d : r.diagnostics)
        out += d.rule + " " + std::to_string(int(d.severity)) + " " + std::to_string(d.where.line) + ":" +
               std::to_string(d.where.column) + "/" + std::to_string(d.where.offset) + " " +
               (d.interaction ? std::to_string(*d.interaction) : "-") + " " + d.message + "\n";
    out += r.cassette ? cassette::dump_model(*r.cassette) : "no model\n";
    return out;
}

} // namespace testing_support
