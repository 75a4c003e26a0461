#include <catch2/catch.hpp>

#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

TEST_CASE_METHOD(StorageFixture, "opening a database applies every migration once",
                 "[sql][sql-only]") {
    CHECK(storage->schema_version() == 17);
    auto again = sql::SqlStorage::open({test_database_url(), 1});
    REQUIRE(again.ok());
    CHECK((*again)->schema_version() == 17);
}

TEST_CASE_METHOD(StorageFixture, "a created event is found by its uuid with its window", "[sql]") {
    auto created = create_event("  Study group  ", "09:30", "18:00");
    CHECK(created.details.event.uuid.size() == 22);
    CHECK(created.admin_token.size() == 32);
    auto found = events->get_event(created.details.event.uuid);
    REQUIRE(found.ok());
    CHECK(found->event.title == "Study group");
    CHECK(found->event.window.start.to_string() == "09:30");
    CHECK(found->event.window.end.to_string() == "18:00");
    CHECK(found->event.id == created.details.event.id);
    CHECK(found->event.created_at == clock.now());
    CHECK(found->dates.empty());
    CHECK(found->participants.empty());
    CHECK_FALSE(found->event.team_name.has_value());
}

TEST_CASE_METHOD(StorageFixture, "an event's window defaults to the whole day", "[sql]") {
    auto created = events->create_event(event_input("All day", std::nullopt, std::nullopt,
                                                    std::nullopt, std::nullopt, std::nullopt));
    REQUIRE(created.ok());
    CHECK(created->details.event.window.start.to_string() == "00:00");
    CHECK(created->details.event.window.end.to_string() == "24:00");
}

TEST_CASE_METHOD(StorageFixture, "the admin token is stored only as a hash", "[sql]") {
    auto created = create_event();
    auto found = storage->events().find_event(created.details.event.uuid);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->admin_token_hash != created.admin_token);
    CHECK((*found)->admin_token_hash.find(created.admin_token) == std::string::npos);
    CHECK(hasher.verify_token(created.admin_token, (*found)->admin_token_hash));
}

TEST_CASE_METHOD(StorageFixture, "an unknown event is not found", "[sql]") {
    auto found = events->get_event("89PKcffHuwBA9uCnGWraNZ");
    REQUIRE_FALSE(found.ok());
    CHECK(found.error().kind == ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "an event of an unknown team is not found", "[sql]") {
    auto created = events->create_event(event_input(
        "Team sync", "09:00", "10:00", "TnoSuchTeam2345678923456", std::nullopt, std::nullopt));
    REQUIRE_FALSE(created.ok());
    CHECK(created.error().kind == ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "an event title must be 1 to 100 characters", "[sql]") {
    CHECK(events
              ->create_event(
                  event_input("   ", "09:00", "10:00", std::nullopt, std::nullopt, std::nullopt))
              .error()
              .kind == ErrorKind::invalid);
    CHECK_FALSE(events
                    ->create_event(event_input(std::string(101, 'x'), "09:00", "10:00",
                                               std::nullopt, std::nullopt, std::nullopt))
                    .ok());
    CHECK(events
              ->create_event(event_input(std::string(100, 'x'), "09:00", "10:00", std::nullopt,
                                         std::nullopt, std::nullopt))
              .ok());
}

TEST_CASE_METHOD(StorageFixture, "an event's start must be before its end", "[sql]") {
    auto created = events->create_event(
        event_input("Late", "09:30", "09:00", std::nullopt, std::nullopt, std::nullopt));
    REQUIRE_FALSE(created.ok());
    CHECK(created.error().kind == ErrorKind::invalid);
    CHECK(events
              ->create_event(
                  event_input("Odd", "09:15", "10:00", std::nullopt, std::nullopt, std::nullopt))
              .error()
              .kind == ErrorKind::invalid);
}

TEST_CASE_METHOD(StorageFixture, "changing an event needs its admin token", "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    EventPatch patch;
    patch.title = "Renamed";
    CHECK(events->update_event(uuid, std::nullopt, patch).error().kind == ErrorKind::unauthorized);
    CHECK(events->update_event(uuid, "wrong-token", patch).error().kind == ErrorKind::forbidden);
    CHECK(events->delete_event(uuid, std::nullopt).error().kind == ErrorKind::unauthorized);
    CHECK(events->delete_event(uuid, "wrong-token").error().kind == ErrorKind::forbidden);
    CHECK(events->get_event(uuid)->event.title == "Study group");

    auto updated = events->update_event(uuid, created.admin_token, patch);
    REQUIRE(updated.ok());
    CHECK(updated->event.title == "Renamed");
    CHECK(events->get_event(uuid)->event.title == "Renamed");
}

TEST_CASE_METHOD(StorageFixture, "a window patch is checked against the times it keeps", "[sql]") {
    auto created = create_event("Study group", "09:00", "18:00");
    const auto& uuid = created.details.event.uuid;
    EventPatch late_start;
    late_start.start_time = "19:00";
    auto late = events->update_event(uuid, created.admin_token, late_start);
    REQUIRE_FALSE(late.ok());
    CHECK(late.error().kind == ErrorKind::invalid);
    EventPatch move;
    move.start_time = "10:00";
    move.end_time = "20:30";
    auto moved = events->update_event(uuid, created.admin_token, move);
    REQUIRE(moved.ok());
    CHECK(events->get_event(uuid)->event.window.end.to_string() == "20:30");
}

TEST_CASE_METHOD(StorageFixture, "deleting an event deletes its dates and schedules", "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({18}), day_with({19})}).ok());
    const RowId event_id = created.details.event.id;
    const RowId first_date = events->get_event(uuid)->dates.at(0).id;

    REQUIRE(events->delete_event(uuid, created.admin_token).ok());
    CHECK(events->get_event(uuid).error().kind == ErrorKind::not_found);
    CHECK(storage->dates().list_dates(event_id)->empty());
    CHECK(storage->schedules().list_schedules(event_id, std::nullopt)->empty());
    CHECK_FALSE(storage->dates().find_date(first_date)->has_value());
}

TEST_CASE_METHOD(StorageFixture, "feedback is stored trimmed and must be 1 to 500 characters",
                 "[sql]") {
    auto stored = feedback->add_feedback("  Great tool  ");
    REQUIRE(stored.ok());
    CHECK(stored->id > 0);
    CHECK(stored->content == "Great tool");
    CHECK(feedback->add_feedback("").error().kind == ErrorKind::invalid);
    CHECK_FALSE(feedback->add_feedback(std::string(501, 'x')).ok());
}

TEST_CASE_METHOD(StorageFixture,
                 "an event may have a description and a location, changed with its token",
                 "[sql]") {
    auto created = events->create_event(
        event_input("Offsite", "09:00", "18:00", std::nullopt, "  Plan the year ", "Room 3"));
    REQUIRE(created.ok());
    const auto& uuid = created->details.event.uuid;
    auto found = events->get_event(uuid);
    CHECK(found->event.description == std::optional<std::string>("Plan the year"));
    CHECK(found->event.location == std::optional<std::string>("Room 3"));
    EventPatch patch;
    patch.location = "";
    patch.description = "Plan the quarter";
    REQUIRE(events->update_event(uuid, created->admin_token, patch).ok());
    found = events->get_event(uuid);
    CHECK(found->event.description == std::optional<std::string>("Plan the quarter"));
    CHECK_FALSE(found->event.location.has_value());
    CHECK(create_event().details.event.description == std::nullopt);
}

TEST_CASE_METHOD(StorageFixture, "a description holds at most 1000 characters and a location 200",
                 "[sql]") {
    CHECK(events
              ->create_event(event_input("x", std::nullopt, std::nullopt, std::nullopt,
                                         std::string(1001, 'd'), std::nullopt))
              .error()
              .kind == ErrorKind::invalid);
    CHECK(events
              ->create_event(event_input("x", std::nullopt, std::nullopt, std::nullopt,
                                         std::nullopt, std::string(201, 'l')))
              .error()
              .kind == ErrorKind::invalid);
    CHECK(events
              ->create_event(event_input("x", std::nullopt, std::nullopt, std::nullopt,
                                         std::string(1000, 'd'), std::string(200, 'l')))
              .ok());
}
