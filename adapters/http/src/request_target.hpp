// Splitting a request target into decoded path segments and query parameters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bistime::http::detail {

struct RequestTarget {
    std::string path;                                        // as received, without the query
    std::vector<std::string> segments;                       // percent-decoded, empty ones dropped
    std::vector<std::pair<std::string, std::string>> query;  // decoded, '+' as space

    // The first value of a query parameter.
    std::optional<std::string> query_value(std::string_view name) const;
};

// A request target in origin form: an absolute-form target
// ("http://host:port/path?query", RFC 9112 3.2.2, as sent to proxies) without
// its scheme and authority ("/path?query", "/" when it has no path); any
// other target as it is.
std::string origin_form(std::string_view target);

// nullopt when the target is not an origin-form path or holds a bad
// percent-escape.
std::optional<RequestTarget> parse_request_target(std::string_view target);

}  // namespace bistime::http::detail
