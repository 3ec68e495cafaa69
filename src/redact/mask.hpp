#pragma once
// For views (show): replace each detected secret in the model by its masked
// form, so nothing we print carries a secret. Never used before a write.
#include "redact/detect.hpp"

namespace cassette::redact {

// Replaces scalar->value[begin, end) of every secret by `masked`; returns how
// many were masked. Secrets of one scalar are replaced back to front.
// mark_dirty: also mark the scalars dirty, so write_in_place re-emits them
// (redact --dry-run shows the "before" side of its diff this way).
size_t mask_secrets(std::vector<Secret>& secrets, bool mark_dirty = false);

} // namespace cassette::redact
