// Writing iCalendar (RFC 5545): the decided meeting of an event as a VEVENT.
#pragma once

#include <string>

#include "bistime/core/event_service.hpp"
#include "bistime/core/regular_event_service.hpp"
#include "bistime/core/team_service.hpp"

namespace bistime::http::detail {

// A VCALENDAR with one VEVENT for the decision: UID "<uuid>@bistime" (stable),
// DTSTAMP (the event's last change), DTSTART/DTEND in UTC, SUMMARY,
// DESCRIPTION and LOCATION when set, URL when `link` is not empty.
// Precondition: details.decision_instants is set.
std::string decision_ics(const EventDetails& details, const std::string& link);

// A VCALENDAR with the team's zone as a VTIMEZONE and one weekly VEVENT
// (RRULE:FREQ=WEEKLY;BYDAY=…) per regular event, wall clock in that zone.
std::string team_calendar_ics(const TeamCalendar& calendar);

// A TEXT value escaped as RFC 5545 asks (backslash, semicolon, comma, newline).
std::string ics_text(const std::string& text);

// Appends "NAME:value" as content lines of at most 75 octets, folded with
// CRLF and a space, never inside a UTF-8 character.
void append_ics_line(std::string& out, const std::string& line);

}  // namespace bistime::http::detail
