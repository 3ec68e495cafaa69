// cassette show: a readable view, and git's textconv driver.
#include "commands/commands.hpp"
#include "commands/config_resolver.hpp"
#include "commands/inputs.hpp"
#include "config/config.hpp"
#include "recorders/recognize.hpp"
#include "redact/detect.hpp"
#include "redact/mask.hpp"
#include "show/render.hpp"

#include <CLI/CLI.hpp>

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

// The secret detector of a configuration (nullptr: the defaults): secrets
// are masked exactly as `cassette redact` reports them, with the same
// .cassette.yaml settings (allow-lists, extra names).
struct Masker {
    redact::DetectOptions options;
    std::unique_ptr<redact::Detector> detector;
};

// A configuration's Masker; nullopt after reporting why it cannot be made.
std::optional<Masker> make_masker(Io& io, const config::Config* c) {
    Masker m;
    if (c) m.options = redact::from_config(c->redact);
    // Masking only: low-confidence values are masked too (never printed),
    // with a configuration as without one (as diff does).
    m.options.min_confidence = redact::Confidence::Low;
    m.detector = make_detector(io, m.options, c ? c->path : std::string(), "show");
    if (!m.detector) return std::nullopt;
    return m;
}

int run_show(const ShowOptions& o, Io& io) {
    // Each file's own configuration (allow-lists, extra names).
    PerConfig<Masker> maskers(io);
    const Inputs inputs = expand_paths(io, o.files);
    if (!maskers.resolve(o.config, inputs.files, [&](const config::Config* c) { return make_masker(io, c); }))
        return kExitError;
    int status = inputs.ok ? kExitOk : kExitError;
    bool first = true;
    for (size_t k = 0; k < inputs.files.size(); ++k) {
        const std::string& path = inputs.files[k];
        const Masker& m = maskers[k];
        // Another recorder's cassette, or YAML that is no cassette (a git
        // textconv driver set for *.yaml meets CI workflows too): shown as
        // it is, with what the secret search finds by shape masked.
        // Found in a folder, it is skipped with a note instead.
        NotGoVcr other;
        other.found = inputs.found(path);
        other.keep = !other.found;
        std::optional<Cassette> c = load(io, path, &other, thread_budget(o.jobs));
        if (!c && other.hit) {
            if (!first) io.out << '\n';
            first = false;
            io.out << "# " << (path == "-" ? "<stdin>" : path) << ": " << other.what
                   << ": shown as it is, secrets found by shape masked\n"
                   << recorders::mask_by_shape(other.source, *m.detector, m.options);
            continue;
        }
        if (!c) {
            status = kExitError;
            continue;
        }
        std::vector<redact::Secret> secrets = m.detector->detect(*c, thread_budget(o.jobs));
        redact::mask_secrets(secrets);
        show::RenderOptions ro;
        ro.color = o.color == "always" || (o.color == "auto" && io.out_color);
        ro.wrap = o.wrap < 20 ? 20 : o.wrap;
        if (!first) io.out << '\n';
        first = false;
        // The file's name only to tell several apart: git's textconv gives one temporary path.
        const std::string name = inputs.files.size() == 1 ? std::string() : path == "-" ? "<stdin>" : path;
        io.out << show::render(*c, name, ro);
    }
    return status;
}

} // namespace

void setup_show(CLI::App& app, Io& io, int& exit_code) {
    auto opts = std::make_shared<ShowOptions>();
    CLI::App* sub = app.add_subcommand("show", summary_of("show"));
    sub->add_option("PATH", opts->files, "Cassette files or folders (searched for *.yaml/*.yml); '-' for stdin")->required();
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
