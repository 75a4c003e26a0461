#include "bistime/core/time_of_day.hpp"

#include <cstdio>

namespace bistime {

Result<TimeOfDay> TimeOfDay::parse(std::string_view text, std::string_view field) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const bool shaped = text.size() == 5 && digit(text[0]) && digit(text[1]) && text[2] == ':' &&
                        digit(text[3]) && digit(text[4]);
    if (shaped) {
        const int hours = (text[0] - '0') * 10 + (text[1] - '0');
        const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
        const bool on_grid = minutes == 0 || minutes == 30;
        if (on_grid && (hours < 24 || (hours == 24 && minutes == 0))) {
            return TimeOfDay(hours * 60 + minutes);
        }
    }
    return Error::invalid_field(std::string(field),
                                std::string(field) + " must be HH:MM on the half hour, 00:00 to 24:00");
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
                                          const std::optional<std::string>& end) {
    if (start) {
        auto parsed = TimeOfDay::parse(*start, "startTime");
        if (!parsed) {
            return parsed.error();
        }
        base.start = *parsed;
    }
    if (end) {
        auto parsed = TimeOfDay::parse(*end, "endTime");
        if (!parsed) {
            return parsed.error();
        }
        base.end = *parsed;
    }
    return make(base.start, base.end);
}

}  // namespace bistime
