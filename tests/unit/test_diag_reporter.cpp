#include "diag/reporter.hpp"
#include "diag/result.hpp"
#include <doctest/doctest.h>

#include <sstream>

using namespace cassette;

namespace {

Diagnostic with(Severity s, const std::string& message) {
    Diagnostic d = diag::error("f.yaml", Mark{3, 1, 0}, "r", message);
    d.severity = s;
    return d;
}

} // namespace

TEST_SUITE("diag::Reporter") {
TEST_CASE("prints one line per diagnostic and counts them by severity") {
    std::ostringstream out;
    diag::Reporter r(out);
    r.report(with(Severity::Error, "bad"));
    r.report(with(Severity::Warning, "meh"), false);
    r.report(diag::Diagnostics{with(Severity::Note, "fyi"), with(Severity::Error, "worse")});
    CHECK(out.str() == "f.yaml:3:1: error: bad [r]\n"
                       "f.yaml:3:1: warning: meh\n"
                       "f.yaml:3:1: note: fyi [r]\n"
                       "f.yaml:3:1: error: worse [r]\n");
    CHECK(r.errors() == 2);
    CHECK(r.count(Severity::Warning) == 1);
    CHECK(r.count(Severity::Note) == 1);
}
TEST_CASE("errors only (-q) drops warnings and notes but still counts them") {
    std::ostringstream out;
    diag::Reporter r(out, {true, false});
    r.report(with(Severity::Warning, "meh"));
    r.report(with(Severity::Note, "fyi"));
    r.report(with(Severity::Error, "bad"));
    CHECK(out.str() == "f.yaml:3:1: error: bad [r]\n");
    CHECK(r.count(Severity::Warning) == 1);
    CHECK(r.errors() == 1);
}
TEST_CASE("colour paints the severity word only") {
    std::ostringstream out;
    diag::Reporter r(out, {false, true});
    r.report(with(Severity::Error, "error: in the message"));
    CHECK(out.str() == "f.yaml:3:1: \x1b[1;31merror\x1b[0m: error: in the message [r]\n");
}
}
