// cassette show: a readable view, and git's textconv driver.
#include "commands/commands.hpp"
#include "show/render.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace cassette::cli {

namespace {

struct ShowOptions {
    std::vector<std::string> files;
    std::string color = "auto";
    size_t wrap = 120;
};

int run_show(const ShowOptions& o, Io& io) {
    int status = kExitOk;
    bool first = true;
    for (const auto& path : o.files) {
        std::optional<Cassette> c = load(io, path);
        if (!c) {
            status = kExitError;
            continue;
        }
        show::RenderOptions ro;
        ro.color = o.color == "always" || (o.color == "auto" && io.out_color);
        ro.wrap = o.wrap < 20 ? 20 : o.wrap;
        if (!first) io.out << '\n';
        first = false;
        io.out << show::render(*c, path == "-" ? "<stdin>" : path, ro);
    }
    return status;
}

} // namespace

void setup_show(CLI::App& app, Io& io, int& exit_code) {
    auto opts = std::make_shared<ShowOptions>();
    CLI::App* sub = app.add_subcommand("show", "Print a readable view of a cassette (also a git textconv driver)");
    sub->add_option("FILE", opts->files, "Cassette files ('-' for stdin)")->required();
    sub->add_option("--color", opts->color, "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    sub->add_option("--wrap", opts->wrap, "Wrap body lines longer than this many characters (default 120)");
    sub->footer("For git: echo '*.yaml diff=cassette' >> .gitattributes; git config diff.cassette.textconv 'cassette show'");
    sub->callback([opts, &io, &exit_code] { exit_code = run_show(*opts, io); });
}

} // namespace cassette::cli
