#include <catch2/catch.hpp>

#include "bistime/core/timestamp.hpp"
#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

TEST_CASE_METHOD(StorageFixture, "the organiser fixes the meeting time on a day of the event",
                 "[sql][decision]") {
    auto input = event_input("Kickoff", "09:00", "18:00");
    input.timezone = "Asia/Seoul";
    auto created = events->create_event(input);
    REQUIRE(created.ok());
    const auto& uuid = created->details.event.uuid;
    REQUIRE(date_service->add_dates(uuid, {"2030-01-14", "2030-01-15"}).ok());
    const DecisionInput decision{"2030-01-15", "10:00", "11:30"};
    CHECK(decisions->decide(uuid, std::nullopt, decision).error().kind == ErrorKind::unauthorized);
    CHECK(decisions->decide(uuid, "wrong", decision).error().kind == ErrorKind::forbidden);
    CHECK(decisions->decide(uuid, created->admin_token, {"2030-01-16", "10:00", "11:00"})
              .error()
              .kind == ErrorKind::invalid);
    CHECK(decisions->decide(uuid, created->admin_token, {"2030-01-15", "10:15", "11:00"})
              .error()
              .kind == ErrorKind::invalid);
    CHECK(decisions->decide(uuid, created->admin_token, {"2030-01-15", "11:00", "10:00"})
              .error()
              .kind == ErrorKind::invalid);
    auto decided = decisions->decide(uuid, created->admin_token, decision);
    REQUIRE(decided.ok());
    auto stored = events->get_event(uuid);
    REQUIRE(stored->event.decision.has_value());
    CHECK(stored->event.decision->date.to_string() == "2030-01-15");
    CHECK(stored->event.decision->window.end.to_string() == "11:30");
    REQUIRE(stored->decision_instants.has_value());
    CHECK(format_timestamp(stored->decision_instants->start) == "2030-01-15T01:00:00Z");
    CHECK(format_timestamp(stored->decision_instants->end) == "2030-01-15T02:30:00Z");
    REQUIRE(decisions->clear_decision(uuid, created->admin_token).ok());
    CHECK_FALSE(events->get_event(uuid)->event.decision.has_value());
}

TEST_CASE_METHOD(StorageFixture, "a locked event refuses every schedule write until unlocked",
                 "[sql][lock]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1})}).ok());
    CHECK(decisions->set_locked(uuid, std::nullopt, true).error().kind == ErrorKind::unauthorized);
    REQUIRE(decisions->set_locked(uuid, created.admin_token, true).ok());
    CHECK(events->get_event(uuid)->event.locked);
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({2})}).error().kind == ErrorKind::locked);
    const RowId date = events->get_event(uuid)->dates.at(0).id;
    CHECK(schedules->patch_schedule(uuid, "Bo", date, day_with({2})).error().kind ==
          ErrorKind::locked);
    CHECK(schedules->delete_person(uuid, "Ann").error().kind == ErrorKind::locked);
    CHECK(schedules->list_schedules(uuid, "Ann")->at(0).availability.to_string() == day_with({1}));
    REQUIRE(decisions->set_locked(uuid, created.admin_token, false).ok());
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({2})}).ok());
}

TEST_CASE_METHOD(StorageFixture, "an event locks itself at its closing time", "[sql][lock]") {
    auto input = event_input("Closing");
    input.closes_at = format_timestamp(clock.now() + 3600);
    auto created = events->create_event(input);
    REQUIRE(created.ok());
    const auto& uuid = created->details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1})}).ok());
    clock.set_today(CalendarDate::from_days_since_epoch(clock.today().days_since_epoch() + 1));
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({2})}).error().kind == ErrorKind::locked);
    EventPatch reopen;
    reopen.closes_at = "";
    REQUIRE(events->update_event(uuid, created->admin_token, reopen).ok());
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({2})}).ok());
    auto bad = event_input("Bad");
    bad.closes_at = "tomorrow";
    CHECK(events->create_event(bad).error().kind == ErrorKind::invalid);
}

TEST_CASE_METHOD(StorageFixture, "the organiser removes anyone, password and lock notwithstanding",
                 "[sql][lock]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1})}, "s3cret").ok());
    REQUIRE(decisions->set_locked(uuid, created.admin_token, true).ok());
    CHECK(schedules->delete_person(uuid, "Ann", std::nullopt, "wrong-token").error().kind ==
          ErrorKind::forbidden);
    REQUIRE(schedules->delete_person(uuid, "Ann", std::nullopt, created.admin_token).ok());
    CHECK(schedules->list_schedules(uuid, std::nullopt)->empty());
}

TEST_CASE_METHOD(StorageFixture,
                 "best times honour duration, required people and the viewer's zone",
                 "[sql][best]") {
    auto input = event_input("Plan", "09:00", "18:00");
    input.timezone = "Asia/Seoul";
    auto created = events->create_event(input);
    REQUIRE(created.ok());
    const auto& uuid = created->details.event.uuid;
    REQUIRE(date_service->add_dates(uuid, {"2030-01-14", "2030-01-15"}).ok());
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({18, 19, 20, 21}), day_with({30, 31})})
                .ok());
    REQUIRE(schedules->put_schedules(uuid, "Bo", {day_with({19, 20}), day_with({30, 31})}).ok());
    std::string maybe = day_with({});
    maybe[30] = '2';
    maybe[31] = '2';
    REQUIRE(schedules->put_schedules(uuid, "Cy", {day_with({}), maybe}).ok());

    BestTimesInput query;
    query.duration_minutes = 60;
    auto best = availability->best_times(uuid, query);
    REQUIRE(best.ok());
    REQUIRE_FALSE(best->empty());
    // 15:00-16:00 on the 15th: Ann and Bo available, Cy if needed.
    CHECK(best->at(0).date == "2030-01-15");
    CHECK(best->at(0).start == "15:00");
    CHECK(best->at(0).end == "16:00");
    CHECK(best->at(0).available == std::vector<std::string>{"Ann", "Bo"});
    CHECK(best->at(0).if_needed == std::vector<std::string>{"Cy"});
    CHECK(best->at(1).start == "09:30");  // the 14th, Ann and Bo
    CHECK(best->at(1).missing == std::vector<std::string>{"Cy"});

    query.timezone = "UTC";
    auto utc = availability->best_times(uuid, query);
    CHECK(utc->at(0).start == "06:00");
    CHECK(utc->at(0).date == "2030-01-15");

    query.timezone.reset();
    query.min_people = 3;
    CHECK(availability->best_times(uuid, query)->size() == 1);
    query.min_people.reset();
    query.required = {"Cy"};
    auto with_cy = availability->best_times(uuid, query);
    REQUIRE(with_cy->size() == 1);
    query.required = {"Nobody"};
    CHECK(availability->best_times(uuid, query).error().kind == ErrorKind::invalid);
    query.required.clear();
    query.duration_minutes = 45;
    CHECK(availability->best_times(uuid, query).error().kind == ErrorKind::invalid);
    query.duration_minutes = 60 * 10;
    CHECK(availability->best_times(uuid, query).error().kind == ErrorKind::invalid);
}
