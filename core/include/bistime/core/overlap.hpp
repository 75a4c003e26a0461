// The overlap computation: for every day and slot, how many people are
// available (and available if needed), and which ones.
//
// Shared by everything that aggregates availability (events by date or
// weekday, teams by weekday), so there is one implementation of the rule "a
// person counts in a slot when their answer for that day and slot says so".
// People and days are dense indices chosen by the caller; the result is flat
// arrays, not maps of names.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
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
    // Builds the tally in O(entries × slots). Out-of-range entries, and
    // entries of another slot count, are skipped.
    static AvailabilityOverlap compute(std::size_t day_count, std::size_t person_count,
                                       std::span<const PersonDay> entries,
                                       int slots_per_day = k_slots_per_day);

    std::size_t day_count() const { return day_count_; }
    int slots_per_day() const { return slots_per_day_; }
    // Whether anyone answered "if needed" anywhere.
    bool has_if_needed() const { return !if_needed_->people.empty(); }
    // Memory held, for caches that bound theirs.
    std::size_t bytes() const;

    std::uint32_t count(std::size_t day, int slot) const {
        return available_->counts[index(day, slot)];
    }
    std::uint32_t if_needed_count(std::size_t day, int slot) const {
        return if_needed_->counts[index(day, slot)];
    }
    // The counts of one day, slot 0 first.
    std::span<const std::uint32_t> counts_of_day(std::size_t day) const;
    std::span<const std::uint32_t> if_needed_counts_of_day(std::size_t day) const;
    // Indices of the people available (if needed) in `slot` of `day`, ascending.
    std::span<const std::uint32_t> people_available(std::size_t day, int slot) const;
    std::span<const std::uint32_t> people_if_needed(std::size_t day, int slot) const;

    // One answer's tally: counts per cell, and the people of each cell laid
    // out contiguously (cell c's are [offsets[c], offsets[c+1])).
    struct Tally {
        std::vector<std::uint32_t> counts;
        std::vector<std::uint32_t> offsets;
        std::vector<std::uint32_t> people;
    };

  private:
    std::size_t index(std::size_t day, int slot) const {
        return day * static_cast<std::size_t>(slots_per_day_) + static_cast<std::size_t>(slot);
    }
    static const std::shared_ptr<const Tally>& empty_tally();

    // Immutable once computed and shared between copies: a copy of a large
    // overlap (from a cache, say) costs two reference counts, not its arrays.
    std::size_t day_count_ = 0;
    int slots_per_day_ = k_slots_per_day;
    std::shared_ptr<const Tally> available_ = empty_tally();
    std::shared_ptr<const Tally> if_needed_ = empty_tally();
};

// The v1 "availability" string of one day: character i is the count of slot i
// as one decimal digit, capped at '9' (the original broke the string at ten).
std::string legacy_count_string(std::span<const std::uint32_t> counts);

}  // namespace bistime
