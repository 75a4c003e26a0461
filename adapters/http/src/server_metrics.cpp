#include "bistime/http/server_metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace bistime::http {

namespace {

constexpr std::array<std::string_view, 8> k_methods = {"GET",   "HEAD",   "POST",    "PUT",
                                                       "PATCH", "DELETE", "OPTIONS", "other"};

// The statuses the server answers; anything else is counted under its class.
constexpr std::array<int, 24> k_statuses = {200, 201, 204, 304, 400, 401, 403, 404,
                                            405, 406, 408, 409, 410, 413, 415, 422,
                                            423, 429, 431, 500, 503, 0,   0,   0};
constexpr std::size_t k_status_slots = k_statuses.size();

// Upper bounds in seconds; the last bucket is +Inf.
constexpr std::array<double, 13> k_buckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                              0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

std::size_t method_index(std::string_view method) {
    const auto* found = std::find(k_methods.begin(), k_methods.end() - 1, method);
    return static_cast<std::size_t>(found - k_methods.begin());
}

// Known statuses have their slot; others share the last three by class
// (2xx/3xx, 4xx, 5xx), which render() labels "2xx", "4xx", "5xx".
std::size_t status_index(int status) {
    for (std::size_t i = 0; i < k_status_slots - 3; ++i) {
        if (k_statuses[i] == status) {
            return i;
        }
    }
    if (status >= 500) {
        return k_status_slots - 1;
    }
    return status >= 400 ? k_status_slots - 2 : k_status_slots - 3;
}

std::string status_label(std::size_t index) {
    if (index < k_status_slots - 3) {
        return std::to_string(k_statuses[index]);
    }
    static constexpr std::array<const char*, 3> k_classes = {"2xx", "4xx", "5xx"};
    return k_classes[index - (k_status_slots - 3)];
}

std::string seconds_text(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", seconds);
    return text;
}

}  // namespace

struct ServerMetrics::Counters {
    explicit Counters(std::size_t routes)
        : requests(routes * k_methods.size() * k_status_slots),
          buckets(routes * (k_buckets.size() + 1)),
          micros(routes),
          counts(routes) {}
    std::vector<std::atomic<std::uint64_t>> requests;  // [route][method][status]
    std::vector<std::atomic<std::uint64_t>> buckets;   // [route][bucket], not cumulative
    std::vector<std::atomic<std::uint64_t>> micros;    // [route], the sum
    std::vector<std::atomic<std::uint64_t>> counts;    // [route]
};

ServerMetrics::ServerMetrics(std::vector<std::string> routes, std::string version)
    : routes_(std::move(routes)), version_(std::move(version)) {
    routes_.emplace_back("unmatched");
    counters_ = std::make_unique<Counters>(routes_.size());
}

ServerMetrics::~ServerMetrics() = default;

void ServerMetrics::record(std::size_t route, std::string_view method, int status,
                           std::chrono::steady_clock::duration took) {
    route = std::min(route, routes_.size() - 1);
    const std::size_t cell =
        (route * k_methods.size() + method_index(method)) * k_status_slots + status_index(status);
    counters_->requests[cell].fetch_add(1, std::memory_order_relaxed);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(took).count();
    const double seconds = static_cast<double>(micros) / 1e6;
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(k_buckets.begin(), k_buckets.end(), seconds) - k_buckets.begin());
    counters_->buckets[route * (k_buckets.size() + 1) + bucket].fetch_add(
        1, std::memory_order_relaxed);
    counters_->micros[route].fetch_add(
        static_cast<std::uint64_t>(std::max<std::int64_t>(micros, 0)), std::memory_order_relaxed);
    counters_->counts[route].fetch_add(1, std::memory_order_relaxed);
}

void ServerMetrics::add_source(Source source) {
    sources_.push_back(std::move(source));
}

std::string ServerMetrics::render() const {
    std::string out;
    out += "# HELP bistime_build_info The running build.\n# TYPE bistime_build_info gauge\n";
    out += "bistime_build_info{version=\"" + version_ + "\"} 1\n";

    out +=
        "# HELP bistime_http_requests_total Requests answered, by route pattern, method and "
        "status.\n# TYPE bistime_http_requests_total counter\n";
    for (std::size_t route = 0; route < routes_.size(); ++route) {
        for (std::size_t method = 0; method < k_methods.size(); ++method) {
            for (std::size_t status = 0; status < k_status_slots; ++status) {
                const auto n =
                    counters_
                        ->requests[(route * k_methods.size() + method) * k_status_slots + status]
                        .load(std::memory_order_relaxed);
                if (n == 0) {
                    continue;
                }
                out += "bistime_http_requests_total{route=\"" + routes_[route] + "\",method=\"" +
                       std::string(k_methods[method]) + "\",status=\"" + status_label(status) +
                       "\"} " + std::to_string(n) + '\n';
            }
        }
    }

    out +=
        "# HELP bistime_http_request_duration_seconds Time from a request read to its answer "
        "written, by route pattern.\n# TYPE bistime_http_request_duration_seconds histogram\n";
    for (std::size_t route = 0; route < routes_.size(); ++route) {
        const auto count = counters_->counts[route].load(std::memory_order_relaxed);
        if (count == 0) {
            continue;
        }
        const std::string label = "route=\"" + routes_[route] + "\"";
        std::uint64_t cumulative = 0;
        for (std::size_t bucket = 0; bucket <= k_buckets.size(); ++bucket) {
            cumulative += counters_->buckets[route * (k_buckets.size() + 1) + bucket].load(
                std::memory_order_relaxed);
            const std::string bound =
                bucket < k_buckets.size() ? seconds_text(k_buckets[bucket]) : "+Inf";
            out += "bistime_http_request_duration_seconds_bucket{" + label + ",le=\"" + bound +
                   "\"} " + std::to_string(cumulative) + '\n';
        }
        out += "bistime_http_request_duration_seconds_sum{" + label + "} " +
               seconds_text(
                   static_cast<double>(counters_->micros[route].load(std::memory_order_relaxed)) /
                   1e6) +
               '\n';
        out += "bistime_http_request_duration_seconds_count{" + label + "} " +
               std::to_string(count) + '\n';
    }

    out +=
        "# HELP bistime_http_requests_in_flight Requests read and not yet answered.\n"
        "# TYPE bistime_http_requests_in_flight gauge\n";
    out += "bistime_http_requests_in_flight " +
           std::to_string(in_flight_.load(std::memory_order_relaxed)) + '\n';
    for (const Source& source : sources_) {
        source(out);
    }
    return out;
}

}  // namespace bistime::http
