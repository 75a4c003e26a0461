// The unit-of-work port, and the use cases that write more than once.
#include <catch2/catch.hpp>

#include "bistime/core/handles.hpp"
#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

namespace {

NewEvent new_event(const std::string& uuid) {
    NewEvent event;
    event.uuid = uuid;
    event.title = "Unit";
    event.admin_token_hash = "x";
    event.now = 1'900'000'000;
    return event;
}

std::string fresh_uuid(RandomSource& random) {
    return make_handle(random, k_event_handle_length);
}

}  // namespace

TEST_CASE_METHOD(StorageFixture, "a unit of work that fails leaves nothing of what it wrote",
                 "[sql][unit]") {
    const std::string uuid = fresh_uuid(random);
    auto failed = storage->units().run([&]() -> Result<void> {
        BISTIME_ASSIGN(Event event, storage->events().insert_event(new_event(uuid)));
        const std::vector<CalendarDate> dates{*CalendarDate::from_ymd(2030, 2, 1)};
        BISTIME_TRY(storage->dates().add_dates(event.id, dates, 10, 1'900'000'000));
        return Error::conflict("changed my mind");
    });
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message == "changed my mind");
    auto found = storage->events().find_event(uuid);
    REQUIRE(found.ok());
    CHECK_FALSE(found->has_value());
}

TEST_CASE_METHOD(StorageFixture, "a unit of work sees its own writes and keeps them all",
                 "[sql][unit]") {
    const std::string uuid = fresh_uuid(random);
    RowId id = 0;
    auto done = storage->units().run([&]() -> Result<void> {
        BISTIME_ASSIGN(Event event, storage->events().insert_event(new_event(uuid)));
        id = event.id;
        const std::vector<CalendarDate> dates{*CalendarDate::from_ymd(2030, 2, 1),
                                              *CalendarDate::from_ymd(2030, 2, 2)};
        BISTIME_TRY(storage->dates().add_dates(event.id, dates, 10, 1'900'000'000));
        BISTIME_ASSIGN(auto seen, storage->dates().list_dates(event.id));
        if (seen.size() != 2) {
            return Error::invalid("the unit did not see its own dates");
        }
        return {};
    });
    REQUIRE(done.ok());
    CHECK(storage->dates().list_dates(id)->size() == 2);
}

TEST_CASE_METHOD(StorageFixture, "a unit begun inside another joins it and fails with it",
                 "[sql][unit]") {
    const std::string inner_uuid = fresh_uuid(random);
    auto failed = storage->units().run([&]() -> Result<void> {
        BISTIME_TRY(storage->units().run([&]() -> Result<void> {
            BISTIME_TRY(storage->events().insert_event(new_event(inner_uuid)));
            return {};
        }));
        return Error::invalid("the outer unit fails");
    });
    REQUIRE_FALSE(failed.ok());
    CHECK_FALSE(storage->events().find_event(inner_uuid)->has_value());
}

TEST_CASE_METHOD(StorageFixture, "a write refused for a full event claims no name",
                 "[sql][unit][limits]") {
    auto limits = make_services(1, k_default_max_members);
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(limits->schedules.put_schedules(uuid, "Ann", {day_with({1})}).ok());
    auto refused = limits->schedules.put_schedules(uuid, "Bo", {day_with({1})}, "s3cret");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::conflict);
    // The password went with the refused write: "Bo" is still open.
    CHECK(schedules->verify_participant(uuid, "Bo", "s3cret").error().kind == ErrorKind::not_found);
    REQUIRE(schedules->delete_person(uuid, "Ann").ok());
    CHECK(limits->schedules.put_schedules(uuid, "Bo", {day_with({2})}, "other").ok());
    CHECK(schedules->verify_participant(uuid, "Bo", "other").ok());
}

TEST_CASE_METHOD(StorageFixture,
                 "a decision at a time the event's zone skips changes nothing, not even an "
                 "earlier decision",
                 "[sql][unit][decision]") {
    auto input = event_input("Spring forward");
    input.timezone = "America/New_York";
    auto created = events->create_event(input);
    REQUIRE(created.ok());
    const auto& uuid = created->details.event.uuid;
    REQUIRE(date_service->add_dates(uuid, {"2030-03-09", "2030-03-10"}).ok());
    REQUIRE(decisions->decide(uuid, created->admin_token, {"2030-03-09", "10:00", "11:00"}).ok());
    auto refused = decisions->decide(uuid, created->admin_token, {"2030-03-10", "02:00", "03:00"});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::invalid);
    const auto after = events->get_event(uuid);
    REQUIRE(after->event.decision.has_value());
    CHECK(after->event.decision->date.to_string() == "2030-03-09");
    CHECK(after->event.decision->window.start.to_string() == "10:00");
    CHECK(decisions->decide(uuid, created->admin_token, {"2030-03-10", "03:00", "04:00"}).ok());
}

TEST_CASE_METHOD(StorageFixture,
                 "a weekday event is created with its weekdays, or not at all when one is wrong",
                 "[sql][unit]") {
    auto input = event_input("Weekly");
    input.weekdays = std::vector<std::string>{"MON", "FRI"};
    auto created = events->create_event(input);
    REQUIRE(created.ok());
    CHECK(created->details.dates.size() == 2);
    input.weekdays = std::vector<std::string>{"MON", "NOPE"};
    CHECK(events->create_event(input).error().kind == ErrorKind::invalid);
}
