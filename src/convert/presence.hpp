#pragma once
// Which fields go-vcr writes for an interaction (FORMAT.md 2.1, 2.2): the
// format-1 key set; format 2 with every field (go-vcr v3 .. v4.0.2); format 2
// with `omitempty` (v4.0.3+: a zero value of a field the schema tags
// omitempty is left out). The fields, their order and tags are the rows of
// model/schema.hpp.
// HAR import and v1 <-> v2 migration set `present` from this; HAR export
// records a field list only when a cassette deviates from it.
#include "model/cassette.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cassette::convert {

// How a writer chose which fields to emit.
struct FieldSet {
    int format = 2;          // 1 or 2
    bool all_fields = false; // format 2 only: no omitempty
};

// One known field of a request or response, for generic passes.
struct FieldRef {
    std::string_view name; // YAML key
    bool* present;
    bool zero;       // what yaml's isZero says of the value (omitempty drops it)
    bool omitempty;  // tagged omitempty since go-vcr v4.0.3
    bool v2_only;    // not in format 1
};

// The fields in go-vcr's declaration order (the schema's rows).
std::vector<FieldRef> request_fields(Request& r);
std::vector<FieldRef> response_fields(Response& r);

// Whether `set`'s writer emits this field (given its value).
bool default_present(const FieldSet& set, const FieldRef& f);

// Set every field's `present` flag as `set`'s writer would; the id too.
void apply_presence(const FieldSet& set, Interaction& in);

// Empty the values of absent fields (and of the id when absent): the
// reader leaves them empty and model equality compares them.
void clear_absent(Interaction& in);

// Present fields' names, space separated ("proto proto_major ... method").
std::string present_names(const std::vector<FieldRef>& fields);

// True when every field's presence is what `set` would give.
bool presence_is_default(const FieldSet& set, Interaction& in);

} // namespace cassette::convert
