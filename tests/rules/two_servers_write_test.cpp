// Two servers on one database, each holding the event's row and dates in
// its caches: a person's write on one is decided on the event as it is, so
// no change to the event acknowledged on the other before the write began
// is passed over (a lock, a closing time, a password, the dates, its end).
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "bistime/core/timestamp.hpp"
#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

namespace {

// Two servers without a limit on people on one database, each with its own
// storage (connections) and caches, and an event with one date that both
// have read, so that each holds its row and dates.
struct TwoServers {
    explicit TwoServers(StorageFixture& fixture)
        : other_storage(open_test_storage()),
          here(fixture.services_on(fixture.storage->ports())),
          there(fixture.services_on(other_storage->ports())) {
        auto created = here->events.create_event(event_input("Known"));
        REQUIRE(created.ok());
        uuid = created->details.event.uuid;
        admin_token = created->admin_token;
        REQUIRE(here->dates.add_dates(uuid, {"2030-01-11"}).ok());
        REQUIRE(here->schedules.put_schedules(uuid, "Ann", {day_with({1})}).ok());
        REQUIRE(here->events.get_event(uuid).ok());
        REQUIRE(there->events.get_event(uuid).ok());
    }
    // Why this server refuses `name`'s write of `days` (it must refuse it).
    ErrorKind refusal_here(const std::string& name, const std::vector<std::string>& days) {
        auto written = here->schedules.put_schedules(uuid, name, days);
        REQUIRE_FALSE(written.ok());
        return written.error().kind;
    }
    // `name`'s first day as the other server reads it.
    std::string first_day_there(const std::string& name) {
        return there->schedules.list_schedules(uuid, name)->at(0).availability.to_string();
    }
    std::unique_ptr<TestStorage> other_storage;
    std::unique_ptr<Services> here;
    std::unique_ptr<Services> there;
    std::string uuid;
    std::string admin_token;
};

}  // namespace

TEST_CASE_METHOD(StorageFixture, "a write is refused once another server has locked the event",
                 "[sql][sql-only][two-servers]") {
    TwoServers servers(*this);
    REQUIRE(servers.there->decisions.set_locked(servers.uuid, servers.admin_token, true).ok());
    CHECK(servers.refusal_here("Ann", {day_with({9})}) == ErrorKind::locked);
    CHECK(servers.first_day_there("Ann") == day_with({1}));
}

TEST_CASE_METHOD(StorageFixture,
                 "a write is refused once another server has set a closing time that passed",
                 "[sql][sql-only][two-servers]") {
    TwoServers servers(*this);
    EventPatch closing;
    closing.closes_at = format_timestamp(clock.now() + 60);
    REQUIRE(servers.there->events.update_event(servers.uuid, servers.admin_token, closing).ok());
    clock.set_today(CalendarDate::from_days_since_epoch(clock.today().days_since_epoch() + 1));
    CHECK(servers.refusal_here("Bo", {day_with({9})}) == ErrorKind::locked);
}

TEST_CASE_METHOD(StorageFixture,
                 "a write needs the password once another server has protected the name",
                 "[sql][sql-only][two-servers]") {
    TwoServers servers(*this);
    REQUIRE(
        servers.there->schedules.put_schedules(servers.uuid, "Bo", {day_with({3})}, "secret").ok());
    CHECK(servers.refusal_here("Bo", {day_with({9})}) == ErrorKind::unauthorized);
    CHECK(servers.first_day_there("Bo") == day_with({3}));
}

TEST_CASE_METHOD(StorageFixture,
                 "a write takes the dates another server has added or deleted, not the cached ones",
                 "[sql][sql-only][two-servers][cache]") {
    TwoServers servers(*this);
    REQUIRE(servers.there->dates.add_dates(servers.uuid, {"2030-03-01"}).ok());
    CHECK(servers.refusal_here("Bo", {day_with({1})}) == ErrorKind::invalid);
    REQUIRE(
        servers.here->schedules.put_schedules(servers.uuid, "Bo", {day_with({1}), day_with({2})})
            .ok());
    const RowId first = servers.there->events.get_event(servers.uuid)->dates.at(0).id;
    REQUIRE(servers.there->dates.delete_date(first, servers.admin_token).ok());
    CHECK(servers.here->schedules.put_schedules(servers.uuid, "Cy", {day_with({3})}).ok());
    CHECK(servers.here->events.get_event(servers.uuid)->participants ==
          std::vector<std::string>{"Bo", "Cy"});
}

TEST_CASE_METHOD(StorageFixture, "a write finds nothing once another server has deleted the event",
                 "[sql][sql-only][two-servers]") {
    TwoServers servers(*this);
    REQUIRE(servers.there->events.delete_event(servers.uuid, servers.admin_token).ok());
    CHECK(servers.refusal_here("Ann", {day_with({9})}) == ErrorKind::not_found);
}

// This server's cache still holds Ann's first rows, which it gives the write
// as hints: the write must see they are gone, and store her whole schedule.
TEST_CASE_METHOD(StorageFixture,
                 "a write stores the whole schedule once another server has deleted or replaced "
                 "the person's rows, and answers with the rows now stored",
                 "[sql][sql-only][two-servers][cache]") {
    TwoServers servers(*this);
    REQUIRE(servers.there->schedules.delete_person(servers.uuid, "Ann", std::nullopt).ok());
    SECTION("replaced") {
        REQUIRE(servers.there->schedules.put_schedules(servers.uuid, "Ann", {day_with({5})}).ok());
    }
    SECTION("deleted") {}
    auto written = servers.here->schedules.put_schedules(servers.uuid, "Ann", {day_with({9})});
    REQUIRE(written.ok());
    CHECK(*written == *servers.there->schedules.list_schedules(servers.uuid, std::string("Ann")));
    CHECK(servers.first_day_there("Ann") == day_with({9}));
}
