// gzip (RFC 1952) for bodies the server sends more than once: the web app's
// files, and events' large reads kept by revision (RenderedBodies); and
// GzipWriter, a stream compressed as it is sent (PieceStream).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bistime::http::detail {

// `level` as zlib's: 1 (fastest) to 9 (smallest). Throws std::runtime_error
// when zlib fails, which it does only out of memory.
std::string gzip(std::string_view bytes, int level);
// The same, of the pieces as one body, without joining them first.
std::string gzip(const std::vector<std::string>& pieces, int level);

// One gzip stream, compressed a slice at a time onto the caller's string.
class GzipWriter {
  public:
    // `level` as zlib's; `window_bits` 9–15 and `memory_level` 1–9 trade
    // memory ((1 << (window_bits + 2)) + (1 << (memory_level + 9)) bytes) for
    // ratio. Throws std::runtime_error when zlib cannot start (out of memory).
    GzipWriter(int level, int window_bits = 15, int memory_level = 9);
    ~GzipWriter();
    GzipWriter(const GzipWriter&) = delete;
    GzipWriter& operator=(const GzipWriter&) = delete;

    // Compresses `bytes` onto `out`; `last` finishes the stream. What zlib
    // holds back for later stays within its state's bound.
    void add(std::string_view bytes, bool last, std::string& out);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// Whether an Accept-Encoding header allows gzip: named (or "*") without q=0.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace bistime::http::detail
