#include "expiry_sweeper.hpp"

#include <string>

#include "bistime/log/operator_log.hpp"

namespace bistime::app {

ExpirySweeper::ExpirySweeper(EventService& events, int retention_days,
                             std::chrono::seconds interval)
    : events_(events),
      retention_days_(retention_days),
      interval_(interval),
      thread_([this] { run(); }) {}

ExpirySweeper::~ExpirySweeper() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ExpirySweeper::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        auto expired = events_.expire_events(retention_days_);
        if (!expired) {
            log::write(log::Level::error, "expiry sweep failed: " + expired.error().message);
        } else if (*expired > 0) {
            log::write(log::Level::info, "expired " + std::to_string(*expired) +
                                             " events older than " +
                                             std::to_string(retention_days_) + " days");
        }
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

}  // namespace bistime::app
