#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace bistime::http::detail {

RateLimiter::RateLimiter(double burst, double per_second, std::size_t max_clients)
    : burst_(burst), per_second_(per_second), max_clients_(std::max<std::size_t>(max_clients, 1)) {}

double RateLimiter::refilled(const Bucket& bucket, Clock::time_point now) const {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    return std::min(burst_, bucket.tokens + std::max(elapsed, 0.0) * per_second_);
}

long RateLimiter::take(const std::string& client, Clock::time_point now) {
    if (!enabled()) {
        return 0;
    }
    const std::lock_guard lock(mutex_);
    auto found = buckets_.find(client);
    if (found == buckets_.end()) {
        if (buckets_.size() >= max_clients_) {
            forget_full(now);
        }
        found = buckets_.emplace(client, Bucket{burst_, now}).first;
    }
    Bucket& bucket = found->second;
    bucket.tokens = refilled(bucket, now);
    bucket.updated = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    if (per_second_ <= 0) {
        return 3600;  // a burst that never refills: try much later
    }
    return std::max(1L, static_cast<long>(std::ceil((1.0 - bucket.tokens) / per_second_)));
}

void RateLimiter::forget_full(Clock::time_point now) {
    // Full buckets say nothing a fresh one would not.
    std::erase_if(buckets_,
                  [&](const auto& entry) { return refilled(entry.second, now) >= burst_; });
    if (buckets_.size() < max_clients_) {
        return;
    }
    // Still too many clients at once: forget the fullest half, which are the
    // least limited anyway.
    std::vector<std::pair<double, std::string>> fullness;
    fullness.reserve(buckets_.size());
    for (const auto& [client, bucket] : buckets_) {
        fullness.emplace_back(refilled(bucket, now), client);
    }
    const auto half = fullness.begin() + static_cast<std::ptrdiff_t>(fullness.size() / 2);
    std::nth_element(fullness.begin(), half, fullness.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (auto it = fullness.begin(); it != half; ++it) {
        buckets_.erase(it->second);
    }
}

}  // namespace bistime::http::detail
