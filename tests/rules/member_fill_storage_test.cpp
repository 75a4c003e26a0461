// Filling an event's answers from a team member's week replaces that
// member's answers, so a protected member's password (or the team's admin
// code) is needed for it, as for changing their entry.
#include <catch2/catch.hpp>

#include "bistime/core/caller.hpp"
#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

namespace {

// A team with Ann, protected by "ann-secret" and free on Mondays, and an
// event of the team on one Monday.
struct ProtectedMemberEvent {
    TeamWithCode team;
    Member member;
    std::string event_uuid;
};

ProtectedMemberEvent protected_member_event(StorageFixture& fixture,
                                            std::optional<std::string> password = "ann-secret") {
    auto team = fixture.create_team();
    auto member = fixture.members->create_member(
        {team.team.uuid, std::nullopt, "Ann", week_with({0}), std::move(password)});
    REQUIRE(member.ok());
    auto event = fixture.events->create_event(
        event_input("Planning", "09:00", "18:00", team.team.uuid, std::nullopt, std::nullopt));
    REQUIRE(event.ok());
    const std::string uuid = event->details.event.uuid;
    REQUIRE(fixture.date_service->add_dates(uuid, {"2030-01-14"}).ok());  // a Monday
    return {std::move(team), std::move(*member), uuid};
}

}  // namespace

TEST_CASE_METHOD(StorageFixture,
                 "filling from a protected member without their password is unauthorized and "
                 "changes nothing",
                 "[sql][team][member-password]") {
    auto fill = protected_member_event(*this);
    auto refused = schedules->fill_from_member(fill.event_uuid, fill.member.id);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::unauthorized);
    CHECK(schedules->list_schedules(fill.event_uuid, std::nullopt)->empty());
}

TEST_CASE_METHOD(StorageFixture,
                 "filling from a protected member with a wrong password is forbidden and changes "
                 "nothing",
                 "[sql][team][member-password]") {
    auto fill = protected_member_event(*this);
    auto refused = schedules->fill_from_member(fill.event_uuid, fill.member.id,
                                               {"not-ann-secret", std::nullopt});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::forbidden);
    CHECK(schedules->list_schedules(fill.event_uuid, std::nullopt)->empty());
}

TEST_CASE_METHOD(StorageFixture,
                 "wrong member passwords to fill count against the member's throttle",
                 "[sql][team][member-password][throttle]") {
    auto fill = protected_member_event(*this);
    const Caller::Scope guesser("192.0.2.77");
    for (int attempt = 0; attempt < 5; ++attempt) {
        REQUIRE(schedules->fill_from_member(fill.event_uuid, fill.member.id, {"wrong1", {}})
                    .error()
                    .kind == ErrorKind::forbidden);
    }
    CHECK(schedules->fill_from_member(fill.event_uuid, fill.member.id, {"ann-secret", {}})
              .error()
              .kind == ErrorKind::too_many_attempts);
    // The same count as changing the entry: that is refused too.
    CHECK(members->update_member(fill.member.id, {}, {"ann-secret", std::nullopt}).error().kind ==
          ErrorKind::too_many_attempts);
}

TEST_CASE_METHOD(StorageFixture, "filling from a protected member with their password fills",
                 "[sql][team][member-password]") {
    auto fill = protected_member_event(*this);
    auto filled =
        schedules->fill_from_member(fill.event_uuid, fill.member.id, {"ann-secret", std::nullopt});
    REQUIRE(filled.ok());
    REQUIRE(filled->size() == 1);
    CHECK(filled->at(0).name == "Ann");
    CHECK(filled->at(0).availability.is_available(18));
}

TEST_CASE_METHOD(StorageFixture, "the team's admin code fills from a protected member",
                 "[sql][team][member-password]") {
    auto fill = protected_member_event(*this);
    auto filled = schedules->fill_from_member(fill.event_uuid, fill.member.id,
                                              {std::nullopt, fill.team.admin_code});
    REQUIRE(filled.ok());
    CHECK(filled->at(0).availability.is_available(18));
    auto wrong_code =
        schedules->fill_from_member(fill.event_uuid, fill.member.id, {std::nullopt, "ZZZZZZ"});
    REQUIRE_FALSE(wrong_code.ok());
    CHECK(wrong_code.error().kind == ErrorKind::forbidden);
}

TEST_CASE_METHOD(StorageFixture, "an open member stays fillable without a password",
                 "[sql][team][member-password]") {
    auto fill = protected_member_event(*this, std::nullopt);
    auto filled = schedules->fill_from_member(fill.event_uuid, fill.member.id);
    REQUIRE(filled.ok());
    CHECK(filled->at(0).availability.is_available(18));
}
