#include "bistime/core/team.hpp"

namespace bistime {

Result<WeekAvailability> parse_week(const std::vector<std::string>& days) {
    if (days.size() != k_days_per_week) {
        return Error::invalid_field("weekSchedule", "weekSchedule must have 7 days, Monday first");
    }
    WeekAvailability week;
    for (std::size_t day = 0; day < days.size(); ++day) {
        auto parsed = DayAvailability::parse(days[day]);
        if (!parsed) {
            return Error::invalid_field("weekSchedule",
                                        "weekSchedule days must be 48 characters of 0 and 1");
        }
        week[day] = *parsed;
    }
    return week;
}

std::string security_question_text(int question) {
    switch (question) {
        case 1:
            return "What was the name of your first-year high-school maths teacher?";
        case 2:
            return "What is the name of your youngest cousin on your father's side?";
        case 3:
            return "What was the name of the pet you kept the longest?";
        default:
            return "";
    }
}

}  // namespace bistime
