#include "bistime/http/http_server.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include "server_state.hpp"

#include <boost/beast/core.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

namespace bistime::http {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace detail {

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
    start_session(std::move(socket), std::move(address), *this, admission->id);
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

}  // namespace detail

struct HttpServer::Impl : detail::ServerState {
    using detail::ServerState::ServerState;
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
