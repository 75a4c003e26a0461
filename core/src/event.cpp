#include "bistime/core/event.hpp"

#include <array>

namespace bistime {
namespace {
constexpr std::array<std::string_view, 7> k_keys = {"MON", "TUE", "WED", "THU",
                                                    "FRI", "SAT", "SUN"};
}  // namespace

CalendarDate reference_weekday(int weekday) {
    return *CalendarDate::from_ymd(1, 1, 1 + weekday);
}

bool is_reference_weekday(const CalendarDate& date) {
    return date.year() == 1 && date.month() == 1 && date.day() <= 7;
}

std::string day_key(const CalendarDate& date) {
    if (is_reference_weekday(date)) {
        return std::string(k_keys[static_cast<std::size_t>(date.day() - 1)]);
    }
    return date.to_string();
}

std::optional<int> weekday_of_key(std::string_view key) {
    for (std::size_t day = 0; day < k_keys.size(); ++day) {
        if (k_keys[day] == key) {
            return static_cast<int>(day);
        }
    }
    return std::nullopt;
}

bool decision_fits_window(const Event& event) {
    return !event.decision || (event.window.start <= event.decision->window.start &&
                               event.decision->window.end <= event.window.end);
}

}  // namespace bistime
