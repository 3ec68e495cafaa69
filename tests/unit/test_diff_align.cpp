#include "diff/align.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace cassette::diff;

namespace {

// Reference LCS length by dynamic programming.
size_t lcs_length(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
    std::vector<std::vector<size_t>> t(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
    for (size_t i = 1; i <= a.size(); ++i)
        for (size_t j = 1; j <= b.size(); ++j)
            t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    return t[a.size()][b.size()];
}

void check_valid(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b,
                 const std::vector<std::pair<size_t, size_t>>& p) {
    for (size_t k = 0; k < p.size(); ++k) {
        REQUIRE(p[k].first < a.size());
        REQUIRE(p[k].second < b.size());
        CHECK(a[p[k].first] == b[p[k].second]);
        if (k) {
            CHECK(p[k].first > p[k - 1].first);
            CHECK(p[k].second > p[k - 1].second);
        }
    }
}

} // namespace

TEST_SUITE("diff::align") {

TEST_CASE("an element inserted in the middle leaves the others matched") {
    std::vector<uint32_t> a = {1, 2, 3, 4}, b = {1, 2, 9, 3, 4};
    auto p = lcs(a, b);
    REQUIRE(p.size() == 4);
    CHECK(p[2] == std::pair<size_t, size_t>{2, 3});
    CHECK(p[3] == std::pair<size_t, size_t>{3, 4});
}

TEST_CASE("repeats pair in order") {
    std::vector<uint32_t> a = {5, 5, 5}, b = {5, 5};
    auto p = lcs(a, b);
    REQUIRE(p.size() == 2);
    check_valid(a, b, p);
}

TEST_CASE("empty and disjoint inputs") {
    CHECK(lcs({}, {}).empty());
    CHECK(lcs({1, 2}, {}).empty());
    CHECK(lcs({1, 2, 3}, {4, 5, 6}).empty());
}

TEST_CASE("optimal on random inputs (against dynamic programming)") {
    std::mt19937 rng(42);
    for (int round = 0; round < 300; ++round) {
        std::uniform_int_distribution<int> len(0, 40), sym(0, 1 + round % 6);
        std::vector<uint32_t> a(size_t(len(rng))), b(size_t(len(rng)));
        for (auto& x : a) x = uint32_t(sym(rng));
        for (auto& x : b) x = uint32_t(sym(rng));
        auto p = lcs(a, b);
        check_valid(a, b, p);
        CHECK(p.size() == lcs_length(a, b));
    }
}

TEST_CASE("a spent budget still gives a valid, shorter alignment") {
    std::vector<uint32_t> a, b;
    for (uint32_t i = 0; i < 2000; ++i) {
        a.push_back(i % 7);
        b.push_back((i * 3) % 7);
    }
    auto p = lcs(a, b, 1000);
    check_valid(a, b, p);
    CHECK(p.size() < lcs(a, b).size());
}

TEST_CASE("large inputs with few differences are fast") {
    std::vector<uint32_t> a, b;
    for (uint32_t i = 0; i < 200000; ++i) a.push_back(i);
    b = a;
    b.erase(b.begin() + 1000);
    b.insert(b.begin() + 150000, 999999);
    auto p = lcs(a, b);
    CHECK(p.size() == 199999);
}

TEST_CASE("Interner gives equal strings equal ids") {
    Interner in;
    std::string x = "abc", y = "abc", z = "abd";
    CHECK(in.id(x) == in.id(y));
    CHECK(in.id(x) != in.id(z));
}

}
