// TimeOfDay: a time on the day's 30-minute grid, from 00:00 to 24:00.
//
// Invariant: minutes() is a multiple of 30 in [0, 1440]. 24:00 exists only as
// the end of a window; TimeWindow enforces that a start is before its end.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "bistime/core/result.hpp"

namespace bistime {

inline constexpr int k_slot_minutes = 30;
inline constexpr int k_slots_per_day = 24 * 60 / k_slot_minutes;  // 48

class TimeOfDay {
public:
    // Parses exactly "HH:MM" with MM "00" or "30", 00:00 to 24:00.
    // Errors: invalid, naming the field (`field` is used in the message).
    static Result<TimeOfDay> parse(std::string_view text, std::string_view field = "time");
    static TimeOfDay from_slot(int slot) { return TimeOfDay(slot * k_slot_minutes); }
    static TimeOfDay start_of_day() { return TimeOfDay(0); }
    static TimeOfDay end_of_day() { return TimeOfDay(24 * 60); }

    int minutes() const { return minutes_; }
    // The index of the slot that starts at this time (48 for 24:00).
    int slot() const { return minutes_ / k_slot_minutes; }
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
    // "endTime" on the wire); the result must still start before it ends.
    static Result<TimeWindow> parse_over(TimeWindow base, const std::optional<std::string>& start,
                                         const std::optional<std::string>& end);
};

}  // namespace bistime
