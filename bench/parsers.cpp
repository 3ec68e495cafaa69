// Parse-only speed of the two YAML libraries we could read cassettes with:
// libyaml's event parser (what src/yaml/reader uses) and yaml-cpp's event
// API (what we use for .cassette.yaml). Same file, same process, alternating.
// Usage: bench_parsers FILE [ROUNDS]
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>
#include <yaml.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

namespace {

size_t libyaml_events(const std::string& data) {
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    size_t n = 0;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) break;
        ++n;
        bool end = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
        if (end) break;
    }
    yaml_parser_delete(&p);
    return n;
}

struct Counter : YAML::EventHandler {
    size_t n = 0;
    void OnDocumentStart(const YAML::Mark&) override { ++n; }
    void OnDocumentEnd() override { ++n; }
    void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++n; }
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++n; }
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++n; }
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { ++n; }
    void OnSequenceEnd() override { ++n; }
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { ++n; }
    void OnMapEnd() override { ++n; }
};

size_t yamlcpp_events(const std::string& data) {
    std::istringstream in(data);
    YAML::Parser parser(in);
    Counter c;
    while (parser.HandleNextDocument(c)) {
    }
    return c.n;
}

template <class F> double seconds(F&& f) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_parsers FILE [ROUNDS]\n";
        return 2;
    }
    std::ifstream f(argv[1], std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string data = ss.str();
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    std::vector<double> a, b;
    size_t na = 0, nb = 0;
    for (int i = 0; i < rounds; ++i) {
        a.push_back(seconds([&] { na = libyaml_events(data); }));
        b.push_back(seconds([&] { nb = yamlcpp_events(data); }));
    }
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    const double mib = double(data.size()) / (1024.0 * 1024.0);
    std::cout << "file: " << argv[1] << " (" << mib << " MiB), " << rounds << " rounds, median\n";
    std::cout << "libyaml events:  " << a[a.size() / 2] << " s  " << mib / a[a.size() / 2] << " MiB/s  (" << na << " events)\n";
    std::cout << "yaml-cpp events: " << b[b.size() / 2] << " s  " << mib / b[b.size() / 2] << " MiB/s  (" << nb << " events)\n";
    return 0;
}
