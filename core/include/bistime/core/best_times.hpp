// Best times: ranking the windows of a given length where a group can meet.
//
// Pure computation on bitsets, so it can be benchmarked and reused: each
// person's days as DayAvailability, every window of `length` consecutive
// slots inside [first_slot, end_slot) on each day, ranked by most people
// available, then most available if needed, then earliest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "bistime/core/day_availability.hpp"

namespace bistime {

struct WindowQuery {
    int length = 1;                       // slots
    int first_slot = 0;                   // the windows start at or after this slot…
    int end_slot = k_slots_per_day;       // …and end at or before this one
    std::size_t min_people = 0;           // available or if needed, at least
    std::vector<std::uint32_t> required;  // people who must be available or if needed
    std::size_t limit = 10;
};

struct RankedWindow {
    std::size_t day = 0;
    int first_slot = 0;
    std::vector<std::uint32_t> available;  // available in every slot of the window
    std::vector<std::uint32_t>
        if_needed;  // in every slot available or if needed, not all available
};

// `grid[person * day_count + day]` is that person's day (a default, empty day
// where they gave none); every day has `slots_per_day` slots. At most
// `limit` windows come back, best first.
std::vector<RankedWindow> rank_windows(std::span<const DayAvailability> grid,
                                       std::size_t person_count, std::size_t day_count,
                                       int slots_per_day, const WindowQuery& query);

}  // namespace bistime
