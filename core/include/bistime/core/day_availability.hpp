// DayAvailability: one person's answer for each slot of one day — the one
// availability type of BisTime, for every slot size and answer.
//
// A day has 24, 48 or 96 slots (60, 30 or 15 minutes); slot i covers
// [i × size, (i+1) × size) from midnight. Each slot is unavailable, available,
// or available if needed — two bitsets, so counting is bit work. On the wire
// a day is a string with one character per slot: '0', '1', or '2' (if needed).
// Invariant: no slot is both available and if-needed; no bit past slot_count.
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/result.hpp"
#include "bistime/core/time_of_day.hpp"

namespace bistime {

// Which answers a day may hold: v1's yes/no, or also "if needed" ('2').
enum class Answers { yes_no, with_if_needed };

class DayAvailability {
  public:
    using Bits = std::bitset<k_max_slots_per_day>;

    DayAvailability() = default;  // 48 slots, all unavailable
    explicit DayAvailability(int slot_count) : slot_count_(slot_count) {}
    // The given available slots (bits past slot_count are dropped).
    DayAvailability(Bits available, int slot_count);

    // Parses `slot_count` characters of '0' and '1' (and '2' when `answers`
    // allow it). Errors: invalid (field "availability").
    static Result<DayAvailability> parse(std::string_view text, int slot_count = k_slots_per_day,
                                         Answers answers = Answers::yes_no);

    int slot_count() const { return slot_count_; }
    bool is_available(int slot) const { return available_.test(static_cast<std::size_t>(slot)); }
    bool is_if_needed(int slot) const { return if_needed_.test(static_cast<std::size_t>(slot)); }
    void set_available(int slot, bool available = true);
    void set_if_needed(int slot, bool if_needed = true);
    const Bits& available_bits() const { return available_; }
    const Bits& if_needed_bits() const { return if_needed_; }
    bool none() const { return available_.none() && if_needed_.none(); }
    std::string to_string() const;  // slot_count characters, slot 0 first

    // The same day on a grid of `slot_count` slots. A finer grid copies each
    // answer; a coarser slot is available only when every slot it covers is,
    // and if needed when each is available or if needed.
    DayAvailability resampled(int slot_count) const;

    // Consecutive slots in one state: [first, end) with that state.
    enum class State { unavailable, available, if_needed };
    struct Run {
        int first = 0;
        int end = 0;
        State state = State::unavailable;
    };
    // The day as runs of equal answers, covering every slot in order.
    std::vector<Run> runs() const;

    friend bool operator==(const DayAvailability&, const DayAvailability&) = default;

  private:
    Bits available_;
    Bits if_needed_;
    int slot_count_ = k_slots_per_day;
};

}  // namespace bistime
