// StreamedAnswer: an answer too large to keep, sent on a connection as it is
// written — its head, then PieceStream's frames, each produced only once the
// socket has taken the last — while its reader is watched: one that takes
// fewer than `min_bytes` in any `window` is reset (SO_LINGER 0, so nothing
// more trickles out to it). What the reader took is what was handed to the
// socket less what still waits in its send queue (SIOCOUTQ: unsent or
// unacknowledged), so that the kernel's buffers count for nothing.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>

#include "piece_stream.hpp"

namespace bistime::http::detail {

class StreamedAnswer : public std::enable_shared_from_this<StreamedAnswer> {
  public:
    using Head = boost::beast::http::response<boost::beast::http::empty_body>;
    // Called once: with no error when the whole answer was written.
    using Done = std::function<void(boost::beast::error_code)>;

    // `stream` must outlive the answer (`done` is where its owner learns
    // the answer is over). `min_bytes` 0: the reader is never judged.
    StreamedAnswer(boost::beast::tcp_stream& stream, std::unique_ptr<PieceStream> body,
                   std::size_t min_bytes, std::chrono::seconds window);

    // Writes `head` (chunked) within `head_timeout`, then the body frames
    // without a deadline of their own.
    void start(std::shared_ptr<Head> head, std::chrono::seconds head_timeout, Done done);

  private:
    void write_frame();
    void finish(boost::beast::error_code error);
    void watch_reader();
    std::uint64_t taken();

    boost::beast::tcp_stream& stream_;
    std::unique_ptr<PieceStream> body_;
    std::size_t min_bytes_;
    std::chrono::seconds window_;
    boost::asio::steady_timer watch_;
    Done done_;
    const std::string* frame_ = nullptr;  // the frame being written
    std::size_t frame_offset_ = 0;        // and how far
    std::uint64_t sent_ = 0;              // handed to the socket, head included
    std::uint64_t taken_at_check_ = 0;    // taken by the reader at the last check
    bool finished_ = false;
};

}  // namespace bistime::http::detail
