#include "gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <stdexcept>

#include "content_hash.hpp"

namespace bistime::http::detail {
namespace {

// A deflate stream with the gzip wrapper, ended however the compression ends.
class GzipStream {
  public:
    GzipStream(int level, int window_bits = 15, int memory_level = 9) {
        if (deflateInit2(&stream_, level, Z_DEFLATED, window_bits + 16, memory_level,
                         Z_DEFAULT_STRATEGY) != Z_OK) {
            throw std::runtime_error("zlib: cannot start compressing");
        }
    }
    ~GzipStream() { deflateEnd(&stream_); }
    GzipStream(const GzipStream&) = delete;
    GzipStream& operator=(const GzipStream&) = delete;

    // Compresses `bytes` onto `out`; `last` finishes the stream.
    void add(std::string_view bytes, bool last, std::string& out) {
        // zlib counts in uInt: a larger input goes in slices.
        constexpr std::size_t k_slice = std::numeric_limits<uInt>::max() / 2;
        do {
            const std::size_t slice = std::min(bytes.size(), k_slice);
            const bool final_slice = last && slice == bytes.size();
            stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
            stream_.avail_in = static_cast<uInt>(slice);
            int status = Z_OK;
            do {
                const std::size_t before = out.size();
                const std::size_t room = std::max<std::size_t>(
                    16384, deflateBound(&stream_, static_cast<uLong>(stream_.avail_in)));
                out.resize(before + room);
                stream_.next_out = reinterpret_cast<Bytef*>(out.data() + before);
                stream_.avail_out = static_cast<uInt>(room);
                status = deflate(&stream_, final_slice ? Z_FINISH : Z_NO_FLUSH);
                out.resize(before + room - stream_.avail_out);
                if (status == Z_STREAM_ERROR) {
                    throw std::runtime_error("zlib: cannot compress");
                }
            } while (stream_.avail_in > 0 || (final_slice && status != Z_STREAM_END));
            bytes.remove_prefix(slice);
        } while (!bytes.empty());
    }

  private:
    z_stream stream_{};
};

}  // namespace

struct GzipWriter::State {
    State(int level, int window_bits, int memory_level)
        : stream(level, window_bits, memory_level) {}
    GzipStream stream;
};

GzipWriter::GzipWriter(int level, int window_bits, int memory_level)
    : state_(std::make_unique<State>(level, window_bits, memory_level)) {}

GzipWriter::~GzipWriter() = default;

void GzipWriter::add(std::string_view bytes, bool last, std::string& out) {
    state_->stream.add(bytes, last, out);
}

std::string gzip(std::string_view bytes, int level) {
    GzipStream stream(level);
    std::string out;
    stream.add(bytes, true, out);
    return out;
}

std::string gzip(const std::vector<std::string>& pieces, int level) {
    GzipStream stream(level);
    std::string out;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        stream.add(pieces[i], i + 1 == pieces.size(), out);
    }
    if (pieces.empty()) {
        stream.add("", true, out);
    }
    return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
    for (const std::string_view item : header_items(accept_encoding)) {
        std::string lowered(item);
        std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        lowered.erase(std::remove_if(lowered.begin(), lowered.end(),
                                     [](unsigned char c) { return c == ' ' || c == '\t'; }),
                      lowered.end());
        const auto semicolon = lowered.find(';');
        const std::string coding = lowered.substr(0, semicolon);
        if (coding != "gzip" && coding != "x-gzip" && coding != "*") {
            continue;
        }
        const auto q = semicolon == std::string::npos ? semicolon : lowered.find("q=", semicolon);
        // Any q other than zero (0, 0.0, 0.00, 0.000) allows it.
        return q == std::string::npos ||
               lowered.find_first_not_of("0.", q + 2) != std::string::npos;
    }
    return false;
}

}  // namespace bistime::http::detail
