#include "bistime/core/day_availability.hpp"

namespace bistime {

Result<DayAvailability> DayAvailability::parse(std::string_view text) {
    if (text.size() != k_slots_per_day) {
        return Error::invalid_field("availability", "availability must be 48 characters of 0 and 1");
    }
    Bits bits;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '0' && text[i] != '1') {
            return Error::invalid_field("availability",
                                        "availability must be 48 characters of 0 and 1");
        }
        bits.set(i, text[i] == '1');
    }
    return DayAvailability(bits);
}

std::string DayAvailability::to_string() const {
    std::string text(k_slots_per_day, '0');
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (bits_.test(i)) {
            text[i] = '1';
        }
    }
    return text;
}

}  // namespace bistime
