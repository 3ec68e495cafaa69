// docs/ARCHITECTURE.md stays true: every folder of src/ has a row in its
// source map, every row names a folder that exists, and every
// `#include "dir/..."` from one src/ folder into another is an edge the
// row's "may include" column allows (so the dependency direction the
// document describes is the one the code has, and the graph has no cycle).
#include "go_tools.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using testing_support::read_file;

namespace {

const std::string kRoot = CASSETTE_SOURCE_DIR;

// "| `src/lint/` | config diag ... | what ... |" -> lint -> {config, diag, ...}
std::map<std::string, std::set<std::string>> documented_edges() {
    std::map<std::string, std::set<std::string>> edges;
    std::istringstream doc(read_file(kRoot + "/docs/ARCHITECTURE.md"));
    std::regex row(R"(^\| `src/([a-z_]+)/` \|\s*([a-z_ ]*?)\s*\| .+\|$)");
    for (std::string l; std::getline(doc, l);) {
        std::smatch m;
        if (!std::regex_match(l, m, row)) continue;
        std::set<std::string>& to = edges[m[1]];
        std::istringstream deps(m[2].str());
        for (std::string d; deps >> d;) to.insert(d);
    }
    return edges;
}

std::set<std::string> src_folders() {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(kRoot + "/src"))
        if (e.is_directory()) out.insert(e.path().filename().string());
    return out;
}

} // namespace

TEST_SUITE("architecture") {

TEST_CASE("docs/ARCHITECTURE.md describes every src/ folder, and only those") {
    const auto edges = documented_edges();
    const auto folders = src_folders();
    REQUIRE(folders.size() >= 10);
    for (const auto& f : folders) CHECK_MESSAGE(edges.count(f), "docs/ARCHITECTURE.md has no row for src/" << f << "/");
    for (const auto& edge : edges) {
        const std::string& f = edge.first; // not a structured binding: clang 14 cannot capture one
        const auto& to = edge.second;
        CHECK_MESSAGE(folders.count(f), "docs/ARCHITECTURE.md describes src/" << f << "/, which does not exist");
        for (const auto& d : to) CHECK_MESSAGE(folders.count(d), "src/" << f << "/ may include src/" << d << "/, which does not exist");
    }
}

TEST_CASE("every include between src/ folders is an edge docs/ARCHITECTURE.md allows; the graph has no cycle") {
    const auto edges = documented_edges();
    const auto folders = src_folders();
    std::regex include(R"re(#include "([a-z_]+)/[^"]+")re");
    size_t seen = 0;
    for (const auto& e : fs::recursive_directory_iterator(kRoot + "/src")) {
        if (!e.is_regular_file()) continue;
        const fs::path rel = fs::relative(e.path(), kRoot + "/src");
        if (rel.begin() == rel.end() || std::next(rel.begin()) == rel.end()) continue; // src/main.cpp
        const std::string from = rel.begin()->string();
        const std::string text = read_file(e.path().string());
        for (std::sregex_iterator it(text.begin(), text.end(), include), end; it != end; ++it) {
            const std::string to = (*it)[1];
            if (to == from || !folders.count(to)) continue;
            ++seen;
            const auto row = edges.find(from);
            CHECK_MESSAGE((row != edges.end() && row->second.count(to)),
                          "src/" << rel.generic_string() << " includes " << (*it)[0].str() << ": src/" << from
                                 << "/ may not include src/" << to << "/ (docs/ARCHITECTURE.md)");
        }
    }
    CHECK(seen > 50);
    // The documented graph is acyclic (so the code's is too).
    std::map<std::string, int> state; // 1: on the path, 2: done
    std::function<bool(const std::string&)> cyclic = [&](const std::string& n) {
        if (state[n] == 1) return true;
        if (state[n] == 2) return false;
        state[n] = 1;
        if (auto it = edges.find(n); it != edges.end())
            for (const auto& d : it->second)
                if (cyclic(d)) return true;
        state[n] = 2;
        return false;
    };
    for (const auto& edge : edges) {
        const std::string& n = edge.first;
        CHECK_MESSAGE(!cyclic(n), "a dependency cycle through src/" << n << "/");
    }
}

}
