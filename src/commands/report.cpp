// How commands print problems: every error, warning and note goes through a
// diag::Reporter on the command's stderr (see common.hpp).
#include "commands/common.hpp"
#include "diff/json_diff.hpp"
#include "lint/lint.hpp"
#include "redact/detect.hpp"

#include <ostream>

namespace cassette::cli {

diag::Reporter reporter(Io& io) { return diag::Reporter(io.err, {io.quiet, false}); }

void report(Io& io, const std::string& file, const Diagnostic& d, bool with_rule) {
    Diagnostic named = d;
    if (named.file.empty()) named.file = file;
    reporter(io).report(named, with_rule);
}

void report(Io& io, const diag::Diagnostics& ds, const std::string& file, bool with_rule) {
    for (const auto& d : ds) report(io, file, d, with_rule);
}

int usage_error(Io& io, std::string_view command, const std::string& message) {
    reporter(io).report(diag::error("cassette " + std::string(command), Mark{}, "usage", message), false);
    return kExitError;
}

void io_error(Io& io, const std::string& path, const std::string& message) {
    reporter(io).report(diag::error(path == "-" ? "<stdin>" : path, Mark{}, "io", message), false);
}

namespace {

void say(Io& io, Severity s, const std::string& path, const std::string& message) {
    Diagnostic d = diag::error(path == "-" ? "<stdin>" : path, Mark{}, "", message);
    d.severity = s;
    reporter(io).report(d, false);
}

} // namespace

void note(Io& io, const std::string& path, const std::string& message) { say(io, Severity::Note, path, message); }

void warning(Io& io, const std::string& path, const std::string& message) {
    say(io, Severity::Warning, path, message);
}

void internal_error(Io& io, const std::string& what) {
    reporter(io).report(diag::error("cassette", Mark{}, "internal",
                                    "internal error (a bug: please report it): " + what),
                        false);
    io.err.flush();
}

void write_error(Io& io, const std::string& path, std::string_view why) {
    if (why.rfind(path + ": ", 0) == 0) why.remove_prefix(path.size() + 2);
    io_error(io, path, std::string(why));
}

const config::Checks& config_checks() {
    static const config::Checks checks = [] {
        config::Checks c;
        c.detector_ids = redact::detector_ids();
        c.json_path = [](std::string_view path) -> std::optional<std::string> {
            auto p = diff::JsonPathPattern::parse(path);
            if (p) return std::nullopt;
            return p.error().message;
        };
        c.lint = lint::validate_config;
        return c;
    }();
    return checks;
}

std::optional<config::Config> load_config(Io& io, const std::string& path) {
    diag::Result<config::Config> r = config::load_config(path, config_checks());
    if (!r) {
        report(io, r.errors(), path, true);
        return std::nullopt;
    }
    return std::move(r).value();
}

std::unique_ptr<redact::Detector> make_detector(Io& io, const redact::DetectOptions& options,
                                                const std::string& config_path, std::string_view command) {
    auto r = redact::Detector::create(options);
    if (!r) {
        report(io, r.errors(), config_path.empty() ? "cassette " + std::string(command) : config_path, true);
        return nullptr;
    }
    return std::move(r).value();
}

} // namespace cassette::cli
