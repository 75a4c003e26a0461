// Writes that compose (issue 26): organiser writes sent at the same instant,
// through two servers on one database, each change only what they name, so
// that every acknowledged change stays; a person's first answer and the
// organiser's removal of that name agree on what happened; and a decision
// follows the dates and window of its event.
#include <catch2/catch.hpp>

#include <functional>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

namespace {

// Runs `writes` on threads of their own that start together.
void at_once(const std::vector<std::function<void()>>& writes) {
    std::latch start(static_cast<std::ptrdiff_t>(writes.size()));
    std::vector<std::thread> threads;
    threads.reserve(writes.size());
    for (const auto& write : writes) {
        threads.emplace_back([&start, &write] {
            start.arrive_and_wait();
            write();
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
}

// This fixture's use cases and a second server's (its own connections and
// caches) on the same database.
struct TwoServers {
    explicit TwoServers(StorageFixture& fixture)
        : other_storage(open_test_storage()),
          here(fixture.services_on(fixture.storage->ports())),
          there(fixture.services_on(other_storage->ports())) {}
    std::unique_ptr<TestStorage> other_storage;
    std::unique_ptr<Services> here;
    std::unique_ptr<Services> there;
};

std::string two_digits(int value) {
    return (value < 10 ? "0" : "") + std::to_string(value);
}

constexpr int k_rounds = 30;

}  // namespace

TEST_CASE_METHOD(StorageFixture,
                 "organiser writes sent at once through two servers each keep their change",
                 "[sql][sql-only][two-servers][compose]") {
    TwoServers servers(*this);
    auto created = events->create_event(event_input("Round 0", "08:00", "20:00"));
    REQUIRE(created.ok());
    const std::string uuid = created->details.event.uuid;
    const std::string token = created->admin_token;
    REQUIRE(date_service->add_dates(uuid, {"2030-01-11", "2030-01-12"}).ok());
    int lost = 0;
    for (int round = 1; round <= k_rounds; ++round) {
        const std::string title = "Round " + std::to_string(round);
        const std::string description = "Notes " + std::to_string(round);
        const bool locked = round % 2 == 1;
        const DecisionInput decision{round % 2 ? "2030-01-11" : "2030-01-12",
                                     two_digits(8 + round % 10) + ":00",
                                     two_digits(9 + round % 10) + ":00"};
        bool all_ok = true;
        at_once({[&] {
                     EventPatch patch;
                     patch.title = title;
                     all_ok &= servers.here->events.update_event(uuid, token, patch).ok();
                 },
                 [&] {
                     EventPatch patch;
                     patch.description = description;
                     all_ok &= servers.there->events.update_event(uuid, token, patch).ok();
                 },
                 [&] { all_ok &= servers.here->decisions.set_locked(uuid, token, locked).ok(); },
                 [&] { all_ok &= servers.there->decisions.decide(uuid, token, decision).ok(); }});
        REQUIRE(all_ok);
        auto stored = events->get_event(uuid);
        REQUIRE(stored.ok());
        const Event& event = stored->event;
        const bool kept = event.title == title && event.description == description &&
                          event.locked == locked && event.decision &&
                          day_key(event.decision->date) == decision.date &&
                          event.decision->window.start.to_string() == decision.start_time;
        lost += kept ? 0 : 1;
    }
    INFO("rounds that lost an acknowledged change: " << lost << " of " << k_rounds);
    CHECK(lost == 0);
}

TEST_CASE_METHOD(StorageFixture,
                 "a team's rename and a change of its hours sent at once through two servers "
                 "both stay",
                 "[sql][sql-only][two-servers][compose]") {
    TwoServers servers(*this);
    const TeamWithCode team = create_team("Composed");
    int lost = 0;
    for (int round = 1; round <= k_rounds; ++round) {
        TeamPatch rename;
        rename.name = team.team.name + " " + std::to_string(round);
        TeamPatch hours;
        hours.start_time = two_digits(round % 8) + ":00";
        bool all_ok = true;
        at_once(
            {[&] {
                 all_ok &=
                     servers.here->teams.update_team(team.team.uuid, team.admin_code, rename).ok();
             },
             [&] {
                 all_ok &=
                     servers.there->teams.update_team(team.team.uuid, team.admin_code, hours).ok();
             }});
        REQUIRE(all_ok);
        auto stored = teams->get_team(team.team.uuid);
        REQUIRE(stored.ok());
        const bool kept = stored->team.name == *rename.name &&
                          stored->team.window.start.to_string() == *hours.start_time;
        lost += kept ? 0 : 1;
    }
    INFO("rounds that lost an acknowledged change: " << lost << " of " << k_rounds);
    CHECK(lost == 0);
}

TEST_CASE_METHOD(StorageFixture,
                 "a regular event's new title and new day sent at once through two servers "
                 "both stay",
                 "[sql][sql-only][two-servers][compose]") {
    TwoServers servers(*this);
    const TeamWithCode team = create_team("Weekly");
    RegularEventInput input;
    input.title = "Standup";
    input.day = 0;
    input.start_time = "09:00";
    input.end_time = "10:00";
    auto weekly = regular_events->create_regular_event(team.team.uuid, team.admin_code, input);
    REQUIRE(weekly.ok());
    int lost = 0;
    for (int round = 1; round <= k_rounds; ++round) {
        RegularEventInput retitle;
        retitle.title = "Standup " + std::to_string(round);
        RegularEventInput move;
        move.day = round % 7;
        bool all_ok = true;
        at_once({[&] {
                     all_ok &= servers.here->regular_events
                                   .update_regular_event(weekly->uuid, team.admin_code, retitle)
                                   .ok();
                 },
                 [&] {
                     all_ok &= servers.there->regular_events
                                   .update_regular_event(weekly->uuid, team.admin_code, move)
                                   .ok();
                 }});
        REQUIRE(all_ok);
        auto stored = regular_events->get_regular_event(weekly->uuid);
        REQUIRE(stored.ok());
        lost += stored->title == *retitle.title && stored->day == *move.day ? 0 : 1;
    }
    INFO("rounds that lost an acknowledged change: " << lost << " of " << k_rounds);
    CHECK(lost == 0);
}

TEST_CASE_METHOD(StorageFixture,
                 "a member's move to a subgroup and new week sent at once through two servers "
                 "both stay",
                 "[sql][sql-only][two-servers][compose]") {
    TwoServers servers(*this);
    const TeamWithCode team = create_team("Members");
    REQUIRE(subgroups->create_subgroup(team.team.uuid, team.admin_code, "Odd").ok());
    REQUIRE(subgroups->create_subgroup(team.team.uuid, team.admin_code, "Even").ok());
    const Member member = add_member(team.team, "Ann");
    int lost = 0;
    for (int round = 1; round <= k_rounds; ++round) {
        MemberPatch move;
        move.subgroup = std::optional<std::string>(round % 2 ? "Odd" : "Even");
        MemberPatch week;
        week.week = week_with({round % 7});
        bool all_ok = true;
        at_once({[&] { all_ok &= servers.here->members.update_member(member.id, move).ok(); },
                 [&] { all_ok &= servers.there->members.update_member(member.id, week).ok(); }});
        REQUIRE(all_ok);
        auto stored = members->get_member(member.id);
        REQUIRE(stored.ok());
        const bool kept = stored->subgroup_name == **move.subgroup &&
                          stored->week[static_cast<std::size_t>(round % 7)].to_string() ==
                              week_with({round % 7})[static_cast<std::size_t>(round % 7)];
        lost += kept ? 0 : 1;
    }
    INFO("rounds that lost an acknowledged change: " << lost << " of " << k_rounds);
    CHECK(lost == 0);
}

// A 201 for the answer and a 404 for the removal say the answer came after
// the removal: the person must then be there. A 204 says the removal took
// the answer: the person must then be gone. A person gone must have left
// nothing behind that a later answer would take for theirs.
TEST_CASE_METHOD(StorageFixture,
                 "a first answer and the organiser's removal of that name sent at once agree on "
                 "what happened",
                 "[sql][sql-only][two-servers][compose]") {
    TwoServers servers(*this);
    auto created = events->create_event(event_input("Answers"));
    REQUIRE(created.ok());
    const std::string uuid = created->details.event.uuid;
    const std::string token = created->admin_token;
    REQUIRE(date_service->add_dates(uuid, {"2030-01-11"}).ok());
    constexpr int k_answer_rounds = 300;
    int contradictions = 0;
    int leftovers = 0;
    int removed = 0;
    for (int round = 1; round <= k_answer_rounds; ++round) {
        const std::string name = "Person " + std::to_string(round);
        bool answered = false;
        std::optional<ErrorKind> removal;
        at_once({[&] {
                     answered =
                         servers.here->schedules.put_schedules(uuid, name, {day_with({1})}).ok();
                 },
                 [&] {
                     auto done =
                         servers.there->schedules.delete_person(uuid, name, std::nullopt, token);
                     removal = done ? std::nullopt : std::optional(done.error().kind);
                 }});
        REQUIRE(answered);
        const bool present = !schedules->list_schedules(uuid, name)->empty();
        removed += removal ? 0 : 1;
        if (present == !removal) {
            ++contradictions;  // 204 and still there, or 404 and gone
        }
        if (!present) {
            auto again = schedules->patch_schedule(uuid, name, DayRef("2030-01-11"), day_with({2}));
            REQUIRE(again.ok());
            leftovers += again->created ? 0 : 1;
        }
        REQUIRE(schedules->delete_person(uuid, name, std::nullopt, token).ok());
    }
    INFO("removals that took the answer: " << removed << " of " << k_answer_rounds);
    INFO("contradictions: " << contradictions
                            << "; names gone that left answers behind: " << leftovers);
    CHECK(contradictions == 0);
    CHECK(leftovers == 0);
}

TEST_CASE_METHOD(StorageFixture, "an organiser's write changes only the fields it names",
                 "[sql][compose]") {
    auto created = events->create_event(event_input("Named", "08:00", "20:00", std::nullopt,
                                                    std::string("Notes"), std::string("Room 1")));
    REQUIRE(created.ok());
    const std::string uuid = created->details.event.uuid;
    const std::string token = created->admin_token;
    REQUIRE(date_service->add_dates(uuid, {"2030-01-11"}).ok());
    REQUIRE(decisions->decide(uuid, token, {"2030-01-11", "10:00", "11:00"}).ok());
    REQUIRE(decisions->set_locked(uuid, token, true).ok());
    EventPatch retitle;
    retitle.title = "Renamed";
    REQUIRE(events->update_event(uuid, token, retitle).ok());
    const Event event = events->get_event(uuid)->event;
    CHECK(event.title == "Renamed");
    CHECK(event.description == "Notes");
    CHECK(event.location == "Room 1");
    CHECK(event.locked);
    REQUIRE(event.decision.has_value());
    CHECK(event.decision->window.start.to_string() == "10:00");
    CHECK(event.window.start.to_string() == "08:00");
}

TEST_CASE_METHOD(StorageFixture, "deleting the decided date clears the decision",
                 "[sql][decision][compose]") {
    auto created = create_event();
    const std::string uuid = created.details.event.uuid;
    REQUIRE(date_service->add_dates(uuid, {"2030-01-11", "2030-01-12"}).ok());
    REQUIRE(decisions->decide(uuid, created.admin_token, {"2030-01-12", "10:00", "11:00"}).ok());
    const RowId decided = events->get_event(uuid)->dates.at(1).id;
    const RowId other = events->get_event(uuid)->dates.at(0).id;
    REQUIRE(date_service->delete_date(other, created.admin_token).ok());
    CHECK(events->get_event(uuid)->event.decision.has_value());
    REQUIRE(date_service->delete_date(decided, created.admin_token).ok());
    CHECK_FALSE(events->get_event(uuid)->event.decision.has_value());
    CHECK(decisions->decision_calendar(uuid).error().kind == ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture,
                 "a window that would leave the decision outside is refused, naming the decision",
                 "[sql][decision][compose]") {
    auto created = create_event("Study group", "09:00", "18:00");
    const std::string uuid = created.details.event.uuid;
    REQUIRE(date_service->add_dates(uuid, {"2030-01-11"}).ok());
    REQUIRE(decisions->decide(uuid, created.admin_token, {"2030-01-11", "16:00", "17:00"}).ok());
    EventPatch shorter;
    shorter.end_time = "16:30";
    auto refused = events->update_event(uuid, created.admin_token, shorter);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::conflict);
    CHECK(refused.error().message.find("decision") != std::string::npos);
    CHECK(events->get_event(uuid)->event.window.end.to_string() == "18:00");
    shorter.end_time = "17:00";
    CHECK(events->update_event(uuid, created.admin_token, shorter).ok());
}

TEST_CASE_METHOD(StorageFixture, "a decision outside the event's window is refused",
                 "[sql][decision][compose]") {
    auto created = create_event("Study group", "09:00", "18:00");
    const std::string uuid = created.details.event.uuid;
    REQUIRE(date_service->add_dates(uuid, {"2030-01-11"}).ok());
    auto refused = decisions->decide(uuid, created.admin_token, {"2030-01-11", "17:00", "19:00"});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::invalid);
    CHECK_FALSE(events->get_event(uuid)->event.decision.has_value());
}

// Decisions stored before the rule may lie outside the hours: such an event
// keeps its other fields writable.
TEST_CASE_METHOD(StorageFixture,
                 "an event decided outside its hours keeps every field but its hours writable",
                 "[sql][decision][compose]") {
    auto created = create_event("Study group", "09:00", "18:00");
    const std::string uuid = created.details.event.uuid;
    REQUIRE(date_service->add_dates(uuid, {"2030-01-11"}).ok());
    const auto details = events->get_event(uuid);
    const CalendarDate day = details->dates.at(0).date;
    const TimeWindow evening =
        *TimeWindow::make(*TimeOfDay::from_minutes(19 * 60), *TimeOfDay::from_minutes(20 * 60));
    REQUIRE(storage->events()
                .change_event(
                    details->event.id,
                    [&](Event& event) -> Result<void> {
                        event.decision = Decision{day, evening};
                        return {};
                    },
                    clock.now())
                .ok());
    EventPatch retitle;
    retitle.title = "Renamed";
    CHECK(events->update_event(uuid, created.admin_token, retitle).ok());
    EventPatch later;
    later.start_time = "10:00";
    CHECK(events->update_event(uuid, created.admin_token, later).error().kind ==
          ErrorKind::conflict);
}
