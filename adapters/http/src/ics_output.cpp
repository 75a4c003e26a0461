#include "ics_output.hpp"

#include <cstdio>

namespace bistime::http::detail {
namespace {

// "20261201T010000Z"
std::string ics_utc(UnixSeconds seconds) {
    const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const std::int64_t of_day = seconds - days * 86400;
    const CalendarDate date = CalendarDate::from_days_since_epoch(days);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d%02dZ", date.year(), date.month(),
                  date.day(), static_cast<int>(of_day / 3600), static_cast<int>(of_day / 60 % 60),
                  static_cast<int>(of_day % 60));
    return buffer;
}

// "20261201T100000" (a wall-clock time, no zone letter)
std::string ics_local(CalendarDate date, int minutes) {
    if (minutes >= 24 * 60) {
        date = CalendarDate::from_days_since_epoch(date.days_since_epoch() + 1);
        minutes -= 24 * 60;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d00", date.year(), date.month(),
                  date.day(), minutes / 60, minutes % 60);
    return buffer;
}

// "+0900", "-0430"
std::string ics_offset(int seconds) {
    const char sign = seconds < 0 ? '-' : '+';
    const int minutes = (seconds < 0 ? -seconds : seconds) / 60;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%c%02d%02d", sign, minutes / 60, minutes % 60);
    return buffer;
}

// The wall-clock time at `instant` under `offset`.
std::string ics_wall(UnixSeconds instant, int offset) {
    const UnixSeconds local = instant + offset;
    const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    return ics_local(CalendarDate::from_days_since_epoch(days),
                     static_cast<int>((local - days * 86400) / 60));
}

constexpr const char* k_byday[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

}  // namespace

std::string team_calendar_ics(const TeamCalendar& calendar) {
    std::string out;
    append_ics_line(out, "BEGIN:VCALENDAR");
    append_ics_line(out, "VERSION:2.0");
    append_ics_line(out, "PRODID:-//BisTime//BisTime 1//EN");
    append_ics_line(out, "CALSCALE:GREGORIAN");
    append_ics_line(out, "X-WR-CALNAME:" + ics_text(calendar.team.name));
    // The zone as it was at the start of the span, then each change of offset.
    append_ics_line(out, "BEGIN:VTIMEZONE");
    append_ics_line(out, "TZID:" + calendar.zone);
    append_ics_line(out, "BEGIN:STANDARD");
    append_ics_line(out, "DTSTART:" + ics_wall(calendar.span_start, calendar.offset_at_start));
    append_ics_line(out, "TZOFFSETFROM:" + ics_offset(calendar.offset_at_start));
    append_ics_line(out, "TZOFFSETTO:" + ics_offset(calendar.offset_at_start));
    append_ics_line(out, "TZNAME:" + ics_text(calendar.name_at_start));
    append_ics_line(out, "END:STANDARD");
    for (const auto& change : calendar.transitions) {
        const char* kind = change.daylight_after ? "DAYLIGHT" : "STANDARD";
        append_ics_line(out, std::string("BEGIN:") + kind);
        append_ics_line(out, "DTSTART:" + ics_wall(change.at, change.offset_before));
        append_ics_line(out, "TZOFFSETFROM:" + ics_offset(change.offset_before));
        append_ics_line(out, "TZOFFSETTO:" + ics_offset(change.offset_after));
        append_ics_line(out, "TZNAME:" + ics_text(change.name_after));
        append_ics_line(out, std::string("END:") + kind);
    }
    append_ics_line(out, "END:VTIMEZONE");
    for (const auto& entry : calendar.entries) {
        const RegularEvent& event = entry.event;
        append_ics_line(out, "BEGIN:VEVENT");
        append_ics_line(out, "UID:" + event.uuid + "@bistime");
        append_ics_line(out, "DTSTAMP:" + ics_utc(event.updated_at));
        append_ics_line(out, "DTSTART;TZID=" + calendar.zone + ":" +
                                 ics_local(entry.first_date, event.window.start.minutes()));
        append_ics_line(out, "DTEND;TZID=" + calendar.zone + ":" +
                                 ics_local(entry.first_date, event.window.end.minutes()));
        append_ics_line(out, std::string("RRULE:FREQ=WEEKLY;BYDAY=") + k_byday[event.day]);
        append_ics_line(out, "SUMMARY:" + ics_text(event.title));
        if (!event.description.empty()) {
            append_ics_line(out, "DESCRIPTION:" + ics_text(event.description));
        }
        append_ics_line(out, "END:VEVENT");
    }
    append_ics_line(out, "END:VCALENDAR");
    return out;
}

std::string ics_text(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

void append_ics_line(std::string& out, const std::string& line) {
    constexpr std::size_t k_max_octets = 75;
    std::size_t start = 0;
    bool first = true;
    while (start < line.size()) {
        // A continuation line starts with a space, which counts.
        const std::size_t room = first ? k_max_octets : k_max_octets - 1;
        std::size_t end = std::min(line.size(), start + room);
        while (end < line.size() && end > start &&
               (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) {
            --end;  // do not cut a UTF-8 character
        }
        if (!first) {
            out += ' ';
        }
        out.append(line, start, end - start);
        out += "\r\n";
        start = end;
        first = false;
    }
}

std::string decision_ics(const EventDetails& details, const std::string& link) {
    const Event& event = details.event;
    std::string out;
    append_ics_line(out, "BEGIN:VCALENDAR");
    append_ics_line(out, "VERSION:2.0");
    append_ics_line(out, "PRODID:-//BisTime//BisTime 1//EN");
    append_ics_line(out, "CALSCALE:GREGORIAN");
    append_ics_line(out, "METHOD:PUBLISH");
    append_ics_line(out, "BEGIN:VEVENT");
    append_ics_line(out, "UID:" + event.uuid + "@bistime");
    append_ics_line(out, "DTSTAMP:" + ics_utc(event.updated_at));
    append_ics_line(out, "DTSTART:" + ics_utc(details.decision_instants->start));
    append_ics_line(out, "DTEND:" + ics_utc(details.decision_instants->end));
    append_ics_line(out, "SUMMARY:" + ics_text(event.title));
    if (event.description) {
        append_ics_line(out, "DESCRIPTION:" + ics_text(*event.description));
    }
    if (event.location) {
        append_ics_line(out, "LOCATION:" + ics_text(*event.location));
    }
    if (!link.empty()) {
        append_ics_line(out, "URL:" + link);
    }
    append_ics_line(out, "END:VEVENT");
    append_ics_line(out, "END:VCALENDAR");
    return out;
}

}  // namespace bistime::http::detail
