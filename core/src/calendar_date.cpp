#include "bistime/core/calendar_date.hpp"

#include <array>
#include <cstdio>

namespace bistime {
namespace {

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> k_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : k_days[static_cast<std::size_t>(month - 1)];
}

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

}  // namespace

Result<CalendarDate> CalendarDate::from_ymd(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month)) {
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

// Days from civil and back follow Howard Hinnant's public-domain algorithms
// (chrono-compatible low-level date algorithms), written out here.
std::int64_t CalendarDate::days_since_epoch() const {
    const std::int64_t y = year_ - (month_ <= 2 ? 1 : 0);
    const std::int64_t era = y / 400;  // year_ >= 1, so y >= 0
    const std::int64_t yoe = y - era * 400;
    const std::int64_t shifted_month = month_ > 2 ? month_ - 3 : month_ + 9;
    const std::int64_t doy = (153 * shifted_month + 2) / 5 + day_ - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CalendarDate CalendarDate::from_days_since_epoch(std::int64_t days) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return CalendarDate(year, month, day);
}

int CalendarDate::weekday() const {
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    const std::int64_t days = days_since_epoch();
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

std::string CalendarDate::to_string() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year_, month_, day_);
    return buffer;
}

}  // namespace bistime
