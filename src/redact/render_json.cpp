// redact's JSON report (`--report json`): see report.hpp.
#include "json/text.hpp"
#include "redact/report.hpp"

#include <nlohmann/json.hpp>

namespace cassette::redact {

std::string render_json(const RunReport& r) {
    nlohmann::json files = nlohmann::json::array();
    for (const FileReport& f : r.files) {
        nlohmann::json jf;
        jf["path"] = f.path;
        if (f.skipped) {
            jf["skipped"] = *f.skipped;
            if (f.secrets_found_by_shape) jf["secrets_found_by_shape"] = f.secrets_found_by_shape;
        }
        else if (f.error) jf["error"] = *f.error;
        else {
            nlohmann::json list = nlohmann::json::array();
            for (const Finding& s : f.findings)
                list.push_back({{"detector", s.detector},
                                {"kind", s.kind},
                                {"interaction", s.interaction},
                                {"location", s.location},
                                {"line", s.line},
                                {"column", s.column},
                                {"masked", s.masked},
                                {"placeholder", s.placeholder},
                                {"matcher_sensitive", s.matcher_sensitive}});
            jf["secrets"] = std::move(list);
            jf["changed"] = f.changed;
            jf["warnings"] = f.warnings;
        }
        files.push_back(std::move(jf));
    }
    nlohmann::json doc = {{"files", std::move(files)}, {"secrets", r.secrets()}};
    return json::to_text(doc, 2) + '\n';
}

} // namespace cassette::redact
