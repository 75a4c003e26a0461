#include "request_log.hpp"

namespace bistime::http::detail {

RequestLog::RequestLog(std::ostream& out, std::chrono::milliseconds interval)
    : out_(out), interval_(interval), writer_([this] { run(); }) {}

RequestLog::~RequestLog() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    writer_.join();
}

void RequestLog::append(const std::string& line) {
    bool full = false;
    {
        const std::lock_guard lock(mutex_);
        pending_ += line;
        pending_ += '\n';
        full = pending_.size() >= k_flush_bytes;
    }
    if (full) {
        wake_.notify_one();
    }
}

void RequestLog::run() {
    std::string batch;
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait_for(lock, interval_,
                       [this] { return stopping_ || pending_.size() >= k_flush_bytes; });
        batch.swap(pending_);
        const bool last = stopping_;
        lock.unlock();
        if (!batch.empty()) {
            out_.write(batch.data(), static_cast<std::streamsize>(batch.size()));
            out_.flush();
            batch.clear();
        }
        if (last) {
            return;
        }
        lock.lock();
    }
}

}  // namespace bistime::http::detail
