// How fast the best-times ranking is at the size the product promises:
// 1,000 people × 60 dates × 96 slots (15-minute slots), random answers.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "bistime/core/best_times.hpp"

namespace {

std::vector<bistime::DayAvailability> random_grid(std::size_t people, std::size_t days, int slots) {
    std::mt19937 random(7);
    std::vector<bistime::DayAvailability> grid;
    grid.reserve(people * days);
    for (std::size_t cell = 0; cell < people * days; ++cell) {
        bistime::DayAvailability day(slots);
        for (int slot = 0; slot < slots; ++slot) {
            const auto roll = random() % 10;
            if (roll < 5) {
                day.set_available(slot);
            } else if (roll < 6) {
                day.set_if_needed(slot);
            }
        }
        grid.push_back(day);
    }
    return grid;
}

void rank_windows_at_scale(benchmark::State& state) {
    const std::size_t people = static_cast<std::size_t>(state.range(0));
    const std::size_t days = 60;
    const int slots = 96;
    const auto grid = random_grid(people, days, slots);
    bistime::WindowQuery query;
    query.length = static_cast<int>(state.range(1));
    query.end_slot = slots;
    query.required = {0, 1};
    for (auto _ : state) {
        benchmark::DoNotOptimize(bistime::rank_windows(grid, people, days, slots, query));
    }
    state.SetLabel(std::to_string(people) + " people x 60 dates x 96 slots, window " +
                   std::to_string(query.length) + " slots");
}

}  // namespace

BENCHMARK(rank_windows_at_scale)
    ->Args({1000, 4})
    ->Args({1000, 8})
    ->Args({100, 4})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
