// Times the foundation alone (no CLI, no file write): yaml::read_cassette and
// yaml::write_canonical on one file, so that profilers (callgrind, perf) see
// only the reader and the emitter. Not part of the test suite.
//
//   core_bench read|write|both|libyaml|file FILE [ITERATIONS]
//
// Prints one line per iteration: "read SECONDS MiB/s" / "write SECONDS MiB/s".
// `libyaml` times libyaml's event parser alone on the same bytes: the ceiling
// for any reader built on it. `file` times read_cassette_file (file read
// included) as the commands call it; the others start from bytes in memory.
// Reads use the commands' default thread budget (one thread per core; the
// environment variable CORE_BENCH_JOBS=N sets another, as -j N does).
#include "yaml/reader.hpp"
#include "yaml/writer.hpp"

#include <yaml.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: core_bench read|write|both|libyaml|file FILE [ITERATIONS]\n");
        return 2;
    }
    const std::string what = argv[1];
    const std::string path = argv[2];
    const int iterations = argc > 3 ? std::atoi(argv[3]) : 1;
    using clock = std::chrono::steady_clock;
    cassette::yaml::ReadOptions options;
    const char* jobs = std::getenv("CORE_BENCH_JOBS");
    options.threads = jobs && std::atoi(jobs) > 0 ? cassette::util::ThreadBudget(unsigned(std::atoi(jobs)))
                                                   : cassette::util::ThreadBudget::cores();
    if (what == "file") {
        // What a command does: read_cassette_file (the file's bytes read
        // into the string the model keeps), nothing else.
        for (int i = 0; i < iterations; ++i) {
            auto t0 = clock::now();
            auto r = cassette::yaml::read_cassette_file(path, options);
            double s = std::chrono::duration<double>(clock::now() - t0).count();
            if (!r.ok()) {
                std::fprintf(stderr, "core_bench: %s does not read\n", path.c_str());
                return 2;
            }
            std::printf("file %.3f s %.1f MiB/s\n", s, double(r.cassette->source.size()) / (1024.0 * 1024.0) / s);
        }
        return 0;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "core_bench: cannot read %s\n", path.c_str());
        return 2;
    }
    in.seekg(0, std::ios::end);
    std::string data(size_t(in.tellg()), '\0');
    in.seekg(0);
    in.read(data.data(), std::streamsize(data.size()));
    const double mib = double(data.size()) / (1024.0 * 1024.0);
    size_t sink = 0;
    if (what == "libyaml") {
        for (int i = 0; i < iterations; ++i) {
            auto t0 = clock::now();
            yaml_parser_t parser;
            yaml_parser_initialize(&parser);
            yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(data.data()), data.size());
            yaml_event_t event;
            bool done = false;
            while (!done) {
                if (!yaml_parser_parse(&parser, &event)) {
                    std::fprintf(stderr, "core_bench: libyaml error\n");
                    return 2;
                }
                done = event.type == YAML_STREAM_END_EVENT;
                ++sink;
                yaml_event_delete(&event);
            }
            yaml_parser_delete(&parser);
            double s = std::chrono::duration<double>(clock::now() - t0).count();
            std::printf("libyaml %.3f s %.1f MiB/s\n", s, mib / s);
        }
        return sink == 1 ? 1 : 0;
    }
    for (int i = 0; i < iterations; ++i) {
        std::string source = data; // copied outside the timing: commands move the file's bytes in
        auto t0 = clock::now();
        auto r = cassette::yaml::read_cassette(std::move(source), path, options);
        auto t1 = clock::now();
        if (!r.ok()) {
            std::fprintf(stderr, "core_bench: %s does not read\n", path.c_str());
            return 2;
        }
        double rs = std::chrono::duration<double>(t1 - t0).count();
        if (what == "read" || what == "both") std::printf("read %.3f s %.1f MiB/s\n", rs, mib / rs);
        if (what == "write" || what == "both") {
            auto t2 = clock::now();
            std::string out = cassette::yaml::write_canonical(*r.cassette, r.cassette->layout);
            auto t3 = clock::now();
            double ws = std::chrono::duration<double>(t3 - t2).count();
            std::printf("write %.3f s %.1f MiB/s%s\n", ws, mib / ws, out == data ? "" : " (output differs from input)");
            sink += out.size();
        }
    }
    return sink == 1 ? 1 : 0;
}
