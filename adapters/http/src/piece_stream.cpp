#include "piece_stream.hpp"

#include <cstdio>

namespace bistime::http::detail {
namespace {

// A chunk's size line with a fixed width (RFC 9112 allows leading zeros),
// written before the data and filled in after it.
constexpr std::size_t k_size_line = 10;  // "0000ffff\r\n"

void fill_size_line(std::string& frame, std::size_t at, std::size_t size) {
    char line[k_size_line + 1];
    std::snprintf(line, sizeof line, "%08zx\r\n", size);
    frame.replace(at, k_size_line, line, k_size_line);
}

// Deflate with a 16 KiB window and a small hash: 128 KiB a stream instead of
// zlib's default 384 KiB, for a ratio close to the default's on CSV and JSON.
constexpr int k_window_bits = 14;
constexpr int k_memory_level = 7;

}  // namespace

PieceStream::PieceStream(std::shared_ptr<const PiecewiseBody> body, bool gzip)
    : body_(std::move(body)) {
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
        if (gzip_) {
            text_.clear();
            while (text_.size() < k_frame_bytes && index_ < count) {
                body_->write_piece(index_++, text_);
            }
            const bool last = index_ == count;
            frame_.append(k_size_line, '0');
            gzip_->add(text_, last, frame_);
            if (frame_.size() == k_size_line) {
                frame_.clear();  // zlib kept it all for now
            } else {
                fill_size_line(frame_, 0, frame_.size() - k_size_line);
                frame_ += "\r\n";
            }
        } else {
            // The pieces go straight into the frame, after its size line.
            frame_.append(k_size_line, '0');
            while (frame_.size() - k_size_line < k_frame_bytes && index_ < count) {
                body_->write_piece(index_++, frame_);
            }
            if (frame_.size() == k_size_line) {
                frame_.clear();
            } else {
                fill_size_line(frame_, 0, frame_.size() - k_size_line);
                frame_ += "\r\n";
            }
        }
        if (index_ == count) {
            frame_ += "0\r\n\r\n";
            finished_ = true;
        }
    }
    return frame_;
}

}  // namespace bistime::http::detail
