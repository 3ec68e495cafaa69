// Harness (a): the cassette reader on arbitrary bytes, and what every command
// does right after a successful read (layout detection, show's renderer,
// fmt --pretty-json's body pass and the in-place writer with its check).
// Properties: no crash, no sanitizer report; a failed read says why
// (at least one error diagnostic); keep_going never accepts what the
// stopping read refused; a read in pieces on threads (forced here, used for
// big files) and a read with long one-line values decoded by the reader
// itself (ReadOptions::ForTests::long_lines, forced down to short values here) give
// exactly what libyaml reading every character gives, mark for mark.
#include "fuzz_check.hpp"

#include "format/json_bodies.hpp"
#include "model/dump.hpp"
#include "model/walk.hpp"
#include "show/render.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <cstdint>

using namespace cassette;

namespace {

std::string describe(const yaml::ReadResult& r) {
    std::string out = r.ok() ? "ok\n" : "not ok\n";
    for (const auto& d : r.diagnostics)
        out += d.rule + " " + std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + "/" +
               std::to_string(d.where.offset) + " " + (d.interaction ? std::to_string(*d.interaction) : "-") + " " +
               d.message + "\n";
    return out + (r.cassette ? dump_model(*r.cassette) : "no model\n");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);

    yaml::ReadOptions libyaml;
    libyaml.for_tests.long_lines = false;
    yaml::ReadResult strict = yaml::read_cassette(input, "fuzz.yaml", libyaml);
    yaml::ReadOptions all = libyaml;
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

    for (const auto* whole : {&strict, &lenient}) {
        yaml::ReadOptions split;
        split.keep_going = whole == &lenient;
        split.threads = util::ThreadBudget::always_split(2 + unsigned(size % 4));
        split.for_tests.long_line_min = 1 + size % 70;
        const std::string want = describe(*whole);
        const std::string got = describe(yaml::read_cassette(input, "fuzz.yaml", split));
        FUZZ_CHECK(got == want, "a read in pieces differs from the whole read\n--- whole:\n" + want + "--- pieces:\n" + got);
        yaml::ReadOptions fast = split;
        fast.threads = util::ThreadBudget(1);
        const std::string got_fast = describe(yaml::read_cassette(input, "fuzz.yaml", fast));
        FUZZ_CHECK(got_fast == want,
                   "a read with long lines differs from libyaml's\n--- libyaml:\n" + want + "--- long lines:\n" + got_fast);
    }
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
