// cassette show: a readable view, and git's textconv driver.
#include "commands/commands.hpp"
#include "config/config.hpp"
#include "recorders/recognize.hpp"
#include "redact/detect.hpp"
#include "redact/mask.hpp"
#include "show/render.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>

namespace cassette::cli {

namespace {

struct ShowOptions {
    std::vector<std::string> files;
    std::string color = "auto";
    size_t wrap = 120;
    std::string config;
    unsigned jobs = 0;
};

int run_show(const ShowOptions& o, Io& io) {
    // Secrets are masked exactly as `cassette redact` reports them, with the
    // same .cassette.yaml settings (allow-lists, extra names).
    redact::DetectOptions detect_options;
    std::string config_path = o.config;
    if (config_path.empty() && !o.files.empty() && o.files.front() != "-") {
        std::filesystem::path dir = std::filesystem::path(o.files.front()).parent_path();
        if (auto found = config::find_config(dir.empty() ? "." : dir.string())) config_path = *found;
    }
    if (!config_path.empty()) {
        std::string error;
        auto cfg = config::load_config(config_path, &error);
        if (!cfg) {
            io.err << error << '\n';
            return kExitError;
        }
        detect_options = redact::from_config(cfg->redact);
    }
    std::string detector_error;
    redact::Detector detector(detect_options, &detector_error);
    if (!detector_error.empty()) {
        io.err << "cassette show: error: " << detector_error << '\n';
        return kExitError;
    }
    int status = kExitOk;
    bool first = true;
    for (const auto& path : o.files) {
        // Another recorder's cassette, or YAML that is no cassette (a git
        // textconv driver set for *.yaml meets CI workflows too): shown as
        // it is, with what the secret search finds by shape masked.
        NotGoVcr other;
        other.keep = true;
        std::optional<Cassette> c = load(io, path, &other, thread_budget(o.jobs));
        if (!c && other.hit) {
            if (!first) io.out << '\n';
            first = false;
            io.out << "# " << (path == "-" ? "<stdin>" : path) << ": " << other.what
                   << ": shown as it is, secrets found by shape masked\n"
                   << recorders::mask_by_shape(other.source, detector, detect_options);
            continue;
        }
        if (!c) {
            status = kExitError;
            continue;
        }
        std::vector<redact::Secret> secrets = detector.detect(*c, thread_budget(o.jobs));
        redact::mask_secrets(secrets);
        show::RenderOptions ro;
        ro.color = o.color == "always" || (o.color == "auto" && io.out_color);
        ro.wrap = o.wrap < 20 ? 20 : o.wrap;
        if (!first) io.out << '\n';
        first = false;
        // The file's name only to tell several apart: git's textconv gives one temporary path.
        const std::string name = o.files.size() == 1 ? std::string() : path == "-" ? "<stdin>" : path;
        io.out << show::render(*c, name, ro);
    }
    return status;
}

} // namespace

void setup_show(CLI::App& app, Io& io, int& exit_code) {
    auto opts = std::make_shared<ShowOptions>();
    CLI::App* sub = app.add_subcommand("show", summary_of("show"));
    sub->add_option("FILE", opts->files, "Cassette files ('-' for stdin)")->required();
    sub->add_option("--color", opts->color, "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    sub->add_option("--wrap", opts->wrap, "Wrap body lines longer than this many characters (default 120)");
    sub->add_option("--config", opts->config,
                    "Read the redact: settings (allow-lists, extra names) used to mask secrets from this file "
                    "instead of the nearest .cassette.yaml")
        ->type_name("FILE");
    add_jobs_option(*sub, opts->jobs);
    sub->footer("For git: echo '*.yaml diff=cassette' >> .gitattributes; git config diff.cassette.textconv 'cassette show'");
    sub->callback([opts, &io, &exit_code] { exit_code = run_show(*opts, io); });
}

} // namespace cassette::cli
