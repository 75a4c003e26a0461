#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

TEST_CASE_METHOD(StorageFixture, "a person's schedule is set for every date at once", "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    auto put = schedules->put_schedules(uuid, " Ann ", {day_with({18, 19}), day_with({20})});
    REQUIRE(put.ok());
    REQUIRE(put->size() == 2);
    CHECK(put->at(0).name == "Ann");
    CHECK(put->at(0).date.to_string() == date_after(clock.today(), 1));
    CHECK(put->at(0).availability.to_string() == day_with({18, 19}));
    CHECK(put->at(1).availability.to_string() == day_with({20}));

    auto replaced = schedules->put_schedules(uuid, "Ann", {day_with({1}), day_with({2})});
    REQUIRE(replaced.ok());
    CHECK(replaced->at(0).id == put->at(0).id);
    auto listed = schedules->list_schedules(uuid, std::nullopt);
    REQUIRE(listed->size() == 2);
    CHECK(listed->at(0).availability.to_string() == day_with({1}));
}

TEST_CASE_METHOD(StorageFixture, "a schedule must have one string per event date", "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    auto short_put = schedules->put_schedules(uuid, "Ann", {day_with({1})});
    REQUIRE_FALSE(short_put.ok());
    CHECK(short_put.error().kind == ErrorKind::invalid);
    auto bad_string = schedules->put_schedules(uuid, "Ann", {day_with({1}), "0101"});
    CHECK(bad_string.error().kind == ErrorKind::invalid);
    CHECK(schedules->list_schedules(uuid, std::nullopt)->empty());
}

TEST_CASE_METHOD(StorageFixture, "an event without dates takes no schedule", "[sql]") {
    auto created = create_event();
    auto put = schedules->put_schedules(created.details.event.uuid, "Ann", {});
    REQUIRE_FALSE(put.ok());
    CHECK(put.error().kind == ErrorKind::not_found);
    CHECK(put.error().message == "event has no associated dates to add schedule to");
}

TEST_CASE_METHOD(StorageFixture, "a person's name must be 1 to 50 characters", "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    CHECK(schedules->put_schedules(uuid, "  ", {day_with({})}).error().kind == ErrorKind::invalid);
    CHECK_FALSE(schedules->put_schedules(uuid, std::string(51, 'a'), {day_with({})}).ok());
    std::string hangul;
    for (int i = 0; i < 50; ++i) {
        hangul += "민";
    }
    auto stored = schedules->put_schedules(uuid, hangul, {day_with({3})});
    REQUIRE(stored.ok());
    CHECK(schedules->list_schedules(uuid, hangul)->at(0).name == hangul);
}

TEST_CASE_METHOD(StorageFixture, "names are case-sensitive on every database", "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1})}).ok());
    REQUIRE(schedules->put_schedules(uuid, "ann", {day_with({2})}).ok());
    CHECK(schedules->list_schedules(uuid, std::nullopt)->size() == 2);
    CHECK(events->get_event(uuid)->participants == std::vector<std::string>{"Ann", "ann"});
}

TEST_CASE_METHOD(StorageFixture, "schedules list by date then name, or for one name", "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    REQUIRE(schedules->put_schedules(uuid, "Bo", {day_with({1}), day_with({2})}).ok());
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({3}), day_with({4})}).ok());
    auto all = schedules->list_schedules(uuid, std::nullopt);
    REQUIRE(all->size() == 4);
    CHECK(all->at(0).name == "Ann");
    CHECK(all->at(1).name == "Bo");
    CHECK(all->at(2).name == "Ann");
    CHECK(all->at(2).date > all->at(1).date);
    auto bo = schedules->list_schedules(uuid, "Bo");
    REQUIRE(bo->size() == 2);
    CHECK(bo->at(1).availability.to_string() == day_with({2}));
    CHECK(schedules->list_schedules(uuid, "Nobody")->empty());
}

TEST_CASE_METHOD(StorageFixture, "patching one day creates the schedule, then updates it",
                 "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    const RowId second = events->get_event(uuid)->dates.at(1).id;
    auto first_patch = schedules->patch_schedule(uuid, "Ann", second, day_with({5}));
    REQUIRE(first_patch.ok());
    CHECK(first_patch->created);
    CHECK(first_patch->schedule.date_id == second);
    auto second_patch = schedules->patch_schedule(uuid, "Ann", second, day_with({6}));
    REQUIRE(second_patch.ok());
    CHECK_FALSE(second_patch->created);
    CHECK(second_patch->schedule.id == first_patch->schedule.id);
    CHECK(second_patch->schedule.availability.to_string() == day_with({6}));
    CHECK(schedules->list_schedules(uuid, "Ann")->size() == 1);
}

TEST_CASE_METHOD(StorageFixture, "patching a date of another event is not found", "[sql]") {
    auto one = create_event();
    auto other = create_event();
    add_dates(one.details.event.uuid, 1);
    add_dates(other.details.event.uuid, 1);
    const RowId foreign = events->get_event(other.details.event.uuid)->dates.at(0).id;
    auto patched = schedules->patch_schedule(one.details.event.uuid, "Ann", foreign, day_with({1}));
    REQUIRE_FALSE(patched.ok());
    CHECK(patched.error().kind == ErrorKind::not_found);
    CHECK(schedules->list_schedules(other.details.event.uuid, std::nullopt)->empty());
}

TEST_CASE_METHOD(StorageFixture, "deleting a person removes their schedule on every date",
                 "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 3);
    const std::vector<std::string> days(3, day_with({1}));
    REQUIRE(schedules->put_schedules(uuid, "Ann", days).ok());
    REQUIRE(schedules->put_schedules(uuid, "Bo", days).ok());
    REQUIRE(schedules->delete_person(uuid, "Ann").ok());
    auto left = schedules->list_schedules(uuid, std::nullopt);
    REQUIRE(left->size() == 3);
    CHECK(left->at(0).name == "Bo");
    CHECK(schedules->delete_person(uuid, "Ann").error().kind == ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "the event sums everyone's availability per date and slot",
                 "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    REQUIRE(schedules->put_schedules(uuid, "Bo", {day_with({18, 19}), day_with({})}).ok());
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({19, 20}), day_with({0})}).ok());
    auto details = events->get_event(uuid);
    REQUIRE(details.ok());
    CHECK(details->participants == std::vector<std::string>{"Ann", "Bo"});
    CHECK(details->overlap.count(0, 18) == 1);
    CHECK(details->overlap.count(0, 19) == 2);
    CHECK(details->overlap.count(0, 20) == 1);
    CHECK(details->overlap.count(1, 0) == 1);
    auto at19 = details->overlap.people_available(0, 19);
    CHECK(std::vector<std::uint32_t>(at19.begin(), at19.end()) == std::vector<std::uint32_t>{0, 1});
}

TEST_CASE_METHOD(StorageFixture, "concurrent writes of one name leave one schedule per date",
                 "[sql]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 3);
    const auto dates = events->get_event(uuid)->dates;
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    for (int thread = 0; thread < 8; ++thread) {
        writers.emplace_back([&, thread] {
            for (int round = 0; round < 25; ++round) {
                const int slot = (thread * 25 + round) % 48;
                bool ok = round % 2 == 0
                              ? schedules
                                    ->put_schedules(uuid, "Ann",
                                                    std::vector<std::string>(3, day_with({slot})))
                                    .ok()
                              : schedules
                                    ->patch_schedule(uuid, "Ann",
                                                     dates[static_cast<std::size_t>(round % 3)].id,
                                                     day_with({slot}))
                                    .ok();
                if (!ok) {
                    ++failures;
                }
            }
        });
    }
    for (auto& writer : writers) {
        writer.join();
    }
    CHECK(failures == 0);
    auto stored = schedules->list_schedules(uuid, std::nullopt);
    REQUIRE(stored->size() == 3);
    CHECK(stored->at(0).date_id == dates[0].id);
    CHECK(stored->at(1).date_id == dates[1].id);
    CHECK(stored->at(2).date_id == dates[2].id);
}

TEST_CASE_METHOD(StorageFixture,
                 "the first write with a password claims the name; later writes need it",
                 "[sql][password]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1})}, "s3cret").ok());
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({2})}).error().kind ==
          ErrorKind::unauthorized);
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({2})}, "guess").error().kind ==
          ErrorKind::forbidden);
    const RowId date = events->get_event(uuid)->dates.at(0).id;
    CHECK(schedules->patch_schedule(uuid, "Ann", date, day_with({3})).error().kind ==
          ErrorKind::unauthorized);
    CHECK(schedules->list_schedules(uuid, "Ann")->at(0).availability.to_string() == day_with({1}));
    REQUIRE(schedules->put_schedules(uuid, " Ann ", {day_with({4})}, "s3cret").ok());
    REQUIRE(schedules->patch_schedule(uuid, "Ann", date, day_with({5}), "s3cret").ok());
    CHECK(schedules->list_schedules(uuid, "Ann")->at(0).availability.to_string() == day_with({5}));
    // Other names stay open.
    CHECK(schedules->put_schedules(uuid, "Bo", {day_with({1})}).ok());
    CHECK(schedules->put_schedules(uuid, "Bo", {day_with({2})}).ok());
}

// The read before the rewrite lets it change Ann's rows in place, inside the
// unit of work that claims her name.
TEST_CASE_METHOD(StorageFixture,
                 "a person who answered openly and rewrites with a password claims the name with "
                 "that rewrite",
                 "[sql][password]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1}), day_with({1})}).ok());
    const auto first = schedules->list_schedules(uuid, std::string("Ann"));
    REQUIRE(events->get_event(uuid).ok());
    auto rewritten =
        schedules->put_schedules(uuid, "Ann", {day_with({2}), day_with({3})}, "s3cret");
    REQUIRE(rewritten.ok());
    CHECK(rewritten->at(0).id == first->at(0).id);
    CHECK(rewritten->at(1).created_at == first->at(1).created_at);
    CHECK(*schedules->list_schedules(uuid, std::string("Ann")) == *rewritten);
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({4}), day_with({4})}).error().kind ==
          ErrorKind::unauthorized);
    CHECK(schedules->list_schedules(uuid, std::string("Ann"))->at(1).availability.to_string() ==
          day_with({3}));
}

TEST_CASE_METHOD(StorageFixture, "a participant password is stored only as an Argon2id hash",
                 "[sql][password]") {
    auto created = create_event();
    add_dates(created.details.event.uuid, 1);
    REQUIRE(
        schedules->put_schedules(created.details.event.uuid, "Ann", {day_with({1})}, "s3cret-pass")
            .ok());
    auto hash = storage->participants().find_password_hash(created.details.event.id, "Ann");
    REQUIRE(hash.ok());
    REQUIRE(hash->has_value());
    CHECK((*hash)->rfind("$argon2id$", 0) == 0);
    CHECK((*hash)->find("s3cret-pass") == std::string::npos);
}

TEST_CASE_METHOD(StorageFixture, "deleting a protected name needs its password and frees the name",
                 "[sql][password]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1})}, "s3cret").ok());
    CHECK(schedules->delete_person(uuid, "Ann").error().kind == ErrorKind::unauthorized);
    CHECK(schedules->delete_person(uuid, "Ann", "nope").error().kind == ErrorKind::forbidden);
    REQUIRE(schedules->delete_person(uuid, "Ann", "s3cret").ok());
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({1})}).ok());
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({2})}).ok());
}

TEST_CASE_METHOD(StorageFixture, "five wrong passwords in 15 minutes lock the name",
                 "[sql][password]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1})}, "s3cret").ok());
    for (int attempt = 0; attempt < 5; ++attempt) {
        CHECK(schedules->put_schedules(uuid, "Ann", {day_with({2})}, "guess").error().kind ==
              ErrorKind::forbidden);
    }
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({2})}, "s3cret").error().kind ==
          ErrorKind::too_many_attempts);
    CHECK(schedules->verify_participant(uuid, "Ann", "s3cret").error().kind ==
          ErrorKind::too_many_attempts);
    clock.set_today(CalendarDate::from_days_since_epoch(clock.today().days_since_epoch() + 1));
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({2})}, "s3cret").ok());
}

TEST_CASE_METHOD(StorageFixture, "verifying a participant's password signs them in",
                 "[sql][password]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1})}, "s3cret").ok());
    REQUIRE(schedules->put_schedules(uuid, "Bo", {day_with({1})}).ok());
    CHECK(schedules->verify_participant(uuid, "Ann", "s3cret").ok());
    CHECK(schedules->verify_participant(uuid, "Ann", "wrong").error().kind == ErrorKind::forbidden);
    CHECK(schedules->verify_participant(uuid, "Ann", std::nullopt).error().kind ==
          ErrorKind::unauthorized);
    CHECK(schedules->verify_participant(uuid, "Bo", "any").error().kind == ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture,
                 "two first writes with different passwords: exactly one claims the name",
                 "[sql][password]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    std::atomic<int> succeeded{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> writers;
    for (int thread = 0; thread < 4; ++thread) {
        writers.emplace_back([&, thread] {
            auto result = schedules->put_schedules(uuid, "Ann", {day_with({thread})},
                                                   "password-" + std::to_string(thread));
            if (result.ok()) {
                ++succeeded;
            } else if (result.error().kind == ErrorKind::forbidden) {
                ++refused;
            }
        });
    }
    for (auto& writer : writers) {
        writer.join();
    }
    CHECK(succeeded == 1);
    CHECK(refused == 3);
}

TEST_CASE_METHOD(StorageFixture,
                 "an event's slot size is 15, 30 or 60 minutes and its window lies on that grid",
                 "[sql][slots]") {
    auto input = event_input("Quarter", "09:15", "10:45");
    input.slot_minutes = 15;
    auto quarter = events->create_event(input);
    REQUIRE(quarter.ok());
    CHECK(events->get_event(quarter->details.event.uuid)->event.slot_minutes == 15);
    input.slot_minutes = 20;
    CHECK(events->create_event(input).error().kind == ErrorKind::invalid);
    input.slot_minutes = 60;
    CHECK(events->create_event(input).error().kind == ErrorKind::invalid);  // 09:15 is off the hour
    input.start_time = "09:00";
    input.end_time = "11:00";
    CHECK(events->create_event(input).ok());
    // v1's grid is unchanged: a 30-minute event refuses a quarter hour.
    CHECK(events->create_event(event_input("Half", "09:15", "10:00")).error().kind ==
          ErrorKind::invalid);
}

TEST_CASE_METHOD(StorageFixture, "a day of a 15-minute event has 96 slots", "[sql][slots]") {
    auto input = event_input("Quarter");
    input.slot_minutes = 15;
    auto created = events->create_event(input);
    REQUIRE(created.ok());
    const auto& uuid = created->details.event.uuid;
    add_dates(uuid, 1);
    CHECK(schedules->put_schedules(uuid, "Ann", {day_with({1})}).error().kind ==
          ErrorKind::invalid);
    std::string day(96, '0');
    day[37] = '1';
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day}).ok());
    CHECK(schedules->list_schedules(uuid, "Ann")->at(0).availability.to_string() == day);
    auto details = events->get_event(uuid);
    CHECK(details->overlap.slots_per_day() == 96);
    CHECK(details->overlap.count(0, 37) == 1);
}

TEST_CASE_METHOD(StorageFixture,
                 "'if needed' answers are stored and counted apart from 'available'",
                 "[sql][slots]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {"21" + std::string(46, '0')}).ok());
    REQUIRE(schedules->put_schedules(uuid, "Bo", {"12" + std::string(46, '0')}).ok());
    CHECK(schedules->list_schedules(uuid, "Ann")->at(0).availability.to_string() ==
          "21" + std::string(46, '0'));
    auto details = events->get_event(uuid);
    CHECK(details->overlap.count(0, 0) == 1);
    CHECK(details->overlap.if_needed_count(0, 0) == 1);
    CHECK(details->overlap.count(0, 1) == 1);
    CHECK(details->overlap.if_needed_count(0, 1) == 1);
    const RowId date = details->dates.at(0).id;
    auto patched = schedules->patch_schedule(uuid, "Ann", date, std::string(48, '2'));
    REQUIRE(patched.ok());
    CHECK(patched->schedule.availability.is_if_needed(47));
}

TEST_CASE_METHOD(StorageFixture,
                 "a member's week fills a 60-minute event, an hour free only when both halves are",
                 "[sql][slots]") {
    auto team = create_team();
    auto member =
        add_member(team.team, "Ann", std::nullopt, {0});  // Monday 09:00-10:00 (slots 18, 19)
    auto input = event_input("Hourly", std::nullopt, std::nullopt, team.team.uuid);
    input.slot_minutes = 60;
    auto event = events->create_event(input);
    REQUIRE(event.ok());
    REQUIRE(date_service->add_dates(event->details.event.uuid, {"2030-01-14"}).ok());  // a Monday
    auto filled = schedules->fill_from_member(event->details.event.uuid, member.id);
    REQUIRE(filled.ok());
    CHECK(filled->at(0).availability.slot_count() == 24);
    CHECK(filled->at(0).availability.is_available(9));
    CHECK_FALSE(filled->at(0).availability.is_available(10));
}

TEST_CASE_METHOD(StorageFixture,
                 "a weekday event has generic weekdays, Monday first, instead of dates",
                 "[sql][weekdays]") {
    auto input = event_input("Weekly");
    input.weekdays = std::vector<std::string>{"FRI", "MON", "WED", "MON"};
    auto created = events->create_event(input);
    REQUIRE(created.ok());
    const auto& details = created->details;
    CHECK(details.event.weekdays);
    REQUIRE(details.dates.size() == 3);
    CHECK(day_key(details.dates[0].date) == "MON");
    CHECK(day_key(details.dates[2].date) == "FRI");
    const auto& uuid = details.event.uuid;
    CHECK(date_service->add_dates(uuid, {"2030-02-01"}).error().kind == ErrorKind::invalid);
    CHECK(date_service->list_dates(uuid, 1).error().kind == ErrorKind::invalid);
    CHECK(date_service->delete_date(details.dates[0].id, created->admin_token).error().kind ==
          ErrorKind::invalid);
    REQUIRE(
        schedules->put_schedules(uuid, "Ann", {day_with({1}), day_with({2}), day_with({3})}).ok());
    CHECK(day_key(schedules->list_schedules(uuid, "Ann")->at(2).date) == "FRI");
    auto by_key = schedules->patch_schedule(uuid, "Bo", DayRef("WED"), day_with({4}));
    REQUIRE(by_key.ok());
    CHECK(by_key->schedule.date_id == details.dates[1].id);
    CHECK(schedules->patch_schedule(uuid, "Bo", DayRef("TUE"), day_with({4})).error().kind ==
          ErrorKind::not_found);
}

TEST_CASE_METHOD(StorageFixture, "weekdays must be MON to SUN, at least one", "[sql][weekdays]") {
    auto input = event_input("Weekly");
    input.weekdays = std::vector<std::string>{"MON", "Funday"};
    CHECK(events->create_event(input).error().kind == ErrorKind::invalid);
    input.weekdays = std::vector<std::string>{};
    CHECK(events->create_event(input).error().kind == ErrorKind::invalid);
}

TEST_CASE_METHOD(StorageFixture, "a member's week fills a weekday event of the team by weekday",
                 "[sql][weekdays]") {
    auto team = create_team();
    auto member = add_member(team.team, "Ann", std::nullopt, {1});  // Tuesday
    auto input = event_input("Weekly", std::nullopt, std::nullopt, team.team.uuid);
    input.weekdays = std::vector<std::string>{"MON", "TUE"};
    auto event = events->create_event(input);
    REQUIRE(event.ok());
    auto filled = schedules->fill_from_member(event->details.event.uuid, member.id);
    REQUIRE(filled.ok());
    CHECK_FALSE(filled->at(0).availability.is_available(18));
    CHECK(filled->at(1).availability.is_available(18));
}

TEST_CASE_METHOD(StorageFixture,
                 "an event holds at most its limit of people; those already in keep answering",
                 "[sql][limits]") {
    auto limits = make_services(3, k_default_max_members);
    ScheduleService& limited = limits->schedules;
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    for (const char* name : {"Ann", "Bo", "Cy"}) {
        REQUIRE(limited.put_schedules(uuid, name, {day_with({1}), day_with({2})}).ok());
    }
    auto fourth = limited.put_schedules(uuid, "Di", {day_with({1}), day_with({2})});
    REQUIRE_FALSE(fourth.ok());
    CHECK(fourth.error().kind == ErrorKind::conflict);
    CHECK(fourth.error().message.find("full") != std::string::npos);
    const RowId first = events->get_event(uuid)->dates.at(0).id;
    auto patched_in = limited.patch_schedule(uuid, "Di", first, day_with({3}));
    REQUIRE_FALSE(patched_in.ok());
    CHECK(patched_in.error().kind == ErrorKind::conflict);

    CHECK(limited.put_schedules(uuid, "Ann", {day_with({5}), day_with({6})}).ok());
    CHECK(limited.patch_schedule(uuid, "Bo", first, day_with({7})).ok());
    REQUIRE(schedules->delete_person(uuid, "Cy").ok());
    CHECK(limited.put_schedules(uuid, "Di", {day_with({1}), day_with({2})}).ok());
    CHECK(events->get_event(uuid)->participants.size() == 3);
}

TEST_CASE_METHOD(StorageFixture,
                 "a person whose every date was deleted leaves the event and its count of people",
                 "[sql][limits]") {
    auto limits = make_services(1, k_default_max_members);
    ScheduleService& limited = limits->schedules;
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    const auto dates = events->get_event(uuid)->dates;
    REQUIRE(limited.patch_schedule(uuid, "Ann", dates.at(0).id, day_with({1})).ok());
    CHECK(limited.patch_schedule(uuid, "Bo", dates.at(1).id, day_with({2})).error().kind ==
          ErrorKind::conflict);
    REQUIRE(date_service->delete_date(dates.at(0).id, created.admin_token).ok());
    CHECK(events->get_event(uuid)->participants.empty());
    CHECK(schedules->delete_person(uuid, "Ann").error().kind == ErrorKind::not_found);
    REQUIRE(limited.patch_schedule(uuid, "Bo", dates.at(1).id, day_with({2})).ok());
    // Ann, coming back, is a newcomer again: the event is full.
    CHECK(limited.patch_schedule(uuid, "Ann", dates.at(1).id, day_with({3})).error().kind ==
          ErrorKind::conflict);
    const auto people = events->get_event(uuid)->participants;
    REQUIRE(people.size() == 1);
    CHECK(people.at(0) == "Bo");
}

TEST_CASE_METHOD(StorageFixture, "concurrent newcomers never push an event past its limit",
                 "[sql][limits]") {
    auto limits = make_services(5, k_default_max_members);
    ScheduleService& limited = limits->schedules;
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    std::atomic<int> admitted{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 12; ++w) {
        writers.emplace_back([&, w] {
            auto put = limited.put_schedules(uuid, "p" + std::to_string(w), {day_with({1})});
            admitted += put.ok() ? 1 : 0;
        });
    }
    for (auto& writer : writers) {
        writer.join();
    }
    CHECK(admitted.load() == 5);
    CHECK(events->get_event(uuid)->participants.size() == 5);
}

TEST_CASE_METHOD(StorageFixture, "every schedule comes back, whatever the number of rows",
                 "[sql][schedule]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 50);
    // 13 people × 50 dates = 650 rows: more than one batch of a bulk fetch,
    // and not a multiple of one.
    for (int person = 0; person < 13; ++person) {
        std::vector<std::string> days;
        for (int day = 0; day < 50; ++day) {
            days.push_back(day_with({(person + day) % 48}));
        }
        REQUIRE(schedules->put_schedules(uuid, "p" + std::to_string(100 + person), days).ok());
    }
    auto listed = schedules->list_schedules(uuid, std::nullopt);
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 650);
    const auto dates = events->get_event(uuid)->dates;
    for (std::size_t row = 0; row < listed->size(); ++row) {
        const Schedule& schedule = listed->at(row);
        const int day = static_cast<int>(row / 13);
        const int person = static_cast<int>(row % 13);
        CHECK(schedule.name == "p" + std::to_string(100 + person));
        CHECK(schedule.date == dates.at(static_cast<std::size_t>(day)).date);
        CHECK(schedule.availability.is_available((person + day) % 48));
    }
}

namespace {

// The statements one put_schedules of `dates` days costs through `services`,
// after a read has filled their answers cache; `rewrite` writes the same name
// twice and counts the second.
std::uint64_t put_cost(StorageFixture& fixture, Services& services, int dates,
                       const std::string& name, bool rewrite = false) {
    ScheduleService& service = services.schedules;
    auto created = fixture.create_event();
    const auto& uuid = created.details.event.uuid;
    fixture.add_dates(uuid, dates);
    const std::vector<std::string> days(static_cast<std::size_t>(dates), day_with({20}));
    if (rewrite) {
        REQUIRE(service.put_schedules(uuid, name, days).ok());
    }
    REQUIRE(services.events.get_event(uuid).ok());
    const auto before = fixture.storage->statements_sent();
    REQUIRE(service.put_schedules(uuid, name, days).ok());
    return fixture.storage->statements_sent() - before;
}

}  // namespace

// Each count: the read of the event (the dates come from the answers cache,
// which the read before filled; the event's row says no name of it has a
// password, so the passwords are not read), then the write.
// The answers table's triggers bump a counter of the event's answers inside
// the write.
// SQLite's BEGIN IMMEDIATE is a statement of its own; MySQL's BEGIN is not
// sent as one, and neither's COMMIT is.
// A newcomer's two writes are one transaction, ordered with the removal of
// the name by the event's row lock (issue 26): SQLite's BEGIN IMMEDIATE
// holds it, MySQL takes it shared with one statement.
TEST_CASE_METHOD(StorageFixture,
                 "without a limit on people a newcomer's whole schedule is one transaction of "
                 "three statements after the event's row, for 2 dates or 60",
                 "[sql][sql-only][schedule]") {
    auto unlimited = make_services(0, k_default_max_members);
    const auto small = put_cost(*this, *unlimited, 2, "Ann");
    const auto large = put_cost(*this, *unlimited, 60, "Ann");
    CHECK(small == large);
    // The event; BEGIN IMMEDIATE or the shared lock; the day rows in one
    // insert; the answers' row.
    CHECK(large == 4u);
}

TEST_CASE_METHOD(StorageFixture,
                 "under a limit a newcomer's whole schedule is written in the same statements for "
                 "2 dates or 60",
                 "[sql][sql-only][schedule]") {
    // A transaction: whether the name is known, the lock of the event's row
    // (on SQLite, BEGIN IMMEDIATE's lock of the file), the count of people
    // against the limit, the day rows, the answers' row.
    const auto small = put_cost(*this, *services, 2, "Ann");
    const auto large = put_cost(*this, *services, 60, "Ann");
    CHECK(small == large);
    CHECK(large == 6u);
}

// The rewrite's rows are those the read before it kept: the person's answers
// row is changed in place, checked against their ids, with no insert and no
// count of people.
TEST_CASE_METHOD(StorageFixture,
                 "a person whose rows the server has read rewrites them in one statement after "
                 "the event's row, under a limit or not, for 2 dates or 60",
                 "[sql][sql-only][schedule]") {
    auto unlimited = make_services(0, k_default_max_members);
    for (Services* with : {services.get(), unlimited.get()}) {
        const auto small = put_cost(*this, *with, 2, "Ann", true);
        const auto large = put_cost(*this, *with, 60, "Ann", true);
        CHECK(small == large);
        CHECK(large == 2u);  // the event, the update of one row
    }
}

TEST_CASE_METHOD(StorageFixture,
                 "a write's hints of a person's rows are checked: rows of another name or gone "
                 "are never changed, and the whole schedule is stored",
                 "[sql][schedule]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    REQUIRE(schedules->put_schedules(uuid, "Bo", {day_with({1}), day_with({2})}).ok());
    const auto details = events->get_event(uuid);
    REQUIRE(details.ok());
    const auto bo = schedules->list_schedules(uuid, std::string("Bo"));
    REQUIRE(bo.ok());
    REQUIRE(bo->size() == 2);
    // Ann's slots 7 and 8 on the two dates, the write given `first` and
    // `second` as the rows it saw of hers; the rows it answers are stored.
    auto write_ann = [&](ScheduleRepository::SeenRow first, ScheduleRepository::SeenRow second) {
        auto day = [&](std::size_t i, int slot, ScheduleRepository::SeenRow seen) {
            return ScheduleRepository::DayEntry{
                details->dates[i].id, details->dates[i].date,
                *DayAvailability::parse(day_with({slot}), 48, Answers::with_if_needed), seen};
        };
        const std::vector<ScheduleRepository::DayEntry> days = {day(0, 7, first),
                                                                day(1, 8, second)};
        auto put =
            storage->schedules().put_schedules(details->event.id, "Ann", days, clock.now(), 0);
        REQUIRE(put.ok());
        CHECK(*schedules->list_schedules(uuid, std::string("Ann")) == *put);
        return *put;
    };
    SECTION("hints naming another person's rows") {
        const auto put =
            write_ann({(*bo)[0].id, (*bo)[0].created_at}, {(*bo)[1].id, (*bo)[1].created_at});
        CHECK(put.at(0).id != (*bo)[0].id);
        CHECK(put.at(1).id != (*bo)[1].id);
    }
    SECTION("hints naming rows that are gone") {
        write_ann({(*bo)[1].id + 1000, 0}, {(*bo)[1].id + 1001, 0});
    }
    auto ann = schedules->list_schedules(uuid, std::string("Ann"));
    REQUIRE(ann.ok());
    REQUIRE(ann->size() == 2);
    CHECK((*ann)[0].availability.is_available(7));
    CHECK((*ann)[1].availability.is_available(8));
    CHECK(*schedules->list_schedules(uuid, std::string("Bo")) == *bo);
}

TEST_CASE_METHOD(StorageFixture,
                 "first writers racing to protect one name: one password wins, the others are "
                 "refused, and the name keeps one schedule",
                 "[sql][schedule]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    constexpr int k_writers = 4;
    std::vector<ErrorKind> outcome(k_writers, ErrorKind::unavailable);
    std::vector<bool> stored(k_writers, false);
    std::vector<std::thread> writers;
    for (int w = 0; w < k_writers; ++w) {
        writers.emplace_back([&, w] {
            auto put = schedules->put_schedules(uuid, "Ann", {day_with({w})},
                                                "secret-" + std::to_string(w));
            stored[static_cast<std::size_t>(w)] = put.ok();
            if (!put.ok()) {
                outcome[static_cast<std::size_t>(w)] = put.error().kind;
            }
        });
    }
    for (auto& writer : writers) {
        writer.join();
    }
    int winners = 0;
    int winner = -1;
    for (int w = 0; w < k_writers; ++w) {
        if (stored[static_cast<std::size_t>(w)]) {
            ++winners;
            winner = w;
        } else {
            CHECK(outcome[static_cast<std::size_t>(w)] == ErrorKind::forbidden);
        }
    }
    // The first claim wins; a later writer with another password is refused
    // (one that ran after the winner finished is refused the same way).
    REQUIRE(winners == 1);
    CHECK(schedules->verify_participant(uuid, "Ann", "secret-" + std::to_string(winner)).ok());
    auto rows = schedules->list_schedules(uuid, "Ann");
    REQUIRE(rows->size() == 1);
    CHECK(rows->at(0).availability.is_available(winner));
}

TEST_CASE_METHOD(StorageFixture,
                 "an event counts the names a password protects as they are claimed and removed, "
                 "and a protected name still needs its password",
                 "[schedule]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    auto protected_names = [&] { return events->get_event(uuid)->event.protected_names; };
    CHECK(protected_names() == 0);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1})}, "secret-a").ok());
    REQUIRE(schedules->put_schedules(uuid, "Bo", {day_with({1})}).ok());
    CHECK(protected_names() == 1);
    REQUIRE(schedules->put_schedules(uuid, "Cy", {day_with({1})}, "secret-c").ok());
    CHECK(protected_names() == 2);
    REQUIRE(schedules->delete_person(uuid, "Ann", "secret-a", std::nullopt).ok());
    CHECK(protected_names() == 1);
    CHECK(schedules->put_schedules(uuid, "Cy", {day_with({2})}).error().kind ==
          ErrorKind::unauthorized);
    CHECK(schedules->put_schedules(uuid, "Bo", {day_with({2})}).ok());
    REQUIRE(schedules->delete_person(uuid, "Cy", std::nullopt, created.admin_token).ok());
    CHECK(protected_names() == 0);
}
