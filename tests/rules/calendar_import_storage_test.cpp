#include <catch2/catch.hpp>
#include <chrono>

#include "../support/sample_calendar.hpp"
#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

namespace {
std::string event_in_berlin(StorageFixture& fixture) {
    fixture.clock.set_today(*CalendarDate::parse("2027-01-01"));
    auto input = event_input("Sprint review");
    input.timezone = "Europe/Berlin";
    auto created = fixture.events->create_event(input);
    REQUIRE(created.ok());
    REQUIRE(fixture.date_service
                ->add_dates(created->details.event.uuid, {"2027-03-22", "2027-03-29", "2027-04-05"})
                .ok());
    return created->details.event.uuid;
}
}  // namespace

TEST_CASE_METHOD(StorageFixture,
                 "a calendar import frees every slot no busy event overlaps, recurrences expanded",
                 "[sql][import]") {
    const std::string uuid = event_in_berlin(*this);
    auto imported = schedules->import_calendar(uuid, "Ann", k_sample_calendar);
    REQUIRE(imported.ok());
    REQUIRE(imported->size() == 3);
    const auto& before_change = imported->at(0).availability;  // 2027-03-22, winter time
    const auto& excluded = imported->at(1).availability;       // 2027-03-29, EXDATE
    const auto& after_change = imported->at(2).availability;   // 2027-04-05, summer time
    CHECK_FALSE(before_change.is_available(20));               // 10:00 standup, wall clock
    CHECK_FALSE(before_change.is_available(21));
    CHECK(before_change.is_available(19));
    CHECK(before_change.is_available(22));
    CHECK(before_change.is_available(28));       // the transparent lunch does not count
    CHECK(excluded.is_available(20));            // the excluded week
    CHECK_FALSE(after_change.is_available(20));  // still 10:00 after the change
    CHECK_FALSE(after_change.is_available(21));
    CHECK(after_change.is_available(22));
    CHECK(after_change.is_available(30));        // the cancelled meeting does not count
    CHECK_FALSE(after_change.is_available(34));  // 11:00 in New York is 17:00 in Berlin
    CHECK(after_change.is_available(35));
}

TEST_CASE_METHOD(StorageFixture, "a malformed calendar is refused and changes nothing",
                 "[sql][import]") {
    const std::string uuid = event_in_berlin(*this);
    REQUIRE(
        schedules->put_schedules(uuid, "Ann", {day_with({1}), day_with({1}), day_with({1})}).ok());
    for (const char* text : {"", "hello",
                             "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\nEND:"
                             "VEVENT\r\nEND:VCALENDAR\r\n"}) {
        INFO(text);
        auto imported = schedules->import_calendar(uuid, "Ann", text);
        REQUIRE_FALSE(imported.ok());
        CHECK(imported.error().kind == ErrorKind::invalid);
    }
    CHECK(schedules->list_schedules(uuid, "Ann")->at(0).availability.to_string() == day_with({1}));
}

TEST_CASE_METHOD(StorageFixture, "a calendar import obeys passwords and locks", "[sql][import]") {
    const std::string uuid = event_in_berlin(*this);
    REQUIRE(
        schedules
            ->put_schedules(uuid, "Ann", {day_with({1}), day_with({1}), day_with({1})}, "s3cret")
            .ok());
    CHECK(schedules->import_calendar(uuid, "Ann", k_sample_calendar).error().kind ==
          ErrorKind::unauthorized);
    CHECK(schedules->import_calendar(uuid, "Ann", k_sample_calendar, "s3cret").ok());
}

TEST_CASE_METHOD(StorageFixture, "a member's week is read from the busy events of one week",
                 "[sql][import]") {
    auto team = create_team();
    auto member = add_member(team.team, "Ann");
    // Members' weeks are on the server's clock (Asia/Seoul): the Berlin 10:00
    // standup on Monday 2027-03-22 is 18:00 there; the one on 2027-04-05 is 17:00.
    auto week = members->import_week(member.id, "2027-03-22", k_sample_calendar);
    REQUIRE(week.ok());
    CHECK_FALSE(week->week[0].is_available(36));
    CHECK(week->week[0].is_available(34));
    CHECK(week->week[1].is_available(36));
    auto later = members->import_week(member.id, "2027-04-05", k_sample_calendar);
    REQUIRE(later.ok());
    CHECK_FALSE(later->week[0].is_available(34));
    CHECK(later->week[0].is_available(36));
    CHECK(members->import_week(member.id, "2027-03-23", k_sample_calendar).error().kind ==
          ErrorKind::invalid);
    CHECK(members->import_week(member.id, "2027-03-22", "nonsense").error().kind ==
          ErrorKind::invalid);
}

namespace {
std::string calendar_with(const std::string& event_lines) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
           "UID:x@test\r\nDTSTAMP:20270101T000000Z\r\n" +
           event_lines + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}
}  // namespace

TEST_CASE_METHOD(StorageFixture,
                 "a rule that started long ago still reaches the event's dates, and RDATEs count",
                 "[sql][import]") {
    const std::string uuid = event_in_berlin(*this);
    // Daily at 08:00 UTC (09:00 in Berlin in winter) since 2000; one extra
    // date on 2027-04-05 at 14:00 UTC (16:00 in Berlin, summer time).
    auto imported = schedules->import_calendar(
        uuid, "Ann",
        calendar_with("DTSTART:20000101T080000Z\r\nDTEND:20000101T083000Z\r\n"
                      "RRULE:FREQ=DAILY\r\nRDATE:20270405T140000Z\r\n"));
    REQUIRE(imported.ok());
    CHECK_FALSE(imported->at(0).availability.is_available(18));  // 09:00 on 2027-03-22
    CHECK(imported->at(0).availability.is_available(19));
    CHECK_FALSE(imported->at(2).availability.is_available(20));  // 10:00 in summer time
    CHECK_FALSE(imported->at(2).availability.is_available(32));  // the RDATE, 16:00
    CHECK(imported->at(2).availability.is_available(33));
}

TEST_CASE_METHOD(StorageFixture,
                 "a recurrence that would take billions of steps is refused at once, changing "
                 "nothing",
                 "[sql][import]") {
    const std::string uuid = event_in_berlin(*this);
    REQUIRE(
        schedules->put_schedules(uuid, "Ann", {day_with({1}), day_with({1}), day_with({1})}).ok());
    auto imported = schedules->import_calendar(
        uuid, "Ann",
        calendar_with("DTSTART:19700101T000000Z\r\nRRULE:FREQ=SECONDLY;COUNT=2000000000\r\n"));
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.error().kind == ErrorKind::invalid);
    CHECK(imported.error().message.find("recurrence") != std::string::npos);
    CHECK(schedules->list_schedules(uuid, "Ann")->at(0).availability.to_string() == day_with({1}));
}

TEST_CASE_METHOD(StorageFixture,
                 "a rule whose BY parts are far coarser than its frequency is refused, since "
                 "libical would walk it inside one step",
                 "[sql][import]") {
    const std::string uuid = event_in_berlin(*this);
    for (const char* rule : {"FREQ=SECONDLY;COUNT=1;BYMONTH=10;BYDAY=-1SU",
                             "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=MINUTELY;BYDAY=MO"}) {
        const auto started = std::chrono::steady_clock::now();
        auto imported = schedules->import_calendar(
            uuid, "Ann",
            calendar_with("DTSTART:20270101T000000Z\r\nRRULE:" + std::string(rule) + "\r\n"));
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
        REQUIRE_FALSE(imported.ok());
        CHECK(imported.error().kind == ErrorKind::invalid);
        CHECK(imported.error().message.find("BY parts") != std::string::npos);
    }
    // Hourly by weekday is fine: at most a week of hours between occurrences.
    CHECK(
        schedules
            ->import_calendar(uuid, "Ann",
                              calendar_with("DTSTART:20270101T000000Z\r\nDTEND:20270101T003000Z\r\n"
                                            "RRULE:FREQ=HOURLY;BYDAY=MO\r\n"))
            .ok());
}
