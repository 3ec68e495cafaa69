// Harness (c): the Go-exact JSON re-indenter. Properties:
//  - valid, indent and compact agree on what is JSON;
//  - compact(indent(x)) == compact(x) (pretty then compact gives the compact form back);
//  - both outputs are valid, compact is idempotent, indent is idempotent.
#include "fuzz_check.hpp"

#include "json/indent.hpp"

#include <cstdint>

using namespace cassette;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    const bool valid = json::valid(in);
    std::optional<std::string> pretty = json::indent(in);
    std::optional<std::string> compact = json::compact(in);
    FUZZ_CHECK(valid == pretty.has_value(), in);
    FUZZ_CHECK(valid == compact.has_value(), in);
    if (!valid) return 0;

    FUZZ_CHECK(json::valid(*pretty), *pretty);
    FUZZ_CHECK(json::valid(*compact), *compact);
    std::optional<std::string> back = json::compact(*pretty);
    FUZZ_CHECK(back && *back == *compact, "compact(indent(x)) != compact(x)\n" + *compact + "\n" + back.value_or("<invalid>"));
    std::optional<std::string> again = json::compact(*compact);
    FUZZ_CHECK(again && *again == *compact, *compact);
    std::optional<std::string> pretty2 = json::indent(*pretty);
    FUZZ_CHECK(pretty2 && *pretty2 == *pretty, "indent is not idempotent\n" + *pretty + "\n" + pretty2.value_or("<invalid>"));
    return 0;
}
