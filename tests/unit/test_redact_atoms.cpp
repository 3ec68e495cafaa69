// Detection by shape looks for each pattern's atoms first and runs its regex
// only where a match could start (redact/patterns.hpp). It must find exactly
// what RE2's set over the whole text finds: compared on every string of the
// samples and the corpus, and on generated text full of near misses.
#include "redact/detect.hpp"
#include "redact/patterns.hpp"
#include "model/walk.hpp"
#include "yaml/reader.hpp"

#include "corpus_files.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace cassette;
using namespace cassette::redact;

namespace {

DetectOptions with_atoms(bool on) {
    DetectOptions o;
    o.for_tests.by_atoms = on;
    return o;
}

std::string repeat_from(std::mt19937& rng, std::string_view alphabet, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += alphabet[rng() % alphabet.size()];
    return out;
}

// Text that looks like what the patterns look for: whole secrets, cut ones,
// atoms alone, case changes, separators, token runs, non-ASCII letters.
std::string generated(std::mt19937& rng) {
    const std::string alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const std::string hex = "0123456789abcdef";
    const std::string tok = alnum + "_-";
    const std::vector<std::string> whole = {
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAabcdefghijklmnop\n-----END RSA PRIVATE KEY",
        "AWS4-HMAC-SHA256 Credential=AKIAABCDEFGHIJKLMNOP/20240101/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=" + repeat_from(rng, hex, 64),
        "?X-Amz-Credential=AKIAABCDEFGHIJKLMNOP%2F2024", "&X-Amz-Signature=" + repeat_from(rng, hex, 64),
        "\\u0026X-Amz-Security-Token=FwoGZXIvYXdzEJr1234567890abc",
        "sk-ant-api03-" + repeat_from(rng, tok, 40), "sk-or-v1-" + repeat_from(rng, hex, 64),
        "sk-proj-" + repeat_from(rng, tok, 30), "sk-" + repeat_from(rng, alnum, 48),
        "ghp_" + repeat_from(rng, alnum, 36), "github_pat_" + repeat_from(rng, alnum + "_", 60),
        "glpat-" + repeat_from(rng, tok, 20), "https://hooks.slack.com/services/T0123456/B0123456/abcdefghijklmnop1234",
        "xoxb-123456789-abcdefghij", "sk_live_" + repeat_from(rng, alnum, 24), "whsec_" + repeat_from(rng, alnum, 30),
        "AIza" + repeat_from(rng, tok, 35), "ya29." + repeat_from(rng, tok, 30), "GOCSPX-" + repeat_from(rng, tok, 25),
        "SG." + repeat_from(rng, tok, 22) + "." + repeat_from(rng, tok, 43), "SK" + repeat_from(rng, hex, 32),
        "hf_" + repeat_from(rng, alnum, 34), "AKIA" + repeat_from(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 16),
        "aws_secret_access_key = " + repeat_from(rng, alnum + "/+", 40),
        "AWS_SECRET_KEY\\\":\\\"" + repeat_from(rng, alnum + "/+", 40),
        "\xC5\xBF" "ecret_access_key=" + repeat_from(rng, alnum + "/+", 40),
        "aw\xC5\xBFsecretkey: " + repeat_from(rng, alnum + "/+", 40),
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0." + repeat_from(rng, tok, 12),
        "https://user:pa55w0rd@example.com/path", "postgres://admin:hunter2@db.local:5432",
        "x+y.z://a:b@c",
    };
    const std::vector<std::string> bits = {
        " ", "\"", "'", "/", ":", "@", "?", "&", "=", "\\u0026", "\n", ",", "-", "_", ".", "\xC5\xBF", "\xC3\xA9",
        "://", "sk-", "sk", "gh", "ghp_", "gl", "SK", "secret", "SECRET", "SeCrEt", "cret", "aws", "AKIA", "eyJ",
        "X-Amz-", "AIza", "xox", "hf_", "SG.", "ya29.", "-----BEGIN ", "https://", "whsec_"};
    std::string s;
    const size_t parts = 1 + rng() % 12;
    for (size_t k = 0; k < parts; ++k) {
        switch (rng() % 4) {
        case 0: {
            std::string w = whole[rng() % whole.size()];
            if (rng() % 3 == 0) w.resize(rng() % (w.size() + 1)); // cut: a near miss
            if (rng() % 4 == 0)
                for (char& ch : w)
                    if (rng() % 8 == 0 && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) ch ^= 0x20;
            s += w;
            break;
        }
        case 1: s += bits[rng() % bits.size()]; break;
        case 2: s += repeat_from(rng, rng() % 2 ? hex : tok, rng() % 50); break;
        default: s += repeat_from(rng, " \"'=:/@&?", 1 + rng() % 3); break;
        }
    }
    return s;
}

} // namespace

TEST_SUITE("redact atoms") {

TEST_CASE("every built-in pattern has atoms of two bytes or more") {
    for (const PatternRow& row : builtin_patterns()) {
        CAPTURE(row.id);
        CHECK_FALSE(row.atoms.empty());
        for (const Atom& a : row.atoms) {
            CHECK(a.text.size() >= 2);
            CHECK(a.back_min <= a.back_max);
        }
    }
}

TEST_CASE("atoms find what the set finds: every string of the samples and the corpus") {
    const Detector atoms(with_atoms(true)), set(with_atoms(false));
    size_t texts = 0, matches = 0;
    for (const std::string& path : testing_support::sample_and_corpus_files()) {
        CAPTURE(path);
        yaml::ReadResult r = yaml::read_cassette_file(path);
        if (!r.cassette) continue;
        // The whole file as one text too: long texts, every kind of context.
        const auto whole = pattern_matches(set, r.cassette->source);
        CHECK(pattern_matches(atoms, r.cassette->source) == whole);
        matches += whole.size();
        for_each_scalar(*r.cassette, [&](Scalar& s, const ScalarSite&) {
            ++texts;
            const auto expected = pattern_matches(set, s.value);
            matches += expected.size();
            if (pattern_matches(atoms, s.value) != expected) FAIL_CHECK("differs in a scalar at line " << s.span.begin.line);
        });
    }
    MESSAGE(texts << " strings, " << matches << " matches");
    if (testing_support::shared_corpus_present()) {
        CHECK(texts > 1000);
        CHECK(matches > 20);
    } else {
        CHECK(texts > 100);
        CHECK(matches > 5);
    }
}

TEST_CASE("atoms find what the set finds: 30,000 generated texts") {
    const Detector atoms(with_atoms(true)), set(with_atoms(false));
    std::mt19937 rng(9);
    size_t matches = 0;
    std::vector<size_t> by_row;
    for (int i = 0; i < 30000; ++i) {
        const std::string text = generated(rng);
        const auto expected = pattern_matches(set, text);
        matches += expected.size();
        const auto got = pattern_matches(atoms, text);
        if (got != expected) {
            FAIL_CHECK("differs on generated text #" << i << " (" << text.size() << " bytes)");
            break;
        }
    }
    MESSAGE(matches << " matches");
    CHECK(matches > 5000);
}

TEST_CASE("custom patterns (no atoms) beside the built-in ones") {
    DetectOptions a = with_atoms(true), b = with_atoms(false);
    for (DetectOptions* o : {&a, &b}) {
        o->patterns.push_back({"internal", R"(\bint_[a-z0-9]{12,})"});
        o->patterns.push_back({"ticket", R"(TKT-([0-9]{6}))"});
    }
    const Detector atoms(a), set(b);
    const std::string text = "id int_abcdef123456 and TKT-123456, with sk-" + std::string(48, 'a') + "Q and int_short";
    const auto expected = pattern_matches(set, text);
    CHECK(pattern_matches(atoms, text) == expected);
    std::vector<std::string> ids;
    for (const auto& m : expected) ids.push_back(m.id);
    CHECK(ids == std::vector<std::string>{"openai-key", "custom:internal", "custom:ticket"});
}

} // TEST_SUITE
