// Session: one connection of HttpServer — read a request's head and apply
// the framing rules, read its body, run it on the worker pool, write the
// response on the connection's strand, and repeat while kept alive.
#include "bistime/http/http_status.hpp"

#include "bistime/core/deadline.hpp"
#include "piece_stream.hpp"
#include "request_framing.hpp"
#include "request_identity.hpp"
#include "request_target.hpp"
#include "server_state.hpp"
#include "streamed_answer.hpp"
#include "written_pieces_body.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <cctype>
#include <memory>
#include <optional>

namespace bistime::http::detail {
namespace {

namespace beast = boost::beast;
namespace wire = boost::beast::http;

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
    ~Session() {
        release_stream_slot();
        server_.connections.closed(connection_);
    }

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
        wire::async_read_header(stream_, buffer_, *parser_,
                                [self = shared_from_this()](beast::error_code error, std::size_t) {
                                    self->on_header(error);
                                });
    }

    // The head is in: the framing rules (RFC 9112), and the answer to
    // "Expect: 100-continue", before any of the body is read.
    void on_header(beast::error_code error) {
        if (error) {
            return on_read(error);
        }
        // The head is in: a request has begun, the connection is not idle.
        started_ = std::chrono::steady_clock::now();
        server_.connections.busy(connection_);
        const auto& head = parser_->get();
        const std::string origin(head[wire::field::origin]);
        if (const auto refusal = framing_refusal(head, parser_->chunked())) {
            return write_unread(HttpStatus::bad_request, *refusal, origin);
        }
        if (!parser_->is_done() && expects_continue(head)) {
            // A request refused whatever its body gets its answer now: the
            // client then need not send the body at all.
            if (auto refused = server_.router.refuse_unread(request_of(head))) {
                return write_refused(std::move(*refused));
            }
            static const std::string k_continue = "HTTP/1.1 100 Continue\r\n\r\n";
            return net::async_write(
                stream_, net::buffer(k_continue),
                [self = shared_from_this()](beast::error_code failed, std::size_t) {
                    if (failed) {
                        return self->close();
                    }
                    self->read_body();
                });
        }
        read_body();
    }

    void read_body() {
        wire::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code error, std::size_t) {
                             self->on_read(error);
                         });
    }

    // The request as the router sees it, without its body. An absolute-form
    // target ("http://host/api/...") is routed by its path.
    ApiRequest request_of(const wire::request<wire::string_body>& request) const {
        ApiRequest api;
        api.method = std::string(request.method_string());
        api.target = origin_form(std::string(request.target()));
        for (const auto& field : request) {
            api.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
        }
        api.peer = peer_;
        return api;
    }

    void on_read(beast::error_code error) {
        if (error) {  // else the head came, and on_header started the clock
            started_ = std::chrono::steady_clock::now();
        }
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
        ApiRequest api = request_of(request);
        api.body = std::move(request.body());
        keep_alive_ = request.keep_alive();
        http_1_0_ = request.version() == 10;
        method_ = api.method;
        target_ = api.target;
        origin_ = origin;

        request_id_ = request_id_from(api.header("x-request-id"));
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
        request_id_ = request_id_from("");
        client_ = peer_;
        started_in_flight();
        write_response(server_.router.error_response(status, detail, origin));
    }

    // Answers, before its body was read, a request refused whatever its body
    // (router.refuse_unread), then closes: the body may be on its way.
    void write_refused(ApiResponse response) {
        const auto& head = parser_->get();
        keep_alive_ = false;
        drain_before_close_ = true;
        method_ = std::string(head.method_string());
        target_ = origin_form(std::string(head.target()));
        request_id_ = request_id_from(std::string(head["x-request-id"]));
        client_ = peer_;
        started_in_flight();
        write_response(std::move(response));
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
        // Too large to keep: written (and compressed) as it is sent.
        const bool streamed =
            api.gzip_pieces || (api.pieces && api.pieces->written_pieces().empty());
        if (method_ == "HEAD") {
            // The headers a GET would carry and no body. A streamed body's
            // length is known only once it is written: HEAD leaves it out
            // rather than write the body to count it, which held an I/O
            // thread for seconds on a large event.
            auto response = std::make_shared<wire::response<wire::empty_body>>();
            fill_head(*response, api, keep);
            if (!streamed && api.status != code(HttpStatus::not_modified) &&
                api.status != code(HttpStatus::no_content)) {
                response->content_length(api.pieces ? WrittenPiecesBody::size(api.pieces)
                                                    : api.body.size());
            }
            return send(std::move(response), keep);
        }
        if (streamed) {
            // HTTP/1.0 knows no chunks (RFC 9112 6.1): the body ends where
            // the connection does.
            return send_stream(std::move(api), keep && !http_1_0_);
        }
        if (api.pieces) {
            return send_written(std::move(api), keep);
        }
        auto response = std::make_shared<wire::response<wire::string_body>>();
        fill_head(*response, api, keep);
        response->body() = std::move(api.body);
        response->prepare_payload();
        send(std::move(response), keep);
    }

    // A body written out already (kept in memory) goes with its length, its
    // pieces and the head gathered into one write: no copy, and a system call
    // per many pieces rather than per piece.
    void send_written(ApiResponse api, bool keep) {
        auto response = std::make_shared<wire::response<WrittenPiecesBody>>();
        fill_head(*response, api, keep);
        response->body() = std::move(api.pieces);
        response->prepare_payload();
        send(std::move(response), keep);
    }

    // A large body goes out chunked, a frame at a time (StreamedAnswer): the
    // answer never exists whole in memory, and producing a frame is a
    // fraction of a millisecond of this I/O thread. At most max_streams at
    // once; past it 503.
    void send_stream(ApiResponse api, bool keep) {
        if (!take_stream_slot()) {
            ApiResponse busy = server_.router.error_response(
                HttpStatus::service_unavailable,
                "too many large answers are being sent; try again shortly", origin_);
            busy.route = api.route;
            return write_response(std::move(busy));
        }
        std::unique_ptr<PieceStream> body;
        try {
            body = std::make_unique<PieceStream>(api.pieces, api.gzip_pieces, !http_1_0_);
        } catch (const std::exception&) {  // zlib out of memory
            release_stream_slot();
            return write_response(server_.router.error_response(
                HttpStatus::service_unavailable, "temporarily unable to answer", origin_));
        }
        auto head = std::make_shared<StreamedAnswer::Head>();
        fill_head(*head, api, keep);
        std::make_shared<StreamedAnswer>(stream_, std::move(body), server_.options.min_read_bytes,
                                         server_.options.min_read_window)
            ->start(std::move(head), server_.options.read_timeout,
                    [self = shared_from_this(), keep](beast::error_code error) {
                        self->release_stream_slot();
                        self->on_write(error, keep);
                    });
    }

    bool take_stream_slot() {
        const std::lock_guard lock(server_.streams_mutex);
        std::size_t& mine = server_.streams_by_client[client_];
        if (server_.streams >= server_.options.max_streams ||
            mine >= ServerState::k_streams_per_client) {
            if (mine == 0) {
                server_.streams_by_client.erase(client_);
            }
            return false;
        }
        ++mine;
        ++server_.streams;
        stream_client_ = client_;
        holds_stream_slot_ = true;
        return true;
    }

    void release_stream_slot() {
        if (holds_stream_slot_) {
            holds_stream_slot_ = false;
            const std::lock_guard lock(server_.streams_mutex);
            --server_.streams;
            if (--server_.streams_by_client[stream_client_] == 0) {
                server_.streams_by_client.erase(stream_client_);
            }
        }
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
            RequestRecord record{method_,
                                 path,
                                 route_ < server_.route_labels.size()
                                     ? std::string_view(server_.route_labels[route_])
                                     : std::string_view("-"),
                                 status_,
                                 took,
                                 client_,
                                 request_id_};
            server_.log(server_.options.log_format == ServerOptions::LogFormat::json
                            ? json_log_line(record)
                            : text_log_line(record));
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
    bool http_1_0_ = false;  // the request's version: its answer is never chunked
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
    std::string origin_;              // the request's Origin, for an error written late
    bool holds_stream_slot_ = false;  // one of max_streams, while streaming
    std::string stream_client_;       // whose share of the streams it is
    std::chrono::steady_clock::time_point started_;
    std::uint64_t connection_;
    std::string peer_;  // the peer's address, as text
};

}  // namespace

void start_session(tcp::socket socket, std::string peer, ServerState& server, std::uint64_t id) {
    std::make_shared<Session>(std::move(socket), std::move(peer), server, id)->start();
}

}  // namespace bistime::http::detail
