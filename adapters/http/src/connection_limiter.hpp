// ConnectionLimiter: how many connections the server holds, in all and per
// client address, and which one to give up when a new one needs room.
//
// A connection is either waiting for a request (just accepted, or kept alive
// between requests) or busy with one. When a limit is reached, the connection
// that has waited longest is closed to make room — from the same address when
// the per-client limit is the one reached. Busy connections are never taken:
// a request that was read always gets its answer. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace bistime::http::detail {

class ConnectionLimiter {
  public:
    // 0 for either limit means no limit.
    ConnectionLimiter(std::size_t max_total, std::size_t max_per_client);

    using Closer = std::function<void()>;
    struct Admission {
        std::uint64_t id = 0;  // for the calls below
        Closer evict;          // when set: close that connection to make room
    };
    // Admits a connection from `address`, or refuses it (nullopt) when a
    // limit is reached and no waiting connection can make room.
    std::optional<Admission> admit(const std::string& address);
    // The connection now waits for a request; `close` closes it.
    void waiting(std::uint64_t id, Closer close);
    // A request has arrived on the connection.
    void busy(std::uint64_t id);
    void closed(std::uint64_t id);
    // The process ran out of descriptors: lowers the total limit to a little
    // under what is open now, so that later arrivals make room by eviction
    // instead of meeting the shortage again, and returns the closers of the
    // connections chosen to make that room (the longest waiting).
    std::vector<Closer> shortage();

    std::size_t open() const;

  private:
    struct Entry {
        std::string address;
        std::optional<std::list<std::uint64_t>::iterator> waiting;
        Closer close;
    };
    // Called with the mutex held.
    Closer evict_locked(const std::string* address);

    std::size_t max_total_;
    const std::size_t max_per_client_;
    mutable std::mutex mutex_;
    std::uint64_t next_id_ = 1;
    std::unordered_map<std::uint64_t, Entry> entries_;
    std::list<std::uint64_t> waiting_order_;  // oldest first
    std::unordered_map<std::string, std::size_t> per_client_;
    std::size_t evicting_ = 0;  // chosen to close, not yet closed
};

}  // namespace bistime::http::detail
