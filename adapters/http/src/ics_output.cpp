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
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d%02dZ", date.year(), date.month(), date.day(),
                  static_cast<int>(of_day / 3600), static_cast<int>(of_day / 60 % 60), static_cast<int>(of_day % 60));
    return buffer;
}

}  // namespace

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
        while (end < line.size() && end > start && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) {
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
