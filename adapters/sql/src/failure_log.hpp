// FailureLog: storage failures that are not lost connections — a full disk,
// a damaged file, a statement the database refuses — told to the operator
// without flooding the log. The first failure of a run of them is logged
// with its cause; the ones after it are counted, and summed up at most once
// a minute while the run lasts; the first success after them, or the end of
// the server, logs how many failed and over how long. (Lost connections are
// ConnectionHealth's, logged once per outage.)
//
// Causes are the database's error codes and its generic words for them:
// never SQL text, values or names. Thread-safe; succeeded() costs one atomic
// load while nothing fails.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace bistime::sql::detail {

class FailureLog {
  public:
    using Clock = std::chrono::steady_clock;

    FailureLog() = default;
    ~FailureLog();
    FailureLog(const FailureLog&) = delete;
    FailureLog& operator=(const FailureLog&) = delete;

    // `what` failed (the operation's name, as "put schedules") for `cause`;
    // `writes`: the work was to write.
    void failed(std::string_view what, std::string_view cause, bool writes);
    // Work went through. It ends a run of failures unless the run is of
    // writes and this work only read: reads go on working on a full disk.
    void succeeded(bool writes);

  private:
    void report_end(const char* how);

    std::mutex mutex_;
    std::atomic<bool> failing_{false};
    bool failing_writes_ = false;
    std::uint64_t count_ = 0;
    std::uint64_t since_report_ = 0;
    Clock::time_point first_{};
    Clock::time_point reported_{};
    std::string first_cause_;
};

}  // namespace bistime::sql::detail
