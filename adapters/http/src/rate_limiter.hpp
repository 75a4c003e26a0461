// RateLimiter: token buckets per client address, one per kind of request.
//
// A bucket holds up to `burst` tokens and gains `per_second` a second; each
// request takes one, and a request that finds none is refused with how long
// until one is there. Buckets that are full again are forgotten, so memory
// follows the clients active in the last few minutes, and it is capped: past
// `max_clients` addresses the fullest buckets go first. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace bistime::http::detail {

class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;

    // A burst of 0 turns the limit off.
    RateLimiter(double burst, double per_second, std::size_t max_clients = 100000);

    bool enabled() const { return burst_ > 0; }
    // Takes a token for `client`: 0 when the request may go on, otherwise the
    // whole seconds to wait (at least 1).
    long take(const std::string& client, Clock::time_point now = Clock::now());

  private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated;
    };
    double refilled(const Bucket& bucket, Clock::time_point now) const;
    void forget_full(Clock::time_point now);

    const double burst_;
    const double per_second_;
    const std::size_t max_clients_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace bistime::http::detail
