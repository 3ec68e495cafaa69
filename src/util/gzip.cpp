#include "util/gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <climits>

namespace cassette::util {

bool looks_gzip(std::string_view data) {
    return data.size() >= 3 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b && static_cast<unsigned char>(data[2]) == 0x08;
}

namespace {

// Owns the z_stream so that every exit path frees zlib's state.
class Inflater {
public:
    Inflater() = default;
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;
    ~Inflater() {
        if (m_ok) inflateEnd(&m_stream);
    }
    bool init() {
        // 16 + MAX_WBITS: expect a gzip header and trailer (CRC and length checked).
        m_ok = inflateInit2(&m_stream, 16 + MAX_WBITS) == Z_OK;
        return m_ok;
    }
    z_stream& stream() { return m_stream; }

private:
    z_stream m_stream{};
    bool m_ok = false;
};

} // namespace

std::optional<std::string> gunzip(std::string_view data, size_t max_out) {
    if (!looks_gzip(data)) return std::nullopt;
    Inflater inflater;
    if (!inflater.init()) return std::nullopt;
    z_stream& zs = inflater.stream();

    std::string out;
    // Typical text compresses 4-10x; start there, grow geometrically, never
    // beyond the limit.
    out.resize(std::min(max_out, std::max<size_t>(data.size() * 4, 4096)));
    size_t produced = 0;
    size_t consumed = 0;
    for (;;) {
        // avail_in/avail_out are 32-bit: feed big buffers in slices.
        const size_t in_left = data.size() - consumed;
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + consumed));
        zs.avail_in = static_cast<uInt>(std::min<size_t>(in_left, UINT_MAX));
        if (produced == out.size()) {
            if (out.size() >= max_out) {
                // Full at the limit: only acceptable if the stream ends here
                // with no more output; probe with one spare byte.
                char probe;
                zs.next_out = reinterpret_cast<Bytef*>(&probe);
                zs.avail_out = 1;
                const uInt before_in = zs.avail_in;
                const int rc = inflate(&zs, Z_NO_FLUSH);
                consumed += before_in - zs.avail_in;
                if (zs.avail_out == 0) return std::nullopt; // more than max_out
                if (rc == Z_STREAM_END) {
                    if (consumed == data.size()) break;
                    if (!looks_gzip(data.substr(consumed)) || inflateReset(&zs) != Z_OK) return std::nullopt;
                    continue;
                }
                if (rc != Z_OK) return std::nullopt;
                continue;
            }
            out.resize(std::min(max_out, std::max(out.size() * 2, size_t{4096})));
        }
        const size_t out_left = out.size() - produced;
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        zs.avail_out = static_cast<uInt>(std::min<size_t>(out_left, UINT_MAX));
        const uInt before_in = zs.avail_in;
        const uInt before_out = zs.avail_out;
        const int rc = inflate(&zs, Z_NO_FLUSH);
        consumed += before_in - zs.avail_in;
        produced += before_out - zs.avail_out;
        if (rc == Z_STREAM_END) {
            if (consumed == data.size()) break;
            // Another member must follow; anything else is an error, as in Go.
            if (!looks_gzip(data.substr(consumed)) || inflateReset(&zs) != Z_OK) return std::nullopt;
            continue;
        }
        if (rc == Z_BUF_ERROR) {
            // No progress possible: input exhausted mid-stream (truncated),
            // unless it was only the output that was full.
            if (zs.avail_out != 0) return std::nullopt;
            continue;
        }
        if (rc != Z_OK) return std::nullopt; // Z_DATA_ERROR, Z_MEM_ERROR, Z_NEED_DICT
        if (consumed == data.size() && zs.avail_out != 0) return std::nullopt; // truncated
    }
    out.resize(produced);
    return out;
}

} // namespace cassette::util
