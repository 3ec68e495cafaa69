// Harness (b): the writer round trip on whatever the reader accepts.
//  - write_in_place of an unchanged model gives the input back byte for byte;
//  - write_canonical for the detected layout and for every layout fmt can
//    produce (yaml.v2, yaml.v3, compact, goccy) reads back to the same data
//    (model::first_difference), and is a fixed point: formatting the
//    formatted text again with the same layout changes nothing.
#include "fuzz_check.hpp"

#include "model/equal.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <cstdint>

using namespace cassette;

namespace {

Layout make_layout(Emitter e, int indent, bool indentless, int width, const Layout& from) {
    Layout l = from;
    l.emitter = e;
    l.indent = indent;
    l.indentless = indentless;
    l.width = width;
    return l;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    yaml::ReadResult r = yaml::read_cassette(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    if (!r.ok()) return 0;
    const Cassette& c = *r.cassette;
    // fmt refuses these before writing (commands/common.cpp load()).
    if (c.format() == 0) return 0;

    std::string same = yaml::write_in_place(c);
    FUZZ_CHECK(same == c.source, "an unchanged model was not written back byte for byte");

    const Layout layouts[] = {
        c.layout,
        make_layout(Emitter::YamlV2, 2, true, 80, c.layout),  // fmt --style yaml.v2
        make_layout(Emitter::YamlV3, 4, false, -1, c.layout), // fmt --style yaml.v3
        make_layout(Emitter::YamlV4, 2, true, -1, c.layout),  // fmt --style compact
        make_layout(Emitter::Goccy, 2, true, -1, c.layout),   // goccy/go-yaml
    };
    for (const Layout& layout : layouts) {
        std::string text = yaml::write_canonical(c, layout);
        yaml::ReadResult back = yaml::read_cassette(text, "fuzz.yaml");
        if (!back.ok()) {
            std::string why = back.diagnostics.empty() ? "" : back.diagnostics.front().message;
            fuzz::fail("canonical output does not read back", layout.name() + ": " + why + "\n--- written:\n" + text);
        }
        if (auto d = first_difference(c, *back.cassette))
            fuzz::fail("canonical output reads back different", layout.name() + ": " + *d + "\n--- written:\n" + text);
        std::string again = yaml::write_canonical(*back.cassette, layout);
        FUZZ_CHECK(again == text, layout.name() + ": formatting twice changes the text\n--- once:\n" + text +
                                      "\n--- twice:\n" + again);
    }
    return 0;
}
