// The entities of instant events (Phase 1): an event with its daily window,
// the candidate dates, each person's schedule per date, and feedback.
//
// Plain data: validation happens where they are made (EventService), storage
// and wire formats live in the adapters. Timestamps are Unix seconds (UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/calendar_date.hpp"
#include "bistime/core/day_availability.hpp"
#include "bistime/core/time_of_day.hpp"

namespace bistime {

using UnixSeconds = std::int64_t;
using RowId = std::int64_t;

// The meeting time an organiser fixed: a day of the event and a window on it.
struct Decision {
    CalendarDate date;
    TimeWindow window;
};

struct Event {
    RowId id = 0;
    std::string uuid;  // public handle, 22 letters of the handle alphabet
    std::optional<std::string> team_uuid;
    std::optional<std::string> team_name;  // the "associatedTeam" shown to clients
    std::string title;
    TimeWindow window;
    int slot_minutes = k_slot_minutes;    // 15, 30 or 60
    bool weekdays = false;                // generic weekdays instead of dates
    std::optional<std::string> timezone;  // IANA zone; none: the server's default
    std::optional<Decision> decision;
    bool locked = false;                     // locked by the organiser
    std::optional<UnixSeconds> closes_at;    // locks itself at this instant
    std::optional<std::string> description;  // shown only when set
    std::optional<std::string> location;     // shown only when set
    std::string admin_token_hash;            // never leaves the server
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;
    // The version of the event's dates and answers: storage bumps it in the
    // same transaction as every write to them, so a copy of them held in
    // memory is known current from the event's row alone. k_unread_version
    // when the row was read for a person's write, which does not need it
    // (EventRepository::find_event_to_write).
    std::int64_t answers_version = 0;
    static constexpr std::int64_t k_unread_version = -1;
    // The version of the event's dates alone: it moves with every write to
    // them (and answers_version with it) but not with the answers, so the
    // dates a write needs stay known while people answer.
    std::int64_t dates_version = 0;
    // How many of its names a password protects (storage keeps the count
    // with every claim and removal): while none is, a write without a
    // password needs no look at the passwords.
    std::int64_t protected_names = 0;
};

// Whether the event's decision, if it has one, lies within its daily window:
// an organiser fixes the meeting inside the hours the event asks about, and
// a change of those hours may not leave it outside (EventService refuses it).
bool decision_fits_window(const Event& event);

// A weekday event's days are stored as the dates of a reference week,
// 0001-01-01 (a Monday) to 0001-01-07 (a Sunday), so that ordering, storage
// and the overlap treat them like any date; clients see "MON"…"SUN".
CalendarDate reference_weekday(int weekday);  // 0 = Monday
bool is_reference_weekday(const CalendarDate& date);
// The key of a day on the wire: "YYYY-MM-DD", or "MON"…"SUN" for a weekday.
std::string day_key(const CalendarDate& date);
// The weekday of "MON"…"SUN" (0…6), or nullopt.
std::optional<int> weekday_of_key(std::string_view key);

struct EventDate {
    RowId id = 0;
    RowId event_id = 0;
    std::string event_uuid;
    CalendarDate date;
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;
};

// One person's availability on one date of one event. (event, date, name) is
// unique.
struct Schedule {
    RowId id = 0;
    RowId event_id = 0;
    RowId date_id = 0;
    CalendarDate date;
    std::string name;
    DayAvailability availability;
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;

    friend bool operator==(const Schedule&, const Schedule&) = default;
};

struct Feedback {
    RowId id = 0;
    std::string content;
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;
};

}  // namespace bistime
