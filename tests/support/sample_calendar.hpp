// A calendar as real clients send it: a weekly meeting with a VTIMEZONE,
// crossing Europe's change to summer time, with one week excluded; a free
// (transparent) event, a cancelled one, and one in another zone with no
// VTIMEZONE of its own.
#pragma once

namespace bistime::testing {

inline constexpr const char* k_sample_calendar =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//BisTime tests//EN\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Berlin\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:standup@test\r\n"
    "DTSTAMP:20270101T000000Z\r\n"
    "DTSTART;TZID=Europe/Berlin:20270315T100000\r\n"
    "DTEND;TZID=Europe/Berlin:20270315T110000\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=6\r\n"
    "EXDATE;TZID=Europe/Berlin:20270329T100000\r\n"
    "SUMMARY:Standup\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:free@test\r\n"
    "DTSTAMP:20270101T000000Z\r\n"
    "DTSTART:20270322T130000Z\r\n"
    "DTEND:20270322T140000Z\r\n"
    "TRANSP:TRANSPARENT\r\n"
    "SUMMARY:Lunch (free)\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:cancelled@test\r\n"
    "DTSTAMP:20270101T000000Z\r\n"
    "DTSTART:20270405T130000Z\r\n"
    "DTEND:20270405T140000Z\r\n"
    "STATUS:CANCELLED\r\n"
    "SUMMARY:Called off\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:newyork@test\r\n"
    "DTSTAMP:20270101T000000Z\r\n"
    "DTSTART;TZID=America/New_York:20270405T110000\r\n"
    "DTEND;TZID=America/New_York:20270405T113000\r\n"
    "SUMMARY:Call with New York\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

}  // namespace bistime::testing
