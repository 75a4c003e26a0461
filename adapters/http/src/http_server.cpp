#include "bistime/http/http_server.hpp"
#include "bistime/http/http_status.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include "bistime/core/deadline.hpp"
#include "connection_limiter.hpp"
#include "request_identity.hpp"
#include "request_log.hpp"
#include "written_pieces_body.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace bistime::http {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace wire = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

// What the listener and every session share.
struct ServerState {
    ServerState(const ServerOptions& server_options, const ApiRouter& api_router)
        : options(server_options),
          router(api_router),
          acceptor(net::make_strand(io)),
          workers(std::max<std::size_t>(1, server_options.worker_threads)),
          connections(server_options.max_connections, server_options.max_connections_per_client),
          accept_pause(acceptor.get_executor()) {}

    void accept();
    void on_accept(beast::error_code error, tcp::socket socket);
    // EMFILE and kin: make room and wait a little instead of spinning.
    void pause_accepting();
    void log(const std::string& line) { request_log.append(line); }

    ServerOptions options;
    const ApiRouter& router;
    const std::vector<std::string> route_labels = ApiRouter::route_labels();
    detail::RequestLog request_log{std::cout};
    net::io_context io;
    // Keeps the I/O threads running while no socket operation is pending —
    // when every connection waits on a worker — so that answers computed
    // after the listener closes still get written.
    net::executor_work_guard<net::io_context::executor_type> keep_running{io.get_executor()};
    tcp::acceptor acceptor;
    net::thread_pool workers;
    std::vector<std::thread> io_threads;
    std::atomic<int> in_flight{0};
    std::atomic<std::size_t> queued{0};  // posted to the workers, not yet started
    detail::ConnectionLimiter connections;
    net::steady_timer accept_pause;  // waits out a shortage of descriptors
    std::chrono::steady_clock::time_point last_shortage_log{};
    std::atomic<bool> stopping{false};
    std::uint16_t port = 0;
    std::mutex stop_mutex;
    bool stopped = false;
};

std::string lower(beast::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// One connection: read a request, run it on the worker pool, write the
// response on this connection's strand, and repeat while kept alive.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, std::string peer, ServerState& server, std::uint64_t connection)
        : stream_(std::move(socket)),
          server_(server),
          connection_(connection),
          peer_(std::move(peer)) {}
    ~Session() { server_.connections.closed(connection_); }

    void start() {
        net::dispatch(stream_.get_executor(),
                      [self = shared_from_this()] { self->read_request(); });
    }

  private:
    void read_request() {
        parser_.emplace();
        parser_->body_limit(server_.options.body_limit);
        parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
        stream_.expires_after(served_ == 0 ? server_.options.read_timeout
                                           : server_.options.idle_timeout);
        // Until a request arrives this connection may be closed to make room.
        server_.connections.waiting(connection_, [weak = weak_from_this()] {
            if (auto self = weak.lock()) {
                net::post(self->stream_.get_executor(), [self] { self->close(); });
            }
        });
        wire::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code error, std::size_t) {
                             self->on_read(error);
                         });
    }

    void on_read(beast::error_code error) {
        started_ = std::chrono::steady_clock::now();
        server_.connections.busy(connection_);
        if (error == wire::error::end_of_stream || error == beast::error::timeout ||
            error == net::error::operation_aborted || error == net::error::connection_reset) {
            return close();
        }
        const std::string origin(parser_->get()[wire::field::origin]);
        if (error == wire::error::body_limit) {
            return write_unread(
                HttpStatus::payload_too_large,
                "request body larger than " + std::to_string(server_.options.body_limit) + " bytes",
                origin);
        }
        if (error == wire::error::header_limit) {
            return write_unread(HttpStatus::header_fields_too_large, "request headers too large",
                                origin);
        }
        if (error) {
            return write_unread(HttpStatus::bad_request,
                                "malformed HTTP request: " + error.message(), origin);
        }

        auto& request = parser_->get();
        ApiRequest api;
        api.method = std::string(request.method_string());
        api.target = std::string(request.target());
        for (const auto& field : request) {
            api.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
        }
        api.body = std::move(request.body());
        keep_alive_ = request.keep_alive();
        method_ = api.method;
        target_ = api.target;

        api.peer = peer_;
        request_id_ = detail::request_id_from(api.header("x-request-id"));
        client_ = server_.router.client_address(api);

        started_in_flight();
        if (auto refused = server_.router.refuse_over_rate(api)) {
            return write_response(std::move(*refused));
        }
        if (server_.router.answers_at_once(api.target)) {
            // The web app's files and the liveness check come from memory:
            // no reason to queue them behind the database.
            return write_response(server_.router.handle(api));
        }
        if (server_.queued.fetch_add(1) >= server_.options.max_queued) {
            server_.queued.fetch_sub(1);
            return write_response(server_.router.error_response(
                HttpStatus::service_unavailable, "the server is busy; try again shortly",
                std::string(request[wire::field::origin])));
        }
        // The router blocks on storage and hashing: it runs on a worker, and
        // the answer comes back to this connection's strand.
        net::post(
            server_.workers, [self = shared_from_this(), api = std::move(api), read_at = started_] {
                auto& server = self->server_;
                server.queued.fetch_sub(1);
                ApiResponse response;
                if (std::chrono::steady_clock::now() - read_at >= server.options.request_timeout) {
                    response = server.router.error_response(HttpStatus::service_unavailable,
                                                            "the server is busy; try again shortly",
                                                            api.header("origin"));
                } else {
                    const Deadline::Scope budget(read_at, server.options.request_timeout);
                    response = server.router.handle(api);
                }
                net::post(self->stream_.get_executor(),
                          [self, response = std::move(response)]() mutable {
                              self->write_response(std::move(response));
                          });
            });
    }

    // Answers a request that could not be read whole, then closes.
    void write_unread(HttpStatus status, const std::string& detail, const std::string& origin) {
        keep_alive_ = false;
        drain_before_close_ = true;
        method_ = "-";
        target_ = "-";
        request_id_ = detail::request_id_from("");
        client_ = peer_;
        started_in_flight();
        write_response(server_.router.error_response(status, detail, origin));
    }

    void started_in_flight() {
        server_.in_flight.fetch_add(1);
        if (server_.options.metrics != nullptr) {
            server_.options.metrics->started();
        }
    }

    void write_response(ApiResponse api) {
        status_ = api.status;
        route_ = api.route;
        const bool keep = keep_alive_ && !server_.stopping.load();
        if (method_ == "HEAD") {
            // The headers a GET would carry, Content-Length included, and no body.
            auto response = std::make_shared<wire::response<wire::empty_body>>();
            fill_head(*response, api, keep);
            if (api.status != code(HttpStatus::not_modified) &&
                api.status != code(HttpStatus::no_content)) {
                response->content_length(body_size(api));
            }
            return send(std::move(response), keep);
        }
        if (api.pieces && !api.pieces->written_pieces().empty()) {
            return send_written(std::move(api), keep);
        }
        if (api.pieces) {
            return send_pieces(std::move(api), keep);
        }
        auto response = std::make_shared<wire::response<wire::string_body>>();
        fill_head(*response, api, keep);
        response->body() = std::move(api.body);
        response->prepare_payload();
        send(std::move(response), keep);
    }

    static std::size_t body_size(const ApiResponse& api) {
        if (!api.pieces) {
            return api.body.size();
        }
        if (!api.pieces->written_pieces().empty()) {
            return detail::WrittenPiecesBody::size(api.pieces);
        }
        std::size_t size = 0;
        std::string piece;
        for (std::size_t i = 0; i < api.pieces->piece_count(); ++i) {
            piece.clear();
            api.pieces->write_piece(i, piece);
            size += piece.size();
        }
        return size;
    }

    // A body written out already (kept in memory) goes with its length, its
    // pieces and the head gathered into one write: no copy, and a system call
    // per many pieces rather than per piece.
    void send_written(ApiResponse api, bool keep) {
        auto response = std::make_shared<wire::response<detail::WrittenPiecesBody>>();
        fill_head(*response, api, keep);
        response->body() = std::move(api.pieces);
        response->prepare_payload();
        send(std::move(response), keep);
    }

    // A large body goes out chunked, one piece at a time as the connection
    // drains: the answer never exists whole in memory.
    void send_pieces(ApiResponse api, bool keep) {
        auto head = std::make_shared<wire::response<wire::empty_body>>();
        fill_head(*head, api, keep);
        head->chunked(true);
        auto serializer = std::make_shared<wire::response_serializer<wire::empty_body>>(*head);
        stream_.expires_after(server_.options.read_timeout);
        wire::async_write_header(
            stream_, *serializer,
            [self = shared_from_this(), head, serializer, pieces = std::move(api.pieces), keep](
                beast::error_code error, std::size_t) {
                if (error) {
                    return self->on_write(error, keep);
                }
                self->send_piece(pieces, 0, keep);
            });
    }

    void send_piece(std::shared_ptr<const PiecewiseBody> pieces, std::size_t index, bool keep) {
        stream_.expires_after(server_.options.read_timeout);
        if (index == pieces->piece_count()) {
            return net::async_write(
                stream_, wire::make_chunk_last(),
                [self = shared_from_this(), keep](beast::error_code error, std::size_t) {
                    self->on_write(error, keep);
                });
        }
        // Small pieces (a grid's day is a few KB) are joined into one chunk:
        // a write costs a system call and a completion, whatever its size.
        piece_.clear();
        while (piece_.size() < k_chunk_bytes && index < pieces->piece_count()) {
            pieces->write_piece(index++, piece_);
        }
        if (piece_.empty()) {
            return send_piece(std::move(pieces), index, keep);
        }
        net::async_write(
            stream_, wire::make_chunk(net::buffer(piece_)),
            [self = shared_from_this(), pieces, index, keep](beast::error_code error, std::size_t) {
                if (error) {
                    return self->on_write(error, keep);
                }
                self->send_piece(pieces, index, keep);
            });
    }

    template <typename Response>
    void fill_head(Response& response, const ApiResponse& api, bool keep) {
        response.version(11);
        response.result(static_cast<unsigned>(api.status));
        response.set(wire::field::server, "bistime");
        if (api.has_body()) {
            response.set(wire::field::content_type, api.content_type);
        }
        for (const auto& [name, value] : api.headers) {
            response.insert(name, value);
        }
        response.set("X-Request-Id", request_id_);
        response.keep_alive(keep);
    }

    template <typename Response>
    void send(std::shared_ptr<Response> response, bool keep) {
        stream_.expires_after(server_.options.read_timeout);
        wire::async_write(
            stream_, *response,
            [self = shared_from_this(), response, keep](beast::error_code error, std::size_t) {
                self->on_write(error, keep);
            });
    }

    void on_write(beast::error_code error, bool keep) {
        ++served_;
        const auto took = std::chrono::steady_clock::now() - started_;
        if (server_.options.log_requests) {
            const std::string_view path = std::string_view(target_).substr(0, target_.find('?'));
            detail::RequestRecord record{method_,
                                         path,
                                         route_ < server_.route_labels.size()
                                             ? std::string_view(server_.route_labels[route_])
                                             : std::string_view("-"),
                                         status_,
                                         took,
                                         client_,
                                         request_id_};
            server_.log(server_.options.log_format == ServerOptions::LogFormat::json
                            ? detail::json_log_line(record)
                            : detail::text_log_line(record));
        }
        if (server_.options.metrics != nullptr) {
            server_.options.metrics->record(route_, method_, status_, took);
            server_.options.metrics->finished();
        }
        server_.in_flight.fetch_sub(1);
        if (!error && drain_before_close_) {
            return drain();
        }
        if (error || !keep) {
            return close();
        }
        read_request();
    }

    // After refusing a request unread, the client may still be sending its
    // body; closing at once would reset the connection and could destroy the
    // response before the client reads it. So: stop sending, then read and
    // discard what comes, within a byte and time budget, and only then close.
    void drain() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(5));
        read_and_discard();
    }

    void read_and_discard() {
        constexpr std::size_t k_drain_budget = 16 * 1024 * 1024;
        if (!scratch_) {
            scratch_ = std::make_unique<std::array<char, 16 * 1024>>();
        }
        stream_.async_read_some(
            net::buffer(*scratch_),
            [self = shared_from_this()](beast::error_code error, std::size_t read) {
                self->drained_ += read;
                if (error || self->drained_ > k_drain_budget) {
                    return self->close();
                }
                self->read_and_discard();
            });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<wire::request_parser<wire::string_body>> parser_;
    ServerState& server_;
    bool keep_alive_ = false;
    std::string method_;
    std::string target_;
    int status_ = 0;
    std::size_t route_ = ApiResponse::k_unrouted;
    std::string request_id_;
    std::string client_;  // who sent it: the peer, or the client a trusted proxy names
    std::size_t served_ = 0;
    bool drain_before_close_ = false;
    std::size_t drained_ = 0;
    std::unique_ptr<std::array<char, 16 * 1024>> scratch_;
    // The chunk of a PiecewiseBody being written: whole pieces, joined until
    // at least k_chunk_bytes (or the last piece); at most that plus one piece.
    static constexpr std::size_t k_chunk_bytes = 64 * 1024;
    std::string piece_;
    std::chrono::steady_clock::time_point started_;
    std::uint64_t connection_;
    std::string peer_;  // the peer's address, as text
};

void ServerState::accept() {
    acceptor.async_accept(net::make_strand(io),
                          [this](beast::error_code error, tcp::socket socket) {
                              on_accept(error, std::move(socket));
                          });
}

void ServerState::on_accept(beast::error_code error, tcp::socket socket) {
    if (stopping.load()) {
        return;
    }
    if (error == boost::system::errc::too_many_files_open ||
        error == boost::system::errc::too_many_files_open_in_system ||
        error == net::error::no_buffer_space || error == net::error::no_memory) {
        return pause_accepting();
    }
    beast::error_code ignored;
    const auto peer = socket.remote_endpoint(ignored);
    if (error || ignored) {
        return accept();
    }
    // Answers go out as soon as they are written: a chunked body is several
    // small writes, and Nagle's algorithm against the client's delayed ACK
    // held each second one back ~40 ms.
    socket.set_option(tcp::no_delay(true), ignored);
    std::string address = peer.address().to_string();
    auto admission = connections.admit(address);
    if (!admission) {
        // Every connection at the limit is busy with a request: refuse this
        // one rather than take an answer from another.
        socket.close(ignored);
        return accept();
    }
    if (admission->evict) {
        admission->evict();
    }
    std::make_shared<Session>(std::move(socket), std::move(address), *this, admission->id)->start();
    accept();
}

void ServerState::pause_accepting() {
    const auto evicted = connections.shortage();
    for (const auto& evict : evicted) {
        evict();
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_shortage_log > std::chrono::minutes(1)) {
        last_shortage_log = now;
        const std::string line = "bistime: out of file descriptors with " +
                                 std::to_string(connections.open()) +
                                 " connections open; lowering the connection limit and closing "
                                 "the longest idle\n";
        [[maybe_unused]] const auto written = ::write(2, line.data(), line.size());
    }
    // Once the evicted sockets close there is room again; with nothing to
    // evict, wait longer: retrying at once would only spin.
    accept_pause.expires_after(std::chrono::milliseconds(evicted.empty() ? 100 : 5));
    accept_pause.async_wait([this](beast::error_code) {
        if (!stopping.load()) {
            accept();
        }
    });
}

}  // namespace

struct HttpServer::Impl : ServerState {
    using ServerState::ServerState;
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
    stop();
}

Result<std::unique_ptr<HttpServer>> HttpServer::start(const ServerOptions& options,
                                                      const ApiRouter& router) {
    ServerOptions resolved = options;
    if (resolved.max_connections == 0) {
        // Room for every connection the descriptor limit allows, less a
        // reserve for the database, logs and the listener.
        rlimit limit{};
        if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
            resolved.max_connections =
                limit.rlim_cur > 256 ? static_cast<std::size_t>(limit.rlim_cur) - 128 : 128;
        } else {
            resolved.max_connections = 10000;
        }
    }
    auto impl = std::make_unique<Impl>(resolved, router);
    beast::error_code error;
    const auto address = net::ip::make_address(options.address, error);
    if (error) {
        return Error::invalid_field("address", "not an IP address: " + options.address);
    }
    const tcp::endpoint endpoint(address, options.port);
    impl->acceptor.open(endpoint.protocol(), error);
    if (!error) {
        impl->acceptor.set_option(net::socket_base::reuse_address(true), error);
    }
    if (!error) {
        impl->acceptor.bind(endpoint, error);
    }
    if (!error) {
        impl->acceptor.listen(net::socket_base::max_listen_connections, error);
    }
    if (error) {
        return Error::unavailable("cannot listen on " + options.address + ":" +
                                  std::to_string(options.port) + ": " + error.message());
    }
    impl->port = impl->acceptor.local_endpoint().port();
    impl->accept();
    const std::size_t threads = std::max<std::size_t>(1, options.io_threads);
    for (std::size_t i = 0; i < threads; ++i) {
        impl->io_threads.emplace_back([&io = impl->io] { io.run(); });
    }
    return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::uint16_t HttpServer::port() const {
    return impl_->port;
}

void HttpServer::stop(std::chrono::milliseconds grace) {
    const std::lock_guard lock(impl_->stop_mutex);
    if (impl_->stopped) {
        return;
    }
    impl_->stopped = true;
    impl_->stopping.store(true);
    net::post(impl_->acceptor.get_executor(), [this] {
        beast::error_code ignored;
        impl_->acceptor.close(ignored);
        impl_->accept_pause.cancel();
    });
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (impl_->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    impl_->keep_running.reset();
    impl_->io.stop();
    for (auto& thread : impl_->io_threads) {
        thread.join();
    }
    impl_->workers.join();
}

}  // namespace bistime::http
