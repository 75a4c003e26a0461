// What HttpServer's listener (http_server.cpp) and every connection's
// Session (http_session.cpp) share: the options, the router, the I/O context,
// the worker pool and the counters. Internal to the HTTP adapter.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/error.hpp>

#include "bistime/http/api_router.hpp"
#include "bistime/http/http_server.hpp"
#include "connection_limiter.hpp"
#include "request_log.hpp"

namespace bistime::http::detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;

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
    void on_accept(boost::beast::error_code error, tcp::socket socket);
    // EMFILE and kin: make room and wait a little instead of spinning.
    void pause_accepting();
    void log(const std::string& line) { request_log.append(line); }

    ServerOptions options;
    const ApiRouter& router;
    const std::vector<std::string> route_labels = ApiRouter::route_labels();
    RequestLog request_log{std::cout};
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
    // Answers being sent as written: at most max_streams in all, and at most
    // k_streams_per_client of them to one client, so that one slow client
    // cannot hold every stream.
    static constexpr std::size_t k_streams_per_client = 2;
    std::mutex streams_mutex;
    std::size_t streams = 0;
    std::map<std::string, std::size_t> streams_by_client;
    ConnectionLimiter connections;
    net::steady_timer accept_pause;  // waits out a shortage of descriptors
    std::chrono::steady_clock::time_point last_shortage_log{};
    std::atomic<bool> stopping{false};
    std::uint16_t port = 0;
    std::mutex stop_mutex;
    bool stopped = false;
};

// Serves `socket`, accepted from `peer` as connection `id`, until it closes.
void start_session(tcp::socket socket, std::string peer, ServerState& server, std::uint64_t id);

}  // namespace bistime::http::detail
