// id: version 2 interaction ids not 0..n-1 in order, or repeated.
#include "lint/rules/helpers.hpp"

#include <unordered_map>

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    if (ctx.format() != 2) return;
    size_t with_id = 0;
    for (const auto& in : c.interactions) with_id += in.id.present ? 1 : 0;
    // No ids at all is a writer's choice (osv-scanner's own marshaller):
    // go-vcr never reads stored ids.
    if (with_id == 0) return;
    std::unordered_map<int64_t, uint32_t> seen; // id -> line
    bool order_reported = false;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        const Interaction& in = c.interactions[i];
        if (!in.id.present) {
            ctx.report(in.span.begin, "interaction " + std::to_string(i) + " has no `id` while others have one", i);
            continue;
        }
        auto id = in.id.as_int();
        if (!id) continue; // `type`
        const Mark at = in.id.value.span.begin;
        auto [it, fresh] = seen.emplace(*id, at.line);
        if (!fresh) {
            ctx.report(at, "id " + std::to_string(*id) + " is repeated (first at line " + std::to_string(it->second) + ")",
                       i);
            continue;
        }
        // One report for the first break in the sequence: a deleted
        // interaction shifts every later id, which is one mistake.
        if (*id != int64_t(i) && !order_reported) {
            order_reported = true;
            ctx.report(at,
                       "id " + std::to_string(*id) + " at position " + std::to_string(i) +
                           ": ids must be 0..n-1 in file order (`cassette fmt` does not renumber; go-vcr does on save)",
                       i);
        }
    }
}

} // namespace

extern const Rule k_rule_id{
    "id", Severity::Error, true, "Version 2 ids are not 0..n-1 in order, or repeated",
    R"(In `version: 2` cassettes each interaction has an `id`, and go-vcr writes
them as 0, 1, 2, ... in file order (it renumbers on every save, after
DiscardOnSave drops some). Ids out of order, with gaps, repeated, or present
on some interactions only mean the file was edited or merged by hand, and
tools and people that refer to "interaction 3" disagree about which one it
is. Only the first break in the order is reported (one deleted interaction
shifts all later ids); every repeated id is.

A version 2 file with no ids at all is accepted: go-vcr never reads stored
ids, and google/osv-scanner writes its cassettes without them on purpose.

Failing:

    interactions:
        - id: 0
          ...
        - id: 2
          ...

Passing:

    interactions:
        - id: 0
          ...
        - id: 1
          ...
)",
    check, nullptr, 0, false, /*fixable=*/true};

} // namespace cassette::lint
