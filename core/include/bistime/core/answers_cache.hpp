// AnswersCache: events' dates and answers kept in memory between reads, so
// that reading an unchanged event costs its row and nothing more.
//
// Storage bumps an event's answers_version in the same transaction as every
// write to its dates or answers, and the version comes with the event's row.
// A cached entry is used only for the version it was built from, so a read on
// any server sees every write acknowledged before it began — whichever
// server took the write. The entries are bounded in bytes (least recently
// used go first) and count hits, misses and evictions. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "bistime/core/event.hpp"
#include "bistime/core/overlap.hpp"
#include "bistime/core/result.hpp"

namespace bistime {

// An event's dates and answers at one version, as the reads need them.
struct EventAnswers {
    RowId event_id = 0;
    std::int64_t version = 0;
    std::vector<EventDate> dates;     // ascending
    std::vector<std::string> people;  // sorted: person index i is people[i]
    AvailabilityOverlap overlap;      // day index = dates index
    // Each person's day, person-major (people × dates); a day without an
    // answer is all unavailable. For ranking windows.
    std::vector<DayAvailability> days;
    // The rows themselves, by date then name, for the reads that list them.
    std::vector<Schedule> schedules;

    std::size_t bytes() const;
};

class AnswersCache {
  public:
    // At most `max_bytes` of entries; 0 turns the cache off.
    explicit AnswersCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    bool enabled() const { return max_bytes_ > 0; }
    // The event's answers at `version`, or null (a miss).
    std::shared_ptr<const EventAnswers> find(RowId event_id, std::int64_t version);
    // Keeps `answers`, replacing an older version of the same event, and
    // evicts the least recently used past the bound. An entry larger than
    // the whole bound is not kept.
    void store(std::shared_ptr<const EventAnswers> answers);

    using Loader = std::function<Result<std::shared_ptr<const EventAnswers>>()>;
    // The event's answers at `version`: from the cache, else from `load()`,
    // kept. Concurrent misses of one event at one version share a single
    // load — the rest wait for it instead of each reading the same rows.
    Result<std::shared_ptr<const EventAnswers>> find_or_load(RowId event_id, std::int64_t version,
                                                             const Loader& load);

    struct Stats {
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
        std::uint64_t evictions = 0;
        std::uint64_t shared_loads = 0;  // misses that waited for another's load
        std::size_t entries = 0;
        std::size_t bytes = 0;
    };
    Stats stats() const;

  private:
    struct Entry {
        std::shared_ptr<const EventAnswers> answers;
        std::size_t bytes = 0;
    };
    using Order = std::list<Entry>;  // most recently used first

    void evict(Order::iterator entry);

    const std::size_t max_bytes_;
    mutable std::mutex mutex_;
    Order order_;
    std::unordered_map<RowId, Order::iterator> by_event_;
    // Loads under way, by event and version.
    using Flight = std::shared_future<Result<std::shared_ptr<const EventAnswers>>>;
    std::map<std::pair<RowId, std::int64_t>, Flight> loading_;
    Stats stats_;
};

}  // namespace bistime
