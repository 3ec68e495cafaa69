// redact's report model and its renderers (src/redact/report.hpp): built
// from a real pass, it keeps masked forms only.
#include "config/config.hpp"
#include "redact/report.hpp"
#include "yaml/reader.hpp"

#include "go_tools.hpp"

#include <doctest/doctest.h>

using namespace cassette;

namespace {

const std::string kRoot = CASSETTE_SOURCE_DIR;

} // namespace

TEST_SUITE("redact report") {

TEST_CASE("a pass's report holds the masked form, never the secret, in every renderer") {
    auto read = yaml::read_cassette(testing_support::read_file(kRoot + "/samples/openai-chat.yaml"), "c.yaml");
    REQUIRE(read.ok());
    Cassette& c = *read.cassette;
    redact::RedactOptions o;
    o.detect = redact::from_config(config::RedactConfig{});
    const redact::Detector detector(o.detect);
    // The secrets' values, to look for them in what is rendered.
    std::vector<std::string> values;
    for (const auto& s : detector.detect(c)) values.push_back(s.value);
    REQUIRE_FALSE(values.empty());
    redact::Numbering numbering;
    redact::RunReport run;
    run.would = true;
    run.files.push_back(redact::file_report("c.yaml", redact::redact(c, detector, "R-{n}", numbering)));
    const redact::FileReport& f = run.files.back();
    REQUIRE(f.findings.size() == values.size());
    CHECK(f.findings[0].placeholder == "R-1");
    CHECK(f.findings[0].line > 0);
    std::string text = redact::render_text_findings(f, true);
    for (const auto& w : f.warnings) text += w + '\n'; // printed by the command (cli::warning)
    const std::string json = redact::render_json(run);
    CHECK(text.rfind("c.yaml:" + std::to_string(f.findings[0].line) + ":", 0) == 0);
    CHECK(text.find(": would redact ") != std::string::npos);
    CHECK(json.find("\"placeholder\": \"R-1\"") != std::string::npos);
    for (const auto& v : values) {
        CHECK(text.find(v) == std::string::npos);
        CHECK(json.find(v) == std::string::npos);
    }
    // One file with findings: its lines say it all; none found or several
    // files: a summary.
    CHECK(redact::render_text_summary(run).empty());
    run.files.push_back(redact::FileReport{});
    run.files.back().path = "d.yaml";
    CHECK(redact::render_text_summary(run) == "would redact " + std::to_string(values.size()) + " secret" +
                                                  (values.size() == 1 ? "" : "s") + " in 0 of 2 files\n");
    run.would = false;
    run.files.erase(run.files.begin());
    CHECK(redact::render_text_summary(run) == "redacted 0 secrets in 0 of 1 file\n");
}

TEST_CASE("JSON: a skipped file and a file that could not be read carry only their reason") {
    redact::RunReport run;
    redact::FileReport skipped, failed;
    skipped.path = "a.yml";
    skipped.skipped = "a vcrpy cassette";
    failed.path = "b.yaml";
    failed.error = "b.yaml: error: cannot read\n";
    run.files = {skipped, failed};
    const std::string json = redact::render_json(run);
    CHECK(json.find("\"skipped\": \"a vcrpy cassette\"") != std::string::npos);
    CHECK(json.find("\"error\": \"b.yaml: error: cannot read\\n\"") != std::string::npos);
    CHECK(json.find("\"changed\"") == std::string::npos);
    CHECK(json.find("\"secrets\": 0") != std::string::npos);
}

}
