#include "diff/mask.hpp"

#include "diff/json_diff.hpp"

#include "util/gzip.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <set>
#include <thread>

namespace cassette::diff {

namespace {

// Bodies the diff shows decoded are given to the detector decoded (redact
// itself leaves compressed bodies alone: it cannot rewrite inside them).
void decode_for_detection(Field& body, HeaderMap& headers) {
    if (!util::looks_gzip(body.value.value)) return;
    auto text = util::gunzip(body.value.value, 64u << 20);
    if (!text) return;
    body.value.value = std::move(*text);
    body.value.binary = false;
    std::erase_if(headers.entries, [](const HeaderEntry& e) { return util::iequals(e.name.value, "Content-Encoding"); });
}

} // namespace

namespace {

// `take`: the interactions shown are moved out of `c`, not copied.
SecretsByInteraction find_secrets_in(Cassette& c, bool take, const Report& report, bool old_side,
                                     const redact::Detector& detector, const util::ThreadBudget& threads) {
    // A cassette of just the interactions shown: detecting over a large file
    // would cost more than the diff.
    Cassette shown;
    shown.version = c.version;
    std::vector<size_t> original; // index in `c` of each interaction of `shown`
    std::set<size_t> seen;
    for (const auto& ch : report.changes) {
        const auto& idx = old_side ? ch.old_index : ch.new_index;
        if (!idx || *idx >= c.interactions.size() || !seen.insert(*idx).second) continue;
        Interaction copy = take ? std::move(c.interactions[*idx]) : c.interactions[*idx];
        decode_for_detection(copy.request.body, copy.request.headers);
        decode_for_detection(copy.response.body, copy.response.headers);
        shown.interactions.push_back(std::move(copy));
        original.push_back(*idx);
    }
    SecretsByInteraction out;
    for (const auto& s : detector.detect(shown, threads)) {
        auto& list = out[original.at(s.interaction)];
        if (s.scalar && s.end > s.begin && s.end <= s.scalar->value.size())
            list.push_back({s.scalar->value.substr(s.begin, s.end - s.begin), s.masked});
        if (!s.value.empty()) list.push_back({s.value, s.masked});
    }
    for (auto& [index, list] : out) {
        // Longest first, so a secret containing another is replaced whole.
        std::stable_sort(list.begin(), list.end(), [](const MaskEntry& a, const MaskEntry& b) {
            return a.text.size() != b.text.size() ? a.text.size() > b.text.size() : a.text < b.text;
        });
        list.erase(std::unique(list.begin(), list.end(),
                               [](const MaskEntry& a, const MaskEntry& b) { return a.text == b.text; }),
                   list.end());
    }
    return out;
}

} // namespace

SecretsByInteraction find_secrets(const Cassette& c, const Report& report, bool old_side,
                                  const redact::Detector& detector, const util::ThreadBudget& threads) {
    return find_secrets_in(const_cast<Cassette&>(c), false, report, old_side, detector, threads);
}

SecretsByInteraction take_secrets(Cassette& c, const Report& report, bool old_side, const redact::Detector& detector,
                                  const util::ThreadBudget& threads) {
    return find_secrets_in(c, true, report, old_side, detector, threads);
}

std::string mask_text(const std::string& text, const std::vector<MaskEntry>& secrets) {
    std::string s = text;
    for (const auto& e : secrets) {
        if (e.text.empty() || s.find(e.text) == std::string::npos) continue;
        size_t pos = 0;
        while ((pos = s.find(e.text, pos)) != std::string::npos) {
            s.replace(pos, e.text.size(), e.masked);
            pos += e.masked.size();
        }
    }
    return s;
}

void mask_secrets(Report& report, const SecretsByInteraction& old_side, const SecretsByInteraction& new_side,
                  const util::ThreadBudget& threads) {
    static const std::vector<MaskEntry> none;
    auto lookup = [](const SecretsByInteraction& m, const std::optional<size_t>& i) -> const std::vector<MaskEntry>& {
        if (!i) return none;
        auto it = m.find(*i);
        return it == m.end() ? none : it->second;
    };
    // Each change on its own: a big report is masked in parts.
    auto& changes = report.changes;
    const size_t n = changes.size();
    const size_t parts = threads.split(n, util::split_at::kDiffMaskChanges);
    threads.run(parts, [&](size_t k) {
        for (size_t i = n * k / parts; i < n * (k + 1) / parts; ++i) {
            Change& c = changes[i];
            const auto& a = lookup(old_side, c.old_index);
            const auto& b = lookup(new_side, c.new_index);
            auto mask = [&](std::string& s) { s = mask_text(mask_text(s, a), b); };
            // A list's values one by one (a secret is found as written, not JSON-escaped).
            auto mask_value = [&](std::string& s) {
                if (!c.list) return mask(s);
                nlohmann::json v = nlohmann::json::parse(s, nullptr, false);
                if (!v.is_array()) return mask(s);
                for (auto& e : v)
                    if (e.is_string()) e = mask_text(mask_text(e.get<std::string>(), a), b);
                s = json_text(v);
            };
            mask(c.url);
            mask(c.path); // a text hunk's path holds no secret, but a JSON key could
            if (c.old_value) mask_value(*c.old_value);
            if (c.new_value) mask_value(*c.new_value);
            // Two different secrets can mask alike ("sk-p…9fQa"): say that they differ.
            if (c.kind == Change::Changed && c.old_value && c.new_value && *c.old_value == *c.new_value) {
                nlohmann::json v = c.list ? nlohmann::json::parse(*c.new_value, nullptr, false) : nlohmann::json();
                if (v.is_array() && !v.empty() && v.back().is_string()) {
                    v.back() = v.back().get<std::string>() + " (a different secret)";
                    *c.new_value = json_text(v);
                } else {
                    *c.new_value += " (a different secret)";
                }
            }
        }
    });
}

} // namespace cassette::diff
