// The schema tables (model/schema.hpp): they say what ../shared/FORMAT.md
// section 2 says (keys per format version, in go-vcr's order, Go types,
// omitempty), the key lookup finds every row and nothing else, and a row is
// all a field needs: one set through the table goes through the canonical
// writer, the reader, equality, the walk, the JSON export and unknown-key.
#include "convert/har.hpp"
#include "convert/har_internal.hpp"
#include "convert/json_export.hpp"
#include "diff/diff.hpp"
#include "model/equal.hpp"
#include "model/schema.hpp"
#include "model/walk.hpp"
#include "run_cassette.hpp"
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <type_traits>
#include <regex>
#include <set>
#include <sstream>

using namespace cassette;

namespace {

std::string format_md() {
    std::ifstream in(std::string(CASSETTE_SHARED_DIR) + "/FORMAT.md");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

// The backticked lower-case identifiers of `text`, in order.
std::vector<std::string> keys_in(const std::string& text) {
    static const std::regex key("`([a-z_]+)`");
    std::vector<std::string> out;
    for (std::sregex_iterator it(text.begin(), text.end(), key), end; it != end; ++it) out.push_back((*it)[1]);
    return out;
}

// A prose list: the line starting with `start` and those after it up to one
// starting with "- " or an empty one.
std::vector<std::string> prose_keys(const std::vector<std::string>& lines, const std::string& start) {
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].rfind(start, 0) != 0) continue;
        std::string text = lines[i].substr(start.size());
        for (size_t k = i + 1; k < lines.size() && !lines[k].empty() && lines[k].rfind("- ", 0) != 0; ++k)
            text += " " + lines[k];
        std::smatch end; // the first sentence: up to ". " and a capital
        if (std::regex_search(text, end, std::regex("\\. [A-Z]"))) text = text.substr(0, size_t(end.position(0)));
        return keys_in(text);
    }
    return {};
}

struct TableRow {
    std::string key, go_type;
    bool omitempty = false;
};

// A markdown table after the line starting with `start`: per key of the
// first cell, the second cell (Go type) and whether the third says **yes**.
std::vector<TableRow> table_rows(const std::vector<std::string>& lines, const std::string& start) {
    std::vector<TableRow> out;
    size_t i = 0;
    while (i < lines.size() && lines[i].rfind(start, 0) != 0) ++i;
    while (i < lines.size() && lines[i].rfind("|", 0) != 0) ++i;
    for (i += 2; i < lines.size() && lines[i].rfind("|", 0) == 0; ++i) {
        std::vector<std::string> cells;
        std::stringstream ss(lines[i].substr(1));
        for (std::string c; std::getline(ss, c, '|');) cells.push_back(c);
        REQUIRE(cells.size() >= 3);
        auto trim = [](std::string s) {
            s.erase(0, s.find_first_not_of(' '));
            s.erase(s.find_last_not_of(' ') + 1);
            return s;
        };
        for (const auto& k : keys_in(cells[0]))
            out.push_back(TableRow{k, trim(cells[1]), cells[2].find("**yes**") != std::string::npos});
    }
    return out;
}

template <class S> std::vector<std::string> schema_keys(int format) {
    std::vector<std::string> out;
    for (const auto& r : schema::rows<S>())
        if (r.since <= format) out.emplace_back(r.key);
    return out;
}

template <class S> void check_v2_table(const std::vector<TableRow>& doc) {
    const auto& rows = schema::rows<S>();
    REQUIRE(doc.size() == rows.size());
    for (size_t i = 0; i < doc.size(); ++i) {
        INFO(schema::Table<S>::name << " row " << i);
        CHECK(doc[i].key == rows[i].key);
        CHECK(doc[i].go_type == rows[i].go_type);
        CHECK(doc[i].omitempty == rows[i].omitempty);
    }
}

// Every row of S's table, set to a value of its kind (`n` makes values unique).
template <class S> void fill(S& s, int& n) {
    schema::visit<S>(schema::overloaded{
                         [&](const schema::Row<S>& r, Field& f) {
                             f.present = true;
                             f.value.value = r.kind == schema::Kind::Int    ? std::to_string(100 + n++)
                                             : r.kind == schema::Kind::Bool ? std::string("true")
                                                                            : "v" + std::to_string(n++);
                         },
                         [&](const schema::Row<S>& r, HeaderMap& m) {
                             m.present = true;
                             HeaderEntry e;
                             e.name.value = "X-" + std::string(r.key);
                             Scalar v;
                             v.value = "h" + std::to_string(n++);
                             e.values.push_back(v);
                             m.entries.push_back(e);
                         },
                         [&](const schema::Row<S>&, StringList& l) {
                             l.present = true;
                             Scalar v;
                             v.value = "t" + std::to_string(n++);
                             l.items.push_back(v);
                         },
                         [&](const schema::Row<S>&, Request& q) {
                             q.present = true;
                             fill(q, n);
                         },
                         [&](const schema::Row<S>&, Response& q) {
                             q.present = true;
                             fill(q, n);
                         },
                     },
                     s);
}

// Converts to any member type: counts an aggregate's members by how many
// of these initialise it.
struct AnyMember {
    template <class T> operator T() const;
};
template <class T, class... A> constexpr size_t member_count() {
    if constexpr (requires { T{A{}..., AnyMember{}}; }) return member_count<T, A..., AnyMember>();
    else return sizeof...(A);
}

} // namespace

TEST_CASE("schema: every member of a model struct is a row, but the bookkeeping ones") {
    // A member added to a struct without its row in model/schema.hpp fails
    // here: the struct has one member more than rows + bookkeeping.
    CHECK(member_count<Request>() == schema::rows<Request>().size() + 4);   // present, key, span, extra
    CHECK(member_count<Response>() == schema::rows<Response>().size() + 4); // present, key, span, extra
    CHECK(member_count<Interaction>() == schema::rows<Interaction>().size() + 2); // span, extra
    // path, source, interactions_{present,key,span,flow}, extra, layout, notes
    CHECK(member_count<Cassette>() == schema::rows<Cassette>().size() + 9);
}

TEST_CASE("schema: the tables hold FORMAT.md section 2's keys per format version, in go-vcr's order") {
    const std::string md = format_md();
    if (md.empty()) {
        MESSAGE("skipped: no FORMAT.md in " << CASSETTE_SHARED_DIR);
        return;
    }
    const auto lines = lines_of(md);
    // Format 1 (2.1): prose lists.
    CHECK(schema_keys<Request>(1) == prose_keys(lines, "Request (order as emitted):"));
    std::vector<std::string> response_v1 = prose_keys(lines, "Response (order):");
    response_v1.erase(std::remove(response_v1.begin(), response_v1.end(), "duration"), response_v1.end());
    response_v1.push_back("duration"); // "`duration`:" ends the sentence
    CHECK(schema_keys<Response>(1) == response_v1);
    CHECK(schema_keys<Interaction>(1) == std::vector<std::string>{"request", "response"});
    // Format 2 (2.2): tables with Go types and omitempty.
    check_v2_table<Request>(table_rows(lines, "Request, in emitted order"));
    std::vector<TableRow> response = table_rows(lines, "Response, in emitted order");
    for (auto& r : response) // "`proto_major`, `proto_minor` | int": int per key
        if (r.key == "content_length") CHECK(r.go_type == "int64");
    check_v2_table<Response>(response);
    CHECK(schema_keys<Interaction>(2) == std::vector<std::string>{"id", "request", "response"});
    CHECK(md.find("Interaction: `id` (int) first, then `request`, `response`") != std::string::npos);
    CHECK(md.find("Cassette ([V3.0.0] .. [V4-latest]): `version` (int, must be 2), `interactions`") !=
          std::string::npos);
    CHECK(schema_keys<Cassette>(2) == std::vector<std::string>{"version", "interactions"});
}

TEST_CASE("schema: every member once per table; the key lookup finds every row and nothing else") {
    auto check = [](const auto& rows, auto tag) {
        using S = typename decltype(tag)::type;
        std::set<std::string_view> keys;
        std::set<std::string> members;
        for (const auto& r : rows) {
            CHECK(keys.insert(r.key).second);
            CHECK(schema::find<S>(r.key) == &r);
            // Prefixes, extensions and case variants are other keys.
            CHECK(schema::find<S>(std::string(r.key) + "x") == nullptr);
            CHECK(schema::find<S>(r.key.substr(0, r.key.size() - 1)) == nullptr);
            std::string upper(r.key);
            upper[0] = char(upper[0] - 'a' + 'A');
            CHECK(schema::find<S>(upper) == nullptr);
            CHECK((r.since == 1 || r.since == 2));
            CHECK(!r.release.empty());
            // Exactly one member pointer, the one of its kind.
            const int set = int(r.field != nullptr) + int(r.map != nullptr) + int(r.list != nullptr) +
                            int(r.request != nullptr) + int(r.response != nullptr) + int(r.interactions != nullptr);
            CHECK(set == 1);
            CHECK(schema::is_scalar(r.kind) == (r.field != nullptr));
        }
        // No two rows name the same member: distinct addresses in one object.
        S s{};
        std::set<const void*> addresses;
        schema::visit<S>([&](const auto&, auto& m) { CHECK(addresses.insert(&m).second); }, s);
        CHECK(addresses.size() == rows.size());
        CHECK(schema::find<S>("") == nullptr);
        CHECK(schema::find<S>("extra") == nullptr);
    };
    check(schema::rows<Cassette>(), std::type_identity<Cassette>{});
    check(schema::rows<Interaction>(), std::type_identity<Interaction>{});
    check(schema::rows<Request>(), std::type_identity<Request>{});
    check(schema::rows<Response>(), std::type_identity<Response>{});
    // Paths and labels: under the struct's name; an interaction's and the
    // root's own keys stand alone.
    CHECK(std::string(schema::path(schema::rows<Request>()[7])) == "request.remote_addr");
    CHECK(std::string(schema::label(schema::rows<Response>()[6])) == "response uncompressed");
    CHECK(std::string(schema::path(schema::rows<Interaction>()[0])) == "id");
    // go-vcr's zero values, as its writers spell them.
    for (const auto& r : schema::rows<Response>()) {
        if (r.kind == schema::Kind::Int) CHECK(r.zero == "0");
        if (r.kind == schema::Kind::Bool) CHECK(r.zero == "false");
        if (r.kind == schema::Kind::String) CHECK(r.zero == "");
    }
}

TEST_CASE("schema: a field set through its row goes through writer, reader, equality, walk, JSON export and lint") {
    Cassette c;
    c.version.present = true;
    c.version.value.value = "2";
    c.interactions_present = true;
    int n = 0;
    fill(c.interactions.emplace_back(), n);
    const std::string text = yaml::write_canonical(c, Layout{});

    // Every key once, in table order within its struct.
    auto in_order = [&](const auto& rows, size_t from) {
        size_t at = from;
        for (const auto& r : rows) {
            const size_t k = text.find(" " + std::string(r.key) + ":", at);
            INFO(r.key);
            CHECK(k != std::string::npos);
            if (k != std::string::npos) at = k;
        }
    };
    in_order(schema::rows<Request>(), text.find("request:"));
    in_order(schema::rows<Response>(), text.find("response:"));

    yaml::ReadResult got = yaml::read_cassette(text, "t.yaml");
    REQUIRE(got.cassette);
    CHECK(got.diagnostics.empty());
    CHECK(first_difference(c, *got.cassette) == std::nullopt);
    CHECK(digest_of(c.interactions[0]) == digest_of(got.cassette->interactions[0]));

    // The walk visits every field under its path.
    std::set<std::string> paths;
    for_each_scalar(*got.cassette, [&](Scalar&, const ScalarSite& s) { paths.insert(std::string(s.path)); });
    for (const auto& r : schema::rows<Request>()) CHECK(paths.count(std::string(schema::path(r))) == 1);
    for (const auto& r : schema::rows<Response>()) CHECK(paths.count(std::string(schema::path(r))) == 1);

    // The JSON export names every key.
    const std::string json = convert::to_json(*got.cassette);
    for (const auto& r : schema::rows<Request>()) CHECK(json.find("\"" + std::string(r.key) + "\":") != std::string::npos);
    for (const auto& r : schema::rows<Response>()) CHECK(json.find("\"" + std::string(r.key) + "\":") != std::string::npos);

    // HAR export and import: the fields HAR has no place for travel in
    // `_cassette` under their own key and come back.
    const convert::HarImportResult back = convert::import_har(convert::to_har(*got.cassette, {}), {});
    INFO(diag::message_of(back));
    REQUIRE(back);
    REQUIRE(back->cassette.interactions.size() == 1);
    const Interaction &x = got.cassette->interactions[0], &y = back->cassette.interactions[0];
    auto same_carried = [](const auto& a, const auto& b, const auto& native) {
        using S = std::decay_t<decltype(a)>;
        schema::visit<S>(
            [&](const schema::Row<S>& r, const auto& ma, const auto& mb) {
                if (convert::har_native(native, r.key)) return;
                INFO(r.key);
                CHECK(schema::present(r, a) == schema::present(r, b));
                if constexpr (std::is_same_v<std::decay_t<decltype(ma)>, Field>) CHECK(ma.value.value == mb.value.value);
                else if constexpr (std::is_same_v<std::decay_t<decltype(ma)>, HeaderMap>) CHECK(ma.entries.size() == mb.entries.size());
                else CHECK(ma.items.size() == mb.items.size());
            },
            a, b);
    };
    same_carried(x.request, y.request, convert::k_har_request);
    same_carried(x.response, y.response, convert::k_har_response);
    CHECK(first_difference(*got.cassette, back->cassette) == std::nullopt);

    // diff --all names a change of any one field (method and url pair the
    // interactions: a change of them is a removed and an added one).
    auto changed_one = [&](const auto& rows, auto member_of) {
        for (const auto& r : rows) {
            Cassette other = *got.cassette;
            auto& s = member_of(other.interactions[0]);
            using S = std::decay_t<decltype(s)>;
            schema::visit<S>(schema::overloaded{
                                 [&](const schema::Row<S>& row, Field& f) {
                                     if (&row == &r) f.value.value = row.kind == schema::Kind::Bool ? "false" : "9";
                                 },
                                 [&](const schema::Row<S>& row, HeaderMap& m) {
                                     if (&row == &r) m.entries[0].values[0].value = "changed";
                                 },
                                 [&](const schema::Row<S>& row, StringList& l) {
                                     if (&row == &r) l.items[0].value = "changed";
                                 },
                             },
                             s);
            diff::DiffOptions all;
            all.all = true;
            const diff::Report report = diff::compare(*got.cassette, other, all);
            INFO(r.key);
            CHECK(report.has_differences());
            if (r.key == "method" || r.key == "url") continue;
            bool named = false;
            for (const auto& ch : report.changes) named |= ch.path.rfind(schema::path(r), 0) == 0;
            CHECK(named);
        }
    };
    changed_one(schema::rows<Request>(), [](Interaction& in) -> Request& { return in.request; });
    changed_one(schema::rows<Response>(), [](Interaction& in) -> Response& { return in.response; });

    // unknown-key knows them all; a misspelt one it names, with the row's key as the suggestion.
    auto lint = testing_support::run_cassette({"lint", "--select", "unknown-key", "-"}, text);
    CHECK(lint.out.find("unknown-key") == std::string::npos);
    std::string typo = text;
    typo.replace(typo.find("remote_addr:"), 12, "remote_adr:");
    lint = testing_support::run_cassette({"lint", "--select", "unknown-key", "-"}, typo);
    INFO(lint.out << lint.err);
    CHECK(lint.out.find("unknown key `remote_adr` in request") != std::string::npos);
    CHECK(lint.out.find("did you mean `remote_addr`?") != std::string::npos);

    // A value of the wrong type is named by the row's label.
    std::string bad = text;
    bad.replace(bad.find("uncompressed: true"), 18, "uncompressed: maybe");
    yaml::ReadResult wrong = yaml::read_cassette(bad, "t.yaml");
    bool named = false;
    for (const auto& d : wrong.diagnostics) named |= d.message.find("response uncompressed must be true or false") == 0;
    CHECK(named);
}
