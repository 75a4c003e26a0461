#include "bistime/core/overlap.hpp"

#include <algorithm>

namespace bistime {
namespace {

using Bits = DayAvailability::Bits;

// Tallies one answer (chosen by `bits_of`) over the entries, which come
// sorted by person so each cell's people come out ascending.
template <typename BitsOf>
AvailabilityOverlap::Tally tally(const std::vector<const PersonDay*>& entries, std::size_t cells,
                                 int slots_per_day, BitsOf bits_of) {
    AvailabilityOverlap::Tally result;
    result.counts.assign(cells, 0);
    for (const PersonDay* entry : entries) {
        const Bits& bits = bits_of(*entry);
        const std::size_t base = entry->day * static_cast<std::size_t>(slots_per_day);
        for (int slot = 0; slot < slots_per_day; ++slot) {
            if (bits.test(static_cast<std::size_t>(slot))) {
                ++result.counts[base + static_cast<std::size_t>(slot)];
            }
        }
    }
    result.offsets.assign(cells + 1, 0);
    for (std::size_t cell = 0; cell < cells; ++cell) {
        result.offsets[cell + 1] = result.offsets[cell] + result.counts[cell];
    }
    result.people.resize(result.offsets[cells]);
    std::vector<std::uint32_t> cursor(result.offsets.begin(), result.offsets.end() - 1);
    for (const PersonDay* entry : entries) {
        const Bits& bits = bits_of(*entry);
        const std::size_t base = entry->day * static_cast<std::size_t>(slots_per_day);
        for (int slot = 0; slot < slots_per_day; ++slot) {
            if (bits.test(static_cast<std::size_t>(slot))) {
                result.people[cursor[base + static_cast<std::size_t>(slot)]++] = entry->person;
            }
        }
    }
    return result;
}

std::span<const std::uint32_t> people_of(const AvailabilityOverlap::Tally& tally,
                                         std::size_t cell) {
    return std::span<const std::uint32_t>(tally.people)
        .subspan(tally.offsets[cell], tally.offsets[cell + 1] - tally.offsets[cell]);
}

}  // namespace

AvailabilityOverlap AvailabilityOverlap::compute(std::size_t day_count, std::size_t person_count,
                                                 std::span<const PersonDay> entries,
                                                 int slots_per_day) {
    AvailabilityOverlap overlap;
    overlap.day_count_ = day_count;
    overlap.slots_per_day_ = slots_per_day;
    std::vector<const PersonDay*> valid;
    valid.reserve(entries.size());
    for (const PersonDay& entry : entries) {
        if (entry.day < day_count && entry.person < person_count &&
            entry.availability.slot_count() == slots_per_day) {
            valid.push_back(&entry);
        }
    }
    std::stable_sort(valid.begin(), valid.end(),
                     [](const PersonDay* a, const PersonDay* b) { return a->person < b->person; });
    const std::size_t cells = day_count * static_cast<std::size_t>(slots_per_day);
    overlap.available_ = std::make_shared<const Tally>(tally(
        valid, cells, slots_per_day,
        [](const PersonDay& entry) -> const Bits& { return entry.availability.available_bits(); }));
    overlap.if_needed_ = std::make_shared<const Tally>(tally(
        valid, cells, slots_per_day,
        [](const PersonDay& entry) -> const Bits& { return entry.availability.if_needed_bits(); }));
    return overlap;
}

std::span<const std::uint32_t> AvailabilityOverlap::counts_of_day(std::size_t day) const {
    return std::span<const std::uint32_t>(available_->counts)
        .subspan(index(day, 0), static_cast<std::size_t>(slots_per_day_));
}

std::span<const std::uint32_t> AvailabilityOverlap::if_needed_counts_of_day(std::size_t day) const {
    return std::span<const std::uint32_t>(if_needed_->counts)
        .subspan(index(day, 0), static_cast<std::size_t>(slots_per_day_));
}

std::span<const std::uint32_t> AvailabilityOverlap::people_available(std::size_t day,
                                                                     int slot) const {
    return people_of(*available_, index(day, slot));
}

std::span<const std::uint32_t> AvailabilityOverlap::people_if_needed(std::size_t day,
                                                                     int slot) const {
    return people_of(*if_needed_, index(day, slot));
}

const std::shared_ptr<const AvailabilityOverlap::Tally>& AvailabilityOverlap::empty_tally() {
    static const auto k_empty = std::make_shared<const Tally>(Tally{{}, {0}, {}});
    return k_empty;
}

std::size_t AvailabilityOverlap::bytes() const {
    const auto size_of = [](const Tally& tally) {
        return (tally.counts.capacity() + tally.offsets.capacity() + tally.people.capacity()) *
               sizeof(std::uint32_t);
    };
    return sizeof(*this) + size_of(*available_) + size_of(*if_needed_);
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
