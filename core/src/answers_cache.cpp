#include "bistime/core/answers_cache.hpp"

#include <optional>

namespace bistime {

std::size_t EventAnswers::bytes() const {
    // The vectors' own arrays, and what their strings hold outside them.
    std::size_t total =
        sizeof(EventAnswers) + overlap.bytes() + days.capacity() * sizeof(DayAvailability) +
        dates.capacity() * sizeof(EventDate) + people.capacity() * sizeof(std::string) +
        schedules.capacity() * sizeof(Schedule) + rows.capacity() * sizeof(std::uint32_t);
    for (const EventDate& date : dates) {
        total += date.event_uuid.capacity();
    }
    for (const std::string& person : people) {
        total += person.capacity();
    }
    for (const Schedule& schedule : schedules) {
        total += schedule.name.capacity();
    }
    return total;
}

}  // namespace bistime
