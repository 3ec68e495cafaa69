#pragma once
// Differential tests run go-yaml's real emitters (Debian golang-go +
// golang-gopkg-yaml.v2-dev / -v3-dev). Each Go program lives in
// tests/go/<name>/main.go and is built on first use into
// <build>/go/<name>. Where Go or the yaml packages are missing, go_tool()
// returns nullopt and the test skips (it says so in its output).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace testing_support {

// Path of the built tool, or nullopt when Go is not available.
std::optional<std::string> go_tool(const std::string& name);

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Run argv[0] with the arguments, feeding `input` on stdin; capture both streams.
RunResult run_process(const std::vector<std::string>& argv, const std::string& input = {});

// The line protocol of the Go reference tools (tests/go/httpref): a value
// travels as "-" (empty) or lowercase hex; a reply token is "x" + hex.
std::string hex(std::string_view s);
std::string unx(std::string_view token);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& data);

} // namespace testing_support
