// WrittenPiecesBody: a Beast body type for a PiecewiseBody whose pieces are
// all written out already (PiecewiseBody::written_pieces, a body kept in
// memory). Beast sends its length in the head, and the head and every piece
// in one gathered write, straight from the kept strings: no copy, and a
// system call per many pieces rather than one per piece.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>

#include "bistime/http/api_message.hpp"

namespace bistime::http::detail {

struct WrittenPiecesBody {
    // Never null, and its written_pieces() are the whole body.
    using value_type = std::shared_ptr<const PiecewiseBody>;

    static std::uint64_t size(const value_type& body) {
        std::uint64_t length = 0;
        for (const std::string& piece : body->written_pieces()) {
            length += piece.size();
        }
        return length;
    }

    class writer {
      public:
        using const_buffers_type = std::vector<boost::asio::const_buffer>;

        template <bool is_request, typename Fields>
        writer(const boost::beast::http::header<is_request, Fields>&, const value_type& body)
            : body_(body) {}

        void init(boost::beast::error_code& error) { error = {}; }

        // Every piece at once, then nothing more.
        boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& error) {
            error = {};
            if (done_) {
                return boost::none;
            }
            done_ = true;
            const_buffers_type buffers;
            for (const std::string& piece : body_->written_pieces()) {
                buffers.push_back(boost::asio::buffer(piece));
            }
            return std::make_pair(std::move(buffers), false);
        }

      private:
        const value_type& body_;
        bool done_ = false;
    };
};

}  // namespace bistime::http::detail
