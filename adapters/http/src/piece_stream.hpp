// PieceStream: a body too large to keep (PiecewiseBody without written
// pieces) as the bytes of an HTTP/1.1 chunked message body, plain or gzipped,
// produced a bounded amount at a time as the connection drains.
//
// Memory: one frame of about k_frame_bytes (plus at most one of the body's
// pieces) and, gzipped, a deflate state of 128 KiB; never the whole answer.
// Work: one frame's text and its compression, a fraction of a millisecond,
// so producing it on an I/O thread never holds that thread for long.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "bistime/http/api_message.hpp"
#include "gzip.hpp"

namespace bistime::http::detail {

class PieceStream {
  public:
    // The text gathered for one chunk before it is framed (and compressed).
    static constexpr std::size_t k_frame_bytes = 32 * 1024;

    // `chunked`: framed as chunks (HTTP/1.1); otherwise the body's bytes
    // alone, for an answer that ends where its connection does (HTTP/1.0).
    // Throws std::runtime_error when zlib cannot start (out of memory).
    PieceStream(std::shared_ptr<const PiecewiseBody> body, bool gzip, bool chunked = true);

    bool chunked() const { return line_ != 0; }

    // The next bytes to send: one or more chunks, and after the body's end
    // the last chunk; empty once everything was produced.
    const std::string& next();

  private:
    std::shared_ptr<const PiecewiseBody> body_;
    std::unique_ptr<GzipWriter> gzip_;
    std::size_t index_ = 0;
    bool finished_ = false;
    std::size_t line_ = 0;  // the size line's width; 0 when not chunked
    std::string text_;      // the body's text for one frame (gzip only)
    std::string frame_;     // what next() returns
};

}  // namespace bistime::http::detail
