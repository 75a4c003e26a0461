#include <catch2/catch.hpp>

#include "bistime/core/caller.hpp"
#include "bistime/core/handles.hpp"
#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

TEST_CASE_METHOD(StorageFixture,
                 "a team gets a T handle and a 6-letter admin code stored only as a hash",
                 "[sql][team]") {
    auto created = create_team();
    CHECK(created.team.uuid.size() == 23);
    CHECK(created.team.uuid[0] == 'T');
    CHECK(created.admin_code.size() == 6);
    CHECK(created.admin_code.find_first_not_of(k_handle_alphabet) == std::string::npos);
    auto stored = storage->teams().find_team(created.team.uuid);
    REQUIRE(stored->has_value());
    CHECK((*stored)->admin_code_hash.find(created.admin_code) == std::string::npos);
    CHECK((*stored)->admin_code_hash.rfind("$argon2id$", 0) == 0);
    CHECK((*stored)->security_answer_hash.rfind("$argon2id$", 0) == 0);
    CHECK((*stored)->security_answer_hash.find("kim") == std::string::npos);
}

TEST_CASE_METHOD(StorageFixture,
                 "team names may be shared; a lookup by name needs the admin code of one",
                 "[sql][team]") {
    auto first = create_team();
    auto again = teams->create_team(
        {first.team.name, 1, std::nullopt, "x", std::nullopt, std::nullopt, std::nullopt});
    REQUIRE(again.ok());
    CHECK(teams->find_team_by_name(first.team.name, {}).error().kind == ErrorKind::not_found);
    CHECK(teams->find_team_by_name(first.team.name, {std::string("WRONG1")}).error().kind ==
          ErrorKind::not_found);
    CHECK(teams->find_team_by_name(first.team.name, {first.admin_code})->team.uuid ==
          first.team.uuid);
    CHECK(teams->find_team_by_name(first.team.name, {again->admin_code})->team.uuid ==
          again->team.uuid);
    CHECK(teams->find_team_by_name("no such team", {first.admin_code}).error().kind ==
          ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "a team needs a name, an answer and a question from 0 to 3",
                 "[sql][team]") {
    CHECK(teams->create_team({"", 1, std::nullopt, "a", std::nullopt, std::nullopt, std::nullopt})
              .error()
              .kind == ErrorKind::invalid);
    CHECK(teams->create_team({"Q", 4, std::nullopt, "a", std::nullopt, std::nullopt, std::nullopt})
              .error()
              .kind == ErrorKind::invalid);
    CHECK(teams->create_team({"Q", -1, std::nullopt, "a", std::nullopt, std::nullopt, std::nullopt})
              .error()
              .kind == ErrorKind::invalid);
    CHECK(teams
              ->create_team(
                  {"Q", 1, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt})
              .error()
              .kind == ErrorKind::invalid);
    CHECK(teams
              ->create_team({"Q", 1, std::nullopt, std::string(51, 'a'), std::nullopt, std::nullopt,
                             std::nullopt})
              .error()
              .kind == ErrorKind::invalid);
    CHECK(teams->create_team({"Q", 1, std::nullopt, "a", "10:00", "09:00", std::nullopt})
              .error()
              .kind == ErrorKind::invalid);
}

TEST_CASE_METHOD(StorageFixture, "a custom security question must be written out", "[sql][team]") {
    CHECK(teams
              ->create_team(
                  {"Custom Q", 0, std::nullopt, "a", std::nullopt, std::nullopt, std::nullopt})
              .error()
              .kind == ErrorKind::invalid);
    auto custom = teams->create_team({"Custom Q", 0, std::string("Favourite snack?"), "a",
                                      std::nullopt, std::nullopt, std::nullopt});
    REQUIRE(custom.ok());
    CHECK(custom->team.custom_security_question == std::optional<std::string>("Favourite snack?"));
}

TEST_CASE_METHOD(StorageFixture, "the admin code is checked: missing 401, wrong 403, right passes",
                 "[sql][team]") {
    auto created = create_team();
    const auto& uuid = created.team.uuid;
    CHECK(teams->verify_admin_code(uuid, std::nullopt).error().kind == ErrorKind::unauthorized);
    auto wrong = teams->verify_admin_code(uuid, "zzzzzz");
    CHECK(wrong.error().kind == ErrorKind::forbidden);
    CHECK(wrong.error().message == "Wrong admin code");
    CHECK(teams->verify_admin_code(uuid, created.admin_code).ok());
}

TEST_CASE_METHOD(
    StorageFixture,
    "after 5 failures in 15 minutes even the right code is refused until the window passes",
    "[sql][team]") {
    auto created = create_team();
    const auto& uuid = created.team.uuid;
    for (int attempt = 0; attempt < 5; ++attempt) {
        CHECK(teams->verify_admin_code(uuid, "wrong1").error().kind == ErrorKind::forbidden);
    }
    CHECK(teams->verify_admin_code(uuid, "wrong1").error().kind == ErrorKind::too_many_attempts);
    CHECK(teams->verify_admin_code(uuid, created.admin_code).error().kind ==
          ErrorKind::too_many_attempts);
    CHECK(teams->update_team(uuid, created.admin_code, {"New", std::nullopt, std::nullopt})
              .error()
              .kind == ErrorKind::too_many_attempts);
    clock.set_today(CalendarDate::from_days_since_epoch(clock.today().days_since_epoch() + 1));
    CHECK(teams->verify_admin_code(uuid, created.admin_code).ok());
}

TEST_CASE_METHOD(StorageFixture, "a correct code does not clear earlier failures", "[sql][team]") {
    auto created = create_team();
    const auto& uuid = created.team.uuid;
    for (int attempt = 0; attempt < 4; ++attempt) {
        REQUIRE(teams->verify_admin_code(uuid, "wrong1").error().kind == ErrorKind::forbidden);
    }
    REQUIRE(teams->verify_admin_code(uuid, created.admin_code).ok());
    CHECK(teams->verify_admin_code(uuid, "wrong1").error().kind == ErrorKind::forbidden);
    CHECK(teams->verify_admin_code(uuid, created.admin_code).error().kind ==
          ErrorKind::too_many_attempts);
}

TEST_CASE_METHOD(StorageFixture, "throttling is per team", "[sql][team]") {
    auto attacked = create_team();
    auto other = create_team();
    for (int attempt = 0; attempt < 6; ++attempt) {
        (void)teams->verify_admin_code(attacked.team.uuid, "wrong1");
    }
    CHECK(teams->verify_admin_code(other.team.uuid, other.admin_code).ok());
}

TEST_CASE_METHOD(StorageFixture, "the security answer resets the code, trimmed and case-folded",
                 "[sql][team]") {
    auto created = create_team();
    const auto& uuid = created.team.uuid;
    CHECK(teams->reset_admin_code(uuid, "Lee").error().kind == ErrorKind::unauthorized);
    CHECK(teams->reset_admin_code(uuid, std::nullopt).error().kind == ErrorKind::invalid);
    auto reset = teams->reset_admin_code(uuid, "  kIM ");
    REQUIRE(reset.ok());
    CHECK(reset->admin_code.size() == 6);
    CHECK(teams->verify_admin_code(uuid, reset->admin_code).ok());
    CHECK(teams->verify_admin_code(uuid, created.admin_code).error().kind == ErrorKind::forbidden);
}

TEST_CASE_METHOD(StorageFixture, "changing a team needs its code; the window is checked",
                 "[sql][team]") {
    auto created = create_team();
    const auto& uuid = created.team.uuid;
    CHECK(teams->update_team(uuid, std::nullopt, {"x", std::nullopt, std::nullopt}).error().kind ==
          ErrorKind::unauthorized);
    CHECK(teams->update_team(uuid, created.admin_code, {std::nullopt, "19:00", std::nullopt})
              .error()
              .kind == ErrorKind::invalid);
    auto updated =
        teams->update_team(uuid, created.admin_code, {"Renamed " + uuid, "08:00", "20:00"});
    REQUIRE(updated.ok());
    auto stored = teams->get_team(uuid);
    CHECK(stored->team.name == "Renamed " + uuid);
    CHECK(stored->team.window.start.to_string() == "08:00");
}

TEST_CASE_METHOD(StorageFixture, "member names are unique within a team, not across teams",
                 "[sql][team]") {
    auto one = create_team();
    auto two = create_team();
    add_member(one.team, "Ann");
    auto again = members->create_member({one.team.uuid, std::nullopt, " Ann ", week_with({})});
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().kind == ErrorKind::conflict);
    CHECK(members->create_member({two.team.uuid, std::nullopt, "Ann", week_with({})}).ok());
    CHECK(members->create_member({one.team.uuid, std::nullopt, "ann", week_with({})}).ok());
    CHECK(members->list_members(one.team.uuid, std::nullopt)->size() == 2);
}

TEST_CASE_METHOD(StorageFixture, "a member needs a 1-20 character name and a 7-day week",
                 "[sql][team]") {
    auto team = create_team();
    CHECK(
        members->create_member({team.team.uuid, std::nullopt, std::string(21, 'a'), week_with({})})
            .error()
            .kind == ErrorKind::invalid);
    std::vector<std::string> six(6, std::string(48, '0'));
    CHECK(members->create_member({team.team.uuid, std::nullopt, "Bo", six}).error().kind ==
          ErrorKind::invalid);
    auto bad_day = week_with({});
    bad_day[3] = "01";
    CHECK(members->create_member({team.team.uuid, std::nullopt, "Bo", bad_day}).error().kind ==
          ErrorKind::invalid);
    CHECK(members->create_member({team.team.uuid, std::string("Nope"), "Bo", week_with({})})
              .error()
              .kind == ErrorKind::invalid);
    CHECK(members->create_member({"Tunknown", std::nullopt, "Bo", week_with({})}).error().kind ==
          ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "a member's week and subgroup can change", "[sql][team]") {
    auto team = create_team();
    REQUIRE(subgroups->create_subgroup(team.team.uuid, team.admin_code, "Design").ok());
    auto member = add_member(team.team, "Ann", std::nullopt, {0});
    auto moved =
        members->update_member(member.id, {std::optional<std::string>("Design"), week_with({2})});
    REQUIRE(moved.ok());
    CHECK(moved->subgroup_name == std::optional<std::string>("Design"));
    CHECK(moved->week[2].is_available(18));
    CHECK_FALSE(moved->week[0].is_available(18));
    auto unassigned =
        members->update_member(member.id, {std::optional<std::string>(), std::nullopt});
    REQUIRE(unassigned.ok());
    CHECK_FALSE(unassigned->subgroup_id.has_value());
}

TEST_CASE_METHOD(StorageFixture, "deleting a subgroup unassigns its members", "[sql][team]") {
    auto team = create_team();
    auto design = subgroups->create_subgroup(team.team.uuid, team.admin_code, "Design");
    REQUIRE(design.ok());
    CHECK(subgroups->create_subgroup(team.team.uuid, team.admin_code, "Design").error().kind ==
          ErrorKind::conflict);
    CHECK(subgroups->create_subgroup(team.team.uuid, "wrong1", "Ops").error().kind ==
          ErrorKind::forbidden);
    auto member = add_member(team.team, "Ann", "Design");
    CHECK(member.subgroup_id == design->id);
    REQUIRE(subgroups->delete_subgroup(design->id, team.admin_code).ok());
    auto after = members->get_member(member.id);
    REQUIRE(after.ok());
    CHECK_FALSE(after->subgroup_id.has_value());
    CHECK(subgroups->get_subgroup(design->id).error().kind == ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "deleting a member needs the admin code", "[sql][team]") {
    auto team = create_team();
    auto member = add_member(team.team, "Ann");
    CHECK(members->delete_member(member.id, std::nullopt).error().kind == ErrorKind::unauthorized);
    CHECK(members->delete_member(member.id, "wrong1").error().kind == ErrorKind::forbidden);
    REQUIRE(members->delete_member(member.id, team.admin_code).ok());
    CHECK(members->get_member(member.id).error().kind == ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture,
                 "team availability matches a direct count, for the team and each subgroup",
                 "[sql][team]") {
    auto team = create_team();
    const std::vector<std::string> groups = {"A", "B", "C"};
    for (const auto& group : groups) {
        REQUIRE(subgroups->create_subgroup(team.team.uuid, team.admin_code, group).ok());
    }
    std::vector<std::vector<std::string>> weeks;
    for (int person = 0; person < 50; ++person) {
        std::vector<std::string> week(7, std::string(48, '0'));
        for (int day = 0; day < 7; ++day) {
            for (int slot = 0; slot < 48; ++slot) {
                if ((person * 7 + day * 3 + slot * 5) % 11 < 4) {
                    week[static_cast<std::size_t>(day)][static_cast<std::size_t>(slot)] = '1';
                }
            }
        }
        weeks.push_back(week);
        auto created =
            members->create_member({team.team.uuid, groups[static_cast<std::size_t>(person % 3)],
                                    "m" + std::to_string(100 + person), week});
        REQUIRE(created.ok());
    }
    for (const std::optional<std::string>& group :
         {std::optional<std::string>(), std::optional<std::string>("B")}) {
        auto week = members->team_availability(team.team.uuid, group);
        REQUIRE(week.ok());
        CHECK(week->members.size() == (group ? 17u : 50u));
        for (int day = 0; day < 7; ++day) {
            for (int slot = 0; slot < 48; ++slot) {
                std::vector<std::string> expected;
                for (int person = 0; person < 50; ++person) {
                    const bool in_group =
                        !group || groups[static_cast<std::size_t>(person % 3)] == *group;
                    if (in_group &&
                        weeks[static_cast<std::size_t>(person)][static_cast<std::size_t>(day)]
                             [static_cast<std::size_t>(slot)] == '1') {
                        expected.push_back("m" + std::to_string(100 + person));
                    }
                }
                std::vector<std::string> got;
                for (auto index :
                     week->overlap.people_available(static_cast<std::size_t>(day), slot)) {
                    got.push_back(week->members[index].name);
                }
                REQUIRE(week->overlap.count(static_cast<std::size_t>(day), slot) ==
                        expected.size());
                REQUIRE(got == expected);
            }
        }
    }
    CHECK(members->team_availability(team.team.uuid, std::string("Z")).error().kind ==
          ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "regular events need a title and a day from 0 to 6",
                 "[sql][team]") {
    auto team = create_team();
    const auto& uuid = team.team.uuid;
    CHECK(regular_events
              ->create_regular_event(uuid, team.admin_code,
                                     {std::nullopt, std::nullopt, 1, "09:00", "10:00"})
              .error()
              .kind == ErrorKind::invalid);
    CHECK(regular_events
              ->create_regular_event(uuid, team.admin_code,
                                     {"Standup", std::nullopt, 7, "09:00", "10:00"})
              .error()
              .kind == ErrorKind::invalid);
    CHECK(regular_events
              ->create_regular_event(uuid, std::nullopt,
                                     {"Standup", std::nullopt, 1, "09:00", "10:00"})
              .error()
              .kind == ErrorKind::unauthorized);
    auto created = regular_events->create_regular_event(uuid, team.admin_code,
                                                        {"Standup", "Daily", 1, "09:00", "09:30"});
    REQUIRE(created.ok());
    CHECK(created->uuid.size() == 23);
    CHECK(created->uuid[0] == 'R');
    auto moved = regular_events->update_regular_event(
        created->uuid, team.admin_code, {std::nullopt, std::nullopt, 3, std::nullopt, "10:00"});
    REQUIRE(moved.ok());
    CHECK(regular_events->get_regular_event(created->uuid)->day == 3);
    CHECK(regular_events->get_regular_event(created->uuid)->window.end.to_string() == "10:00");
    CHECK(regular_events->list_regular_events(uuid)->size() == 1);
    REQUIRE(regular_events->delete_regular_event(created->uuid, team.admin_code).ok());
    CHECK(regular_events->list_regular_events(uuid)->empty());
}

TEST_CASE_METHOD(StorageFixture,
                 "deleting a team removes its members, subgroups, regular events and events",
                 "[sql][team]") {
    auto team = create_team();
    const auto& uuid = team.team.uuid;
    REQUIRE(subgroups->create_subgroup(uuid, team.admin_code, "A").ok());
    auto member = add_member(team.team, "Ann", "A");
    auto regular = regular_events->create_regular_event(
        uuid, team.admin_code, {"Sync", std::nullopt, 0, "09:00", "10:00"});
    auto event = events->create_event(
        event_input("Team sync", "09:00", "10:00", uuid, std::nullopt, std::nullopt));
    REQUIRE(event.ok());
    add_dates(event->details.event.uuid, 2);
    REQUIRE(teams->delete_team(uuid, std::nullopt).error().kind == ErrorKind::unauthorized);
    REQUIRE(teams->delete_team(uuid, team.admin_code).ok());
    CHECK(teams->get_team(uuid).error().kind == ErrorKind::not_found);
    CHECK(members->get_member(member.id).error().kind == ErrorKind::not_found);
    CHECK(regular_events->get_regular_event(regular->uuid).error().kind == ErrorKind::not_found);
    CHECK(events->get_event(event->details.event.uuid).error().kind == ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "a team's events come with their details in constant statements",
                 "[sql][team][sql-only]") {
    auto team = create_team();
    for (int i = 0; i < 3; ++i) {
        auto event =
            events->create_event(event_input("Event " + std::to_string(i), "09:00", "18:00",
                                             team.team.uuid, std::nullopt, std::nullopt));
        REQUIRE(event.ok());
        CHECK(event->details.event.team_name == team.team.name);
        add_dates(event->details.event.uuid, i + 1);
        REQUIRE(schedules
                    ->put_schedules(
                        event->details.event.uuid, "Ann",
                        std::vector<std::string>(static_cast<std::size_t>(i + 1), day_with({18})))
                    .ok());
    }
    const auto before = storage->statements_sent();
    auto listed = events->team_events(team.team.uuid);
    const auto sent = storage->statements_sent() - before;
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 3);
    CHECK(listed->at(2).dates.size() == 3);
    CHECK(listed->at(2).overlap.count(2, 18) == 1);
    CHECK(listed->at(0).participants == std::vector<std::string>{"Ann"});
    CHECK(sent == 5);  // the team, its events, their dates, their answers, their day rows
}

TEST_CASE_METHOD(StorageFixture,
                 "a member's week fills their schedule on an event of the team by weekday",
                 "[sql][team]") {
    auto team = create_team();
    auto member = add_member(team.team, "Ann", std::nullopt, {0, 2});  // Monday and Wednesday
    auto event = events->create_event(
        event_input("Planning", "09:00", "18:00", team.team.uuid, std::nullopt, std::nullopt));
    REQUIRE(event.ok());
    // 2030-01-14 is a Monday; add Monday to Wednesday.
    REQUIRE(date_service
                ->add_dates(event->details.event.uuid, {"2030-01-14", "2030-01-15", "2030-01-16"})
                .ok());
    auto filled = schedules->fill_from_member(event->details.event.uuid, member.id);
    REQUIRE(filled.ok());
    REQUIRE(filled->size() == 3);
    CHECK(filled->at(0).name == "Ann");
    CHECK(filled->at(0).availability.is_available(18));
    CHECK_FALSE(filled->at(1).availability.is_available(18));
    CHECK(filled->at(2).availability.is_available(19));

    auto stranger = events->create_event(
        event_input("Other", "09:00", "18:00", std::nullopt, std::nullopt, std::nullopt));
    add_dates(stranger->details.event.uuid, 1);
    CHECK(schedules->fill_from_member(stranger->details.event.uuid, member.id).error().kind ==
          ErrorKind::invalid);
}

TEST_CASE_METHOD(StorageFixture, "a team holds at most its limit of members",
                 "[sql][team][limits]") {
    auto limits = make_services(k_default_max_people, 2);
    MemberService& limited = limits->members;
    auto team = create_team();
    CHECK(limited.create_member({team.team.uuid, std::nullopt, "Ann", week_with({})}).ok());
    CHECK(limited.create_member({team.team.uuid, std::nullopt, "Bo", week_with({})}).ok());
    auto third = limited.create_member({team.team.uuid, std::nullopt, "Cy", week_with({})});
    REQUIRE_FALSE(third.ok());
    CHECK(third.error().kind == ErrorKind::conflict);
    CHECK(third.error().message.find("full") != std::string::npos);
    CHECK(members->list_members(team.team.uuid, std::nullopt)->size() == 2);
}

TEST_CASE_METHOD(StorageFixture,
                 "a stranger's wrong codes never refuse the owner's right code from elsewhere",
                 "[sql][team][throttle]") {
    auto created = create_team();
    const auto& uuid = created.team.uuid;
    {
        const Caller::Scope stranger("198.51.100.66");
        for (int attempt = 0; attempt < 5; ++attempt) {
            CHECK(teams->verify_admin_code(uuid, "wrong1").error().kind == ErrorKind::forbidden);
        }
        auto refused = teams->verify_admin_code(uuid, created.admin_code);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().kind == ErrorKind::too_many_attempts);
        CHECK(refused.error().retry_after_seconds > 0);
        CHECK(refused.error().retry_after_seconds <= 15 * 60);
    }
    const Caller::Scope owner("203.0.113.10");
    CHECK(teams->verify_admin_code(uuid, created.admin_code).ok());
    CHECK(
        teams->update_team(uuid, created.admin_code, {"Renamed", std::nullopt, std::nullopt}).ok());
}

TEST_CASE_METHOD(StorageFixture,
                 "a client that keeps guessing waits longer and longer: 5 in 15 minutes, 10 in 4 "
                 "hours, 20 in a day",
                 "[sql][team][throttle]") {
    auto created = create_team();
    const auto& uuid = created.team.uuid;
    const Caller::Scope guesser("192.0.2.9");
    const auto guess_five = [&] {
        for (int attempt = 0; attempt < 5; ++attempt) {
            REQUIRE(teams->verify_admin_code(uuid, "wrong1").error().kind == ErrorKind::forbidden);
        }
    };
    guess_five();
    auto first = teams->verify_admin_code(uuid, "wrong1");
    CHECK(first.error().kind == ErrorKind::too_many_attempts);
    CHECK(first.error().retry_after_seconds == 15 * 60);
    clock.advance(15 * 60 + 1);  // the first five age out of 15 minutes
    guess_five();
    auto second = teams->verify_admin_code(uuid, "wrong1");
    CHECK(second.error().kind == ErrorKind::too_many_attempts);
    // Ten in four hours: the wait is until the first of them is four hours old.
    CHECK(second.error().retry_after_seconds == 4 * 3600 - (15 * 60 + 1));
    clock.advance(4 * 3600);
    CHECK(teams->verify_admin_code(uuid, created.admin_code).ok());
}

TEST_CASE_METHOD(StorageFixture, "wrong event admin tokens are throttled per client",
                 "[sql][throttle]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    {
        const Caller::Scope stranger("198.51.100.66");
        for (int attempt = 0; attempt < 5; ++attempt) {
            CHECK(events->delete_event(uuid, "not-the-token").error().kind == ErrorKind::forbidden);
        }
        CHECK(events->delete_event(uuid, created.admin_token).error().kind ==
              ErrorKind::too_many_attempts);
    }
    const Caller::Scope organiser("203.0.113.10");
    CHECK(events->delete_event(uuid, created.admin_token).ok());
}
