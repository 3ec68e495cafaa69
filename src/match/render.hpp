#pragma once
// A match report for people (text) and programs (JSON). Every value shown
// passes through mask_report first: a secret is never printed.
#include "match/match.hpp"
#include "redact/detect.hpp"

#include <string>
#include <vector>

namespace cassette::match {

// Finds the secrets of the requests and interactions the report shows
// (redact's detectors, every confidence) and masks them in its strings;
// fills the report's per-interaction method, URL and origin.
void mask_report(Report& report, const std::vector<Request>& requests, const std::vector<Request>& recorded,
                 const redact::Detector& detector);

std::string render_text(const Report& report);
std::string render_json(const Report& report);

} // namespace cassette::match
