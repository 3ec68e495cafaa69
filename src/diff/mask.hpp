#pragma once
// Secrets never reach diff output: every secret found in the two cassettes
// is replaced, wherever it occurs in a displayed string (values, URLs), by
// util::mask_secret of it, the way `cassette redact` reports it.
//
// INTERIM: until redact::detect (src/redact/detect.hpp, branch helper-redact)
// is merged, find_secrets is a small detector of its own (credential header,
// query, form and JSON key names; well-known token shapes). Masking is this
// one function pair, so switching to redact::detect changes find_secrets only.
#include "diff/report.hpp"
#include "model/cassette.hpp"

#include <string>
#include <vector>

namespace cassette::diff {

// Secret values in the interactions of `c` that the report mentions (only
// they can be displayed), longest first, without duplicates.
std::vector<std::string> find_secrets(const Cassette& c, const Report& report, bool old_side);

// Masks every occurrence of every secret, plus anything shaped like a
// well-known token (sk-..., ghp_..., AKIA..., JWTs, ...), in every string the
// renderers print.
void mask_secrets(Report& report, const std::vector<std::string>& secrets);

// The same on one string (for tests and for renderers' extra text).
std::string mask_text(const std::string& text, const std::vector<std::string>& secrets);

} // namespace cassette::diff
