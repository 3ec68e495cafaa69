// Which writer laid a cassette out (FORMAT.md 4.0), from its bytes.
#include "model/walk.hpp"
#include "yaml/emit_scalar.hpp"
#include "yaml/reader.hpp"

#include <string_view>

namespace cassette::yaml {

namespace {

int col0(const Mark& m) { return m.column > 0 ? int(m.column) - 1 : 0; }

// Column of the "- " that introduces the node starting at `m`, or -1.
int dash_column(std::string_view src, const Mark& m) {
    size_t i = m.offset;
    int col = col0(m);
    while (i > 0 && col > 0) {
        --i;
        --col;
        char ch = src[i];
        if (ch == '-') return col;
        if (ch != ' ') return -1;
    }
    return -1;
}

// A double-quoted value yaml.v2/v3/v4 would never double-quote: printable,
// single-line, not a YAML-resolvable word. A weak sign of goccy (which
// double-quotes far more than they do), taken when no value decides.
bool goccy_quoted(const Scalar& s) {
    if (s.style != ScalarStyle::DoubleQuoted || s.value.empty()) return false;
    for (unsigned char ch : s.value) {
        if (ch < 0x20 || ch == 0x7F || ch >= 0xF0) return false;
    }
    if (s.value.find("\xC2\x85") != std::string::npos || s.value.find("\xEF\xBB\xBF") != std::string::npos ||
        s.value.find("\xE2\x80\xA8") != std::string::npos || s.value.find("\xE2\x80\xA9") != std::string::npos)
        return false;
    // Leading or trailing spaces would make yaml.v3 quote too (single quotes
    // though); anything that could resolve to a number, bool or null we skip.
    unsigned char first = (unsigned char)s.value[0];
    if ((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.' || first == '~') return false;
    static const char* words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null"};
    std::string lower;
    for (char c : s.value) lower += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (const char* w : words)
        if (lower == w) return false;
    return s.value.size() > 3;
}

} // namespace

Layout detect_layout(const Cassette& c) {
    Layout l;
    std::string_view src = c.source;
    l.bom = src.substr(0, 3) == "\xEF\xBB\xBF";
    std::string_view body = src.substr(l.bom ? 3 : 0);
    l.doc_start = body.substr(0, 3) == "---" && (body.size() == 3 || body[3] == '\n' || body[3] == '\r' || body[3] == ' ');
    l.final_newline = !src.empty() && src.back() == '\n';
    size_t nl = src.find('\n');
    l.crlf = nl != std::string_view::npos && nl > 0 && src[nl - 1] == '\r';

    const int format = c.format();
    // Default when there is nothing to measure: what go-vcr of that format wrote last.
    if (format == 1) {
        l.emitter = Emitter::YamlV2;
        l.indent = 2;
        l.indentless = true;
        l.width = 80;
    } else {
        l.emitter = Emitter::YamlV3;
        l.indent = 4;
        l.indentless = false;
        l.width = -1;
    }
    if (c.interactions.empty() || c.interactions_flow) return l;

    const Interaction& first = c.interactions.front();
    int key_col = col0(c.interactions_key.begin);
    int dash = dash_column(src, first.span.begin);
    if (dash < 0) return l;
    l.indentless = dash == key_col;
    if (!l.indentless) {
        l.indent = dash - key_col;
        if (l.indent != 2 && l.indent != 4) l.indent = l.indent < 3 ? 2 : 4;
        l.emitter = l.indent == 4 ? Emitter::YamlV3 : Emitter::YamlV4;
        l.width = -1;
    } else {
        l.indent = 2;
        if (format == 1) {
            l.emitter = Emitter::YamlV2;
        } else {
            l.emitter = Emitter::YamlV4; // compact (charm.land/x/vcr) unless goccy shows
        }
    }
    if (format == 2 && first.request.present) {
        l.all_fields = first.request.trailer.present || first.request.transfer_encoding.present;
    }

    // Only an indentless layout can be yaml.v2 (folds at column 80, unless
    // v2.3.0 / FutureLineWrap), yaml/v4's compact encoder or goccy; only then
    // look at the scalars for evidence, stopping as soon as the answer is
    // known.
    if (!l.indentless) return l;
    const bool want_goccy = format == 2;
    const bool want_fold = format == 1;
    bool folded = false, unfolded = false;
    // compact (yaml/v4) and goccy lay a cassette out alike; the style each
    // gives a string differs (goccy double-quotes `*`, `{...}` and text with
    // ": ", yaml/v4 single-quotes the first two and writes the last as a
    // literal block when it has line breaks). A value whose style only one
    // of them would have chosen rules the other out.
    bool v4_wins = false, goccy_wins = false, goccy_hint = false;
    Cassette& mc = const_cast<Cassette&>(c); // for_each_scalar takes a mutable model; nothing is changed
    for_each_scalar(mc, [&](Scalar& s, const ScalarSite& site) {
        if (site.kind == ScalarKind::Raw || s.binary) return;
        if (want_goccy) {
            if (v4_wins || goccy_wins || site.in_flow || site.mapping_key || site.kind == ScalarKind::Extra || !s.tag.empty()) return;
            if (!goccy_hint && goccy_quoted(s)) goccy_hint = true;
            const ScalarStyle goccy = chosen_style(s.value, Dialect::Goccy);
            const ScalarStyle v4 = chosen_style(s.value, Dialect::V4);
            if (v4 == goccy) return;
            // The first value whose style only one of them would choose decides;
            // a value neither would write so (hand-edited) tells nothing.
            if (s.style == v4) v4_wins = true;
            else if (s.style == goccy) goccy_wins = true;
            return;
        }
        if (!want_fold || folded) return;
        if (s.style != ScalarStyle::Plain && s.style != ScalarStyle::SingleQuoted &&
            s.style != ScalarStyle::DoubleQuoted)
            return;
        if (s.span.end.line != s.span.begin.line) {
            folded = true;
            return;
        }
        if (unfolded) return;
        // Would yaml.v2 have folded this single-line scalar? (a space past
        // column 80 between two non-spaces)
        if (col0(s.span.begin) + s.span.size() <= 81) return;
        std::string_view text = src.substr(s.span.begin.offset, s.span.size());
        int col = col0(s.span.begin);
        for (size_t i = 0; i < text.size(); ++i) {
            unsigned char ch = (unsigned char)text[i];
            if ((ch & 0xC0) == 0x80) continue;
            if (ch == ' ' && col > 80 && i > 0 && i + 2 < text.size() && text[i - 1] != ' ' && text[i + 1] != ' ') {
                unfolded = true;
                break;
            }
            ++col;
        }
    });
    if (want_goccy && (goccy_wins || (!v4_wins && goccy_hint))) l.emitter = Emitter::Goccy;
    if (l.emitter == Emitter::YamlV2) l.width = (unfolded && !folded) ? -1 : 80;
    return l;
}

} // namespace cassette::yaml
