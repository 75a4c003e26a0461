// CalendarDate: a day of the proleptic Gregorian calendar, without a time zone.
//
// Invariant: always a real date between 0001-01-01 and 9999-12-31, so
// "2026-02-30" can never exist as a CalendarDate. Ordered chronologically.
// The arithmetic is C++20's <chrono> calendar (year_month_day, sys_days).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "bistime/core/result.hpp"

namespace bistime {

class CalendarDate {
  public:
    // Parses exactly "YYYY-MM-DD". Errors: invalid ("invalid date format: X").
    static Result<CalendarDate> parse(std::string_view text);
    // Errors: invalid, when the fields do not name a real day.
    static Result<CalendarDate> from_ymd(int year, int month, int day);
    // The date `days` days after 1970-01-01 (negative: before).
    static CalendarDate from_days_since_epoch(std::int64_t days);

    int year() const { return year_; }
    int month() const { return month_; }
    int day() const { return day_; }
    std::int64_t days_since_epoch() const;
    // 0 = Monday … 6 = Sunday.
    int weekday() const;
    // The date `days` later (earlier when negative).
    CalendarDate plus_days(std::int64_t days) const {
        return from_days_since_epoch(days_since_epoch() + days);
    }
    CalendarDate next() const { return plus_days(1); }
    std::string to_string() const;  // "YYYY-MM-DD"

    friend auto operator<=>(const CalendarDate&, const CalendarDate&) = default;

  private:
    CalendarDate(int year, int month, int day) : year_(year), month_(month), day_(day) {}
    // Declared in this order so the defaulted comparison is chronological.
    int year_ = 1970;
    int month_ = 1;
    int day_ = 1;
};

}  // namespace bistime
