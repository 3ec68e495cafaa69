// Harness (g): HAR export and import.
//  - a cassette the input reads as: export to HAR, import it back: the same
//    data (first_difference), and write_canonical with the recorded layout
//    gives the same bytes as from the original;
//  - any input as HAR text: import never crashes, and what it imports
//    writes a cassette that reads back as the same data.
#include "fuzz_check.hpp"

#include "convert/har.hpp"
#include "model/equal.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <cstdint>

using namespace cassette;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);

    convert::HarImportResult imported = convert::import_har(in, convert::HarImportOptions{});
    if (imported) {
        const Cassette& c = imported->cassette;
        std::string text = yaml::write_canonical(c, c.layout);
        auto problem = yaml::verify_written(c, text);
        FUZZ_CHECK(!problem, *problem + "\n--- written:\n" + text);
    }

    yaml::ReadResult r = yaml::read_cassette(std::string(in), "fuzz.yaml");
    if (!r.ok() || r.cassette->format() == 0) return 0;
    const Cassette& c = *r.cassette;
    std::string har = convert::to_har(c, convert::HarExportOptions{});
    convert::HarImportResult back = convert::import_har(har, convert::HarImportOptions{});
    FUZZ_CHECK(back.ok(), diag::message_of(back) + "\n--- HAR:\n" + har);
    if (auto d = first_difference(c, back->cassette)) fuzz::fail("HAR round trip changes the data", *d + "\n--- HAR:\n" + har);
    const std::string want = yaml::write_canonical(c, c.layout);
    const std::string got = yaml::write_canonical(back->cassette, back->cassette.layout);
    FUZZ_CHECK(want == got, "HAR round trip changes the canonical bytes\n--- want:\n" + want + "\n--- got:\n" + got);
    return 0;
}
