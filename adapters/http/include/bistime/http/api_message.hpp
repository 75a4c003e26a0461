// ApiRequest and ApiResponse: an HTTP exchange as the request logic sees it,
// free of any socket or Beast type, so that the logic is a plain function.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace bistime::http {

struct ApiRequest {
    std::string method;  // upper case, e.g. "GET"
    std::string target;  // path and query, as received: "/api/events/x?page=2"
    std::vector<std::pair<std::string, std::string>> headers;  // names lower case
    std::string body;

    // The first header of that (lower-case) name, or "" when absent.
    const std::string& header(const std::string& name) const;
    bool has_header(const std::string& name) const;
};

struct ApiResponse {
    int status = 200;
    std::string body;  // JSON (or the content_type's format), or empty
    std::vector<std::pair<std::string, std::string>> headers;      // besides Content-Type
    std::string content_type = "application/json; charset=utf-8";  // sent with a body

    bool has_body() const { return !body.empty(); }
};

}  // namespace bistime::http
