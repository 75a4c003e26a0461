#include "client_address.hpp"

#include <algorithm>

#include "content_hash.hpp"

namespace bistime::http::detail {
namespace {

bool looks_like_address(std::string_view text) {
    return !text.empty() && text.size() <= 45 &&
           text.find_first_not_of("0123456789abcdefABCDEF:.") == std::string_view::npos;
}

bool trusted(std::string_view address, const std::vector<std::string>& proxies) {
    return std::find(proxies.begin(), proxies.end(), address) != proxies.end();
}

}  // namespace

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
    if (forwarded_for.empty() || !trusted(peer, trusted_proxies) || forwarded_for.size() > 4096) {
        return peer;
    }
    const auto items = header_items(forwarded_for);
    std::string client = peer;
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        if (!looks_like_address(*it)) {
            break;
        }
        client = std::string(*it);
        if (!trusted(client, trusted_proxies)) {
            break;
        }
    }
    return client;
}

}  // namespace bistime::http::detail
