// ExpirySweeper: runs the core's expiry use case on a schedule, on a thread of
// its own, so that old events go without anyone asking.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "bistime/core/event_service.hpp"

namespace bistime::app {

class ExpirySweeper {
  public:
    // Sweeps at once, then every `interval`, deleting events `retention_days`
    // past their last date.
    ExpirySweeper(EventService& events, int retention_days, std::chrono::seconds interval);
    ~ExpirySweeper();  // stops and joins
    ExpirySweeper(const ExpirySweeper&) = delete;
    ExpirySweeper& operator=(const ExpirySweeper&) = delete;

  private:
    void run();

    EventService& events_;
    int retention_days_;
    std::chrono::seconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace bistime::app
