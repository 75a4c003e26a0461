// DayAvailability: the 48 half-hour slots of one day in which a person is free.
//
// Stored as a bitset, bit i = slot i ([i*30min, (i+1)*30min) from midnight).
// On the wire it is a string of 48 characters '0'/'1', character i = slot i.
#pragma once

#include <bitset>
#include <string>
#include <string_view>

#include "bistime/core/result.hpp"
#include "bistime/core/time_of_day.hpp"

namespace bistime {

class DayAvailability {
public:
    using Bits = std::bitset<k_slots_per_day>;

    DayAvailability() = default;
    explicit DayAvailability(Bits bits) : bits_(bits) {}

    // Parses 48 characters of '0' and '1'.
    // Errors: invalid ("availability must be 48 characters of 0 and 1").
    static Result<DayAvailability> parse(std::string_view text);

    bool is_available(int slot) const { return bits_.test(static_cast<std::size_t>(slot)); }
    void set_available(int slot, bool available = true) {
        bits_.set(static_cast<std::size_t>(slot), available);
    }
    const Bits& bits() const { return bits_; }
    bool none() const { return bits_.none(); }
    std::string to_string() const;  // 48 characters, slot 0 first

    friend bool operator==(const DayAvailability&, const DayAvailability&) = default;

private:
    Bits bits_;
};

}  // namespace bistime
