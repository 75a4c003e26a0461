#include "streamed_answer.hpp"

#include <linux/sockios.h>
#include <sys/ioctl.h>

#include <algorithm>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>

namespace bistime::http::detail {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace wire = boost::beast::http;

StreamedAnswer::StreamedAnswer(beast::tcp_stream& stream, std::unique_ptr<PieceStream> body,
                               std::size_t min_bytes, std::chrono::seconds window)
    : stream_(stream),
      body_(std::move(body)),
      min_bytes_(min_bytes),
      window_(window),
      watch_(stream.get_executor()) {}

void StreamedAnswer::start(std::shared_ptr<Head> head, std::chrono::seconds head_timeout,
                           Done done) {
    done_ = std::move(done);
    head->chunked(body_->chunked());
    auto serializer = std::make_shared<wire::response_serializer<wire::empty_body>>(*head);
    stream_.expires_after(head_timeout);
    wire::async_write_header(stream_, *serializer,
                             [self = shared_from_this(), head, serializer](beast::error_code error,
                                                                           std::size_t written) {
                                 if (error) {
                                     return self->finish(error);
                                 }
                                 // No deadline per write: a slow reader is judged by its rate over
                                 // a window (watch_reader), not by how long one frame takes.
                                 self->stream_.expires_never();
                                 self->sent_ = written;
                                 self->watch_reader();
                                 self->write_frame();
                             });
}

void StreamedAnswer::write_frame() {
    if (frame_ == nullptr || frame_offset_ == frame_->size()) {
        frame_ = &body_->next();
        frame_offset_ = 0;
        if (frame_->empty()) {
            return finish({});
        }
    }
    stream_.async_write_some(
        net::buffer(frame_->data() + frame_offset_, frame_->size() - frame_offset_),
        [self = shared_from_this()](beast::error_code error, std::size_t written) {
            self->sent_ += written;
            self->frame_offset_ += written;
            if (error) {
                return self->finish(error);
            }
            self->write_frame();
        });
}

void StreamedAnswer::finish(beast::error_code error) {
    finished_ = true;
    watch_.cancel();
    body_.reset();
    frame_ = nullptr;
    // The owner may start its next request from `done`: release it first.
    Done done = std::move(done_);
    done_ = nullptr;
    done(error);
}

void StreamedAnswer::watch_reader() {
    if (min_bytes_ == 0) {
        return;
    }
    watch_.expires_after(window_);
    watch_.async_wait([self = shared_from_this()](beast::error_code error) {
        if (error || self->finished_) {
            return;
        }
        const std::uint64_t taken = self->taken();
        if (taken - self->taken_at_check_ < self->min_bytes_) {
            // Reset, not closed: what waits in the send queue is dropped
            // rather than trickled out to a reader that does not read. The
            // pending write then fails and finishes the answer.
            beast::error_code ignored;
            self->stream_.socket().set_option(net::socket_base::linger(true, 0), ignored);
            self->stream_.socket().close(ignored);
            return;
        }
        self->taken_at_check_ = taken;
        self->watch_reader();
    });
}

std::uint64_t StreamedAnswer::taken() {
    int queued = 0;
    if (::ioctl(stream_.socket().native_handle(), SIOCOUTQ, &queued) != 0 || queued < 0) {
        queued = 0;
    }
    return sent_ - std::min<std::uint64_t>(sent_, static_cast<std::uint64_t>(queued));
}

}  // namespace bistime::http::detail
