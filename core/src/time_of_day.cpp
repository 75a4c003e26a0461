#include "bistime/core/time_of_day.hpp"

#include <cstdio>

namespace bistime {

bool is_supported_slot_size(std::int64_t minutes) {
    return minutes == 15 || minutes == 30 || minutes == 60;
}

Result<TimeOfDay> TimeOfDay::parse(std::string_view text, std::string_view field,
                                   int grid_minutes) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const bool shaped = text.size() == 5 && digit(text[0]) && digit(text[1]) && text[2] == ':' &&
                        digit(text[3]) && digit(text[4]);
    if (shaped) {
        const int hours = (text[0] - '0') * 10 + (text[1] - '0');
        const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
        const bool on_grid = minutes < 60 && minutes % grid_minutes == 0;
        if (on_grid && (hours < 24 || (hours == 24 && minutes == 0))) {
            return TimeOfDay(hours * 60 + minutes);
        }
    }
    const std::string grid = grid_minutes == 30   ? "on the half hour"
                             : grid_minutes == 60 ? "on the hour"
                                                  : "on the quarter hour";
    return Error::invalid_field(std::string(field),
                                std::string(field) + " must be HH:MM " + grid + ", 00:00 to 24:00");
}

Result<TimeOfDay> TimeOfDay::from_minutes(int minutes) {
    if (minutes < 0 || minutes > 24 * 60 || minutes % k_finest_slot_minutes != 0) {
        return Error::invalid("not a time on the quarter-hour grid");
    }
    return TimeOfDay(minutes);
}

std::string TimeOfDay::to_string() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", minutes_ / 60, minutes_ % 60);
    return buffer;
}

Result<TimeWindow> TimeWindow::make(TimeOfDay start, TimeOfDay end) {
    // The whole time is compared, hours and minutes: the original compared
    // hours only and accepted 09:30–09:00.
    if (!(start < end)) {
        return Error::invalid_field("startTime", "startTime must be before endTime");
    }
    return TimeWindow{start, end};
}

Result<TimeWindow> TimeWindow::parse_over(TimeWindow base, const std::optional<std::string>& start,
                                          const std::optional<std::string>& end, int grid_minutes) {
    if (start) {
        BISTIME_ASSIGN(base.start, TimeOfDay::parse(*start, "startTime", grid_minutes));
    }
    if (end) {
        BISTIME_ASSIGN(base.end, TimeOfDay::parse(*end, "endTime", grid_minutes));
    }
    return make(base.start, base.end);
}

}  // namespace bistime
