#include "bistime/core/day_availability.hpp"

namespace bistime {

DayAvailability::DayAvailability(Bits available, int slot_count) : slot_count_(slot_count) {
    for (int slot = 0; slot < slot_count; ++slot) {
        available_.set(static_cast<std::size_t>(slot),
                       available.test(static_cast<std::size_t>(slot)));
    }
}

Result<DayAvailability> DayAvailability::parse(std::string_view text, int slot_count,
                                               Answers answers) {
    const std::string expected =
        "availability must be " + std::to_string(slot_count) + " characters of 0 and 1" +
        (answers == Answers::with_if_needed ? " (or 2 for if needed)" : "");
    if (text.size() != static_cast<std::size_t>(slot_count) || slot_count > k_max_slots_per_day) {
        return Error::invalid_field("availability", expected);
    }
    DayAvailability day(slot_count);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '1') {
            day.available_.set(i);
        } else if (text[i] == '2' && answers == Answers::with_if_needed) {
            day.if_needed_.set(i);
        } else if (text[i] != '0') {
            return Error::invalid_field("availability", expected);
        }
    }
    return day;
}

void DayAvailability::set_available(int slot, bool available) {
    available_.set(static_cast<std::size_t>(slot), available);
    if (available) {
        if_needed_.reset(static_cast<std::size_t>(slot));
    }
}

void DayAvailability::set_if_needed(int slot, bool if_needed) {
    if_needed_.set(static_cast<std::size_t>(slot), if_needed);
    if (if_needed) {
        available_.reset(static_cast<std::size_t>(slot));
    }
}

std::string DayAvailability::to_string() const {
    std::string text(static_cast<std::size_t>(slot_count_), '0');
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (available_.test(i)) {
            text[i] = '1';
        } else if (if_needed_.test(i)) {
            text[i] = '2';
        }
    }
    return text;
}

std::vector<DayAvailability::Run> DayAvailability::runs() const {
    auto state_of = [&](int slot) {
        return is_available(slot)   ? State::available
               : is_if_needed(slot) ? State::if_needed
                                    : State::unavailable;
    };
    std::vector<Run> runs;
    for (int slot = 0; slot < slot_count_; ++slot) {
        const State state = state_of(slot);
        if (runs.empty() || runs.back().state != state) {
            runs.push_back({slot, slot + 1, state});
        } else {
            runs.back().end = slot + 1;
        }
    }
    return runs;
}

DayAvailability DayAvailability::resampled(int slot_count) const {
    DayAvailability day(slot_count);
    if (slot_count >= slot_count_) {
        const int factor = slot_count / slot_count_;
        for (int slot = 0; slot < slot_count; ++slot) {
            day.available_.set(static_cast<std::size_t>(slot), is_available(slot / factor));
            day.if_needed_.set(static_cast<std::size_t>(slot), is_if_needed(slot / factor));
        }
        return day;
    }
    const int factor = slot_count_ / slot_count;
    for (int slot = 0; slot < slot_count; ++slot) {
        bool all_available = true;
        bool all_possible = true;
        for (int part = slot * factor; part < (slot + 1) * factor; ++part) {
            all_available = all_available && is_available(part);
            all_possible = all_possible && (is_available(part) || is_if_needed(part));
        }
        if (all_available) {
            day.set_available(slot);
        } else if (all_possible) {
            day.set_if_needed(slot);
        }
    }
    return day;
}

}  // namespace bistime
