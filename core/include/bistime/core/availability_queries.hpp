// AvailabilityQueries: the questions asked of an event's answers — which
// windows suit the group best, and the whole grid seen as real instants from
// a viewer's time zone. Read-only; each reads the event, its dates and its
// schedules once.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bistime/core/event_access.hpp"
#include "bistime/core/event_details.hpp"
#include "bistime/core/names.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"

namespace bistime {

// One slot of an event as real time, seen from a viewer's zone.
struct GridSlot {
    TimeOfDay local_start;  // in the viewer's zone
    UnixSeconds utc = 0;
    std::uint32_t date_index = 0;  // the event date it belongs to, in EventGrid::who
    int slot = 0;                  // and its slot on that date
};

struct GridDay {
    CalendarDate date;  // in the viewer's zone
    std::vector<GridSlot> slots;
};

// An event's aggregated availability as real instants, per local date of the
// viewer's zone. A wall-clock slot that does not exist in the event's zone
// (the clock skipped it) is absent; one that exists twice is its first occurrence.
// Who can come is kept once, as indices into `people`, not as names per slot:
// the grid of a large event stays a few bytes per person and slot.
struct EventGrid {
    std::string timezone;  // the viewer's
    int slot_minutes = k_slot_minutes;
    std::vector<GridDay> days;
    std::vector<std::string> people;  // sorted by their UTF-8 bytes
    AvailabilityOverlap who;          // by event date and slot

    std::span<const std::uint32_t> available(const GridSlot& slot) const {
        return who.people_available(slot.date_index, slot.slot);
    }
    std::span<const std::uint32_t> if_needed(const GridSlot& slot) const {
        return who.people_if_needed(slot.date_index, slot.slot);
    }
};

struct BestTimesInput {
    std::optional<std::int64_t> duration_minutes;  // default one slot
    std::optional<std::int64_t> min_people;        // default 1
    std::vector<std::string> required;             // names that must be able to come
    std::optional<std::string> timezone;           // default the event's
    std::optional<std::int64_t> limit;             // default 10, at most 100
};

// One ranked window. For a weekday event `date` is "MON"… and there are no instants.
struct BestTime {
    std::string date;   // in the viewer's zone
    std::string start;  // "HH:MM" in the viewer's zone
    std::string end;    // "HH:MM"; "24:00" when it ends at the next midnight
    std::optional<UnixSeconds> utc_start;
    std::optional<UnixSeconds> utc_end;
    std::vector<std::string> available;
    std::vector<std::string> if_needed;
    std::vector<std::string> missing;
};

struct AvailabilityQueryPorts {
    EventAccess& access;
    AnswersCache& cache;  // events' answers between reads
    EventDateRepository& dates;
    ScheduleRepository& schedules;
    const NameRules& names;  // required names are compared as stored
};

class AvailabilityQueries {
  public:
    explicit AvailabilityQueries(const AvailabilityQueryPorts& ports);

    // The best windows of `duration` for the group: most available first,
    // then most "if needed", then earliest. Errors: not_found; invalid
    // (duration not a multiple of the slot size or longer than the window,
    // unknown required name, unknown zone, numbers out of range).
    Result<std::vector<BestTime>> best_times(std::string_view uuid, const BestTimesInput& input);

    // The event seen from `viewer_zone` (default: the event's own zone).
    // Errors: not_found; invalid (unknown zone; a weekday event, which has no
    // real instants).
    Result<EventGrid> grid(std::string_view uuid, std::optional<std::string_view> viewer_zone);

    // The same two, unless the event is still at `known_revision`: then no
    // value, at the cost of the event's row alone.
    Result<Revised<std::vector<BestTime>>> best_times_if_changed(
        std::string_view uuid, const BestTimesInput& input,
        std::optional<std::string_view> known_revision);
    Result<Revised<EventGrid>> grid_if_changed(std::string_view uuid,
                                               std::optional<std::string_view> viewer_zone,
                                               std::optional<std::string_view> known_revision);

  private:
    // From the rankings memo when this revision of the event was asked the
    // same question; else ranked and kept.
    Result<std::vector<BestTime>> best_times_of(const Event& event, const BestTimesInput& input);
    Result<std::vector<BestTime>> rank_best_times(const Event& event, const BestTimesInput& input);
    Result<EventGrid> grid_of(const Event& event, std::optional<std::string_view> viewer_zone);

    EventAccess& access_;
    const NameRules& names_;
    EventDetailsReader details_;

    // The last rankings asked for, by event revision and question: many
    // people open one event's page with the same default question, and a
    // ranking costs people × dates × slots. Bounded by count, least recently
    // used first out.
    static constexpr std::size_t k_memo_entries = 256;
    using Ranking = std::shared_ptr<const std::vector<BestTime>>;
    std::mutex memo_mutex_;
    std::list<std::pair<std::string, Ranking>> memo_;
    std::unordered_map<std::string, std::list<std::pair<std::string, Ranking>>::iterator>
        memo_index_;
};

}  // namespace bistime
