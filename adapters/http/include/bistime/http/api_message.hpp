// ApiRequest and ApiResponse: an HTTP exchange as the request logic sees it,
// free of any socket or Beast type, so that the logic is a plain function.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "bistime/http/http_status.hpp"

namespace bistime::http {

struct ApiRequest {
    std::string method;  // upper case, e.g. "GET"
    std::string target;  // path and query, as received: "/api/events/x?page=2"
    std::vector<std::pair<std::string, std::string>> headers;  // names lower case
    std::string body;
    // The address of the connection's peer ("203.0.113.7", "::1"); the client
    // itself unless the peer is a trusted proxy (RouterOptions).
    std::string peer;

    // The first header of that (lower-case) name, or "" when absent.
    const std::string& header(const std::string& name) const;
    bool has_header(const std::string& name) const;
};

// A body too large to build whole — a big event's grid or schedules — kept as
// the compact data it is written from and written out piece by piece as the
// connection drains (chunked), so an answer's memory is its data and one
// piece, not its text. Pieces are written from const data: the body can be
// read more than once (its ETag is a hash of a first pass) and from any thread.
class PiecewiseBody {
  public:
    virtual ~PiecewiseBody() = default;
    virtual std::size_t piece_count() const = 0;
    // Appends piece `index` (< piece_count()) to `out`.
    virtual void write_piece(std::size_t index, std::string& out) const = 0;
    // Every piece, when they are all written out already (a body kept in
    // memory): then the body goes with its length, its pieces gathered into
    // one write, not in chunks. Empty when each piece is written as it is sent.
    virtual std::span<const std::string> written_pieces() const { return {}; }
};

struct ApiResponse {
    int status = code(HttpStatus::ok);            // see http_status.hpp
    std::string body;                             // JSON (or the content_type's format), or empty
    std::shared_ptr<const PiecewiseBody> pieces;  // instead of `body`, when set
    // The pieces are plain text to be gzipped as they are sent (chunked); the
    // handler has set Content-Encoding: gzip.
    bool gzip_pieces = false;
    std::vector<std::pair<std::string, std::string>> headers;      // besides Content-Type
    std::string content_type = "application/json; charset=utf-8";  // sent with a body
    // Which route answered, as ApiRouter::route_labels() counts them (for
    // metrics); k_unrouted when none did.
    static constexpr std::size_t k_unrouted = static_cast<std::size_t>(-1);
    std::size_t route = k_unrouted;

    bool has_body() const { return !body.empty() || pieces != nullptr; }
};

}  // namespace bistime::http
