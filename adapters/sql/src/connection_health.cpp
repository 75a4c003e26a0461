#include "connection_health.hpp"

#include <algorithm>
#include <cstdio>

#include "bistime/log/operator_log.hpp"

namespace bistime::sql::detail {
namespace {

constexpr std::chrono::milliseconds k_first_backoff{100};

}  // namespace

ConnectionHealth::ConnectionHealth(std::chrono::milliseconds max_backoff)
    : max_backoff_(max_backoff) {}

ConnectionHealth::Admission ConnectionHealth::admit() {
    if (!down_.load(std::memory_order_acquire)) {
        return Admission::use;
    }
    const std::lock_guard lock(mutex_);
    if (!down_) {
        return Admission::use;
    }
    if (!probing_ && Clock::now() >= next_probe_) {
        probing_ = true;
        return Admission::probe;
    }
    ++refused_during_outage_;
    ++refused_;
    return Admission::refuse;
}

void ConnectionHealth::decline(Admission how) {
    const std::lock_guard lock(mutex_);
    if (how == Admission::probe) {
        probing_ = false;
    }
    ++refused_during_outage_;
    ++refused_;
}

void ConnectionHealth::reached(Admission how) {
    if (how == Admission::use && !down_.load(std::memory_order_acquire)) {
        return;
    }
    const std::lock_guard lock(mutex_);
    if (how == Admission::probe) {
        probing_ = false;
    }
    if (!down_) {
        return;
    }
    down_ = false;
    const auto lasted =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - down_since_);
    char text[160];
    std::snprintf(text, sizeof text,
                  "storage available again after %.1f s; %llu requests were refused",
                  static_cast<double>(lasted.count()) / 1000.0,
                  static_cast<unsigned long long>(refused_during_outage_));
    log::write(log::Level::info, text);
}

void ConnectionHealth::lost(std::string_view cause, Admission how) {
    const std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    if (!down_) {
        down_ = true;
        down_since_ = now;
        refused_during_outage_ = 0;
        backoff_ = std::chrono::milliseconds(0);  // the first probe goes at once
        next_probe_ = now;
        log::write(log::Level::warning, "storage unavailable (" + std::string(cause) +
                                            "); answering 503 and probing until it returns");
    } else if (how == Admission::probe) {
        probing_ = false;
        backoff_ = std::clamp(backoff_ * 2, k_first_backoff, max_backoff_);
        next_probe_ = now + backoff_;
    }
}

bool ConnectionHealth::down() const {
    const std::lock_guard lock(mutex_);
    return down_;
}

std::uint64_t ConnectionHealth::refused() const {
    const std::lock_guard lock(mutex_);
    return refused_;
}

}  // namespace bistime::sql::detail
