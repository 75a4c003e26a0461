// ServerMetrics: what the HTTP server counts, for GET /metrics in the
// Prometheus text format (version 0.0.4).
//
// Requests are counted by route pattern ("/api/events/{}/schedules", never
// the raw path, so the series stay few), method and status, with a latency
// histogram per route; requests in flight are a gauge. Recording is a few
// relaxed atomic increments in flat arrays indexed by small numbers — no
// lock, no allocation, no string — so it costs the I/O threads nothing.
//
// Other parts of the server add their own series (the database pool, the
// caches, secret hashing) through `sources`: each appends complete lines.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bistime::http {

class ServerMetrics {
  public:
    // Appends Prometheus lines (with their # HELP and # TYPE) to `out`.
    using Source = std::function<void(std::string& out)>;

    // `routes`: every route's label, indexed as ApiResponse::route counts
    // them (the router's route_labels()).
    ServerMetrics(std::vector<std::string> routes, std::string version);
    ~ServerMetrics();
    ServerMetrics(const ServerMetrics&) = delete;
    ServerMetrics& operator=(const ServerMetrics&) = delete;

    // One answered request. `route` out of range counts as "unmatched".
    void record(std::size_t route, std::string_view method, int status,
                std::chrono::steady_clock::duration took);
    void started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
    void finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

    // Adds a source of further series; call before serving.
    void add_source(Source source);

    // Every series, in the text format.
    std::string render() const;

    const std::string& version() const { return version_; }

  private:
    struct Counters;
    std::vector<std::string> routes_;
    std::string version_;
    std::unique_ptr<Counters> counters_;
    std::atomic<std::int64_t> in_flight_{0};
    std::vector<Source> sources_;
};

}  // namespace bistime::http
