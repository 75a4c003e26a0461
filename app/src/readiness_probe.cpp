#include "bistime/app/readiness_probe.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>
#include <memory>

namespace bistime::app {

namespace {

// A socket closed when it goes out of scope.
struct Socket {
    int fd = -1;
    ~Socket() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

}  // namespace

bool server_is_ready(const std::string& host, std::uint16_t port,
                     std::chrono::milliseconds timeout) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) {
        return false;
    }
    const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, ::freeaddrinfo);
    Socket socket;
    socket.fd = ::socket(found->ai_family, found->ai_socktype, found->ai_protocol);
    if (socket.fd < 0) {
        return false;
    }
    timeval limit{};
    limit.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    limit.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(socket.fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    ::setsockopt(socket.fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    if (::connect(socket.fd, found->ai_addr, found->ai_addrlen) != 0) {
        return false;
    }
    const std::string request =
        "GET /ready HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    if (::send(socket.fd, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
        return false;
    }
    // The status line is all it needs: "HTTP/1.1 200 OK".
    std::string answer;
    char buffer[256];
    while (answer.find("\r\n") == std::string::npos && answer.size() < 1024) {
        const ssize_t read = ::recv(socket.fd, buffer, sizeof buffer, 0);
        if (read <= 0) {
            break;
        }
        answer.append(buffer, static_cast<std::size_t>(read));
    }
    return answer.rfind("HTTP/1.1 200 ", 0) == 0;
}

}  // namespace bistime::app
