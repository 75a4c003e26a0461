#include "bistime/core/best_times.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <tuple>

namespace bistime {
namespace {

using Bits = DayAvailability::Bits;

// Bit s of the result is set when bits s … s+length-1 are all set.
Bits all_of_window(const Bits& bits, int length) {
    Bits result = bits;
    for (int shift = 1; shift < length && result.any(); ++shift) {
        result &= bits >> static_cast<std::size_t>(shift);
    }
    return result;
}

// Calls `visit(s)` for every set bit s, ascending: a 64-bit word at a time,
// each bit found with std::countr_zero.
template <typename Visit>
void for_each_set(const Bits& bits, Visit visit) {
    constexpr std::size_t k_word = 64;
    static_assert(Bits().size() >= k_word);
    static const Bits k_low_word = Bits().set() >> (Bits().size() - k_word);
    for (std::size_t base = 0; base < bits.size(); base += k_word) {
        std::uint64_t word = ((bits >> base) & k_low_word).to_ullong();
        while (word != 0) {
            visit(base + static_cast<std::size_t>(std::countr_zero(word)));
            word &= word - 1;
        }
    }
}

struct Candidate {
    std::size_t day;
    int first_slot;
    std::uint32_t available;
    std::uint32_t if_needed;
};

}  // namespace

std::vector<RankedWindow> rank_windows(std::span<const DayAvailability> grid,
                                       std::size_t person_count, std::size_t day_count,
                                       int slots_per_day, const WindowQuery& query) {
    const int last_start = std::min(query.end_slot, slots_per_day) - query.length;
    if (query.length < 1 || last_start < query.first_slot ||
        grid.size() < person_count * day_count) {
        return {};
    }
    Bits starts;  // the window starts the query allows
    for (int slot = query.first_slot; slot <= last_start; ++slot) {
        starts.set(static_cast<std::size_t>(slot));
    }
    const std::size_t start_count = static_cast<std::size_t>(slots_per_day);
    // Per person and day, where a window is fully available, and fully possible.
    std::vector<Bits> all_available(person_count * day_count);
    std::vector<Bits> all_possible(person_count * day_count);
    std::vector<Candidate> candidates;
    std::vector<std::uint32_t> available_count(start_count);
    std::vector<std::uint32_t> possible_count(start_count);
    for (std::size_t day = 0; day < day_count; ++day) {
        Bits allowed = starts;
        std::fill(available_count.begin(), available_count.end(), 0);
        std::fill(possible_count.begin(), possible_count.end(), 0);
        for (std::size_t person = 0; person < person_count; ++person) {
            const DayAvailability& answer = grid[person * day_count + day];
            const Bits available = all_of_window(answer.available_bits(), query.length) & starts;
            const Bits possible =
                all_of_window(answer.available_bits() | answer.if_needed_bits(), query.length) &
                starts;
            all_available[person * day_count + day] = available;
            all_possible[person * day_count + day] = possible;
            for_each_set(possible, [&](std::size_t s) {
                ++possible_count[s];
                if (available.test(s)) {
                    ++available_count[s];
                }
            });
        }
        for (std::uint32_t person : query.required) {
            if (person < person_count) {
                allowed &= all_possible[person * day_count + day];
            }
        }
        for_each_set(allowed, [&](std::size_t s) {
            if (possible_count[s] >= query.min_people && possible_count[s] > 0) {
                candidates.push_back({day, static_cast<int>(s), available_count[s],
                                      possible_count[s] - available_count[s]});
            }
        });
    }
    const auto better = [](const Candidate& a, const Candidate& b) {
        return std::make_tuple(-static_cast<std::int64_t>(a.available),
                               -static_cast<std::int64_t>(a.if_needed), a.day, a.first_slot) <
               std::make_tuple(-static_cast<std::int64_t>(b.available),
                               -static_cast<std::int64_t>(b.if_needed), b.day, b.first_slot);
    };
    const std::size_t kept = std::min(query.limit, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(kept),
                      candidates.end(), better);
    std::vector<RankedWindow> ranked;
    ranked.reserve(kept);
    for (std::size_t i = 0; i < kept; ++i) {
        const Candidate& candidate = candidates[i];
        RankedWindow window{candidate.day, candidate.first_slot, {}, {}};
        const auto s = static_cast<std::size_t>(candidate.first_slot);
        for (std::uint32_t person = 0; person < person_count; ++person) {
            const std::size_t cell = person * day_count + candidate.day;
            if (all_available[cell].test(s)) {
                window.available.push_back(person);
            } else if (all_possible[cell].test(s)) {
                window.if_needed.push_back(person);
            }
        }
        ranked.push_back(std::move(window));
    }
    return ranked;
}

}  // namespace bistime
