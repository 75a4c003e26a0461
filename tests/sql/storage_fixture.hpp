// The fixture of the shared storage suite: a migrated database of the backend
// the executable was built for, and the use cases wired to it.
#pragma once

#include <memory>
#include <string>

#include "../support/fixed_clock.hpp"
#include "bistime/core/event_service.hpp"
#include "bistime/core/feedback_service.hpp"
#include "bistime/core/member_service.hpp"
#include "bistime/core/schedule_service.hpp"
#include "bistime/core/team_service.hpp"
#include "bistime/ical/libical_reader.hpp"
#include "bistime/platform/sodium_random.hpp"
#include "bistime/platform/sodium_secret_hasher.hpp"
#include "bistime/platform/tz_database.hpp"
#include "bistime/sql/sql_storage.hpp"

namespace bistime::testing {

// Defined by each backend's executable: the URL of a database to use; each
// call gives one no other fixture uses, or a shared one where tests only touch
// rows they created.
std::string test_database_url();

class StorageFixture {
  public:
    StorageFixture();

    // Creates an event with the given window; returns its details and token.
    CreatedEvent create_event(const std::string& title = "Study group",
                              const std::string& start = "09:00", const std::string& end = "18:00");
    // Adds `count` consecutive dates starting `first_offset` days after today.
    void add_dates(const std::string& uuid, int count, int first_offset = 1);

    std::unique_ptr<sql::SqlStorage> storage;
    FixedClock clock{*CalendarDate::from_ymd(2030, 1, 10)};
    platform::SodiumRandom random;
    platform::SodiumSecretHasher hasher;
    platform::TzDatabase zones;
    ical::LibicalReader calendars;
    std::unique_ptr<EventService> events;
    std::unique_ptr<ScheduleService> schedules;
    std::unique_ptr<FeedbackService> feedback;
    std::unique_ptr<TeamService> teams;
    std::unique_ptr<MemberService> members;

    // Creates a team with a unique name and the answer "Kim".
    TeamWithCode create_team(const std::string& name_prefix = "Team");
    // Adds a member with every slot of `free_days` (Monday = 0) free from 09:00 to 10:00.
    Member add_member(const Team& team, const std::string& name,
                      std::optional<std::string> subgroup = std::nullopt,
                      std::initializer_list<int> free_days = {0});
};

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
