#include "request_framing.hpp"

#include <algorithm>
#include <cctype>

namespace bistime::http::detail {

namespace wire = boost::beast::http;

std::optional<std::string> framing_refusal(const wire::request_header<>& head, bool chunked) {
    if (head.count(wire::field::transfer_encoding) > 0 && !chunked) {
        // Taken as no body, this let the body pass as the next request.
        return "a request's Transfer-Encoding must end with chunked";
    }
    if (head.version() == 11 && head.count(wire::field::host) == 0) {
        return "an HTTP/1.1 request must have a Host";
    }
    if (head.count(wire::field::host) > 1) {
        // Two hosts: a proxy and this server could each route by another.
        return "a request must have one Host";
    }
    return std::nullopt;
}

bool expects_continue(const wire::request_header<>& head) {
    const auto expect = head[wire::field::expect];
    std::string lowered(expect.data(), expect.size());
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return head.version() == 11 && lowered == "100-continue";
}

}  // namespace bistime::http::detail
