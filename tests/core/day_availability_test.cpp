#include "bistime/core/day_availability.hpp"

#include <catch2/catch.hpp>

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
