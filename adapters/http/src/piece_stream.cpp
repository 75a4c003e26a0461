#include "piece_stream.hpp"

#include <cstdio>

namespace bistime::http::detail {
namespace {

// A chunk's size line with a fixed width (RFC 9112 allows leading zeros),
// written before the data and filled in after it.
constexpr std::size_t k_size_line = 10;  // "0000ffff\r\n"

void fill_size_line(std::string& frame, std::size_t at, std::size_t size) {
    char line[32];  // a frame is far below 4 GiB: eight digits always do
    std::snprintf(line, sizeof line, "%08zx\r\n", size);
    frame.replace(at, k_size_line, line, k_size_line);
}

// Deflate with a small window and hash: a deflate state a fraction of zlib's
// default size, for a ratio close to the default's on CSV and JSON (figures
// in docs/performance.md, "Streamed answers").
constexpr int k_window_bits = 14;
constexpr int k_memory_level = 7;

}  // namespace

PieceStream::PieceStream(std::shared_ptr<const PiecewiseBody> body, bool gzip, bool chunked)
    : body_(std::move(body)), line_(chunked ? k_size_line : 0) {
    if (gzip) {
        // zlib's fastest level, as for kept bodies: CSV compresses about
        // tenfold at it.
        gzip_ = std::make_unique<GzipWriter>(1, k_window_bits, k_memory_level);
    }
}

const std::string& PieceStream::next() {
    frame_.clear();
    const std::size_t count = body_->piece_count();
    while (frame_.empty() && !finished_) {
        // Room for the size line, filled in once the frame's size is known.
        frame_.append(line_, '0');
        if (gzip_) {
            text_.clear();
            while (text_.size() < k_frame_bytes && index_ < count) {
                body_->write_piece(index_++, text_);
            }
            gzip_->add(text_, index_ == count, frame_);  // zlib may keep it all for now
        } else {
            // The pieces go straight into the frame, after its size line.
            while (frame_.size() - line_ < k_frame_bytes && index_ < count) {
                body_->write_piece(index_++, frame_);
            }
        }
        if (frame_.size() == line_) {
            frame_.clear();
        } else if (chunked()) {
            fill_size_line(frame_, 0, frame_.size() - line_);
            frame_ += "\r\n";
        }
        if (index_ == count) {
            if (chunked()) {
                frame_ += "0\r\n\r\n";
            }
            finished_ = true;
        }
    }
    return frame_;
}

}  // namespace bistime::http::detail
