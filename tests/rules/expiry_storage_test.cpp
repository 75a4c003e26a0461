#include <catch2/catch.hpp>

#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

TEST_CASE_METHOD(StorageFixture,
                 "events expire a retention period after their last date, teams never",
                 "[sql][expiry]") {
    auto old_event = create_event("Old");
    auto recent = create_event("Recent");
    add_dates(old_event.details.event.uuid, 2, 0);  // today and tomorrow
    add_dates(recent.details.event.uuid, 1, 60);    // in two months
    REQUIRE(schedules
                ->put_schedules(old_event.details.event.uuid, "Ann", {day_with({1}), day_with({1})})
                .ok());
    auto team = create_team();
    auto team_event =
        events->create_event(event_input("Team", std::nullopt, std::nullopt, team.team.uuid));
    REQUIRE(team_event.ok());
    add_dates(team_event->details.event.uuid, 1, 0);

    REQUIRE(events->expire_events(90).ok());
    CHECK(events->get_event(old_event.details.event.uuid).ok());

    // 92 days later the old event's last date is 91 days past; the recent one's 32.
    clock.set_today(CalendarDate::from_days_since_epoch(clock.today().days_since_epoch() + 92));
    auto expired = events->expire_events(90);
    REQUIRE(expired.ok());
    CHECK(*expired >= 2);
    CHECK(events->get_event(old_event.details.event.uuid).error().kind == ErrorKind::not_found);
    CHECK(storage->schedules().list_schedules(old_event.details.event.id, std::nullopt)->empty());
    CHECK(events->get_event(team_event->details.event.uuid).error().kind == ErrorKind::not_found);
    CHECK(events->get_event(recent.details.event.uuid).ok());
    CHECK(teams->get_team(team.team.uuid).ok());
}

TEST_CASE_METHOD(StorageFixture,
                 "events without dates expire a retention period after their last update",
                 "[sql][expiry]") {
    auto input = event_input("Weekly");
    input.weekdays = std::vector<std::string>{"MON"};
    auto weekly = events->create_event(input);
    REQUIRE(weekly.ok());
    auto dateless = create_event("No dates yet");
    clock.set_today(CalendarDate::from_days_since_epoch(clock.today().days_since_epoch() + 30));
    EventPatch touch;
    touch.title = "Still planning";
    REQUIRE(events->update_event(dateless.details.event.uuid, dateless.admin_token, touch).ok());
    clock.set_today(CalendarDate::from_days_since_epoch(clock.today().days_since_epoch() + 70));
    REQUIRE(events->expire_events(90).ok());
    CHECK(events->get_event(weekly->details.event.uuid).error().kind == ErrorKind::not_found);
    CHECK(events->get_event(dateless.details.event.uuid).ok());  // updated 70 days ago
}
