// Harness (f): the differ. The input is one cassette or two (split at the
// first "\n...\n" line). Properties: diff(a, a) reports no difference, with
// and without --all; diff(a, b) and its three renderings never crash.
#include "fuzz_check.hpp"

#include "diff/diff.hpp"
#include "diff/render.hpp"
#include "yaml/reader.hpp"

#include <cstdint>

using namespace cassette;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    const size_t cut = in.find("\n...\n");
    std::string_view first = in.substr(0, cut), second = cut == std::string_view::npos ? in : in.substr(cut + 5);
    yaml::ReadResult a = yaml::read_cassette(std::string(first), "a.yaml");
    if (!a.ok()) return 0;
    for (bool all : {false, true}) {
        diff::DiffOptions o;
        o.all = all;
        diff::Report same = diff::compare(*a.cassette, *a.cassette, o);
        FUZZ_CHECK(!same.has_differences(), diff::render_text(same, false));
    }
    yaml::ReadResult b = yaml::read_cassette(std::string(second), "b.yaml");
    if (!b.ok()) return 0;
    diff::Report r = diff::compare(*a.cassette, *b.cassette, diff::DiffOptions{});
    (void)diff::render_text(r, true);
    (void)diff::render_markdown(r);
    (void)diff::render_json(r);
    diff::Report back = diff::compare(*b.cassette, *a.cassette, diff::DiffOptions{});
    FUZZ_CHECK(r.has_differences() == back.has_differences(), "diff(a, b) and diff(b, a) disagree");
    return 0;
}
