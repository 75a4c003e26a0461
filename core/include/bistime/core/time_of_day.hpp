// TimeOfDay: a time on the day's quarter-hour grid, from 00:00 to 24:00, and
// TimeWindow: a daily window [start, end).
//
// Invariant: minutes() is a multiple of 15 in [0, 1440]. Events choose a slot
// size of 15, 30 (v1's only size) or 60 minutes, and their times must fall on
// that grid; teams use 30. 24:00 exists only as the end of a window.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bistime/core/result.hpp"

namespace bistime {

inline constexpr int k_slot_minutes = 30;                         // v1's slot size, teams' too
inline constexpr int k_slots_per_day = 24 * 60 / k_slot_minutes;  // 48
inline constexpr int k_finest_slot_minutes = 15;
inline constexpr int k_max_slots_per_day = 24 * 60 / k_finest_slot_minutes;  // 96

// True for the slot sizes an event may have: 15, 30 or 60 minutes.
bool is_supported_slot_size(std::int64_t minutes);
// 1440 / slot_minutes.
inline constexpr int slots_per_day(int slot_minutes) {
    return 24 * 60 / slot_minutes;
}

class TimeOfDay {
  public:
    // Parses exactly "HH:MM" on the `grid_minutes` grid (15, 30 or 60),
    // 00:00 to 24:00. Errors: invalid, for `field`.
    static Result<TimeOfDay> parse(std::string_view text, std::string_view field = "time",
                                   int grid_minutes = k_slot_minutes);
    // Errors: invalid, unless a multiple of 15 in [0, 1440].
    static Result<TimeOfDay> from_minutes(int minutes);
    static TimeOfDay from_slot(int slot, int slot_minutes = k_slot_minutes) {
        return TimeOfDay(slot * slot_minutes);
    }
    static TimeOfDay start_of_day() { return TimeOfDay(0); }
    static TimeOfDay end_of_day() { return TimeOfDay(24 * 60); }

    int minutes() const { return minutes_; }
    // The index of the slot that starts at this time (slots_per_day for 24:00).
    int slot(int slot_minutes = k_slot_minutes) const { return minutes_ / slot_minutes; }
    bool is_on_grid(int grid_minutes) const { return minutes_ % grid_minutes == 0; }
    std::string to_string() const;  // "HH:MM"

    friend auto operator<=>(const TimeOfDay&, const TimeOfDay&) = default;

  private:
    explicit TimeOfDay(int minutes) : minutes_(minutes) {}
    int minutes_ = 0;
};

// A daily window [start, end) on the grid. Invariant: start < end.
struct TimeWindow {
    TimeOfDay start = TimeOfDay::start_of_day();
    TimeOfDay end = TimeOfDay::end_of_day();

    // Errors: invalid ("startTime must be before endTime") when start >= end.
    static Result<TimeWindow> make(TimeOfDay start, TimeOfDay end);
    // `base` with the times given as text replacing its own ("startTime",
    // "endTime" on the wire), on the `grid_minutes` grid; the result must
    // still start before it ends.
    static Result<TimeWindow> parse_over(TimeWindow base, const std::optional<std::string>& start,
                                         const std::optional<std::string>& end,
                                         int grid_minutes = k_slot_minutes);
};

}  // namespace bistime
