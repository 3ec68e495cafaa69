#pragma once
// Reads a cassette with libyaml's event parser straight into the model (no
// intermediate tree). libyaml is the C original that go-yaml ports, so what
// it accepts and rejects is what go-vcr accepts and rejects; it also gives
// every node's style and exact byte span, which the edit-in-place writer needs.
#include "diag/diagnostic.hpp"
#include "model/cassette.hpp"
#include "model/equal.hpp"
#include "util/parallel.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cassette::yaml {

struct ReadOptions {
    // Keep reading after a schema problem (wrong type, duplicate key, alias)
    // and report them all: lint wants every finding. A YAML syntax error
    // always stops the read.
    bool keep_going = false;
    // Nesting deeper than this is refused (the model is 6 levels deep; only
    // unknown keys can nest further).
    int max_depth = 64;
    // The command's thread budget (util/parallel.hpp): a file of
    // util::split_at::kReadBytes or more is cut into that many pieces (at
    // most util::kMaxSplit) read at the same time. Reading in pieces gives
    // exactly the model a whole read gives, or falls back to a whole read
    // (pieces.cpp). Default: one thread, no pieces.
    util::ThreadBudget threads;
    // Keep only a digest of each interaction (ReadResult::digests), not the
    // interaction: the write check compares a written text this way without
    // a second model in memory. The cassette then has no interactions.
    bool digest_interactions = false;
    // Test hooks: switches that exist only so that tests (and the reader
    // fuzzer) compare the slow and the fast paths. No command sets them
    // (docs/ARCHITECTURE.md, "Test hooks").
    struct ForTests {
        // Decode long one-line scalars here rather than have libyaml read
        // them a character at a time ("Long lines" in long_lines.hpp): the
        // same model, diagnostics and marks, faster. Off: libyaml reads all.
        bool long_lines = true;
        // Values shorter than this (bytes) are left to libyaml; tests lower
        // it to put every one-line value through the reader's own decoding.
        size_t long_line_min = 64;
    } for_tests;
};

struct ReadResult {
    std::optional<Cassette> cassette; // absent when the file could not be read at all
    std::vector<Diagnostic> diagnostics;
    // How many pieces the file was read in, at the same time (1: whole).
    unsigned pieces = 1;
    // How many long one-line scalars were decoded by the reader itself
    // (ReadOptions::ForTests::long_lines); 0 when libyaml read every character.
    size_t long_lines = 0;
    // With ReadOptions::digest_interactions: one per interaction, in order.
    std::vector<InteractionDigest> digests;
    // True when the cassette was read without any error diagnostic.
    bool ok() const;
};

// Parse `source` (the file's bytes). `path` is only stored in the model.
// A mapped source (read_cassette_file of a big file) has the pages the
// reader is done with dropped from memory as it goes.
ReadResult read_cassette(SourceText source, std::string path, const ReadOptions& options = {});
inline ReadResult read_cassette(std::string source, std::string path, const ReadOptions& options = {}) {
    return read_cassette(SourceText(std::move(source)), std::move(path), options);
}

// Read a file (or stdin for "-") and parse it. I/O errors become a
// diagnostic with rule "io" and no position. A regular file of
// kMapMinBytes or more is mapped rather than copied (util/mapped_file.hpp).
constexpr size_t kMapMinBytes = size_t(8) << 20;
// That mapping alone: nullopt for "-", a smaller file or one that cannot be
// mapped (read it the usual way, which also reports why it cannot be read).
std::optional<SourceText> map_source(const std::string& path);
ReadResult read_cassette_file(const std::string& path, const ReadOptions& options = {});

// Guess which writer laid the file out (FORMAT.md 4.0). Called by the reader;
// exposed for tests.
Layout detect_layout(const Cassette& c);

} // namespace cassette::yaml
