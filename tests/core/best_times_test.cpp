#include "bistime/core/best_times.hpp"

#include <algorithm>
#include <random>
#include <tuple>

#include <catch2/catch.hpp>

using namespace bistime;

namespace {

// The rule written out slot by slot, with no bitsets: the reference the
// fast ranking must agree with.
struct Counted {
    std::size_t day;
    int start;
    std::vector<std::uint32_t> available;
    std::vector<std::uint32_t> if_needed;
};

std::vector<Counted> brute_force(const std::vector<DayAvailability>& grid, std::size_t people,
                                 std::size_t days, const WindowQuery& query) {
    std::vector<Counted> all;
    for (std::size_t day = 0; day < days; ++day) {
        for (int start = query.first_slot; start + query.length <= query.end_slot; ++start) {
            Counted counted{day, start, {}, {}};
            bool required_ok = true;
            for (std::uint32_t person = 0; person < people; ++person) {
                const auto& answer = grid[person * days + day];
                bool all_yes = true;
                bool all_possible = true;
                for (int slot = start; slot < start + query.length; ++slot) {
                    all_yes = all_yes && answer.is_available(slot);
                    all_possible =
                        all_possible && (answer.is_available(slot) || answer.is_if_needed(slot));
                }
                if (all_yes) {
                    counted.available.push_back(person);
                } else if (all_possible) {
                    counted.if_needed.push_back(person);
                } else if (std::find(query.required.begin(), query.required.end(), person) !=
                           query.required.end()) {
                    required_ok = false;
                }
            }
            const auto possible = counted.available.size() + counted.if_needed.size();
            if (required_ok && possible >= query.min_people && possible > 0) {
                all.push_back(counted);
            }
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const Counted& a, const Counted& b) {
        return std::make_tuple(b.available.size(), b.if_needed.size()) <
               std::make_tuple(a.available.size(), a.if_needed.size());
    });
    if (all.size() > query.limit) {
        all.resize(query.limit);
    }
    return all;
}

}  // namespace

TEST_CASE("best windows agree with a brute-force count on random data", "[core][best]") {
    std::mt19937 random(424242);
    for (int round = 0; round < 40; ++round) {
        const std::size_t people = 1 + random() % 12;
        const std::size_t days = 1 + random() % 5;
        std::vector<DayAvailability> grid;
        for (std::size_t cell = 0; cell < people * days; ++cell) {
            DayAvailability day(48);
            for (int slot = 0; slot < 48; ++slot) {
                const auto roll = random() % 10;
                if (roll < 5) {
                    day.set_available(slot);
                } else if (roll < 7) {
                    day.set_if_needed(slot);
                }
            }
            grid.push_back(day);
        }
        WindowQuery query;
        query.length = 1 + static_cast<int>(random() % 4);
        query.first_slot = static_cast<int>(random() % 20);
        query.end_slot = 28 + static_cast<int>(random() % 21);
        query.min_people = random() % (people + 1);
        query.limit = 1 + random() % 30;
        if (random() % 2 == 0) {
            query.required.push_back(static_cast<std::uint32_t>(random() % people));
        }
        const auto fast = rank_windows(grid, people, days, 48, query);
        const auto slow = brute_force(grid, people, days, query);
        INFO("round " << round);
        REQUIRE(fast.size() == slow.size());
        for (std::size_t i = 0; i < fast.size(); ++i) {
            REQUIRE(fast[i].day == slow[i].day);
            REQUIRE(fast[i].first_slot == slow[i].start);
            REQUIRE(fast[i].available == slow[i].available);
            REQUIRE(fast[i].if_needed == slow[i].if_needed);
        }
    }
}

TEST_CASE("best windows rank most available, then most if needed, then earliest", "[core][best]") {
    auto day_of = [](const char* text) {
        return *DayAvailability::parse(text, 8, Answers::with_if_needed);
    };
    const std::vector<DayAvailability> grid = {day_of("01111000"), day_of("02211000"),
                                               day_of("00011100")};
    WindowQuery query;
    query.length = 2;
    query.end_slot = 8;
    query.limit = 3;
    const auto ranked = rank_windows(grid, 3, 1, 8, query);
    REQUIRE(ranked.size() == 3);
    CHECK(ranked[0].first_slot == 3);  // slots 3-4: all three available
    CHECK(ranked[0].available == std::vector<std::uint32_t>{0, 1, 2});
    // Slots 1-2 and 2-3 tie (Ann available, Bo if needed): the earlier first.
    CHECK(ranked[1].first_slot == 1);
    CHECK(ranked[1].available == std::vector<std::uint32_t>{0});
    CHECK(ranked[1].if_needed == std::vector<std::uint32_t>{1});
    CHECK(ranked[2].first_slot == 2);
}

TEST_CASE("a window longer than the day finds nothing", "[core][best]") {
    const std::vector<DayAvailability> grid(1, DayAvailability(48));
    WindowQuery query;
    query.length = 49;
    CHECK(rank_windows(grid, 1, 1, 48, query).empty());
}
