// A small blocking HTTP/1.1 client for the tests, on Boost.Beast, talking to
// the server over loopback. Each request opens a connection unless a
// Connection object is reused.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace bistime::testing {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names lower case
    std::string body;

    std::string header(const std::string& name) const {
        auto found = headers.find(name);
        return found == headers.end() ? "" : found->second;
    }
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

class HttpConnection {
  public:
    explicit HttpConnection(std::uint16_t port);
    ~HttpConnection();
    // Sends one request; JSON bodies get Content-Type application/json unless
    // `headers` name one.
    HttpReply request(const std::string& method, const std::string& target,
                      const std::string& body = "", const HeaderList& headers = {});
    // Writes raw bytes and reads one response (for requests no client would form).
    HttpReply raw(const std::string& bytes);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// One request on a fresh connection.
HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                       const std::string& body = "", const HeaderList& headers = {});

}  // namespace bistime::testing
