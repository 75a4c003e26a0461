// WriteLoad: writers that keep adding people to one event through the HTTP
// API, each under a new name, noting every answer and how long it took. The
// fault tests run it while they break things, then compare what was
// acknowledged with what was stored.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "../http/http_client.hpp"

namespace bistime::testing {

// Writers that keep adding people to one event, each under a new name, and
// note what every answer was and how long it took.
class WriteLoad {
  public:
    using Clock = std::chrono::steady_clock;

    WriteLoad(std::uint16_t port, std::string uuid, int writers) : uuid_(std::move(uuid)) {
        for (int w = 0; w < writers; ++w) {
            threads_.emplace_back([this, port, w] { write(port, w); });
        }
    }
    ~WriteLoad() { stop(); }

    void stop() {
        stop_.store(true);
        for (auto& thread : threads_) {
            if (thread.joinable()) {
                thread.join();
            }
        }
    }

    struct Answer {
        Clock::time_point at;  // when the answer came
        int status = 0;        // 0: no answer (connection failed)
        double seconds = 0;    // how long it took
        bool retry_after = false;
        std::string name;
    };
    std::vector<Answer> answers() {
        const std::lock_guard lock(mutex_);
        return answers_;
    }

  private:
    void write(std::uint16_t port, int writer) {
        for (int i = 0; !stop_.load(); ++i) {
            Answer answer;
            answer.name = "w" + std::to_string(writer) + "-" + std::to_string(i);
            const std::string body = "{\"name\":\"" + answer.name + "\",\"availability\":[\"" +
                                     std::string(48, '1') + "\",\"" + std::string(48, '0') + "\"]}";
            const auto sent = Clock::now();
            try {
                auto reply =
                    http_request(port, "POST", "/api/events/" + uuid_ + "/schedules", body);
                answer.status = reply.status;
                answer.retry_after = !reply.header("retry-after").empty();
            } catch (const std::exception&) {
                answer.status = 0;
            }
            answer.at = Clock::now();
            answer.seconds = std::chrono::duration<double>(answer.at - sent).count();
            {
                const std::lock_guard lock(mutex_);
                answers_.push_back(answer);
            }
            if (answer.status != 201) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
    }

    std::string uuid_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::vector<Answer> answers_;
    std::vector<std::thread> threads_;
};

}  // namespace bistime::testing
