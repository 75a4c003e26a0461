// HttpServer: the socket side of the API, on Boost.Beast and Boost.Asio.
//
// Accepts connections on one address, reads HTTP/1.1 requests (with limits on
// header and body size and a timeout before every read), hands each to the
// ApiRouter on a worker pool — the I/O threads never wait on the database —
// and writes the response back on the connection's strand, keeping the
// connection alive when the client asks. One log line per request. Every
// response carries X-Request-Id: the client's own (when it is a short token)
// or one made here, and the log line names it.
//
// Overload: the worker queue is bounded (max_queued) and every request has a
// budget (request_timeout); past either the answer is 503 with Retry-After,
// never an unbounded wait. So are answers streamed as written (max_streams).
//
// Framing (RFC 9112): a Transfer-Encoding that does not end with chunked and
// an HTTP/1.1 request without Host get 400 (and the connection closes); an
// absolute-form target is routed by its path; "Expect: 100-continue" gets
// 100 Continue before the body is read, or the final answer at once when the
// request is refused whatever its body (413, 404, 405).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "bistime/core/result.hpp"
#include "bistime/http/api_router.hpp"
#include "bistime/http/server_metrics.hpp"

namespace bistime::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 picks a free port
    std::size_t io_threads = 2;
    std::size_t worker_threads = 4;         // where requests run
    std::size_t body_limit = 1024 * 1024;   // larger bodies get 413
    std::size_t header_limit = 16 * 1024;   // larger headers get 431
    std::chrono::seconds read_timeout{30};  // for a request to arrive whole
    std::chrono::seconds idle_timeout{60};  // between requests on a kept-alive connection
    // A request's budget from when it was read (bistime::Deadline): one still
    // queued for a worker past it gets 503 without running, and storage
    // gives up on it.
    std::chrono::milliseconds request_timeout{10000};
    std::size_t max_queued = 1024;  // requests waiting for a worker; more get 503 at once
    // Open connections: in all (0: the descriptor limit less 128), and from
    // one client address (0: no limit). At a limit, the connection that has
    // waited longest for a request is closed to make room (ConnectionLimiter);
    // out of descriptors, the acceptor does the same and pauses 50 ms.
    std::size_t max_connections = 0;
    std::size_t max_connections_per_client = 256;
    // Answers too large to keep in memory (a large event's CSV, schedules,
    // grid) go out as they are written, chunked and gzipped when asked, with
    // a bounded buffer each: at most this many at once; past it a request
    // for one gets 503 with Retry-After.
    std::size_t max_streams = 8;
    // A reader of such an answer that takes fewer than min_read_bytes in any
    // min_read_window is cut (0 bytes: never), so that a reader that does
    // not read does not hold a stream for good.
    std::size_t min_read_bytes = 30 * 1024;
    std::chrono::seconds min_read_window{30};
    bool log_requests = true;
    // One line per request: "text" (time, client, method, path, status,
    // duration, request id) or "json" (one object per line, the same fields
    // and the route pattern). Never a header's secret, a query or a body.
    enum class LogFormat { text, json };
    LogFormat log_format = LogFormat::text;
    // Where requests are counted for GET /metrics; null counts nothing.
    ServerMetrics* metrics = nullptr;
};

class HttpServer {
  public:
    // Binds and starts serving on background threads.
    // Errors: unavailable (cannot bind), invalid (bad address).
    static Result<std::unique_ptr<HttpServer>> start(const ServerOptions& options,
                                                     const ApiRouter& router);
    ~HttpServer();  // stops, as stop() does

    // The port bound (useful with port 0).
    std::uint16_t port() const;
    // Stops accepting, lets requests in flight finish (up to `grace`), then
    // closes every connection and joins the threads. Idempotent.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));

  private:
    struct Impl;
    explicit HttpServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace bistime::http
