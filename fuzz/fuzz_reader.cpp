// Harness (a): the cassette reader on arbitrary bytes, and what every command
// does right after a successful read (layout detection, show's renderer,
// fmt --pretty-json's body pass and the in-place writer with its check).
// Properties: no crash, no sanitizer report; a failed read says why
// (at least one error diagnostic); keep_going never accepts what the
// stopping read refused.
#include "fuzz_check.hpp"

#include "format/json_bodies.hpp"
#include "model/walk.hpp"
#include "show/render.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <cstdint>

using namespace cassette;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);

    yaml::ReadResult strict = yaml::read_cassette(input, "fuzz.yaml");
    yaml::ReadOptions all;
    all.keep_going = true;
    yaml::ReadResult lenient = yaml::read_cassette(input, "fuzz.yaml", all);

    for (const auto* r : {&strict, &lenient}) {
        if (!r->ok()) FUZZ_CHECK(!r->diagnostics.empty(), "a refused file must come with a reason");
        for (const auto& d : r->diagnostics) {
            FUZZ_CHECK(!d.message.empty());
            FUZZ_CHECK(d.where.offset <= input.size(), d.message);
        }
    }
    FUZZ_CHECK(strict.ok() == lenient.ok(), "keep_going changes whether the file is accepted");
    if (!strict.ok()) return 0;

    Cassette& c = *strict.cassette;
    // Every span lies inside the source, in order (the in-place writer relies on it).
    for_each_scalar(c, [&](Scalar& s, const ScalarSite&) {
        FUZZ_CHECK(s.span.begin.offset <= s.span.end.offset && s.span.end.offset <= c.source.size());
    });

    show::RenderOptions ro;
    ro.wrap = 20 + size % 100;
    (void)show::render(c, "fuzz.yaml", ro);

    format::JsonBodyOptions jo;
    jo.include_requests = size & 1;
    jo.style = size & 2 ? format::JsonStyle::Compact : format::JsonStyle::Pretty;
    format::reformat_json_bodies(c, jo);
    std::string written = yaml::write_in_place(c);
    auto problem = yaml::verify_written(c, written);
    FUZZ_CHECK(!problem, *problem + "\n--- written:\n" + written);
    return 0;
}
