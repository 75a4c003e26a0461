// The overlap computation: for every day and slot, how many people are
// available and which ones.
//
// Shared by everything that aggregates availability (events by date, teams by
// weekday), so there is one implementation of the rule "a person counts in a
// slot when their bit for that day and slot is set". People and days are dense
// indices chosen by the caller; the result is flat arrays, not maps of names.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "bistime/core/day_availability.hpp"

namespace bistime {

// One person's availability on one day. Precondition of compute(): each
// (person, day) pair appears at most once, and indices are within bounds.
struct PersonDay {
    std::uint32_t person = 0;
    std::uint32_t day = 0;
    DayAvailability availability;
};

class AvailabilityOverlap {
public:
    // Builds the tally in O(entries × slots). Out-of-range entries are skipped.
    static AvailabilityOverlap compute(std::size_t day_count, std::size_t person_count,
                                       std::span<const PersonDay> entries);

    std::size_t day_count() const { return day_count_; }
    // Number of people available in `slot` of `day`.
    std::uint32_t count(std::size_t day, int slot) const { return counts_[index(day, slot)]; }
    // The 48 counts of one day, slot 0 first.
    std::span<const std::uint32_t> counts_of_day(std::size_t day) const;
    // Indices of the people available in `slot` of `day`, ascending.
    std::span<const std::uint32_t> people_available(std::size_t day, int slot) const;

private:
    static std::size_t index(std::size_t day, int slot) {
        return day * k_slots_per_day + static_cast<std::size_t>(slot);
    }
    std::size_t day_count_ = 0;
    std::vector<std::uint32_t> counts_;   // [day * 48 + slot]
    std::vector<std::uint32_t> offsets_;  // people_ of cell c are [offsets_[c], offsets_[c+1])
    std::vector<std::uint32_t> people_;
};

// The v1 "availability" string of one day: character i is the count of slot i
// as one decimal digit, capped at '9' (the original broke the string at ten).
std::string legacy_count_string(std::span<const std::uint32_t> counts);

}  // namespace bistime
