#include "bistime/core/overlap.hpp"

#include <algorithm>

namespace bistime {

AvailabilityOverlap AvailabilityOverlap::compute(std::size_t day_count, std::size_t person_count,
                                                 std::span<const PersonDay> entries) {
    AvailabilityOverlap overlap;
    overlap.day_count_ = day_count;
    const std::size_t cells = day_count * k_slots_per_day;
    overlap.counts_.assign(cells, 0);

    auto in_bounds = [&](const PersonDay& entry) {
        return entry.day < day_count && entry.person < person_count;
    };
    // Pass 1: counts. Pass 2: lay the people of each cell out contiguously
    // (a compressed-row layout), in ascending person order.
    for (const PersonDay& entry : entries) {
        if (!in_bounds(entry)) {
            continue;
        }
        const auto& bits = entry.availability.bits();
        for (int slot = 0; slot < k_slots_per_day; ++slot) {
            if (bits.test(static_cast<std::size_t>(slot))) {
                ++overlap.counts_[index(entry.day, slot)];
            }
        }
    }
    overlap.offsets_.assign(cells + 1, 0);
    for (std::size_t cell = 0; cell < cells; ++cell) {
        overlap.offsets_[cell + 1] = overlap.offsets_[cell] + overlap.counts_[cell];
    }
    overlap.people_.resize(overlap.offsets_[cells]);
    std::vector<std::uint32_t> cursor(overlap.offsets_.begin(), overlap.offsets_.end() - 1);

    std::vector<const PersonDay*> by_person;
    by_person.reserve(entries.size());
    for (const PersonDay& entry : entries) {
        if (in_bounds(entry)) {
            by_person.push_back(&entry);
        }
    }
    std::stable_sort(by_person.begin(), by_person.end(),
                     [](const PersonDay* a, const PersonDay* b) { return a->person < b->person; });
    for (const PersonDay* entry : by_person) {
        const auto& bits = entry->availability.bits();
        for (int slot = 0; slot < k_slots_per_day; ++slot) {
            if (bits.test(static_cast<std::size_t>(slot))) {
                overlap.people_[cursor[index(entry->day, slot)]++] = entry->person;
            }
        }
    }
    return overlap;
}

std::span<const std::uint32_t> AvailabilityOverlap::counts_of_day(std::size_t day) const {
    return std::span<const std::uint32_t>(counts_).subspan(day * k_slots_per_day, k_slots_per_day);
}

std::span<const std::uint32_t> AvailabilityOverlap::people_available(std::size_t day, int slot) const {
    const std::size_t cell = index(day, slot);
    return std::span<const std::uint32_t>(people_).subspan(offsets_[cell],
                                                           offsets_[cell + 1] - offsets_[cell]);
}

std::string legacy_count_string(std::span<const std::uint32_t> counts) {
    std::string text;
    text.reserve(counts.size());
    for (std::uint32_t count : counts) {
        text.push_back(static_cast<char>('0' + std::min<std::uint32_t>(count, 9)));
    }
    return text;
}

}  // namespace bistime
