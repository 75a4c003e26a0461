#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>

namespace bistime::testing {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace wire = boost::beast::http;
using tcp = net::ip::tcp;

struct HttpConnection::Impl {
    net::io_context io;
    beast::tcp_stream stream{io};
    beast::flat_buffer buffer;

    // A reply to HEAD has a Content-Length but no body to read.
    HttpReply read_reply(bool to_head = false) {
        wire::response_parser<wire::string_body> parser;
        parser.skip(to_head);
        parser.body_limit(256 * 1024 * 1024);
        stream.expires_after(std::chrono::seconds(30));
        wire::read(stream, buffer, parser);
        const auto& response = parser.get();
        HttpReply reply;
        reply.status = static_cast<int>(response.result_int());
        for (const auto& field : response) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            reply.headers[name] = std::string(field.value());
        }
        reply.body = response.body();
        return reply;
    }
};

HttpConnection::HttpConnection(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
    impl_->stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
}

HttpConnection::~HttpConnection() {
    beast::error_code ignored;
    impl_->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

HttpReply HttpConnection::request(const std::string& method, const std::string& target,
                                  const std::string& body, const HeaderList& headers) {
    wire::request<wire::string_body> request{wire::string_to_verb(method), target, 11};
    if (request.method() == wire::verb::unknown) {
        request.method_string(method);
    }
    request.set(wire::field::host, "127.0.0.1");
    request.keep_alive(true);
    bool has_type = false;
    for (const auto& [name, value] : headers) {
        request.set(name, value);
        std::string lowered(name);
        std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        has_type = has_type || lowered == "content-type";
    }
    if (!body.empty() && !has_type) {
        request.set(wire::field::content_type, "application/json");
    }
    request.body() = body;
    request.prepare_payload();
    impl_->stream.expires_after(std::chrono::seconds(30));
    wire::write(impl_->stream, request);
    return impl_->read_reply(request.method() == wire::verb::head);
}

HttpReply HttpConnection::raw(const std::string& bytes) {
    impl_->stream.expires_after(std::chrono::seconds(30));
    net::write(impl_->stream, net::buffer(bytes));
    return impl_->read_reply();
}

HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                       const std::string& body, const HeaderList& headers) {
    HttpConnection connection(port);
    return connection.request(method, target, body, headers);
}

}  // namespace bistime::testing
