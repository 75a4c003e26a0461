// Teams' rosters kept between reads (TeamRosterCache): a team's members and
// availability never show a member older than the last write acknowledged
// before the read began, whichever server took the write.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

namespace {

// A week free on Monday at `slot` alone.
std::vector<std::string> monday_at(int slot) {
    std::vector<std::string> week(7, std::string(48, '0'));
    week[0][static_cast<std::size_t>(slot)] = '1';
    return week;
}

}  // namespace

TEST_CASE_METHOD(StorageFixture,
                 "a team's members and availability show every write to its members and "
                 "subgroups, through the roster cache",
                 "[team][cache]") {
    auto created = create_team("Roster");
    const Team& team = created.team;
    REQUIRE(subgroups->create_subgroup(team.uuid, created.admin_code, "Bass").ok());
    const Member ann = add_member(team, "Ann", "Bass", {0});
    const Member bo = add_member(team, "Bo", std::nullopt, {0, 1});
    CHECK(members->team_availability(team.uuid, std::nullopt)->overlap.count(0, 18) == 2);
    const auto before = services->roster_cache_stats();
    CHECK(members->team_availability(team.uuid, std::nullopt)->overlap.count(0, 18) == 2);
    CHECK(services->roster_cache_stats().hits == before.hits + 1);

    // A member's week.
    REQUIRE(members->update_member(bo.id, MemberPatch{std::nullopt, week_with({1})}).ok());
    CHECK(members->team_availability(team.uuid, std::nullopt)->overlap.count(0, 18) == 1);
    // A member's subgroup.
    MemberPatch into_bass;
    into_bass.subgroup = std::optional<std::string>("Bass");
    REQUIRE(members->update_member(bo.id, into_bass).ok());
    CHECK(members->list_members(team.uuid, "Bass")->size() == 2);
    CHECK(members->team_availability(team.uuid, "Bass")->overlap.count(1, 18) == 1);
    // A subgroup's name.
    const RowId bass = subgroups->list_subgroups(team.uuid)->front().id;
    REQUIRE(subgroups->rename_subgroup(bass, created.admin_code, "Low").ok());
    CHECK(members->list_members(team.uuid, "Bass").error().kind == ErrorKind::not_found);
    CHECK(members->list_members(team.uuid, "Low")->front().subgroup_name == "Low");
    // A subgroup's end: its members stay, in no subgroup.
    REQUIRE(subgroups->delete_subgroup(bass, created.admin_code).ok());
    CHECK(members->list_members(team.uuid, "Low").error().kind == ErrorKind::not_found);
    CHECK_FALSE(members->list_members(team.uuid, std::nullopt)->front().subgroup_name);
    // A member's end.
    REQUIRE(members->delete_member(ann.id, created.admin_code).ok());
    const auto left = members->team_availability(team.uuid, std::nullopt);
    REQUIRE(left->members.size() == 1);
    CHECK(left->members.front().name == "Bo");
    CHECK(left->overlap.count(0, 18) == 0);
    // A newcomer.
    add_member(team, "Cy", std::nullopt, {0});
    CHECK(members->team_availability(team.uuid, std::nullopt)->overlap.count(0, 18) == 1);
}

TEST_CASE_METHOD(StorageFixture,
                 "reading an unchanged team's members or availability costs the team's row alone",
                 "[sql][sql-only][team][cache]") {
    auto created = create_team("Quiet");
    const Team& team = created.team;
    REQUIRE(subgroups->create_subgroup(team.uuid, created.admin_code, "Alto").ok());
    for (int i = 0; i < 12; ++i) {
        add_member(team, "m" + std::to_string(i),
                   i % 2 ? std::optional<std::string>("Alto") : std::nullopt, {i % 7});
    }
    REQUIRE(members->team_availability(team.uuid, std::nullopt).ok());  // fills the cache
    auto cost = [&](auto read) {
        const auto before = storage->statements_sent();
        REQUIRE(read().ok());
        return storage->statements_sent() - before;
    };
    CHECK(cost([&] { return members->team_availability(team.uuid, std::nullopt); }) == 1);
    CHECK(cost([&] { return members->team_availability(team.uuid, "Alto"); }) == 1);
    CHECK(cost([&] { return members->list_members(team.uuid, std::nullopt); }) == 1);
    CHECK(cost([&] { return members->find_member_by_name(team.uuid, "m3"); }) == 1);
}

TEST_CASE_METHOD(StorageFixture,
                 "two servers on one database: no team read shows a week older than the last "
                 "write acknowledged before it began",
                 "[sql][sql-only][team][cache]") {
    auto other_storage = open_test_storage();
    auto other = services_on(other_storage->ports());
    auto created = create_team("Two servers");
    const Team& team = created.team;
    const Member ann = add_member(team, "Ann", std::nullopt, {});
    REQUIRE(members->update_member(ann.id, MemberPatch{std::nullopt, monday_at(0)}).ok());
    REQUIRE(other->members.team_availability(team.uuid, std::nullopt).ok());
    REQUIRE(members->team_availability(team.uuid, std::nullopt).ok());

    // Ann's free slot moves forward on this server; the other reads.
    const StaleReads seen = count_stale_reads(
        [&](int slot) {
            REQUIRE(
                members->update_member(ann.id, MemberPatch{std::nullopt, monday_at(slot)}).ok());
            REQUIRE(members->team_availability(team.uuid, std::nullopt).ok());
        },
        [&]() -> std::optional<AvailabilityOverlap> {
            auto read = other->members.team_availability(team.uuid, std::nullopt);
            return read ? std::optional<AvailabilityOverlap>(read->overlap) : std::nullopt;
        });
    CHECK(seen.reads > 0);
    CHECK(seen.stale == 0);
    CHECK(other->members.team_availability(team.uuid, std::nullopt)->overlap.count(0, 47) == 1);
}
