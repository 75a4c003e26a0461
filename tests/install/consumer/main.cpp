// Uses the installed core's public headers: parses a date and a window and
// counts an overlap, printing what a caller would check.
#include <bistime/core/calendar_date.hpp>
#include <bistime/core/overlap.hpp>
#include <bistime/core/time_of_day.hpp>

#include <iostream>
#include <vector>

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
    std::cout << date->to_string() << ' ' << overlap.count(0, start->slot()) << '\n';
    return overlap.count(0, start->slot()) == 2 ? 0 : 1;
}
