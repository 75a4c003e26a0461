// The framing rules (RFC 9112) a request's head must meet before its body is
// read, so that where the body ends is never in doubt: a body whose end a
// proxy and this server saw differently could smuggle a second request.
#pragma once

#include <optional>
#include <string>

#include <boost/beast/http/message.hpp>

namespace bistime::http::detail {

// Why a request with this head gets 400 (and its connection closes): a
// Transfer-Encoding whose last coding is not chunked (`chunked`: whether
// Beast's parser found chunked last) leaves the body's length unknown, and
// an HTTP/1.1 request must name its Host. nullopt: the head may be read on.
std::optional<std::string> framing_refusal(const boost::beast::http::request_header<>& head,
                                           bool chunked);

// Whether an HTTP/1.1 head asks "Expect: 100-continue" (any letter case).
bool expects_continue(const boost::beast::http::request_header<>& head);

}  // namespace bistime::http::detail
