// EventService: the use cases of instant events (Phase 1) — create, read,
// change and delete an event, and manage its candidate dates.
//
// Inputs arrive as the client wrote them (strings); the service validates them
// against the contract and answers with entities or an Error whose kind the
// driving adapter maps to a status. Thread-safe when its ports are.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/event.hpp"
#include "bistime/core/overlap.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/secret_guard.hpp"

namespace bistime {

inline constexpr std::size_t k_max_title_length = 100;
inline constexpr std::size_t k_max_event_description_length = 1000;
inline constexpr std::size_t k_max_location_length = 200;
inline constexpr std::size_t k_max_dates_per_event = 366;
inline constexpr std::size_t k_dates_page_size = 20;

// The real instants of a decision, when the event has dates (not weekdays)
// and the wall-clock times exist in its zone.
struct DecisionInstants {
    UnixSeconds start = 0;
    UnixSeconds end = 0;
};

// An event as clients see it: its dates (ascending), the distinct names of
// people with a schedule (sorted), and the overlap of their availability, with
// day index i = dates[i].
struct EventDetails {
    Event event;
    std::vector<EventDate> dates;
    std::vector<std::string> participants;
    AvailabilityOverlap overlap;
    std::optional<DecisionInstants> decision_instants;
};

struct CreatedEvent {
    EventDetails details;
    std::string admin_token;  // shown once, in the creation response
};

struct CreateEventInput {
    std::string title;
    std::optional<std::string> start_time;       // default 00:00
    std::optional<std::string> end_time;         // default 24:00
    std::optional<std::string> associated_team;  // a team uuid
    std::optional<std::string> description;      // up to 1000 characters
    std::optional<std::string> location;         // up to 200 characters
    std::optional<std::int64_t> slot_minutes;    // 15, 30 (default) or 60
    // "MON"…"SUN": a weekday event (When2Meet's "days of the week"), whose
    // days are these weekdays instead of dates.
    std::optional<std::vector<std::string>> weekdays;
    // The IANA zone its dates, window and slots are wall-clock in; default
    // the server's.
    std::optional<std::string> timezone;
    // An ISO-8601 instant at which the event locks itself.
    std::optional<std::string> closes_at;
};

// Each field changes only when present; an empty description or location
// clears it.
struct EventPatch {
    std::optional<std::string> title;
    std::optional<std::string> start_time;
    std::optional<std::string> end_time;
    std::optional<std::string> description;
    std::optional<std::string> location;
    std::optional<std::string> closes_at;  // "" removes it
};

// The meeting time an organiser fixes: a day of the event ("2026-12-01", or
// "MON" for a weekday event) and a window on the event's grid.
struct DecisionInput {
    std::string date;
    std::string start_time;
    std::string end_time;
};

// Whether writes to the event's schedules are refused now: locked by the
// organiser, or past its closing time.
bool is_locked(const Event& event, UnixSeconds now);

// A page of dates: `number` is 1-based, `total` counts every date of the event.
struct DatesPage {
    std::size_t number = 1;
    std::size_t total = 0;
    std::vector<EventDate> dates;
    bool has_next() const { return number * k_dates_page_size < total; }
    bool has_previous() const { return number > 1; }
};

// What the event use cases need from outside.
struct EventServicePorts {
    EventRepository& events;
    EventDateRepository& dates;
    ScheduleRepository& schedules;
    const Clock& clock;
    RandomSource& random;
    const SecretHasher& hasher;
    const TimeZones& zones;
    std::string default_zone;  // the server's zone: events' default, and "today"
    AttemptLog& attempts;      // wrong admin tokens, counted per client
};

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

class EventService {
  public:
    explicit EventService(EventServicePorts ports);

    const std::string& default_zone() const { return ports_.default_zone; }
    // The zone an event's wall-clock times are in.
    const std::string& zone_of(const Event& event) const;

    // Errors: invalid (title, times, window), not_found (associated team).
    Result<CreatedEvent> create_event(const CreateEventInput& input);
    // Reads the event with its aggregated availability. Errors: not_found.
    Result<EventDetails> get_event(std::string_view uuid);
    // Errors: not_found, unauthorized (no token), forbidden (wrong token), invalid.
    Result<EventDetails> update_event(std::string_view uuid,
                                      std::optional<std::string_view> admin_token,
                                      const EventPatch& patch);
    // Deletes the event, its dates and schedules. Errors: as update_event.
    Result<void> delete_event(std::string_view uuid, std::optional<std::string_view> admin_token);

    // Fixes the meeting time. Errors: not_found, unauthorized, forbidden;
    // invalid (not a day of the event, times off its grid or reversed, or a
    // wall-clock time its zone skips).
    Result<EventDetails> decide(std::string_view uuid, std::optional<std::string_view> admin_token,
                                const DecisionInput& decision);
    Result<EventDetails> clear_decision(std::string_view uuid,
                                        std::optional<std::string_view> admin_token);
    // Locks (or unlocks) the event's schedules. Errors: not_found, unauthorized, forbidden.
    Result<EventDetails> set_locked(std::string_view uuid,
                                    std::optional<std::string_view> admin_token, bool locked);

    // The dates routes (list, add, delete) answer invalid for a weekday event.
    // Errors: not_found (event, or a page past the last; page 1 always exists).
    Result<DatesPage> list_dates(std::string_view uuid, std::size_t page);
    // Adds dates (present ones are skipped) and returns page 1. Errors:
    // not_found; invalid ("invalid date format: X", a date before today, more
    // than 366 dates in all).
    Result<DatesPage> add_dates(std::string_view uuid, const std::vector<std::string>& dates);
    // Deletes one date and its schedules. Errors: not_found, unauthorized, forbidden.
    Result<void> delete_date(RowId date_id, std::optional<std::string_view> admin_token);

    // Every event of a team with its details, oldest first, in a constant
    // number of reads whatever the number of events.
    Result<std::vector<EventDetails>> team_events(RowId team_id);

    // Deletes events `retention_days` after their last date (events without
    // dates: after their last update), today being the server's. Teams are
    // never deleted. Returns how many events went.
    Result<std::size_t> expire_events(int retention_days);

    // The best windows of `duration` for the group: most available first,
    // then most "if needed", then earliest. Errors: not_found; invalid
    // (duration not a multiple of the slot size or longer than the window,
    // unknown required name, unknown zone, numbers out of range).
    Result<std::vector<BestTime>> best_times(std::string_view uuid, const BestTimesInput& input);

    // The event seen from `viewer_zone` (default: the event's own zone).
    // Errors: not_found; invalid (unknown zone; a weekday event, which has no
    // real instants).
    Result<EventGrid> grid(std::string_view uuid, std::optional<std::string_view> viewer_zone);

  private:
    Result<Event> find_authorized_event(std::string_view uuid,
                                        std::optional<std::string_view> token);
    Result<EventDetails> load_details(Event event);
    // Stores a changed event and answers its details.
    Result<EventDetails> store(Event& event);
    void add_decision_instants(EventDetails& details) const;

    EventServicePorts ports_;
    EventRepository& events_;
    EventDateRepository& dates_;
    ScheduleRepository& schedules_;
    const Clock& clock_;
    RandomSource& random_;
    const SecretHasher& hasher_;
    SecretGuard guard_;
};

// The event with that uuid. Errors: not_found ("event not found"), unavailable.
Result<Event> require_event(EventRepository& events, std::string_view uuid);

// Checks an event's admin token under `guard`'s throttle. Errors:
// unauthorized (none given), forbidden (wrong), too_many_attempts (this
// client guessed wrong too often). Exposed for the other use cases that guard
// events.
Result<void> check_admin_token(const Event& event, std::optional<std::string_view> token,
                               const SecretHasher& hasher, SecretGuard& guard);

}  // namespace bistime
