// HTTP/1.1 message framing (RFC 9112) on raw sockets: what a request's body
// is must never be in doubt, or a body could smuggle a second request past a
// proxy; a request without Host is refused; absolute-form targets are routed
// by their path; and a client that asks "Expect: 100-continue" is told to go
// on, or given the final answer at once when the request will be refused.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <string>

#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

class Socket {
  public:
    explicit Socket(std::uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    ~Socket() { ::close(fd_); }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;

    void send(const std::string& bytes) {
        REQUIRE(::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
                static_cast<ssize_t>(bytes.size()));
    }

    // What arrives within `wait`; `closed` tells whether the server closed.
    std::string read_for(std::chrono::milliseconds wait, bool* closed = nullptr) {
        std::string text;
        const auto until = std::chrono::steady_clock::now() + wait;
        bool ended = false;
        while (std::chrono::steady_clock::now() < until) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                until - std::chrono::steady_clock::now());
            timeval timeout{};
            timeout.tv_sec = static_cast<time_t>(left.count() / 1000);
            timeout.tv_usec =
                static_cast<suseconds_t>(std::max<long>(1, left.count() % 1000) * 1000);
            ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
            char chunk[4096];
            const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
                ended = true;
                break;
            }
            if (n > 0) {
                text.append(chunk, static_cast<std::size_t>(n));
            }
        }
        if (closed != nullptr) {
            *closed = ended;
        }
        return text;
    }

    // Reads until `marker` arrives (or `wait` passes).
    std::string read_until(const std::string& marker, std::chrono::milliseconds wait) {
        std::string text;
        const auto until = std::chrono::steady_clock::now() + wait;
        while (text.find(marker) == std::string::npos && std::chrono::steady_clock::now() < until) {
            text += read_for(std::chrono::milliseconds(50));
        }
        return text;
    }

  private:
    int fd_ = -1;
};

std::size_t responses_in(const std::string& text) {
    std::size_t count = 0;
    for (auto at = text.find("HTTP/1.1 "); at != std::string::npos;
         at = text.find("HTTP/1.1 ", at + 1)) {
        ++count;
    }
    return count;
}

// The first response in `text` as an HttpReply (status, headers, body).
HttpReply first_reply(const std::string& text) {
    HttpReply reply;
    const auto head_end = text.find("\r\n\r\n");
    if (text.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos) {
        return reply;
    }
    reply.status = std::atoi(text.c_str() + 9);
    std::size_t line = text.find("\r\n") + 2;
    while (line < head_end) {
        const auto end = text.find("\r\n", line);
        const std::string field = text.substr(line, end - line);
        const auto colon = field.find(':');
        std::string name = field.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        reply.headers[name] = field.substr(field.find_first_not_of(' ', colon + 1));
        line = end + 2;
    }
    const auto length = reply.header("content-length");
    reply.body = text.substr(head_end + 4, length.empty() ? std::string::npos : std::stoul(length));
    return reply;
}

}  // namespace

TEST_CASE_METHOD(ServerFixture,
                 "a Transfer-Encoding whose last coding is not chunked gets 400 and the "
                 "connection closed, its body never read as a request",
                 "[http][framing]") {
    for (const std::string coding : {"chunked, identity", "gzip", "identity", "foo"}) {
        INFO(coding);
        Socket socket(port());
        // The "body" is a second request: read as one, it would be answered.
        socket.send(
            "POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
            "application/json\r\nTransfer-Encoding: " +
            coding + "\r\n\r\nGET /health-check HTTP/1.1\r\nHost: localhost\r\n\r\n");
        bool closed = false;
        const std::string text = socket.read_for(std::chrono::milliseconds(1500), &closed);
        CHECK(responses_in(text) == 1);
        check_error_body(first_reply(text), 400);
        CHECK(closed);
    }
}

TEST_CASE_METHOD(ServerFixture, "an HTTP/1.1 request without Host gets 400", "[http][framing]") {
    Socket socket(port());
    socket.send("GET /health-check HTTP/1.1\r\n\r\n");
    check_error_body(first_reply(socket.read_until("}", std::chrono::seconds(2))), 400);
    // HTTP/1.0 has no Host requirement.
    Socket older(port());
    older.send("GET /health-check HTTP/1.0\r\n\r\n");
    bool closed = false;
    CHECK(std::atoi(older.read_for(std::chrono::seconds(1), &closed).c_str() + 9) == 200);
}

TEST_CASE_METHOD(ServerFixture, "a request with two Host fields gets 400", "[http][framing]") {
    Socket socket(port());
    socket.send("GET /health-check HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n");
    check_error_body(first_reply(socket.read_until("}", std::chrono::seconds(2))), 400);
}

TEST_CASE_METHOD(ServerFixture, "an absolute-form target is routed by its path",
                 "[http][framing]") {
    auto event = create_event("Absolute");
    for (const std::string prefix : {"http://localhost", "HTTP://127.0.0.1:8080", "https://x"}) {
        INFO(prefix);
        Socket socket(port());
        socket.send("GET " + prefix + "/api/events/" + event.uuid +
                    " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        const std::string text = socket.read_until("\"uuid\"", std::chrono::seconds(2));
        const HttpReply reply = first_reply(text);
        CHECK(reply.status == 200);
        CHECK(reply.body.find(event.uuid) != std::string::npos);
    }
    // Nothing but the authority: the root.
    Socket root(port());
    root.send("GET http://localhost/health-check?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
    CHECK(first_reply(root.read_until("\r\n\r\n", std::chrono::seconds(2))).status == 200);
}

TEST_CASE_METHOD(ServerFixture,
                 "Expect: 100-continue gets 100 Continue before the body, then the answer",
                 "[http][framing]") {
    const std::string body = R"({"title":"Asked first"})";
    Socket socket(port());
    socket.send(
        "POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
        "application/json\r\nExpect: 100-continue\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n");
    const auto started = std::chrono::steady_clock::now();
    const std::string interim = socket.read_until("\r\n\r\n", std::chrono::seconds(2));
    const double waited =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    WARN("interim answer after " << waited << " ms: " << interim.substr(0, interim.find('\r')));
    CHECK(interim == "HTTP/1.1 100 Continue\r\n\r\n");
    socket.send(body);
    const HttpReply reply = first_reply(socket.read_until("}", std::chrono::seconds(2)));
    CHECK(reply.status == 201);
}

TEST_CASE_METHOD(ServerFixture,
                 "Expect: 100-continue gets the final status at once, without 100, when the "
                 "request is refused anyway",
                 "[http][framing]") {
    const std::string too_large = std::to_string(64 * 1024 * 1024);
    const std::pair<std::string, int> cases[] = {
        {"POST /api/events HTTP/1.1\r\nContent-Length: " + too_large, 413},
        {"POST /api/nowhere HTTP/1.1\r\nContent-Length: 10", 404},
        {"DELETE /api/events HTTP/1.1\r\nContent-Length: 10", 405},
    };
    for (const auto& [request_line, status] : cases) {
        INFO(request_line);
        Socket socket(port());
        socket.send(request_line +
                    "\r\nHost: localhost\r\nContent-Type: application/json\r\nExpect: "
                    "100-continue\r\n\r\n");
        const std::string text = socket.read_until("}", std::chrono::seconds(2));
        CHECK(text.find("100 Continue") == std::string::npos);
        check_error_body(first_reply(text), status);
    }
}
