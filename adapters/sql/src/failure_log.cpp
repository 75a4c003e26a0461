#include "failure_log.hpp"

#include <cstdio>

#include "bistime/log/operator_log.hpp"

namespace bistime::sql::detail {

namespace {

constexpr auto k_summary_interval = std::chrono::minutes(1);

double seconds_between(FailureLog::Clock::time_point from, FailureLog::Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

}  // namespace

FailureLog::~FailureLog() {
    const std::lock_guard lock(mutex_);
    if (count_ > 0) {
        report_end("still failing as the server stops");
    }
}

void FailureLog::failed(std::string_view what, std::string_view cause, bool writes) {
    const std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    ++count_;
    ++since_report_;
    if (count_ == 1) {
        failing_.store(true, std::memory_order_release);
        failing_writes_ = writes;
        first_ = now;
        reported_ = now;
        since_report_ = 0;
        first_cause_ = std::string(what) + ": " + std::string(cause);
        log::write(log::Level::error, "storage failing (" + first_cause_ +
                                          "); answering 503 and counting further failures");
    } else if (now - reported_ >= k_summary_interval) {
        char text[160];
        std::snprintf(text, sizeof text,
                      "storage still failing: %llu operations failed in the last %.0f s, %llu "
                      "since it began",
                      static_cast<unsigned long long>(since_report_),
                      seconds_between(reported_, now), static_cast<unsigned long long>(count_));
        log::write(log::Level::error, text);
        reported_ = now;
        since_report_ = 0;
    }
}

void FailureLog::succeeded(bool writes) {
    if (!failing_.load(std::memory_order_acquire)) {
        return;
    }
    const std::lock_guard lock(mutex_);
    if (count_ > 0 && (writes || !failing_writes_)) {
        report_end("storage working again");
    }
}

void FailureLog::report_end(const char* how) {
    char text[200];
    std::snprintf(text, sizeof text, "%s: %llu operations failed over %.1f s (first: ", how,
                  static_cast<unsigned long long>(count_), seconds_between(first_, Clock::now()));
    log::write(log::Level::info, text + first_cause_ + ")");
    count_ = 0;
    since_report_ = 0;
    first_cause_.clear();
    failing_.store(false, std::memory_order_release);
}

}  // namespace bistime::sql::detail
