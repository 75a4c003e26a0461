// ApiRouter: the request logic of the BisTime HTTP API, version 1.
//
// handle() turns one ApiRequest into one ApiResponse: it applies the
// contract's conventions (Accept version, JSON bodies, CORS, the error body),
// finds the route, calls the core's use cases and writes their answers as
// JSON. Successful GETs carry an ETag (a hash of the body) and answer 304 to
// a matching If-None-Match, so pollers pay for a change only. HEAD is
// answered as GET; the server drops the body. It blocks on storage and secret hashing, so the
// server calls it from worker threads, never from an I/O thread. Safe to call concurrently. It
// never throws; anything unexpected becomes a 4xx or a 503, never a 500.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/services.hpp"
#include "bistime/http/api_message.hpp"
#include "bistime/http/http_status.hpp"
#include "bistime/http/server_metrics.hpp"
#include "bistime/http/web_site.hpp"

namespace bistime::http {

// A token bucket: `burst` requests at once, then `per_second`. A burst of 0
// turns the limit off.
struct RateLimit {
    double burst = 0;
    double per_second = 0;
};

struct RouterOptions {
    // Origins allowed to call from a browser ("https://bistime.example"); "*" allows any.
    std::vector<std::string> cors_origins;
    // The web app, answering every path outside /api/; null to serve the API alone.
    const WebSite* web_site = nullptr;
    // Peers whose X-Forwarded-For names the client (a reverse proxy's
    // address). From anyone else the header is ignored: the client is the peer.
    std::vector<std::string> trusted_proxies;
    // Per client address: creating events, teams and members (on by
    // default, generous), and every other write (off unless configured).
    RateLimit create_rate{100, 1};
    RateLimit write_rate{};
    // Memory for the written-out text of events' large reads (schedules,
    // grid, CSV) between requests; 0 writes each one out every time.
    std::size_t rendered_cache_bytes = std::size_t{32} << 20;
    // What GET /metrics shows; null answers it 404.
    const ServerMetrics* metrics = nullptr;
    // Whether the database answers, for GET /ready; null: always ready.
    std::function<Result<void>()> readiness;
    // The API's OpenAPI document, served at GET /api/openapi.yaml; empty
    // answers 404. Static storage.
    std::string_view openapi;
};

class ApiRouter {
  public:
    ApiRouter(Services& services, RouterOptions options);
    ~ApiRouter();

    ApiResponse handle(const ApiRequest& request) const;

    // A 429 (with Retry-After) when the request's client has used up its
    // rate for this kind of request; nullopt to go on. Cheap and
    // non-blocking: the server asks before queueing the request.
    std::optional<ApiResponse> refuse_over_rate(const ApiRequest& request) const;
    // Who sent the request: the peer, or for a trusted proxy the nearest
    // address in X-Forwarded-For that is not one of the trusted proxies.
    std::string client_address(const ApiRequest& request) const;

    // The answer a request will get whatever its body, known from its method
    // and target alone: 404 for a path under /api/ that no route has, 405
    // for a method the route does not take; nullopt when the body matters.
    // Cheap and non-blocking: the server asks before it reads a body it was
    // asked to confirm (Expect: 100-continue), so that a refused client is
    // not told to send it. `request` has no body yet.
    std::optional<ApiResponse> refuse_unread(const ApiRequest& request) const;

    // Whether handle() answers this target without blocking (the web app's
    // files, /health-check, /metrics), so the server may call it on an I/O
    // thread.
    bool answers_at_once(const std::string& target) const;

    // The label of every route a response can name (ApiResponse::route):
    // the API's patterns with "{}" for a variable segment ("/api/events/{}"),
    // then "/health-check", "/metrics", "/ready" and "web app".
    static std::vector<std::string> route_labels();
    // Every method and route pattern of the API ("GET /api/events/{}"), as
    // the router answers them (HEAD and OPTIONS aside).
    static std::vector<std::string> endpoints();

    // The response for a request the server could not read at all (too
    // large, malformed): the error body with CORS headers for `origin`.
    ApiResponse error_response(HttpStatus status, const std::string& detail,
                               const std::string& origin) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace bistime::http
