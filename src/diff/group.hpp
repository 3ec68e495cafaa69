#pragma once
// What the text and markdown renderers print for a Report: the changes per
// interaction, with the repeats a reviewer would otherwise read many times
// collapsed (JSON output keeps every change):
// - a non-body change made identically in 3 or more interactions (the
//   recorder-upgrade fields `proto: "" -> HTTP/1.1`, a new User-Agent) is
//   printed once, with the interactions it was made in;
// - an interaction whose remaining changes are those of an earlier one (a
//   polling loop) is one line: `~ #4-#12 GET url: same 7 changes as #3`.
#include "diff/report.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace cassette::diff {

struct Item {
    enum Kind { Format, Whole, Changed, Repeat } kind = Changed;
    size_t head = 0;             // index in Report::changes of its first change
    std::vector<size_t> changes; // Changed: the changes to print (indexes in Report::changes)
    std::vector<size_t> indexes; // Repeat: the interactions (new indexes) it stands for
    size_t same_as = 0;          // Repeat: the interaction (new index) printed with the changes
    size_t count = 0;            // Repeat: how many changes each has
};

struct CommonChanges {
    std::vector<size_t> changes;      // one of each (indexes in Report::changes)
    std::vector<size_t> interactions; // the interactions (new indexes) that have all of them
};

struct Grouped {
    std::vector<CommonChanges> common;
    std::vector<Item> items; // in report order
};

// How many interactions a non-body change must be made in to be common.
inline constexpr size_t k_common_threshold = 3;

Grouped group_changes(const Report& r);

// "#4-#12, #15" for sorted interaction indexes.
std::string index_ranges(const std::vector<size_t>& indexes);

// A displayed value: a list (Change::list) of one value shows as the value.
std::string display_value(const Change& c, const std::string& value);

} // namespace cassette::diff
