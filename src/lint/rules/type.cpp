// type: a value of the wrong YAML type for its go-vcr field.
#include "lint/rules/helpers.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) { forward_reader(ctx, "type"); }

} // namespace

extern const Rule k_rule_type{
    "type", Severity::Error, true, "A value has the wrong type for its field",
    R"(A value cannot be decoded into the Go type of its go-vcr field, so
yaml.Unmarshal fails and the cassette does not load: an integer field
(`version`, `id`, `code`, `content_length`, `proto_major`) holding text or a
quoted number, a boolean field (`uncompressed`) holding anything but
true/false, headers/form/trailer that are not a mapping of names to lists of
strings, `interactions` that is not a list.

Failing:

    version: "2"
    interactions:
        - id: 0
          response:
              code: OK
              headers: text/plain

Passing:

    version: 2
    interactions:
        - id: 0
          response:
              code: 200
              headers:
                  Content-Type:
                      - text/plain
)",
    check, nullptr, 0, true};

} // namespace cassette::lint
