// libFuzzer target: raw bytes as a request on a connection, read as
// HttpServer reads one — Beast's parser for the head (with the server's
// header limit), the framing rules (request_framing), the target turned into
// origin form — and then its body.
//
// Besides crashes it checks the rules' promise: a head they let through has
// a body whose end is not in doubt (no Transfer-Encoding unless chunked is
// last; a Host in HTTP/1.1), and an absolute-form target's origin form is a
// path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "request_framing.hpp"
#include "request_target.hpp"

namespace wire = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    wire::request_parser<wire::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(1024 * 1024);
    boost::beast::error_code error;
    std::size_t used = parser.put(boost::asio::buffer(data, size), error);
    if (error || !parser.is_header_done()) {
        return 0;
    }
    const auto& head = parser.get();
    if (bistime::http::detail::framing_refusal(head, parser.chunked())) {
        return 0;  // 400, and the connection closes: the body is never read
    }
    if (head.count(wire::field::transfer_encoding) > 0 && !parser.chunked()) {
        std::abort();
    }
    if (head.version() == 11 && head.count(wire::field::host) == 0) {
        std::abort();
    }
    const std::string target(head.target());
    const std::string origin = bistime::http::detail::origin_form(target);
    if (origin != target && (origin.empty() || origin.front() != '/')) {
        std::abort();
    }
    (void)bistime::http::detail::expects_continue(head);
    // The body, as far as the bytes go.
    while (!error && !parser.is_done() && used < size) {
        const std::size_t more = parser.put(boost::asio::buffer(data + used, size - used), error);
        if (more == 0) {
            break;
        }
        used += more;
    }
    return 0;
}
