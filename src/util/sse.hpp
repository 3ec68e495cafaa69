#pragma once
// Server-sent events (text/event-stream) bodies: streamed LLM and
// notification APIs are recorded as one body of many events, which we show,
// diff and redact event by event.
#include <string_view>
#include <vector>

namespace cassette::util {

// True when the media type of content_type is text/event-stream (any case,
// parameters ignored), or, when the header is missing or generic, when the
// body is made only of SSE lines (`data:`, `event:`, `id:`, `retry:`, `:`
// comments) and blank lines, with at least one `data` or `event` line.
bool looks_sse(std::string_view body, std::string_view content_type);

// The events of a body: maximal runs of non-blank lines, split at blank lines
// (\n\n, \r\n\r\n or mixed). Each element is the event's text without its
// final line ending, as a view into body. Runs of several blank lines produce
// no empty events; a last event without a closing blank line is kept
// (recordings are often cut off there).
std::vector<std::string_view> sse_events(std::string_view body);

} // namespace cassette::util
