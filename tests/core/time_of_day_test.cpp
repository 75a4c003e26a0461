#include "bistime/core/time_of_day.hpp"

#include <catch2/catch.hpp>

using bistime::TimeOfDay;
using bistime::TimeWindow;

TEST_CASE("a time of day is HH:MM on the half hour", "[core]") {
    CHECK(TimeOfDay::parse("09:00")->minutes() == 540);
    CHECK(TimeOfDay::parse("09:30")->slot() == 19);
    CHECK(TimeOfDay::parse("00:00")->slot() == 0);
    CHECK(TimeOfDay::parse("24:00")->slot() == 48);
    CHECK(TimeOfDay::parse("18:30")->to_string() == "18:30");
}

TEST_CASE("a time off the half-hour grid is invalid", "[core]") {
    for (const char* text :
         {"09:15", "09:01", "24:30", "25:00", "9:00", "09:00:00", "", "ab:cd", "-1:00", "09-00"}) {
        INFO(text);
        auto parsed = TimeOfDay::parse(text, "startTime");
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().field_errors.at(0).field == "startTime");
    }
}

TEST_CASE("a window's start must be strictly before its end, minutes included", "[core]") {
    auto at = [](const char* text) { return *TimeOfDay::parse(text); };
    CHECK(TimeWindow::make(at("09:00"), at("18:00")).ok());
    CHECK(TimeWindow::make(at("00:00"), at("24:00")).ok());
    CHECK_FALSE(TimeWindow::make(at("09:00"), at("09:00")).ok());
    // The original compared hours only and let this through.
    CHECK_FALSE(TimeWindow::make(at("09:30"), at("09:00")).ok());
    CHECK_FALSE(TimeWindow::make(at("24:00"), at("24:00")).ok());
    CHECK(TimeWindow::make(at("09:00"), at("09:30")).ok());
}

TEST_CASE("a time is checked against the grid of its event's slot size", "[core]") {
    CHECK(TimeOfDay::parse("09:15", "startTime", 15).ok());
    CHECK(TimeOfDay::parse("09:45", "startTime", 15).ok());
    CHECK_FALSE(TimeOfDay::parse("09:10", "startTime", 15).ok());
    CHECK_FALSE(TimeOfDay::parse("09:30", "startTime", 60).ok());
    CHECK(TimeOfDay::parse("09:00", "startTime", 60).ok());
    CHECK(TimeOfDay::parse("09:15", "startTime", 15)->slot(15) == 37);
    CHECK(bistime::is_supported_slot_size(15));
    CHECK(bistime::is_supported_slot_size(60));
    CHECK_FALSE(bistime::is_supported_slot_size(20));
}
