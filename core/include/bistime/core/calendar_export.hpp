// What BisTime exports to people's calendar apps, and the port that writes it.
//
// The use cases gather the facts (the decided meeting's instants, a team's
// weekly events in its zone, the zone's offset changes); a CalendarWriter
// writes them as iCalendar (RFC 5545) with a maintained library, never by
// hand. Reading calendars is the other half, CalendarReader (ports.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bistime/core/calendar_date.hpp"
#include "bistime/core/event.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/time_of_day.hpp"

namespace bistime {

// A decided meeting: one event at [start, end) in real time.
struct MeetingEntry {
    std::string uid;        // stable: the same meeting exports with the same UID
    UnixSeconds stamp = 0;  // its last change
    UnixSeconds start = 0;
    UnixSeconds end = 0;
    std::string summary;
    std::optional<std::string> description;
    std::optional<std::string> location;
    std::optional<std::string> url;  // the event's page
};

// A weekly event, wall clock in its calendar's zone, from `first_date` on.
struct WeeklyEntry {
    std::string uid;
    UnixSeconds stamp = 0;
    CalendarDate first_date;
    TimeWindow window;
    int weekday = 0;  // 0 = Monday … 6 = Sunday
    std::string summary;
    std::string description;  // empty: none
};

// A team's weekly events in its zone, with the zone as it was at the start of
// the calendar's span and each change of its offset after.
struct TeamCalendar {
    std::string name;
    std::string zone;
    std::vector<WeeklyEntry> entries;
    UnixSeconds span_start = 0;
    int offset_at_start = 0;
    std::string name_at_start;
    std::vector<TimeZones::Transition> transitions;
};

class CalendarWriter {
  public:
    virtual ~CalendarWriter() = default;
    // A VCALENDAR (METHOD:PUBLISH) with one VEVENT in UTC. Errors: unavailable.
    virtual Result<std::string> meeting(const MeetingEntry& meeting) const = 0;
    // A VCALENDAR with the zone as a VTIMEZONE and one weekly VEVENT
    // (RRULE:FREQ=WEEKLY) per entry. Errors: unavailable.
    virtual Result<std::string> weekly(const TeamCalendar& calendar) const = 0;
};

}  // namespace bistime
