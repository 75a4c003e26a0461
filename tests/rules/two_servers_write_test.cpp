// Two servers on one database, each holding the event's row and dates in
// its caches: a person's write on one is decided on the event as it is, so
// no change to the event acknowledged on the other before the write began
// is passed over (a lock, a closing time, a password, its end; the dates are in
// answers_cache_storage_test.cpp).
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
// have read, so that each holds its row.
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
    auto refused = servers.here->schedules.put_schedules(servers.uuid, "Ann", {day_with({9})});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::locked);
    CHECK(servers.there->schedules.list_schedules(servers.uuid, "Ann")
              ->at(0)
              .availability.to_string() == day_with({1}));
}

TEST_CASE_METHOD(StorageFixture,
                 "a write is refused once another server has set a closing time that passed",
                 "[sql][sql-only][two-servers]") {
    TwoServers servers(*this);
    EventPatch closing;
    closing.closes_at = format_timestamp(clock.now() + 60);
    REQUIRE(servers.there->events.update_event(servers.uuid, servers.admin_token, closing).ok());
    clock.set_today(CalendarDate::from_days_since_epoch(clock.today().days_since_epoch() + 1));
    auto refused = servers.here->schedules.put_schedules(servers.uuid, "Bo", {day_with({9})});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::locked);
}

TEST_CASE_METHOD(StorageFixture,
                 "a write needs the password once another server has protected the name",
                 "[sql][sql-only][two-servers]") {
    TwoServers servers(*this);
    REQUIRE(
        servers.there->schedules.put_schedules(servers.uuid, "Bo", {day_with({3})}, "secret").ok());
    auto refused = servers.here->schedules.put_schedules(servers.uuid, "Bo", {day_with({9})});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::unauthorized);
    CHECK(servers.there->schedules.list_schedules(servers.uuid, "Bo")
              ->at(0)
              .availability.to_string() == day_with({3}));
}

TEST_CASE_METHOD(StorageFixture, "a write finds nothing once another server has deleted the event",
                 "[sql][sql-only][two-servers]") {
    TwoServers servers(*this);
    REQUIRE(servers.there->events.delete_event(servers.uuid, servers.admin_token).ok());
    auto refused = servers.here->schedules.put_schedules(servers.uuid, "Ann", {day_with({9})});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::not_found);
}
