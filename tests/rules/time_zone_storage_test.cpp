#include <catch2/catch.hpp>

#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

namespace {
// The names behind a grid slot's people.
std::vector<std::string> names(const EventGrid& grid, std::span<const std::uint32_t> people) {
    std::vector<std::string> out;
    for (const std::uint32_t person : people) {
        out.push_back(grid.people.at(person));
    }
    return out;
}
}  // namespace

namespace {
CreateEventInput zoned_event(const std::string& zone, const std::string& start = "00:00",
                             const std::string& end = "24:00") {
    auto input = event_input("Zoned", start, end);
    input.timezone = zone;
    return input;
}
}  // namespace

TEST_CASE_METHOD(StorageFixture, "an event's time zone must be a known IANA zone", "[sql][tz]") {
    auto created = events->create_event(zoned_event("Mars/Olympus_Mons"));
    REQUIRE_FALSE(created.ok());
    CHECK(created.error().field_errors.at(0).field == "timezone");
    auto berlin = events->create_event(zoned_event("Europe/Berlin"));
    REQUIRE(berlin.ok());
    CHECK(events->get_event(berlin->details.event.uuid)->event.timezone ==
          std::optional<std::string>("Europe/Berlin"));
    CHECK_FALSE(create_event().details.event.timezone.has_value());
}

TEST_CASE_METHOD(StorageFixture, "a date is in the past by the event's own clock", "[sql][tz]") {
    // The clock reads 2030-01-10 09:00 UTC: still the 9th in Pago Pago (UTC-11),
    // already the 10th in Seoul.
    auto pago = events->create_event(zoned_event("Pacific/Pago_Pago"));
    auto seoul = events->create_event(zoned_event("Asia/Seoul"));
    REQUIRE(pago.ok());
    REQUIRE(seoul.ok());
    CHECK(date_service->add_dates(pago->details.event.uuid, {"2030-01-09"}).ok());
    CHECK(date_service->add_dates(seoul->details.event.uuid, {"2030-01-09"}).error().kind ==
          ErrorKind::invalid);
}

TEST_CASE_METHOD(StorageFixture, "a Seoul 09:00-18:00 day seen from New York spans two local dates",
                 "[sql][tz]") {
    auto created = events->create_event(zoned_event("Asia/Seoul", "09:00", "18:00"));
    REQUIRE(created.ok());
    const auto& uuid = created->details.event.uuid;
    REQUIRE(date_service->add_dates(uuid, {"2030-01-14"}).ok());
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({18, 19})}).ok());
    auto grid = availability->grid(uuid, "America/New_York");
    REQUIRE(grid.ok());
    CHECK(grid->timezone == "America/New_York");
    REQUIRE(grid->days.size() == 2);
    CHECK(grid->days[0].date.to_string() == "2030-01-13");
    CHECK(grid->days[1].date.to_string() == "2030-01-14");
    CHECK(grid->days[0].slots.front().local_start.to_string() == "19:00");
    CHECK(grid->days[0].slots.front().utc ==
          CalendarDate::parse("2030-01-14")->days_since_epoch() * 86400);
    CHECK(names(*grid, grid->available(grid->days[0].slots.front())) ==
          std::vector<std::string>{"Ann"});
    CHECK(grid->days[0].slots.size() == 10);  // 19:00 to 23:30
    CHECK(grid->days[1].slots.back().local_start.to_string() == "03:30");
    CHECK(grid->days[1].slots.size() == 8);
    auto own = availability->grid(uuid, std::nullopt);
    REQUIRE(own.ok());
    REQUIRE(own->days.size() == 1);
    CHECK(own->days[0].slots.front().local_start.to_string() == "09:00");
}

TEST_CASE_METHOD(StorageFixture,
                 "a Berlin all-day event has 46 half-hour slots on 2027-03-28 and 48 on 2027-10-31",
                 "[sql][tz]") {
    clock.set_today(*CalendarDate::parse("2027-01-01"));
    auto created = events->create_event(zoned_event("Europe/Berlin"));
    REQUIRE(created.ok());
    const auto& uuid = created->details.event.uuid;
    REQUIRE(date_service->add_dates(uuid, {"2027-03-28", "2027-10-31"}).ok());
    auto grid = availability->grid(uuid, std::nullopt);
    REQUIRE(grid.ok());
    REQUIRE(grid->days.size() == 2);
    CHECK(grid->days[0].slots.size() == 46);
    CHECK(grid->days[1].slots.size() == 48);
    // Spring: 02:00 and 02:30 do not exist. Autumn: 02:00 is its first occurrence, still summer
    // time (UTC+2).
    CHECK(grid->days[0].slots[4].local_start.to_string() == "03:00");
    const auto autumn = CalendarDate::parse("2027-10-31")->days_since_epoch() * 86400;
    CHECK(grid->days[1].slots[4].local_start.to_string() == "02:00");
    CHECK(grid->days[1].slots[4].utc == autumn);             // 02:00 CEST = 00:00 UTC
    CHECK(grid->days[1].slots[6].utc == autumn + 2 * 3600);  // 03:00 CET = 02:00 UTC
}

TEST_CASE_METHOD(StorageFixture, "the grid refuses an unknown zone and weekday events",
                 "[sql][tz]") {
    auto created = create_event();
    CHECK(availability->grid(created.details.event.uuid, "Nowhere/Special").error().kind ==
          ErrorKind::invalid);
    auto input = event_input("Weekly");
    input.weekdays = std::vector<std::string>{"MON"};
    auto weekly = events->create_event(input);
    REQUIRE(weekly.ok());
    CHECK(availability->grid(weekly->details.event.uuid, std::nullopt).error().kind ==
          ErrorKind::invalid);
}

TEST_CASE_METHOD(StorageFixture, "the grid names who is available and who only if needed",
                 "[sql][tz]") {
    auto created = events->create_event(zoned_event("UTC", "09:00", "10:00"));
    REQUIRE(created.ok());
    const auto& uuid = created->details.event.uuid;
    REQUIRE(date_service->add_dates(uuid, {"2030-01-14"}).ok());
    std::string bo(48, '0');
    bo[18] = '2';
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({18})}).ok());
    REQUIRE(schedules->put_schedules(uuid, "Bo", {bo}).ok());
    auto grid = availability->grid(uuid, "UTC");
    REQUIRE(grid.ok());
    REQUIRE(grid->days.at(0).slots.size() == 2);
    CHECK(names(*grid, grid->available(grid->days[0].slots[0])) == std::vector<std::string>{"Ann"});
    CHECK(names(*grid, grid->if_needed(grid->days[0].slots[0])) == std::vector<std::string>{"Bo"});
    CHECK(grid->available(grid->days[0].slots[1]).empty());
}
