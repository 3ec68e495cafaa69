// cassette match: which recorded interaction go-vcr replays for each request,
// and what blocks the nearest one when none does (src/match/).
#include "commands/commands.hpp"
#include "commands/config_resolver.hpp"
#include "config/config.hpp"
#include "convert/har.hpp"
#include "match/render.hpp"
#include "util/http.hpp"
#include "util/read_file.hpp"

#include <CLI/CLI.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace cassette::cli {

namespace {

struct MatchCliOptions {
    std::string cassette;
    std::string requests;
    std::string request;
    std::vector<std::string> headers;
    std::string body;
    std::string matcher;
    bool ignore_authorization = false;
    bool ignore_user_agent = false;
    std::vector<std::string> ignore_headers;
    bool replay_once = false;
    bool repeat = false;
    std::string format = "text";
    unsigned jobs = 0;
    std::string config;
};

std::string shown(const std::string& path) { return path == "-" ? "<stdin>" : path; }

bool ends_with_har(const std::string& path) {
    return path.size() > 4 && path.compare(path.size() - 4, 4, ".har") == 0;
}

bool looks_like_har(const std::string& text) {
    const size_t at = text.find_first_not_of(" \t\r\n\xef\xbb\xbf");
    return at != std::string::npos && text[at] == '{' && text.find("\"log\"") != std::string::npos;
}

// The requests to send: another cassette's, a HAR's, or the command line's.
std::optional<std::vector<match::Request>> load_requests(const MatchCliOptions& o, Io& io,
                                                         std::vector<std::string>& errors) {
    if (!o.request.empty()) {
        std::string body = o.body;
        if (!body.empty() && body[0] == '@') {
            const std::string file = body.substr(1);
            if (auto err = util::read_whole_file(file, body)) {
                io_error(io, file, std::string("cannot read the --body file: ") + std::strerror(*err));
                return std::nullopt;
            }
        }
        std::string error;
        auto r = match::command_line_request(o.request, o.headers, body, &error);
        if (!r) {
            usage_error(io, "match", error);
            return std::nullopt;
        }
        errors.assign(1, "");
        return std::vector<match::Request>{std::move(*r)};
    }
    std::optional<Cassette> c;
    bool har = ends_with_har(o.requests);
    if (!har && o.requests != "-") {
        // A JSON document with a "log" key first is a HAR whatever its name.
        std::ifstream f(o.requests, std::ios::binary);
        std::string head(4096, '\0');
        f.read(head.data(), std::streamsize(head.size()));
        head.resize(size_t(f.gcount()));
        har = looks_like_har(head);
    }
    if (har) {
        std::string text;
        if (auto err = util::read_whole_file(o.requests, text)) {
            io_error(io, o.requests, std::string("cannot read: ") + std::strerror(*err));
            return std::nullopt;
        }
        convert::HarImportOptions ho;
        ho.attachments_dir = std::filesystem::path(o.requests).parent_path().string();
        convert::HarImportResult r = convert::import_har(text, ho);
        if (!r) {
            report(io, r.errors(), shown(o.requests));
            return std::nullopt;
        }
        r->cassette.path = o.requests;
        c = std::move(r->cassette);
    } else {
        c = load(io, o.requests);
        if (!c) return std::nullopt;
    }
    return match::requests_to_send(*c, &errors);
}

// The command line's own consistency: where the requests come from.
bool check_request_options(const MatchCliOptions& o, Io& io) {
    if (o.requests.empty() == o.request.empty()) {
        usage_error(io, "match", "give the requests with --requests FILE or one with --request 'METHOD URL'");
        return false;
    }
    if (o.request.empty() && (!o.headers.empty() || !o.body.empty())) {
        usage_error(io, "match", "--header and --body describe the --request given on the command line");
        return false;
    }
    if (o.cassette == "-" && o.requests == "-") {
        usage_error(io, "match", "only one of CASSETTE and --requests can be '-' (stdin)");
        return false;
    }
    return true;
}

// Configuration: the redact section (which secrets to mask): --config,
// else the nearest .cassette.yaml above the cassette (stdin: the current
// folder), read and checked whole by the one resolver. Null: it is invalid.
std::unique_ptr<redact::Detector> make_mask_detector(const MatchCliOptions& o, Io& io) {
    ConfigResolver configs(io);
    if (!o.config.empty() && !configs.force(o.config)) return nullptr;
    bool failed = false;
    const config::Config* found = configs.for_file(o.cassette, &failed);
    if (failed) return nullptr;
    redact::DetectOptions mask_options = redact::from_config(found ? found->redact : config::RedactConfig{});
    mask_options.min_confidence = redact::Confidence::Low; // mask everything that may be one
    return make_detector(io, mask_options, found ? found->path : std::string(), "match");
}

// Read the cassette and the requests at the same time; their messages in
// that order.
bool load_inputs(const MatchCliOptions& o, Io& io, std::optional<Cassette>& cassette,
                 std::optional<std::vector<match::Request>>& requests, std::vector<std::string>& request_errors) {
    std::ostringstream err_a, err_b;
    Io io_a{io.in, io.out, err_a}, io_b{io.in, io.out, err_b};
    const util::ThreadBudget threads = thread_budget(o.jobs);
    threads.run(2, [&](size_t k) {
        if (k == 1) requests = load_requests(o, io_b, request_errors);
        else cassette = load(io_a, o.cassette, nullptr, threads.share(2));
    });
    io.err << err_a.str() << err_b.str();
    return cassette && requests;
}

// The matcher and its options, checked against the cassette's format.
std::optional<match::Options> matcher_options(const MatchCliOptions& o, Io& io, int format) {
    match::Options mo;
    mo.matcher = o.matcher.empty() ? match::default_matcher(format) : *match::parse_matcher(o.matcher);
    mo.repeat = o.repeat;
    const bool ignoring = o.ignore_authorization || o.ignore_user_agent || !o.ignore_headers.empty();
    if (ignoring && mo.matcher != match::Matcher::V4) {
        usage_error(io, "match",
                    std::string("--ignore-authorization, --ignore-user-agent and --ignore-header are options "
                                "of go-vcr v4's matcher; matcher ") +
                        match::matcher_name(mo.matcher) + " compares the method and the URL only");
        return std::nullopt;
    }
    if (!match::loads_format(mo.matcher, format)) {
        report(io, shown(o.cassette),
               diag::error(shown(o.cassette), Mark{}, "usage",
                           std::string("go-vcr ") + match::matcher_name(mo.matcher) + " does not load a version " +
                               std::to_string(format) +
                               " cassette (it requires version 2); use --matcher v1 or v2, or 'cassette convert --to v2'"));
        return std::nullopt;
    }
    if (o.ignore_authorization) mo.ignore_headers.push_back("Authorization");
    if (o.ignore_user_agent) mo.ignore_headers.push_back("User-Agent");
    for (const auto& h : o.ignore_headers) {
        mo.ignore_headers.push_back(h);
        if (http::canonical_header_key(h) != h)
            warning(io, "cassette match",
                    "go-vcr deletes ignored headers by exact key: '" + h + "' ignores only a header written so, not '" +
                        http::canonical_header_key(h) + "' (how Go writes it)");
    }
    return mo;
}

int run_match(const MatchCliOptions& o, Io& io) {
    if (!check_request_options(o, io)) return kExitError;
    const std::unique_ptr<redact::Detector> detector = make_mask_detector(o, io);
    if (!detector) return kExitError;

    std::optional<Cassette> cassette;
    std::optional<std::vector<match::Request>> requests;
    std::vector<std::string> request_errors;
    if (!load_inputs(o, io, cassette, requests, request_errors)) return kExitError;
    const std::optional<match::Options> mo = matcher_options(o, io, cassette->format());
    if (!mo) return kExitError;

    const std::vector<match::Request> recorded = match::recorded_requests(*cassette);
    cassette.reset();
    match::Report report = match::replay(*requests, request_errors, recorded, *mo);
    report.cassette = shown(o.cassette);
    report.requests = o.request.empty() ? shown(o.requests) : "--request";
    match::mask_report(report, *requests, recorded, *detector);
    io.out << (o.format == "json" ? match::render_json(report) : match::render_text(report));
    io.out.flush();
    if (!io.out) return kExitError;
    return report.unmatched || report.errors ? kExitFindings : kExitOk;
}

} // namespace

void setup_match(CLI::App& app, Io& io, int& exit_code) {
    auto opts = std::make_shared<MatchCliOptions>();
    CLI::App* sub = app.add_subcommand("match", summary_of("match"));
    sub->add_option("CASSETTE", opts->cassette, "The cassette go-vcr replays from ('-' for stdin)")->required();
    sub->add_option("--requests", opts->requests,
                    "Send the requests of this file, in order: another cassette (format 1 or 2) or a HAR file")
        ->type_name("FILE");
    sub->add_option("--request", opts->request, "Send one request: 'METHOD URL'")->type_name("'METHOD URL'");
    sub->add_option("--header", opts->headers, "A header of --request: 'Name: value'; repeatable")
        ->type_name("'NAME: VALUE'")
        ->allow_extra_args(false);
    sub->add_option("--body", opts->body, "The body of --request: TEXT, or @FILE for a file's bytes")
        ->type_name("@FILE|TEXT");
    sub->add_option("--matcher", opts->matcher,
                    "go-vcr's default matcher of this release: v1, v2, v3 (method and URL) or v4 (method, URL, "
                    "proto, headers, body, content length, transfer encoding, host, form, trailer, remote address, "
                    "request URI); default v4 for a format 2 cassette, v1 for format 1")
        ->check(CLI::IsMember({"v1", "v2", "v3", "v4"}));
    sub->add_flag("--ignore-authorization", opts->ignore_authorization,
                  "v4: ignore the Authorization header (WithIgnoreAuthorization)");
    sub->add_flag("--ignore-user-agent", opts->ignore_user_agent,
                  "v4: ignore the User-Agent header (WithIgnoreUserAgent)");
    sub->add_option("--ignore-header", opts->ignore_headers,
                    "v4: ignore this header, by exact key as go-vcr does (WithIgnoreHeaders); repeatable")
        ->type_name("NAME")
        ->allow_extra_args(false);
    auto* once = sub->add_flag("--replay-once", opts->replay_once,
                               "Each interaction replays once, in file order (go-vcr's default)");
    auto* repeat = sub->add_flag("--repeat", opts->repeat,
                                 "Interactions replay any number of times (v4 WithReplayableInteractions(true), "
                                 "v1 SetReplayableInteractions(true))");
    once->excludes(repeat);
    add_jobs_option(*sub, opts->jobs);
    sub->add_option("--format", opts->format, "Output: text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    sub->add_option("--config", opts->config,
                    "Read the redact: section (which secrets to mask) from this file instead of the nearest "
                    ".cassette.yaml")
        ->type_name("FILE");
    sub->footer("Each request gets the interaction go-vcr would replay, or 'no match' with the nearest interaction "
                "and every field that blocks it, in the order go-vcr's matcher compares them. Secrets are masked.\n"
                "Exit status: 0 every request replays, 1 some do not, 2 errors.");
    sub->callback([opts, &io, &exit_code] { exit_code = run_match(*opts, io); });
}

} // namespace cassette::cli
