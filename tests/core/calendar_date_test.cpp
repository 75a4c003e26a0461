#include "bistime/core/calendar_date.hpp"

#include <catch2/catch.hpp>

using bistime::CalendarDate;

TEST_CASE("a date is written YYYY-MM-DD and round-trips", "[core]") {
    auto date = CalendarDate::parse("2026-12-01");
    REQUIRE(date.ok());
    CHECK(date->year() == 2026);
    CHECK(date->month() == 12);
    CHECK(date->day() == 1);
    CHECK(date->to_string() == "2026-12-01");
}

TEST_CASE("a date that does not exist is invalid", "[core]") {
    auto date = CalendarDate::parse("2026-02-30");
    REQUIRE_FALSE(date.ok());
    CHECK(date.error().kind == bistime::ErrorKind::invalid);
    CHECK(date.error().message == "invalid date format: 2026-02-30");
    CHECK(CalendarDate::parse("2028-02-29").ok());
    CHECK_FALSE(CalendarDate::parse("2100-02-29").ok());
    CHECK(CalendarDate::parse("2000-02-29").ok());
    CHECK_FALSE(CalendarDate::parse("2026-13-01").ok());
    CHECK_FALSE(CalendarDate::parse("2026-00-10").ok());
}

TEST_CASE("a date in any other shape is invalid", "[core]") {
    for (const char* text : {"", "2026-1-01", "2026/12/01", "20261201", "2026-12-01T00:00",
                             " 2026-12-01", "２026-12-01", "abcd-ef-gh", "0000-01-01"}) {
        INFO(text);
        CHECK_FALSE(CalendarDate::parse(text).ok());
    }
}

TEST_CASE("dates order chronologically", "[core]") {
    CHECK(*CalendarDate::parse("2026-12-31") < *CalendarDate::parse("2027-01-01"));
    CHECK(*CalendarDate::parse("2026-02-01") < *CalendarDate::parse("2026-10-01"));
    CHECK(*CalendarDate::parse("2026-10-02") > *CalendarDate::parse("2026-10-01"));
}

TEST_CASE("days since the epoch convert both ways", "[core]") {
    CHECK(CalendarDate::parse("1970-01-01")->days_since_epoch() == 0);
    CHECK(CalendarDate::parse("2000-03-01")->days_since_epoch() == 11017);
    for (std::int64_t days = -719000; days < 2900000; days += 997) {
        const auto date = CalendarDate::from_days_since_epoch(days);
        REQUIRE(date.days_since_epoch() == days);
        REQUIRE(CalendarDate::parse(date.to_string()).ok());
    }
}

TEST_CASE("weekday counts Monday as 0", "[core]") {
    CHECK(CalendarDate::parse("2026-11-23")->weekday() == 0);  // a Monday
    CHECK(CalendarDate::parse("2026-11-29")->weekday() == 6);
    CHECK(CalendarDate::parse("1970-01-01")->weekday() == 3);
}
