#include "bistime/core/calendar_import.hpp"

#include <algorithm>

namespace bistime {

std::vector<BusyInterval> merge_busy(std::vector<BusyInterval> busy) {
    std::sort(busy.begin(), busy.end(),
              [](const BusyInterval& a, const BusyInterval& b) { return a.start < b.start; });
    std::vector<BusyInterval> merged;
    for (const BusyInterval& interval : busy) {
        if (!merged.empty() && interval.start <= merged.back().end) {
            merged.back().end = std::max(merged.back().end, interval.end);
        } else {
            merged.push_back(interval);
        }
    }
    return merged;
}

DayAvailability free_slots(const std::vector<BusyInterval>& merged, const TimeZones& zones,
                           const std::string& zone, CalendarDate date, int slot_minutes,
                           int first_slot, int end_slot) {
    DayAvailability day(slots_per_day(slot_minutes));
    for (int slot = first_slot; slot < end_slot; ++slot) {
        const auto start = zones.to_instant(zone, date, slot * slot_minutes);
        if (!start) {
            continue;  // the zone skips this wall-clock time
        }
        const UnixSeconds end = *start + static_cast<UnixSeconds>(slot_minutes) * 60;
        // The first merged interval ending after the slot starts is the only
        // one that can overlap it.
        const auto next = std::upper_bound(
            merged.begin(), merged.end(), *start,
            [](UnixSeconds at, const BusyInterval& interval) { return at < interval.end; });
        const bool busy = next != merged.end() && next->start < end;
        day.set_available(slot, !busy);
    }
    return day;
}

}  // namespace bistime
