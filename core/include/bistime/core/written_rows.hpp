// WrittenRows: where this server last wrote each person's rows of an event,
// one per date, for that person's next write to change them in place.
//
// An event's cached answers show where everyone's rows were when the event
// was last read (EventDetailsReader::rows_seen), but each new answer leaves
// them old until someone reads the event again: people answering in a burst,
// or a client that writes without reading, would otherwise send every write
// after their first as an upsert, which costs the storage more than a change
// in place. These are hints, as the cached answers' are: storage checks each
// against the row's event and name (ScheduleRepository::DayEntry::seen), so a
// stale one — the person deleted and written again, on this server or
// another; a date deleted — costs the write one statement, never a wrong row.
//
// Bounded in bytes, the least recently used going first; counts hits and
// misses. Thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bistime/core/event.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/versioned_cache.hpp"

namespace bistime {

// One person's rows of one event as last written here, by date id.
struct PersonRows {
    std::vector<std::pair<RowId, ScheduleRepository::SeenRow>> by_date;

    // The row on `date_id`, if one was written.
    std::optional<ScheduleRepository::SeenRow> on(RowId date_id) const;
    std::size_t bytes() const;
};

class WrittenRows {
  public:
    // At most `max_bytes` of entries; 0 keeps nothing.
    explicit WrittenRows(std::size_t max_bytes) : rows_(max_bytes) {}

    // `rows`, just stored for `person` in `event`, replace what was kept.
    void remember(RowId event, const std::string& person, const std::vector<Schedule>& rows);
    // After the person's rows were deleted.
    void forget(RowId event, const std::string& person);
    // The person's rows as last written here, or null.
    std::shared_ptr<const PersonRows> recall(RowId event, const std::string& person);

    CacheStats stats() const { return rows_.stats(); }

  private:
    // One version for every entry: a new write replaces the old.
    VersionedCache<std::string, int, PersonRows> rows_;
};

}  // namespace bistime
