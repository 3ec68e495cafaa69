#include "diag/diagnostic.hpp"
#include <doctest/doctest.h>

using namespace cassette;

TEST_SUITE("diag::Diagnostic") {
TEST_CASE("formats file:line:col: severity: message [rule]") {
    Diagnostic d;
    d.rule = "type";
    d.where.line = 3;
    d.where.column = 7;
    d.message = "code must be an integer";
    CHECK(format_diagnostic("a.yaml", d) == "a.yaml:3:7: error: code must be an integer [type]");
    CHECK(format_diagnostic("a.yaml", d, false) == "a.yaml:3:7: error: code must be an integer");
}
TEST_CASE("a diagnostic about the whole file has no position") {
    Diagnostic d;
    d.severity = Severity::Warning;
    d.message = "empty file";
    CHECK(format_diagnostic("a.yaml", d) == "a.yaml: warning: empty file");
}
}
