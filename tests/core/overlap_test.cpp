#include "bistime/core/overlap.hpp"

#include <random>

#include <catch2/catch.hpp>

using namespace bistime;

namespace {
DayAvailability day_of(std::initializer_list<int> slots) {
    DayAvailability day;
    for (int slot : slots) {
        day.set_available(slot);
    }
    return day;
}
}  // namespace

TEST_CASE("the overlap counts, per date and slot, the people available", "[core]") {
    const std::vector<PersonDay> entries = {
        {0, 0, day_of({18, 19, 20})},
        {1, 0, day_of({19, 20, 21})},
        {1, 1, day_of({0})},
    };
    auto overlap = AvailabilityOverlap::compute(2, 2, entries);
    CHECK(overlap.count(0, 18) == 1);
    CHECK(overlap.count(0, 19) == 2);
    CHECK(overlap.count(0, 21) == 1);
    CHECK(overlap.count(0, 22) == 0);
    CHECK(overlap.count(1, 0) == 1);
    CHECK(overlap.count(1, 19) == 0);
}

TEST_CASE("the overlap names the people available in each slot, in person order", "[core]") {
    const std::vector<PersonDay> entries = {
        {2, 0, day_of({5})},
        {0, 0, day_of({5, 6})},
        {1, 0, day_of({6})},
    };
    auto overlap = AvailabilityOverlap::compute(1, 3, entries);
    auto five = overlap.people_available(0, 5);
    CHECK(std::vector<std::uint32_t>(five.begin(), five.end()) == std::vector<std::uint32_t>{0, 2});
    auto six = overlap.people_available(0, 6);
    CHECK(std::vector<std::uint32_t>(six.begin(), six.end()) == std::vector<std::uint32_t>{0, 1});
    CHECK(overlap.people_available(0, 7).empty());
}

TEST_CASE("the overlap agrees with a direct count on random data", "[core]") {
    std::mt19937 random(20261124);
    const std::size_t people = 37;
    const std::size_t days = 9;
    std::vector<PersonDay> entries;
    for (std::uint32_t person = 0; person < people; ++person) {
        for (std::uint32_t day = 0; day < days; ++day) {
            if (random() % 4 == 0) {
                continue;  // not everyone fills every day
            }
            DayAvailability availability(
                DayAvailability::Bits(random() ^ (std::uint64_t(random()) << 16)), k_slots_per_day);
            entries.push_back({person, day, availability});
        }
    }
    auto overlap = AvailabilityOverlap::compute(days, people, entries);
    for (std::uint32_t day = 0; day < days; ++day) {
        for (int slot = 0; slot < k_slots_per_day; ++slot) {
            std::vector<std::uint32_t> expected;
            for (const auto& entry : entries) {
                if (entry.day == day && entry.availability.is_available(slot)) {
                    expected.push_back(entry.person);
                }
            }
            auto got = overlap.people_available(day, slot);
            REQUIRE(overlap.count(day, slot) == expected.size());
            REQUIRE(std::vector<std::uint32_t>(got.begin(), got.end()) == expected);
        }
    }
}

TEST_CASE("the legacy count string caps each slot at 9", "[core]") {
    std::vector<std::uint32_t> counts(48, 0);
    counts[0] = 3;
    counts[1] = 9;
    counts[2] = 10;
    counts[3] = 123;
    const std::string text = legacy_count_string(counts);
    CHECK(text.size() == 48);
    CHECK(text.substr(0, 5) == "39990");
}

TEST_CASE("the overlap counts and names 'if needed' apart from 'available'", "[core]") {
    auto ann = DayAvailability::parse("12" + std::string(46, '0'), 48, Answers::with_if_needed);
    auto bo = DayAvailability::parse("22" + std::string(46, '0'), 48, Answers::with_if_needed);
    const std::vector<PersonDay> entries = {{0, 0, *ann}, {1, 0, *bo}};
    auto overlap = AvailabilityOverlap::compute(1, 2, entries);
    CHECK(overlap.has_if_needed());
    CHECK(overlap.count(0, 0) == 1);
    CHECK(overlap.if_needed_count(0, 0) == 1);
    CHECK(overlap.count(0, 1) == 0);
    CHECK(overlap.if_needed_count(0, 1) == 2);
    auto maybe = overlap.people_if_needed(0, 1);
    CHECK(std::vector<std::uint32_t>(maybe.begin(), maybe.end()) ==
          std::vector<std::uint32_t>{0, 1});
}

TEST_CASE("the overlap works on any slot size", "[core]") {
    DayAvailability quarter(96);
    quarter.set_available(95);
    const std::vector<PersonDay> entries = {{0, 1, quarter}};
    auto overlap = AvailabilityOverlap::compute(2, 1, entries, 96);
    CHECK(overlap.slots_per_day() == 96);
    CHECK(overlap.counts_of_day(1).size() == 96);
    CHECK(overlap.count(1, 95) == 1);
    CHECK(overlap.count(0, 95) == 0);
    CHECK_FALSE(overlap.has_if_needed());
}
