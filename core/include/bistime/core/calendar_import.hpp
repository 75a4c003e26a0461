// Turning busy time from a calendar into availability: a slot is available
// when no busy interval overlaps it.
#pragma once

#include <vector>

#include "bistime/core/day_availability.hpp"
#include "bistime/core/ports.hpp"

namespace bistime {

// The intervals sorted by start, overlapping and touching ones merged.
std::vector<BusyInterval> merge_busy(std::vector<BusyInterval> busy);

// One day's availability on a grid of `slot_minutes` in `zone`: each slot in
// [first_slot, end_slot) whose real time overlaps no interval of `merged` is
// available; a slot the zone skips, and every slot outside the range, is not.
DayAvailability free_slots(const std::vector<BusyInterval>& merged, const TimeZones& zones,
                           const std::string& zone, CalendarDate date, int slot_minutes,
                           int first_slot, int end_slot);

}  // namespace bistime
