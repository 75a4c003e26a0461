#include "bistime/ical/libical_writer.hpp"

#include <libical/ical.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "libical_lock.hpp"

namespace bistime::ical {
namespace {

using ComponentPtr = std::unique_ptr<icalcomponent, void (*)(icalcomponent*)>;

// A wall-clock time with no zone of its own (a TZID parameter names it).
icaltimetype wall_time(CalendarDate date, int minutes) {
    if (minutes >= 24 * 60) {
        date = date.next();
        minutes -= 24 * 60;
    }
    icaltimetype time = icaltime_null_time();
    time.year = date.year();
    time.month = date.month();
    time.day = date.day();
    time.hour = minutes / 60;
    time.minute = minutes % 60;
    time.is_date = 0;
    return time;
}

// The wall-clock time at `instant` under a UTC offset of `offset` seconds.
icaltimetype wall_time_at(UnixSeconds instant, int offset) {
    const UnixSeconds local = instant + offset;
    const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    return wall_time(CalendarDate::from_days_since_epoch(days),
                     static_cast<int>((local - days * 86400) / 60));
}

icaltimetype utc_time(UnixSeconds instant) {
    return icaltime_from_timet_with_zone(static_cast<time_t>(instant), 0,
                                         icaltimezone_get_utc_timezone());
}

// DTSTART or DTEND at a wall-clock time of `zone`.
icalproperty* zoned(icalproperty* property, const std::string& zone) {
    icalproperty_add_parameter(property, icalparameter_new_tzid(zone.c_str()));
    return property;
}

ComponentPtr new_calendar() {
    ComponentPtr calendar(icalcomponent_new_vcalendar(), icalcomponent_free);
    icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(calendar.get(),
                               icalproperty_new_prodid("-//BisTime//BisTime 1//EN"));
    icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
    return calendar;
}

// One observance of a VTIMEZONE: from `start` (wall clock before the change)
// the zone is `to` seconds east of UTC, named `name`.
icalcomponent* observance(bool daylight, icaltimetype start, int from, int to,
                          const std::string& name) {
    icalcomponent* part = daylight ? icalcomponent_new_xdaylight() : icalcomponent_new_xstandard();
    icalcomponent_add_property(part, icalproperty_new_dtstart(start));
    icalcomponent_add_property(part, icalproperty_new_tzoffsetfrom(from));
    icalcomponent_add_property(part, icalproperty_new_tzoffsetto(to));
    icalcomponent_add_property(part, icalproperty_new_tzname(name.c_str()));
    return part;
}

constexpr std::array<const char*, 7> k_byday = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

// The calendar as text, CRLF line ends and folding done by libical.
Result<std::string> serialize(icalcomponent* calendar) {
    char* text = icalcomponent_as_ical_string_r(calendar);
    if (text == nullptr) {
        return Error::unavailable("libical could not write the calendar");
    }
    std::string out(text);
    icalmemory_free_buffer(text);
    return out;
}

}  // namespace

Result<std::string> LibicalWriter::meeting(const MeetingEntry& meeting) const {
    std::unique_lock lock(detail::libical_mutex(), std::defer_lock);
    if (!lock.try_lock_for(k_max_lock_wait)) {
        return Error::unavailable("the calendar writer is busy; try again");
    }
    ComponentPtr calendar = new_calendar();
    icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalcomponent* event = icalcomponent_new_vevent();
    icalcomponent_add_property(event, icalproperty_new_uid(meeting.uid.c_str()));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(utc_time(meeting.stamp)));
    icalcomponent_add_property(event, icalproperty_new_dtstart(utc_time(meeting.start)));
    icalcomponent_add_property(event, icalproperty_new_dtend(utc_time(meeting.end)));
    icalcomponent_add_property(event, icalproperty_new_summary(meeting.summary.c_str()));
    if (meeting.description) {
        icalcomponent_add_property(event,
                                   icalproperty_new_description(meeting.description->c_str()));
    }
    if (meeting.location) {
        icalcomponent_add_property(event, icalproperty_new_location(meeting.location->c_str()));
    }
    if (meeting.url) {
        icalcomponent_add_property(event, icalproperty_new_url(meeting.url->c_str()));
    }
    icalcomponent_add_component(calendar.get(), event);
    return serialize(calendar.get());
}

Result<std::string> LibicalWriter::weekly(const TeamCalendar& team) const {
    std::unique_lock lock(detail::libical_mutex(), std::defer_lock);
    if (!lock.try_lock_for(k_max_lock_wait)) {
        return Error::unavailable("the calendar writer is busy; try again");
    }
    ComponentPtr calendar = new_calendar();
    icalproperty* name = icalproperty_new_x(team.name.c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(calendar.get(), name);

    // The zone as it was at the start of the span, then each change of offset.
    icalcomponent* zone = icalcomponent_new_vtimezone();
    icalcomponent_add_property(zone, icalproperty_new_tzid(team.zone.c_str()));
    icalcomponent_add_component(
        zone, observance(false, wall_time_at(team.span_start, team.offset_at_start),
                         team.offset_at_start, team.offset_at_start, team.name_at_start));
    for (const auto& change : team.transitions) {
        icalcomponent_add_component(
            zone, observance(change.daylight_after, wall_time_at(change.at, change.offset_before),
                             change.offset_before, change.offset_after, change.name_after));
    }
    icalcomponent_add_component(calendar.get(), zone);

    for (const WeeklyEntry& entry : team.entries) {
        icalcomponent* event = icalcomponent_new_vevent();
        icalcomponent_add_property(event, icalproperty_new_uid(entry.uid.c_str()));
        icalcomponent_add_property(event, icalproperty_new_dtstamp(utc_time(entry.stamp)));
        icalcomponent_add_property(
            event, zoned(icalproperty_new_dtstart(
                             wall_time(entry.first_date, entry.window.start.minutes())),
                         team.zone));
        icalcomponent_add_property(
            event,
            zoned(icalproperty_new_dtend(wall_time(entry.first_date, entry.window.end.minutes())),
                  team.zone));
        const std::string rule =
            std::string("FREQ=WEEKLY;BYDAY=") + k_byday.at(static_cast<std::size_t>(entry.weekday));
        icalcomponent_add_property(
            event, icalproperty_new_rrule(icalrecurrencetype_from_string(rule.c_str())));
        icalcomponent_add_property(event, icalproperty_new_summary(entry.summary.c_str()));
        if (!entry.description.empty()) {
            icalcomponent_add_property(event,
                                       icalproperty_new_description(entry.description.c_str()));
        }
        icalcomponent_add_component(calendar.get(), event);
    }
    return serialize(calendar.get());
}

}  // namespace bistime::ical
