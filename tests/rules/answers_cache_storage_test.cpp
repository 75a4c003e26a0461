// Events' answers kept between reads (AnswersCache): a read never shows an
// answer older than the last write acknowledged before it began, whichever
// server took the write.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

TEST_CASE_METHOD(StorageFixture, "a read after a write sees the write, through the cache",
                 "[sql][cache]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1}), day_with({2})}).ok());
    CHECK(events->get_event(uuid)->overlap.count(0, 1) == 1);
    const auto before = services->cache_stats();
    CHECK(events->get_event(uuid)->overlap.count(0, 1) == 1);
    CHECK(services->cache_stats().hits == before.hits + 1);

    REQUIRE(schedules->put_schedules(uuid, "Bo", {day_with({1}), day_with({3})}).ok());
    CHECK(events->get_event(uuid)->overlap.count(0, 1) == 2);
    REQUIRE(schedules->patch_schedule(uuid, "Bo", DayRef("2030-01-11"), day_with({20})).ok());
    CHECK(events->get_event(uuid)->overlap.count(0, 1) == 1);
    REQUIRE(schedules->delete_person(uuid, "Ann").ok());
    CHECK(events->get_event(uuid)->participants == std::vector<std::string>{"Bo"});
    const RowId second = events->get_event(uuid)->dates.at(1).id;
    REQUIRE(date_service->delete_date(second, created.admin_token).ok());
    CHECK(events->get_event(uuid)->dates.size() == 1);
    REQUIRE(date_service->add_dates(uuid, {"2030-03-01"}).ok());
    CHECK(events->get_event(uuid)->dates.size() == 2);
    auto best = availability->best_times(uuid, {});
    REQUIRE(best.ok());
    CHECK(best->at(0).available == std::vector<std::string>{"Bo"});
}

TEST_CASE_METHOD(StorageFixture, "reading an unchanged event costs its row alone",
                 "[sql][sql-only][cache]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 5);
    for (const char* name : {"Ann", "Bo", "Cy"}) {
        REQUIRE(
            schedules->put_schedules(uuid, name, std::vector<std::string>(5, day_with({4}))).ok());
    }
    REQUIRE(events->get_event(uuid).ok());  // the first read fills the cache
    auto before = storage->statements_sent();
    REQUIRE(events->get_event(uuid).ok());
    CHECK(storage->statements_sent() - before == 1);  // the event's row
    before = storage->statements_sent();
    REQUIRE(availability->best_times(uuid, {}).ok());
    CHECK(storage->statements_sent() - before == 1);
    before = storage->statements_sent();
    REQUIRE(availability->grid(uuid, std::nullopt).ok());
    CHECK(storage->statements_sent() - before == 1);
}

TEST_CASE_METHOD(StorageFixture, "the cache keeps to its bound, evicting the least recently used",
                 "[cache]") {
    AnswersCache cache(2000);
    auto answers = [](RowId id, std::int64_t version) {
        auto made = std::make_shared<EventAnswers>();
        made->event_id = id;
        made->version = version;
        made->people.assign(4, std::string(100, 'x'));
        return std::shared_ptr<const EventAnswers>(std::move(made));
    };
    const std::size_t one = answers(1, 0)->bytes();
    REQUIRE(one * 2 <= 2000);
    REQUIRE(one * 3 > 2000);
    cache.store(answers(1, 0));
    cache.store(answers(2, 0));
    CHECK(cache.find(1, 0) != nullptr);  // 1 is now the most recent
    cache.store(answers(3, 0));          // 2 goes
    CHECK(cache.find(2, 0) == nullptr);
    CHECK(cache.find(1, 0) != nullptr);
    CHECK(cache.find(3, 0) != nullptr);
    CHECK(cache.find(3, 1) == nullptr);  // another version is a miss
    cache.store(answers(3, 1));
    CHECK(cache.find(3, 1) != nullptr);
    CHECK(cache.find(3, 0) == nullptr);
    const auto stats = cache.stats();
    CHECK(stats.entries == 2);
    CHECK(stats.bytes <= 2000);
    CHECK(stats.evictions == 1);
    CHECK(stats.hits == 4);
    CHECK(stats.misses == 3);
}

TEST_CASE_METHOD(StorageFixture,
                 "two servers on one database: no read shows an answer older than the last "
                 "write acknowledged before it began",
                 "[sql][sql-only][cache]") {
    // A second server: its own storage (connection pool) and its own cache
    // on the same database.
    auto other_storage = open_test_storage();
    auto other = services_on(other_storage->ports());
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({0})}).ok());
    REQUIRE(other->events.get_event(uuid).ok());  // both caches hold the event
    REQUIRE(events->get_event(uuid).ok());

    // The writer moves Ann's answer slot by slot, on this server; the reader
    // reads on the other.
    const StaleReads seen = count_stale_reads(
        [&](int slot) {
            REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({slot})}).ok());
            // Reads on this server interleave too, so its cache changes hands.
            REQUIRE(events->get_event(uuid).ok());
        },
        [&]() -> std::optional<AvailabilityOverlap> {
            auto read = other->events.get_event(uuid);
            return read ? std::optional<AvailabilityOverlap>(read->overlap) : std::nullopt;
        });
    CHECK(seen.reads > 0);
    CHECK(seen.stale == 0);
    CHECK(other->events.get_event(uuid)->overlap.count(0, 47) == 1);
}

TEST_CASE_METHOD(StorageFixture,
                 "every write of answers moves the event's answers_version, whoever writes, and "
                 "only a change of dates moves its dates_version",
                 "[sql][cache]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    auto versions = [&] {
        const Event event = events->get_event(uuid)->event;
        return std::make_pair(event.answers_version, event.dates_version);
    };
    auto [answers, dates] = versions();
    // Enough names to fall into every bucket of the answers' counters.
    for (int person = 0; person < 40; ++person) {
        const std::string name = "Person " + std::to_string(person);
        REQUIRE(schedules->put_schedules(uuid, name, {day_with({person})}).ok());
        const auto now = versions();
        CHECK(now.first > answers);
        CHECK(now.second == dates);
        answers = now.first;
    }
    REQUIRE(schedules->patch_schedule(uuid, "Person 3", DayRef("2030-01-11"), day_with({1})).ok());
    CHECK(versions().first > answers);
    answers = versions().first;
    REQUIRE(schedules->delete_person(uuid, "Person 4").ok());
    CHECK(versions().first > answers);
    answers = versions().first;
    REQUIRE(date_service->add_dates(uuid, {"2030-03-01"}).ok());
    CHECK(versions().first > answers);
    CHECK(versions().second > dates);
}

TEST_CASE_METHOD(StorageFixture,
                 "a person's write moves the answers' version by one, however many days it "
                 "writes, inserted, upserted or changed in place",
                 "[sql][cache]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 7);
    const std::vector<std::string> days(7, day_with({20}));
    const std::vector<std::string> other_days(7, day_with({21}));
    auto version = [&] { return events->get_event(uuid)->event.answers_version; };
    // A name's first write inserts its rows; the next, after a read of the
    // event (version() reads it), changes them in place.
    for (const char* name : {"Ann", "Bo", "Cy"}) {
        INFO(name);
        auto before = version();
        REQUIRE(schedules->put_schedules(uuid, name, days).ok());
        CHECK(version() == before + 1);
        before = version();
        REQUIRE(schedules->put_schedules(uuid, name, other_days).ok());
        CHECK(version() == before + 1);
    }
    // A write that saw no rows of a name it has is the upsert's update.
    const auto details = events->get_event(uuid);
    REQUIRE(details.ok());
    std::vector<ScheduleRepository::DayEntry> unseen;
    for (const auto& date : details->dates) {
        unseen.push_back({date.id, date.date,
                          *DayAvailability::parse(day_with({22}), 48, Answers::with_if_needed),
                          std::nullopt});
    }
    const auto before = version();
    REQUIRE(
        storage->schedules().put_schedules(details->event.id, "Bo", unseen, clock.now(), 0).ok());
    CHECK(version() == before + 1);
    CHECK(schedules->list_schedules(uuid, std::string("Bo"))->at(6).availability.is_available(22));
}

// A person's answers are one row, written whole: a write whose hints were
// taken before one of its dates was deleted writes the days it has, and the
// deleted date's day, which has no row any more, is never shown.
TEST_CASE_METHOD(StorageFixture,
                 "a write that saw a date deleted since writes the person's other days and moves "
                 "the answers' version",
                 "[sql][sql-only][cache]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 3);
    REQUIRE(schedules->put_schedules(uuid, "Ann", std::vector<std::string>(3, day_with({1}))).ok());
    const auto details = events->get_event(uuid);
    REQUIRE(details.ok());
    const auto rows = schedules->list_schedules(uuid, std::string("Ann"));
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 3);
    std::vector<ScheduleRepository::DayEntry> days;
    for (std::size_t i = 0; i < 3; ++i) {
        days.push_back({details->dates[i].id, details->dates[i].date,
                        *DayAvailability::parse(day_with({9}), 48, Answers::with_if_needed),
                        ScheduleRepository::SeenRow{(*rows)[i].id, (*rows)[i].created_at}});
    }
    // The first date goes (with Ann's row on it) after the write saw it.
    REQUIRE(storage->dates().delete_date(details->dates[0].id).ok());
    const auto before = events->get_event(uuid)->event.answers_version;
    const auto put =
        storage->schedules().put_schedules(details->event.id, "Ann", days, clock.now(), 0);
    REQUIRE(put.ok());
    const auto after = schedules->list_schedules(uuid, std::string("Ann"));
    REQUIRE(after.ok());
    REQUIRE(after->size() == 2);
    for (const Schedule& day : *after) {
        CHECK(day.availability.is_available(9));
        CHECK_FALSE(day.availability.is_available(1));
    }
    CHECK(events->get_event(uuid)->event.answers_version > before);
}

TEST_CASE_METHOD(StorageFixture,
                 "first answers one after another read the event's dates once: each costs the "
                 "event's row and one transaction of the day rows and the answers",
                 "[sql][sql-only][cache]") {
    auto unlimited = services_on(storage->ports());
    auto created = unlimited->events.create_event(event_input("Writers"));
    REQUIRE(created.ok());
    const std::string uuid = created->details.event.uuid;
    add_dates(uuid, 3);
    REQUIRE(unlimited->events.get_event(uuid).ok());  // fills the cache
    const std::vector<std::string> days(3, day_with({20}));
    for (const char* name : {"Ann", "Bo", "Cy"}) {
        const auto before = storage->statements_sent();
        REQUIRE(unlimited->schedules.put_schedules(uuid, name, days).ok());
        // The transaction's BEGIN IMMEDIATE (SQLite) or shared lock of the
        // event's row (MySQL) is the fourth: see schedule_storage_test.cpp.
        CHECK(storage->statements_sent() - before == 4u);
    }
}

// The cached answers show no one who answered after the event was last read;
// the rows this server wrote for them stand in (WrittenRows). On a limited
// event (the server's default) an upsert also counts the people in a
// transaction, so the count tells the two apart.
TEST_CASE_METHOD(StorageFixture,
                 "a person writing again before the event is read again has their rows "
                 "changed in place: the event's row and one statement",
                 "[sql][sql-only][cache]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 3);
    REQUIRE(events->get_event(uuid).ok());  // the cache holds the event without Ann
    // Nobody reads the event between Ann's writes.
    const auto first_rows =
        schedules->put_schedules(uuid, "Ann", std::vector<std::string>(3, day_with({1})));
    REQUIRE(first_rows.ok());
    REQUIRE(schedules->put_schedules(uuid, "Bo", std::vector<std::string>(3, day_with({2}))).ok());
    for (int slot : {5, 6}) {
        const auto before = storage->statements_sent();
        const auto written =
            schedules->put_schedules(uuid, "Ann", std::vector<std::string>(3, day_with({slot})));
        REQUIRE(written.ok());
        CHECK(storage->statements_sent() - before == 2u);
        REQUIRE(written->size() == 3);
        for (std::size_t day = 0; day < 3; ++day) {
            CHECK((*written)[day].id == (*first_rows)[day].id);
            CHECK((*written)[day].created_at == (*first_rows)[day].created_at);
        }
    }
    const auto stored = schedules->list_schedules(uuid, std::string("Ann"));
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 3);
    CHECK((*stored)[2].availability.is_available(6));
    CHECK_FALSE((*stored)[2].availability.is_available(5));
    CHECK(services->written_rows_stats().hits >= 2);
}

// A hint this server kept can go stale on another server: Ann deleted there
// and written again has new rows. The write here misses its hints and
// upserts; nothing of the old rows is written, and the next write has the
// new rows' hints.
TEST_CASE_METHOD(StorageFixture,
                 "rows deleted and written again on another server are never written "
                 "through the hints this server kept",
                 "[sql][sql-only][cache]") {
    auto other_storage = open_test_storage();
    auto other = services_on(other_storage->ports());
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    // The event is read here before Ann answers, never after: this server's
    // hints for Ann are the rows it wrote.
    REQUIRE(events->get_event(uuid).ok());
    const auto old_rows =
        schedules->put_schedules(uuid, "Ann", std::vector<std::string>(2, day_with({1})));
    REQUIRE(old_rows.ok());
    REQUIRE(other->schedules.delete_person(uuid, "Ann").ok());
    REQUIRE(other->schedules.put_schedules(uuid, "Ann", std::vector<std::string>(2, day_with({2})))
                .ok());
    REQUIRE(schedules->put_schedules(uuid, "Bo", std::vector<std::string>(2, day_with({2}))).ok());
    const auto written =
        schedules->put_schedules(uuid, "Ann", std::vector<std::string>(2, day_with({3})));
    REQUIRE(written.ok());
    const auto stored = other->schedules.list_schedules(uuid, std::string("Ann"));
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 2);
    for (std::size_t day = 0; day < 2; ++day) {
        CHECK((*stored)[day].id != (*old_rows)[day].id);
        CHECK((*stored)[day].id == (*written)[day].id);
        CHECK((*stored)[day].availability.is_available(3));
        CHECK_FALSE((*stored)[day].availability.is_available(2));
    }
    REQUIRE(schedules->put_schedules(uuid, "Bo", std::vector<std::string>(2, day_with({4}))).ok());
    const auto before = storage->statements_sent();
    REQUIRE(schedules->put_schedules(uuid, "Ann", std::vector<std::string>(2, day_with({4}))).ok());
    CHECK(storage->statements_sent() - before == 2u);
}

// On MariaDB a write reads the event's row without the answers' version
// (find_event_to_write): it must not look the answers up by a version it
// does not have, which would count a miss for every write.
TEST_CASE_METHOD(StorageFixture, "a person's write counts no miss in the answers cache",
                 "[sql][cache]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 2);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({1}), day_with({2})}).ok());
    REQUIRE(events->get_event(uuid).ok());
    const auto before = services->cache_stats();
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({3}), day_with({4})}).ok());
    REQUIRE(schedules->put_schedules(uuid, "Bo", {day_with({3}), day_with({4})}).ok());
    CHECK(services->cache_stats().misses == before.misses);
    CHECK(events->get_event(uuid)->participants == std::vector<std::string>{"Ann", "Bo"});
}

TEST_CASE_METHOD(StorageFixture, "a remembered ranking is never shown after the answers change",
                 "[sql][cache]") {
    auto created = create_event();
    const auto& uuid = created.details.event.uuid;
    add_dates(uuid, 1);
    REQUIRE(schedules->put_schedules(uuid, "Ann", {day_with({20, 21})}).ok());
    BestTimesInput hour;
    hour.duration_minutes = 60;
    CHECK(availability->best_times(uuid, hour)->at(0).available == std::vector<std::string>{"Ann"});
    CHECK(availability->best_times(uuid, hour)->at(0).available ==
          std::vector<std::string>{"Ann"});  // the same question, remembered
    REQUIRE(schedules->put_schedules(uuid, "Bo", {day_with({20, 21})}).ok());
    CHECK(availability->best_times(uuid, hour)->at(0).available ==
          (std::vector<std::string>{"Ann", "Bo"}));
    // Another question about the same revision is ranked anew.
    hour.required = {"Bo"};
    CHECK(availability->best_times(uuid, hour)->at(0).available ==
          (std::vector<std::string>{"Ann", "Bo"}));
    hour.required = {"Cy"};
    CHECK(availability->best_times(uuid, hour).error().kind == ErrorKind::invalid);
    // A change to the event's window is a new revision too.
    REQUIRE(events
                ->update_event(
                    uuid, created.admin_token,
                    {std::nullopt, "11:00", "18:00", std::nullopt, std::nullopt, std::nullopt})
                .ok());
    hour.required.clear();
    CHECK(availability->best_times(uuid, hour)->empty());  // 10:00–11:00 is outside it now
}

TEST_CASE("concurrent misses of one event share a single load", "[cache]") {
    AnswersCache cache(std::size_t{1} << 20);
    std::atomic<int> loads{0};
    auto loader = [&]() -> Result<std::shared_ptr<const EventAnswers>> {
        ++loads;
        // Hold the load until every other reader is waiting on it.
        while (cache.stats().shared_loads < 7) {
            std::this_thread::yield();
        }
        auto made = std::make_shared<EventAnswers>();
        made->event_id = 9;
        made->version = 3;
        return std::shared_ptr<const EventAnswers>(std::move(made));
    };
    std::vector<std::thread> readers;
    std::atomic<int> answered{0};
    for (int i = 0; i < 8; ++i) {
        readers.emplace_back([&] {
            auto answers = cache.find_or_load(9, 3, loader);
            if (answers.ok() && (*answers)->event_id == 9) {
                ++answered;
            }
        });
    }
    for (auto& reader : readers) {
        reader.join();
    }
    CHECK(loads.load() == 1);
    CHECK(answered.load() == 8);
    CHECK(cache.find(9, 3) != nullptr);
    // A failed load is not kept: the next reader loads again.
    auto failed = cache.find_or_load(9, 4, [] {
        return Result<std::shared_ptr<const EventAnswers>>(Error::unavailable("down"));
    });
    CHECK(failed.error().kind == ErrorKind::unavailable);
    CHECK(cache.find(9, 4) == nullptr);
}

namespace {

bool on_sqlite() {
    return test_database_url().rfind("sqlite:", 0) == 0;
}

// The storage as the server opens it: the sole writer of an SQLite file.
std::unique_ptr<sql::SqlStorage> open_as_server() {
    auto opened = sql::SqlStorage::open({test_database_url(), 2, std::chrono::seconds(3), true});
    REQUIRE(opened.ok());
    return std::move(*opened);
}

}  // namespace

TEST_CASE_METHOD(StorageFixture,
                 "reading an unchanged event of a SQLite file the server owns sends no statement, "
                 "and a write is read at once",
                 "[sql][sql-only][cache]") {
    auto owned = open_as_server();
    const auto as_server = services_on(owned->ports(), k_default_max_people, k_default_max_members);
    Services& server = *as_server;
    auto created = server.events.create_event(event_input("Owned"));
    REQUIRE(created.ok());
    const std::string uuid = created->details.event.uuid;
    REQUIRE(server.dates.add_dates(uuid, {"2030-01-11", "2030-01-12"}).ok());
    REQUIRE(server.schedules.put_schedules(uuid, "Ann", {day_with({1}), day_with({2})}).ok());
    REQUIRE(server.events.get_event(uuid).ok());  // fills the caches
    REQUIRE(server.events.get_event(uuid).ok());
    auto before = owned->statements_sent();
    auto read = server.events.get_event(uuid);
    REQUIRE(read.ok());
    // On MySQL other servers may write: the event's row is read every time.
    CHECK(owned->statements_sent() - before == (on_sqlite() ? 0u : 1u));
    CHECK(read->participants == std::vector<std::string>{"Ann"});

    REQUIRE(server.schedules.put_schedules(uuid, "Bo", {day_with({1}), day_with({3})}).ok());
    CHECK(server.events.get_event(uuid)->participants == std::vector<std::string>{"Ann", "Bo"});
    EventPatch renamed;
    renamed.title = "Renamed";
    REQUIRE(server.events.update_event(uuid, created->admin_token, renamed).ok());
    CHECK(server.events.get_event(uuid)->event.title == "Renamed");
}

TEST_CASE_METHOD(StorageFixture, "a SQLite file has one owner: a second server cannot open it",
                 "[sql][sql-only]") {
    if (!on_sqlite()) {
        SUCCEED("on MySQL any number of servers share the database");
        return;
    }
    auto first = open_as_server();
    auto second = sql::SqlStorage::open({test_database_url(), 2, std::chrono::seconds(3), true});
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().kind == ErrorKind::unavailable);
    CHECK(second.error().message.find("another process") != std::string::npos);
    first.reset();
    CHECK(sql::SqlStorage::open({test_database_url(), 2, std::chrono::seconds(3), true}).ok());
}
