// Uses the installed core's public headers: parses a date and a window and
// counts an overlap, then runs a use case on the installed in-memory storage
// (BisTime::memory), printing what a caller would check.
#include <bistime/core/calendar_date.hpp>
#include <bistime/core/feedback_service.hpp>
#include <bistime/core/overlap.hpp>
#include <bistime/core/time_of_day.hpp>
#include <bistime/memory/memory_storage.hpp>

#include <iostream>
#include <vector>

namespace {

// The service's own clock: a fixed instant is enough here.
class FixedClock final : public bistime::Clock {
  public:
    bistime::UnixSeconds now() const override { return 1798794000; }
    bistime::CalendarDate today() const override {
        return *bistime::CalendarDate::parse("2027-01-01");
    }
};

}  // namespace

int main() {
    auto date = bistime::CalendarDate::parse("2027-03-01");
    auto start = bistime::TimeOfDay::parse("09:00");
    if (!date || !start) {
        return 1;
    }
    bistime::DayAvailability free;
    free.set_available(start->slot());
    std::vector<bistime::PersonDay> entries = {{0, 0, free}, {1, 0, free}};
    auto overlap = bistime::AvailabilityOverlap::compute(1, 2, entries);

    bistime::memory::MemoryStorage storage;
    FixedClock clock;
    bistime::FeedbackService feedback(storage.feedback(), clock);
    auto stored = feedback.add_feedback("  works  ");
    if (!stored || stored->content != "works") {
        return 1;
    }
    std::cout << date->to_string() << ' ' << overlap.count(0, start->slot()) << ' '
              << stored->content << '\n';
    return overlap.count(0, start->slot()) == 2 ? 0 : 1;
}
