// RequestLog: the server's one line per request, written to a stream in
// batches. Appending is a copy into a buffer under a mutex — no system call,
// no flush — so logging never makes an I/O thread wait on the terminal or a
// pipe. A writer thread flushes the batch every `interval` (and at once when
// it grows past a bound); the destructor flushes what is left.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace bistime::http::detail {

class RequestLog {
  public:
    explicit RequestLog(std::ostream& out,
                        std::chrono::milliseconds interval = std::chrono::milliseconds(200));
    ~RequestLog();
    RequestLog(const RequestLog&) = delete;
    RequestLog& operator=(const RequestLog&) = delete;

    // Adds one line (without its newline).
    void append(const std::string& line);

  private:
    void run();

    static constexpr std::size_t k_flush_bytes = 64 * 1024;

    std::ostream& out_;
    const std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::string pending_;
    bool stopping_ = false;
    std::thread writer_;
};

}  // namespace bistime::http::detail
