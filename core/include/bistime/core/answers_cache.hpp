// AnswersCache: events' dates and answers kept in memory between reads, so
// that reading an unchanged event costs its row and nothing more.
//
// Storage bumps an event's answers_version in the same transaction as every
// write to its dates or answers, and the version comes with the event's row.
// A cached entry is used only for the version it was built from, so a read on
// any server sees every write acknowledged before it began — whichever
// server took the write. The entries are bounded in bytes (least recently
// used go first) and count hits, misses and evictions (VersionedCache).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bistime/core/event.hpp"
#include "bistime/core/overlap.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/versioned_cache.hpp"
#include "bistime/core/written_rows.hpp"

namespace bistime {

// An event's dates and answers at one version, as the reads need them.
struct EventAnswers {
    RowId event_id = 0;
    std::int64_t version = 0;
    std::int64_t dates_version = 0;   // the event's, when these were read
    std::vector<EventDate> dates;     // ascending
    std::vector<std::string> people;  // sorted: person index i is people[i]
    AvailabilityOverlap overlap;      // day index = dates index
    // Each person's day, person-major (people × dates); a day without an
    // answer is all unavailable. For ranking windows.
    std::vector<DayAvailability> days;
    // The rows themselves, by date then name, for the reads that list them.
    std::vector<Schedule> schedules;
    // Where each person's row on each day is in `schedules`, person-major
    // like `days`, or k_no_row: for a write, which changes a person's rows
    // in place when it knows them (ScheduleRepository::DayEntry::seen).
    static constexpr std::uint32_t k_no_row = 0xFFFFFFFFu;
    std::vector<std::uint32_t> rows;

    std::size_t bytes() const;
};

// Keyed by event id, at its answers_version. Beside the answers it keeps the
// rows this server wrote since (WrittenRows), in a sixteenth of its bound.
class AnswersCache : public VersionedCache<RowId, std::int64_t, EventAnswers> {
  public:
    using VersionedCache::store;
    // At most `max_bytes` in all; 0 turns both off.
    explicit AnswersCache(std::size_t max_bytes)
        : VersionedCache(max_bytes - max_bytes / 16), written_rows_(max_bytes / 16) {}

    WrittenRows& written_rows() { return written_rows_; }
    const WrittenRows& written_rows() const { return written_rows_; }

    // Keeps `answers` under its own event and version.
    void store(std::shared_ptr<const EventAnswers> answers) {
        if (answers) {
            const RowId event = answers->event_id;
            const std::int64_t version = answers->version;
            store(event, version, std::move(answers));
        }
    }

  private:
    WrittenRows written_rows_;
};

}  // namespace bistime
