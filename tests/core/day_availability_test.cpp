#include "bistime/core/day_availability.hpp"

#include <catch2/catch.hpp>

using bistime::Answers;
using bistime::DayAvailability;

TEST_CASE("a day's availability is 48 characters of 0 and 1", "[core]") {
    const std::string text = std::string(18, '0') + std::string(4, '1') + std::string(26, '0');
    auto day = DayAvailability::parse(text);
    REQUIRE(day.ok());
    CHECK(day->is_available(18));
    CHECK(day->is_available(21));
    CHECK_FALSE(day->is_available(22));
    CHECK_FALSE(day->is_available(0));
    CHECK(day->to_string() == text);
}

TEST_CASE("a day's availability of any other length or letters is invalid", "[core]") {
    CHECK_FALSE(DayAvailability::parse(std::string(47, '0')).ok());
    CHECK_FALSE(DayAvailability::parse(std::string(49, '0')).ok());
    CHECK_FALSE(DayAvailability::parse("").ok());
    CHECK_FALSE(DayAvailability::parse(std::string(47, '0') + "2").ok());
    CHECK_FALSE(DayAvailability::parse(std::string(47, '0') + " ").ok());
}

TEST_CASE("a day has one character per slot of its size: 24, 48 or 96", "[core]") {
    auto quarter = DayAvailability::parse(std::string(95, '0') + "1", 96);
    REQUIRE(quarter.ok());
    CHECK(quarter->slot_count() == 96);
    CHECK(quarter->is_available(95));
    CHECK(DayAvailability::parse(std::string(24, '1'), 24)->slot_count() == 24);
    CHECK_FALSE(DayAvailability::parse(std::string(48, '0'), 96).ok());
    CHECK_FALSE(DayAvailability::parse(std::string(96, '0'), 48).ok());
}

TEST_CASE("'2' means available if needed, only where if-needed answers are allowed", "[core]") {
    const std::string text = "2" + std::string(46, '0') + "1";
    CHECK_FALSE(DayAvailability::parse(text).ok());
    auto day = DayAvailability::parse(text, 48, Answers::with_if_needed);
    REQUIRE(day.ok());
    CHECK(day->is_if_needed(0));
    CHECK_FALSE(day->is_available(0));
    CHECK(day->is_available(47));
    CHECK(day->to_string() == text);
    CHECK_FALSE(DayAvailability::parse(std::string(48, '3'), 48, Answers::with_if_needed).ok());
}

TEST_CASE("a slot is never both available and if needed", "[core]") {
    DayAvailability day;
    day.set_if_needed(3);
    day.set_available(3);
    CHECK(day.is_available(3));
    CHECK_FALSE(day.is_if_needed(3));
    day.set_if_needed(3);
    CHECK_FALSE(day.is_available(3));
}

TEST_CASE("resampling to a finer grid copies answers, to a coarser one needs every part",
          "[core]") {
    auto half_hours =
        DayAvailability::parse("12" + std::string(44, '0') + "11", 48, Answers::with_if_needed);
    REQUIRE(half_hours.ok());
    const auto quarters = half_hours->resampled(96);
    CHECK(quarters.to_string().substr(0, 4) == "1122");
    const auto hours = half_hours->resampled(24);
    CHECK(hours.slot_count() == 24);
    CHECK(hours.is_if_needed(0));   // "12": both possible, not both available
    CHECK(hours.is_available(23));  // "11"
    CHECK_FALSE(hours.is_available(1));
    CHECK_FALSE(hours.is_if_needed(1));
}
