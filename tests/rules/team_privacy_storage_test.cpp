// Issue 26, items 9 and 11, as rules of the use cases on every storage:
// member and subgroup ids drawn at random, and names kept as text people see
// (NFC, trimmed of Unicode white space, no controls or invisible characters).
#include <algorithm>
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

namespace {

const std::string k_rene_nfc = "Ren\xC3\xA9";
const std::string k_rene_nfd = "Rene\xCC\x81";

// Sorted, none equal or next to another, all in 1..2^53-1, and spread
// (20 draws under 2^40 would happen about once in 2^260).
void check_unguessable(std::vector<RowId> ids) {
    std::sort(ids.begin(), ids.end());
    INFO("smallest " << ids.front() << ", largest " << ids.back());
    CHECK(std::adjacent_find(ids.begin(), ids.end(), [](RowId a, RowId b) { return b - a <= 1; }) ==
          ids.end());
    CHECK(ids.front() > 0);
    CHECK(ids.back() < (RowId{1} << 53));
    CHECK(ids.back() > (RowId{1} << 40));
}

}  // namespace

TEST_CASE_METHOD(StorageFixture, "member and subgroup ids are drawn at random below 2^53",
                 "[sql][team][privacy]") {
    auto created = create_team();
    std::vector<RowId> member_ids;
    std::vector<RowId> subgroup_ids;
    for (int k = 0; k < 20; ++k) {
        auto subgroup = subgroups->create_subgroup(created.team.uuid, created.admin_code,
                                                   "G" + std::to_string(k));
        REQUIRE(subgroup.ok());
        subgroup_ids.push_back(subgroup->id);
        member_ids.push_back(add_member(created.team, "M" + std::to_string(k), subgroup->name).id);
    }
    check_unguessable(member_ids);
    check_unguessable(subgroup_ids);
    // The random ids work as ids: found, joined, listed, deleted.
    auto found = members->get_member(member_ids.front());
    REQUIRE(found.ok());
    CHECK(found->subgroup_name.has_value());
    CHECK(members->list_members(created.team.uuid, std::nullopt)->size() == 20);
    REQUIRE(subgroups->delete_subgroup(subgroup_ids.front(), created.admin_code).ok());
    CHECK(subgroups->get_subgroup(subgroup_ids.front()).error().kind == ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "invisible and control characters in names are refused",
                 "[sql][names]") {
    auto created = create_team();
    for (const std::string& bad : {std::string("A\0b", 3),
                                   std::string("A\x1B"
                                               "b"),
                                   std::string("A\xE2\x80\xAE"
                                               "b"),
                                   std::string("A\xE2\x81\xA6"
                                               "b"),
                                   std::string("A\xC2\x85"
                                               "b"),
                                   std::string("A\xEF\xBB\xBF"
                                               "b"),
                                   std::string("A\xE2\x80\x8B"
                                               "b"),
                                   std::string("A\xC2\xAD"
                                               "b")}) {
        auto member = members->create_member({created.team.uuid, std::nullopt, bad, week_with({})});
        REQUIRE_FALSE(member.ok());
        CHECK(member.error().kind == ErrorKind::invalid);
        REQUIRE(member.error().field_errors.size() == 1);
        CHECK(member.error().field_errors.front().field == "name");
        CHECK(subgroups->create_subgroup(created.team.uuid, created.admin_code, bad).error().kind ==
              ErrorKind::invalid);
        CHECK(
            teams
                ->create_team({bad, 1, std::nullopt, "x", std::nullopt, std::nullopt, std::nullopt})
                .error()
                .kind == ErrorKind::invalid);
        CHECK(events->create_event(event_input(bad)).error().kind == ErrorKind::invalid);
    }
    CHECK(members->list_members(created.team.uuid, std::nullopt)->empty());
    CHECK(subgroups->list_subgroups(created.team.uuid)->empty());
}

TEST_CASE_METHOD(StorageFixture, "names are stored in NFC: René in NFC and NFD is one member",
                 "[sql][names]") {
    auto created = create_team();
    auto first =
        members->create_member({created.team.uuid, std::nullopt, k_rene_nfd, week_with({})});
    REQUIRE(first.ok());
    CHECK(first->name == k_rene_nfc);
    auto again =
        members->create_member({created.team.uuid, std::nullopt, k_rene_nfc, week_with({})});
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().kind == ErrorKind::conflict);
    CHECK(members->find_member_by_name(created.team.uuid, k_rene_nfd)->id == first->id);
}

TEST_CASE_METHOD(StorageFixture, "names are trimmed of surrounding Unicode white space",
                 "[sql][names]") {
    auto created = create_team();
    auto member = members->create_member(
        {created.team.uuid, std::nullopt, "\xC2\xA0" + k_rene_nfc + "\xE3\x80\x80", week_with({})});
    REQUIRE(member.ok());
    CHECK(member->name == k_rene_nfc);
    auto subgroup =
        subgroups->create_subgroup(created.team.uuid, created.admin_code, "\xE3\x80\x80 Design\t");
    REQUIRE(subgroup.ok());
    CHECK(subgroup->name == "Design");
}
