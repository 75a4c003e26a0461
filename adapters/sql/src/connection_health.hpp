// ConnectionHealth: whether the database can be reached, as every connection
// of one Database has seen it, and who may try it while it cannot.
//
// Up, every request uses the database. When a connection is lost the state
// turns down: from then on one request at a time — the probe — may try to
// connect, first at once and then after a backoff that grows to a cap; every
// other request is refused at once (the HTTP side answers 503 with
// Retry-After) instead of waiting on a dead or frozen server. The first probe
// that succeeds turns the state up again. Each change of state is logged
// once, with how long the outage lasted and how many requests it refused.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace bistime::sql::detail {

class ConnectionHealth {
  public:
    using Clock = std::chrono::steady_clock;

    explicit ConnectionHealth(std::chrono::milliseconds max_backoff = std::chrono::seconds(1));

    enum class Admission { use, probe, refuse };
    // May the caller use the database now? A caller admitted (use or probe)
    // reports how it went through reached() or lost().
    Admission admit();
    // A probe hands back its turn unused (it has already waited too long).
    void decline(Admission how);
    // The database answered (even with an error of its own); ends an outage.
    void reached(Admission how);
    // A connection failed to connect or was lost: starts an outage (logged
    // once) or, after a failed probe, waits longer before the next.
    void lost(std::string_view cause, Admission how);

    bool down() const;
    // Requests refused since the database was opened.
    std::uint64_t refused() const;

  private:
    mutable std::mutex mutex_;
    const std::chrono::milliseconds max_backoff_;
    std::atomic<bool> down_{false};  // read without the mutex on the fast path
    bool probing_ = false;
    Clock::time_point next_probe_{};
    Clock::time_point down_since_{};
    std::chrono::milliseconds backoff_{0};
    std::uint64_t refused_during_outage_ = 0;
    std::uint64_t refused_ = 0;
};

}  // namespace bistime::sql::detail
