// The fixture of the shared storage suite: a migrated database of the backend
// the executable was built for, and the use cases wired to it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "../support/fixed_clock.hpp"
#include "bistime/core/services.hpp"
#include "bistime/ical/libical_reader.hpp"
#include "bistime/ical/libical_writer.hpp"
#include "bistime/platform/icu_unicode_text.hpp"
#include "bistime/platform/sodium_random.hpp"
#include "bistime/platform/sodium_secret_hasher.hpp"
#include "bistime/platform/tz_database.hpp"
#include "bistime/sql/sql_storage.hpp"

namespace bistime::testing {

// The storage the suite runs on: the SQL adapter (on SQLite or MariaDB) or the
// in-memory adapter. The rules are the same; what only SQL has (statement
// counts, migrations) is in tests tagged [sql-only].
class TestStorage {
  public:
    virtual ~TestStorage() = default;
    virtual EventRepository& events() = 0;
    virtual EventDateRepository& dates() = 0;
    virtual ScheduleRepository& schedules() = 0;
    virtual FeedbackRepository& feedback() = 0;
    virtual ParticipantRepository& participants() = 0;
    virtual TeamRepository& teams() = 0;
    virtual SubgroupRepository& subgroups() = 0;
    virtual MemberRepository& members() = 0;
    virtual RegularEventRepository& regular_events() = 0;
    virtual AttemptLog& attempts() = 0;
    virtual UnitOfWork& units() = 0;
    StoragePorts ports() {
        return {events(),    dates(),   schedules(),      participants(), feedback(), teams(),
                subgroups(), members(), regular_events(), attempts(),     units()};
    }
    // SQL only; 0 elsewhere.
    virtual std::uint64_t statements_sent() const { return 0; }
    virtual int schema_version() const { return 0; }
};

// Defined by each backend's executable: a fresh storage for one fixture (or
// a shared database where tests only touch rows they created).
std::unique_ptr<TestStorage> open_test_storage();
// Defined by each backend's executable: the URL of the fixture's database
// ("" for the in-memory adapter), for tests that open it again.
std::string test_database_url();

class StorageFixture {
  public:
    StorageFixture();

    // Creates an event with the given window; returns its details and token.
    CreatedEvent create_event(const std::string& title = "Study group",
                              const std::string& start = "09:00", const std::string& end = "18:00");
    // Adds `count` consecutive dates starting `first_offset` days after today.
    void add_dates(const std::string& uuid, int count, int first_offset = 1);

    std::unique_ptr<TestStorage> storage;
    FixedClock clock{*CalendarDate::from_ymd(2030, 1, 10)};
    platform::SodiumRandom random;
    platform::SodiumSecretHasher hasher;
    platform::TzDatabase zones;
    ical::LibicalReader calendars;
    ical::LibicalWriter calendar_writer;
    platform::IcuUnicodeText unicode;
    // Every use case on this storage, with the server's default limits; and
    // short names for each service.
    std::unique_ptr<Services> services;
    EventService* events = nullptr;
    DateService* date_service = nullptr;
    DecisionService* decisions = nullptr;
    AvailabilityQueries* availability = nullptr;
    ScheduleService* schedules = nullptr;
    FeedbackService* feedback = nullptr;
    TeamService* teams = nullptr;
    SubgroupService* subgroups = nullptr;
    RegularEventService* regular_events = nullptr;
    MemberService* members = nullptr;

    // The use cases on the same storage with other settings (limits).
    std::unique_ptr<Services> make_services(std::size_t max_people, std::size_t max_members);
    // The use cases on other storage (a second server's), with the same
    // platform and no limits.
    std::unique_ptr<Services> services_on(const StoragePorts& other, std::size_t max_people = 0,
                                          std::size_t max_members = 0);

    // Creates a team with a unique name and the answer "Kim".
    TeamWithCode create_team(const std::string& name_prefix = "Team");
    // Adds a member with every slot of `free_days` (Monday = 0) free from 09:00 to 10:00.
    Member add_member(const Team& team, const std::string& name,
                      std::optional<std::string> subgroup = std::nullopt,
                      std::initializer_list<int> free_days = {0});
};

// The two-servers rule, run: `write(slot)` moves one person's only free
// slot of day 0 to `slot` on one server (slots 1 to 47 in turn, each write
// acknowledged before the next), while a thread reads on another server,
// `read()` giving the overlap it sees (nullopt when the read failed). A read
// is stale when it shows a slot older than the last write acknowledged
// before it began.
struct StaleReads {
    int reads = 0;
    int stale = 0;
};
StaleReads count_stale_reads(const std::function<void(int)>& write,
                             const std::function<std::optional<AvailabilityOverlap>()>& read);

// Seven day strings: `free_days` have slots 18 and 19 set.
std::vector<std::string> week_with(std::initializer_list<int> free_days);

// A CreateEventInput with these fields and defaults for the rest.
CreateEventInput event_input(std::string title, std::optional<std::string> start = std::nullopt,
                             std::optional<std::string> end = std::nullopt,
                             std::optional<std::string> team = std::nullopt,
                             std::optional<std::string> description = std::nullopt,
                             std::optional<std::string> location = std::nullopt);

// A day string with the given slots available.
std::string day_with(std::initializer_list<int> slots);

}  // namespace bistime::testing
