#include <catch2/catch.hpp>

#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

TEST_CASE_METHOD(StorageFixture, "dates are added once each and listed in ascending order",
                 "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    const auto today = clock.today();
    auto page = date_service->add_dates(
        uuid, {date_after(today, 3), date_after(today, 1), date_after(today, 3)});
    REQUIRE(page.ok());
    CHECK(page->total == 2);
    REQUIRE(page->dates.size() == 2);
    CHECK(page->dates[0].date.to_string() == date_after(today, 1));
    CHECK(page->dates[1].date.to_string() == date_after(today, 3));
    CHECK(page->dates[0].event_uuid == uuid);

    auto again = date_service->add_dates(uuid, {date_after(today, 2), date_after(today, 1)});
    REQUIRE(again.ok());
    CHECK(again->total == 3);
    CHECK(again->dates[1].date.to_string() == date_after(today, 2));
}

TEST_CASE_METHOD(StorageFixture, "a date before today is refused and nothing is added", "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    auto added = date_service->add_dates(
        uuid, {date_after(clock.today(), 1), date_after(clock.today(), -1)});
    REQUIRE_FALSE(added.ok());
    CHECK(added.error().kind == ErrorKind::invalid);
    CHECK(events->get_event(uuid)->dates.empty());
}

TEST_CASE_METHOD(StorageFixture, "today itself is an allowed date", "[sql]") {
    auto created = create_event();
    auto added = date_service->add_dates(created.details.event.uuid, {clock.today().to_string()});
    REQUIRE(added.ok());
    CHECK(added->total == 1);
}

TEST_CASE_METHOD(StorageFixture, "a malformed date is refused with its text", "[sql]") {
    auto created = create_event();
    auto added = date_service->add_dates(created.details.event.uuid, {"2030-02-30"});
    REQUIRE_FALSE(added.ok());
    CHECK(added.error().message == "invalid date format: 2030-02-30");
    CHECK(added.error().field_errors.at(0).field == "additionalDates");
}

TEST_CASE_METHOD(StorageFixture, "an event has at most 366 dates", "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 360);
    std::vector<std::string> more;
    for (int i = 0; i < 7; ++i) {
        more.push_back(date_after(clock.today(), 400 + i));
    }
    auto over = date_service->add_dates(uuid, more);
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().kind == ErrorKind::invalid);
    CHECK(date_service->list_dates(uuid, 1)->total == 360);
    more.pop_back();
    CHECK(date_service->add_dates(uuid, more)->total == 366);
    // A date already present does not count twice.
    CHECK(date_service->add_dates(uuid, {date_after(clock.today(), 1)})->total == 366);
}

TEST_CASE_METHOD(StorageFixture, "dates are listed 20 to a page", "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 45);
    auto first = date_service->list_dates(uuid, 1);
    REQUIRE(first.ok());
    CHECK(first->total == 45);
    CHECK(first->dates.size() == 20);
    CHECK(first->has_next());
    CHECK_FALSE(first->has_previous());
    auto third = date_service->list_dates(uuid, 3);
    REQUIRE(third.ok());
    CHECK(third->dates.size() == 5);
    CHECK(third->dates[0].date.to_string() == date_after(clock.today(), 41));
    CHECK_FALSE(third->has_next());
    CHECK(date_service->list_dates(uuid, 4).error().kind == ErrorKind::not_found);
    CHECK(date_service->list_dates(uuid, 0).error().kind == ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "deleting a date needs the admin token and deletes its schedules",
                 "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1}), day_with({2})}).ok());
    const RowId first = events->get_event(uuid)->dates.at(0).id;

    CHECK(date_service->delete_date(first, std::nullopt).error().kind == ErrorKind::unauthorized);
    CHECK(date_service->delete_date(first, "nope").error().kind == ErrorKind::forbidden);
    REQUIRE(date_service->delete_date(first, created.admin_token).ok());
    auto left = schedules->list_schedules(uuid, std::nullopt);
    REQUIRE(left->size() == 1);
    CHECK(left->at(0).availability.to_string() == day_with({2}));
    CHECK(date_service->delete_date(first, created.admin_token).error().kind ==
          ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "reading an event costs at most 4 statements whatever its size",
                 "[sql][sql-only]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 30);
    std::vector<std::string> week(30, day_with({18, 19, 20}));
    for (int person = 0; person < 40; ++person) {
        REQUIRE(schedules->put_schedules(uuid, "person " + std::to_string(person), week).ok());
    }
    const auto before = storage->statements_sent();
    auto details = events->get_event(uuid);
    const auto sent = storage->statements_sent() - before;
    REQUIRE(details.ok());
    CHECK(details->participants.size() == 40);
    CHECK(details->overlap.count(29, 19) == 40);
    CHECK(sent >= 1);
    CHECK(sent <= 4);  // its row, its dates, its people's answers, their day rows
}
