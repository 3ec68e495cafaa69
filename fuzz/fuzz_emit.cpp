// Harness (d): the scalar emitter in the contexts it really writes into.
// A fixed set of template cassettes (samples/ and fuzz/templates/: every
// layout, CRLF, flow collections, block scalars, extras, binary bodies) is
// read once; the fuzz input picks a template and supplies a new value for
// every scalar. write_in_place re-emits them all, and verify_written (what
// every command calls before replacing a file) must accept the result.
#include "fuzz_check.hpp"

#include "model/walk.hpp"
#include "yaml/emit_scalar.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <map>
#include <set>

using namespace cassette;

namespace {

std::vector<Cassette>& templates() {
    static std::vector<Cassette> list = [] {
        std::vector<Cassette> out;
        for (const char* folder : {"samples", "fuzz/templates"}) {
            for (std::string& text : fuzz::source_files(folder)) {
                yaml::ReadResult r = yaml::read_cassette(std::move(text), "template.yaml");
                if (!r.ok()) fuzz::fail("a template does not read", folder);
                out.push_back(std::move(*r.cassette));
            }
        }
        if (out.empty()) fuzz::fail("no templates found");
        return out;
    }();
    return list;
}

// The keys of unknown-key mappings (the walk reports them as Extra, like values).
void collect_keys(std::vector<NodeEntry>& entries, std::set<const Scalar*>& out);
void collect_keys(Node& n, std::set<const Scalar*>& out) {
    for (auto& item : n.items) collect_keys(item, out);
    collect_keys(n.entries, out);
}
void collect_keys(std::vector<NodeEntry>& entries, std::set<const Scalar*>& out) {
    for (auto& e : entries) {
        out.insert(&e.key);
        collect_keys(e.value, out);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    templates();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzedDataProvider in(data, size);
    const auto& all = templates();
    Cassette c = all[in.ConsumeIntegralInRange<size_t>(0, all.size() - 1)];
    const yaml::Dialect dialect = yaml::dialect_of(c.layout);

    std::set<const Scalar*> extra_keys;
    collect_keys(c.extra, extra_keys);
    for (auto& i : c.interactions) {
        collect_keys(i.extra, extra_keys);
        collect_keys(i.request.extra, extra_keys);
        collect_keys(i.response.extra, extra_keys);
    }
    auto is_key = [&](const Scalar& s, const ScalarSite& site) {
        return site.kind == ScalarKind::Key || (site.kind == ScalarKind::Extra && extra_keys.count(&s));
    };

    // Keys of one mapping must stay distinct (a duplicate is a read error, not
    // an emitter bug): remember every key of each (interaction, path).
    std::map<std::pair<size_t, std::string_view>, std::set<std::string>> keys;
    for_each_scalar(c, [&](Scalar& s, const ScalarSite& site) {
        if (is_key(s, site))
            keys[{site.interaction.value_or(SIZE_MAX), site.path}].insert(s.value);
    });

    for_each_scalar(c, [&](Scalar& s, const ScalarSite& site) {
        if (in.remaining_bytes() == 0) return;
        s.dirty = true; // even when unchanged: re-emitting must give the same value
        if (site.kind == ScalarKind::Raw || !in.ConsumeBool()) return; // ints and bools are written as they are
        std::string value = in.ConsumeRandomLengthString(4096);
        if (is_key(s, site)) {
            // Keys must stay simple (go-yaml writes others as `? key`) and distinct.
            if (!yaml::is_simple_key(value, dialect)) return;
            auto& used = keys[{site.interaction.value_or(SIZE_MAX), site.path}];
            if (used.count(value)) return;
            used.insert(value);
        }
        s.value = std::move(value);
    });

    std::string written = yaml::write_in_place(c);
    auto problem = yaml::verify_written(c, written);
    FUZZ_CHECK(!problem, *problem + "\n--- written:\n" + written);
    return 0;
}
