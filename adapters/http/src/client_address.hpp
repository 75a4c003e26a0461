// Who sent a request, for the rules that treat clients apart (rate limits,
// throttling secrets).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bistime::http::detail {

// The peer itself, unless it is one of `trusted_proxies`: then the nearest
// entry of `forwarded_for` (X-Forwarded-For, read right to left, proxies
// appending) that is not a trusted proxy. Entries that are not IP addresses
// in text end the walk (what lies left of them cannot be trusted), and so
// does a header that is too long.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace bistime::http::detail
