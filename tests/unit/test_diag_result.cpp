#include "diag/result.hpp"
#include <doctest/doctest.h>

#include <memory>

using namespace cassette;

namespace {

diag::Result<int> half(int n) {
    if (n % 2) return diag::error("n.txt", Mark{2, 5, 0}, "odd", std::to_string(n) + " is odd");
    return n / 2;
}

} // namespace

TEST_SUITE("diag::Result") {
TEST_CASE("holds the value or the diagnostics, never both") {
    auto ok = half(8);
    REQUIRE(ok);
    CHECK(ok.ok());
    CHECK(*ok == 4);
    CHECK(ok.errors().empty());

    auto bad = half(7);
    REQUIRE_FALSE(bad);
    REQUIRE(bad.errors().size() == 1);
    CHECK(bad.error().rule == "odd");
    CHECK(bad.error().severity == Severity::Error);
    CHECK(format_diagnostic(bad.error()) == "n.txt:2:5: error: 7 is odd [odd]");
}
TEST_CASE("several diagnostics, and move-only values") {
    diag::Result<std::unique_ptr<int>> v = std::make_unique<int>(3);
    REQUIRE(v);
    std::unique_ptr<int> taken = std::move(v).value();
    CHECK(*taken == 3);

    diag::Result<std::unique_ptr<int>> e =
        diag::Diagnostics{diag::error("a", Mark{}, "x", "first"), diag::error("a", Mark{}, "x", "second")};
    REQUIRE_FALSE(e);
    CHECK(e.errors().size() == 2);
    CHECK(e.error().message == "first");
}
TEST_CASE("Result<void> is ok without diagnostics") {
    diag::Result<void> fine;
    CHECK(fine);
    diag::Result<void> failed = diag::error("c.yaml", Mark{}, "config", "no");
    CHECK_FALSE(failed);
    CHECK(format_diagnostic(failed.error()) == "c.yaml: error: no [config]");
}
}
