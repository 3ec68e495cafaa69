#pragma once
// Secrets never reach diff output. The secrets are the ones `cassette redact`
// finds (redact::Detector, same configuration), and each is shown as redact
// reports it (Secret::masked, util::mask_secret), wherever it occurs in a
// displayed string: values, URLs, text hunks, re-printed JSON.
#include "diff/report.hpp"
#include "model/cassette.hpp"
#include "redact/detect.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace cassette::diff {

// A text to replace and what to show instead.
struct MaskEntry {
    std::string text;
    std::string masked;
};

// Secrets by interaction index, each list longest first without duplicates.
using SecretsByInteraction = std::unordered_map<size_t, std::vector<MaskEntry>>;

// The secrets of the interactions of `c` that the report mentions (only they
// can be displayed), on the old or the new side. Gzip bodies are decoded
// first, since the diff shows them decoded. Each secret gives its bytes as
// written in the scalar (e.g. percent-encoded) and its decoded value.
SecretsByInteraction find_secrets(const Cassette& c, const Report& report, bool old_side,
                                  const redact::Detector& detector, const util::ThreadBudget& threads = {});
// The same, moving the interactions shown out of `c` instead of copying
// them (a caller done with `c`: copying a big cassette's interactions
// cost as much time as comparing them).
SecretsByInteraction take_secrets(Cassette& c, const Report& report, bool old_side, const redact::Detector& detector,
                                  const util::ThreadBudget& threads = {});

// Replace, in every string the renderers print for a change, every
// occurrence of the secrets of the two interactions it comes from. (Per
// interaction, not all secrets in every string: two re-recorded files of
// thousands of interactions each would make that quadratic.)
// A big report is masked in parts on `threads`.
void mask_secrets(Report& report, const SecretsByInteraction& old_side, const SecretsByInteraction& new_side,
                  const util::ThreadBudget& threads = {});

// The same on one string; `secrets` sorted longest first.
std::string mask_text(const std::string& text, const std::vector<MaskEntry>& secrets);

} // namespace cassette::diff
