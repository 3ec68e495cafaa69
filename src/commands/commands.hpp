#pragma once
// One setup function per subcommand (src/commands/<name>.cpp).
#include "commands/common.hpp"

namespace cassette::cli {

void setup_convert(CLI::App& app, Io& io, int& exit_code);
void setup_diff(CLI::App& app, Io& io, int& exit_code);
void setup_fmt(CLI::App& app, Io& io, int& exit_code);
void setup_lint(CLI::App& app, Io& io, int& exit_code);
void setup_match(CLI::App& app, Io& io, int& exit_code);
void setup_show(CLI::App& app, Io& io, int& exit_code);
void setup_redact(CLI::App& app, Io& io, int& exit_code);
void setup_init(CLI::App& app, Io& io, int& exit_code);
void setup_completions(CLI::App& app, Io& io, int& exit_code);

} // namespace cassette::cli
