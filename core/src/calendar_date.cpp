#include "bistime/core/calendar_date.hpp"

#include <chrono>
#include <cstdio>

namespace bistime {
namespace {

bool parse_digits(std::string_view text, int& out) {
    out = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
        out = out * 10 + (c - '0');
    }
    return true;
}

std::chrono::year_month_day civil(int year, int month, int day) {
    return std::chrono::year_month_day{std::chrono::year{year},
                                       std::chrono::month{static_cast<unsigned>(month)},
                                       std::chrono::day{static_cast<unsigned>(day)}};
}

}  // namespace

Result<CalendarDate> CalendarDate::from_ymd(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 ||
        !civil(year, month, day).ok()) {
        return Error::invalid("no such date");
    }
    return CalendarDate(year, month, day);
}

Result<CalendarDate> CalendarDate::parse(std::string_view text) {
    int year = 0;
    int month = 0;
    int day = 0;
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                        parse_digits(text.substr(0, 4), year) &&
                        parse_digits(text.substr(5, 2), month) &&
                        parse_digits(text.substr(8, 2), day);
    auto date = shaped ? from_ymd(year, month, day) : Result<CalendarDate>(Error::invalid(""));
    if (!date) {
        return Error::invalid("invalid date format: " + std::string(text));
    }
    return date;
}

std::int64_t CalendarDate::days_since_epoch() const {
    return std::chrono::sys_days{civil(year_, month_, day_)}.time_since_epoch().count();
}

CalendarDate CalendarDate::from_days_since_epoch(std::int64_t days) {
    const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
    return CalendarDate(static_cast<int>(date.year()), static_cast<int>(unsigned{date.month()}),
                        static_cast<int>(unsigned{date.day()}));
}

int CalendarDate::weekday() const {
    // iso_encoding: Monday 1 … Sunday 7.
    const std::chrono::weekday day{std::chrono::sys_days{civil(year_, month_, day_)}};
    return static_cast<int>(day.iso_encoding()) - 1;
}

std::string CalendarDate::to_string() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year_, month_, day_);
    return buffer;
}

}  // namespace bistime
