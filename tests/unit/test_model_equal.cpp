// Data equality and the interaction digests the write check relies on.
#include "corpus_files.hpp"
#include "model/equal.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <functional>

using namespace cassette;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> cassette_files() { return testing_support::sample_and_corpus_files(); }

Cassette one(const Cassette& from, const Interaction& in) {
    Cassette c;
    c.version = from.version;
    c.interactions_present = true;
    c.interactions.push_back(in);
    return c;
}

Scalar text(std::string v) {
    Scalar s;
    s.value = std::move(v);
    return s;
}

} // namespace

TEST_CASE("digest_of agrees with first_difference on every kind of change (samples and corpus)") {
    using Change = std::function<bool(Interaction&)>; // false: not applicable to this interaction
    const std::vector<std::pair<const char*, Change>> changes = {
        {"none", [](Interaction&) { return true; }},
        {"header order", [](Interaction& in) {
             std::reverse(in.request.headers.entries.begin(), in.request.headers.entries.end());
             return in.request.headers.entries.size() > 1;
         }},
        {"header value", [](Interaction& in) {
             if (in.response.headers.entries.empty() || in.response.headers.entries[0].values.empty()) return false;
             in.response.headers.entries[0].values[0].value += "x";
             return true;
         }},
        {"header values swapped", [](Interaction& in) {
             for (auto& e : in.response.headers.entries)
                 if (e.values.size() > 1 && e.values[0].value != e.values[1].value) {
                     std::swap(e.values[0], e.values[1]);
                     return true;
                 }
             return false;
         }},
        {"header name case", [](Interaction& in) {
             if (in.request.headers.entries.empty()) return false;
             std::string& n = in.request.headers.entries[0].name.value;
             std::transform(n.begin(), n.end(), n.begin(), [](char ch) { return char(std::tolower((unsigned char)ch)); });
             return true;
         }},
        {"body byte", [](Interaction& in) {
             in.response.body.value.value += " ";
             return true;
         }},
        {"bytes moved between bodies", [](Interaction& in) {
             if (in.request.body.value.value.empty()) return false;
             in.response.body.value.value.insert(0, 1, in.request.body.value.value.back());
             in.request.body.value.value.pop_back();
             return true;
         }},
        {"url absent", [](Interaction& in) {
             in.request.url.present = !in.request.url.present;
             return true;
         }},
        {"code null", [](Interaction& in) {
             in.response.code.value.value = "";
             return in.response.code.present;
         }},
        {"code zero", [](Interaction& in) {
             in.response.code.value.value = "0";
             return in.response.code.present;
         }},
        {"unknown key", [](Interaction& in) {
             Node v;
             v.scalar = text("x");
             in.extra.push_back(NodeEntry{text("note"), v});
             return true;
         }},
        {"unknown key null spelled ~", [](Interaction& in) {
             Node v;
             v.scalar = text("~");
             in.response.extra.push_back(NodeEntry{text("note"), v});
             return true;
         }},
        {"form value", [](Interaction& in) {
             if (in.request.form.entries.empty() || in.request.form.entries[0].values.empty()) return false;
             in.request.form.entries[0].values[0].value.clear();
             return true;
         }},
    };
    size_t compared = 0, different = 0;
    for (const auto& path : cassette_files()) {
        auto r = yaml::read_cassette_file(path);
        if (!r.ok()) continue;
        const Cassette& c = *r.cassette;
        for (size_t i = 0; i < c.interactions.size() && i < 25; ++i) {
            for (const auto& [name, change] : changes) {
                Interaction b = c.interactions[i];
                if (!change(b)) continue;
                CAPTURE(path);
                CAPTURE(i);
                const auto& change_name = name; // clang 14 cannot capture a structured binding
                CAPTURE(change_name);
                const bool same_data = !first_difference(one(c, c.interactions[i]), one(c, b));
                const bool same_digest = digest_of(c.interactions[i]) == digest_of(b);
                CHECK(same_digest == same_data);
                ++compared;
                different += !same_data;
            }
        }
    }
    MESSAGE(compared << " changed interactions compared, " << different << " different data");
    if (testing_support::shared_corpus_present()) CHECK(different > 100);
    else CHECK(different > 10);
}

TEST_CASE("the write check finds and names a difference in a big cassette read in pieces") {
    auto r = yaml::read_cassette_file(std::string(CASSETTE_SOURCE_DIR) + "/samples/openai-chat.yaml");
    REQUIRE(r.ok());
    Cassette big = *r.cassette;
    const auto first = big.interactions;
    std::string padded(big.source.view());
    while (padded.size() < (size_t(3) << 20) && big.interactions.size() < 100000) {
        for (const auto& in : first) big.interactions.push_back(in);
        padded.append(4096, ' '); // only its size counts here: the writer below does not use it
    }
    big.source = cassette::SourceText(std::move(padded));
    for (size_t i = 0; i < big.interactions.size(); ++i) big.interactions[i].id.value.value = std::to_string(i);
    std::string written = yaml::write_canonical(big, big.layout);
    REQUIRE(written.size() > (size_t(1) << 20));

    std::string ok = written;
    CHECK(yaml::verify_written_borrowing(big, ok) == std::nullopt);
    CHECK(ok == written); // given back

    // One byte of a late interaction's response body changed.
    const size_t at = written.rfind("chat.completion");
    REQUIRE(at != std::string::npos);
    std::string changed = written;
    changed[at] = 'C';
    size_t index = 0; // the interaction holding `at`: items before it
    for (size_t p = written.find("\n    - id:"); p < at; p = written.find("\n    - id:", p + 1)) ++index;
    REQUIRE(index > big.interactions.size() / 2);
    auto problem = yaml::verify_written_borrowing(big, changed);
    REQUIRE(problem);
    CHECK(*problem == "a value would change on writing: interactions[" + std::to_string(index - 1) + "].response.body");

    // One interaction fewer.
    std::string shorter = written.substr(0, written.rfind("\n    - id:") + 1);
    problem = yaml::verify_written_borrowing(big, shorter);
    REQUIRE(problem);
    CHECK(*problem == "a value would change on writing: interactions (count)");

    // Cut inside a quoted scalar: it does not read back.
    std::string cut = written.substr(0, written.rfind("body: '") + 9);
    problem = yaml::verify_written_borrowing(big, cut);
    REQUIRE(problem);
    CHECK(problem->rfind("the written text does not read back: ", 0) == 0);
}
