// Services: every use case of BisTime, wired once to the ports.
//
// The one place where the use cases are built, for every driving side (the
// server, the tests, the fuzzers, a C++ service linking the core): give it a
// storage (the SQL adapter, or BisTime::memory), the platform's clock,
// randomness, secrets, zones and calendar reader, and the settings. Each
// member is one cohesive service; the rules they share (EventAccess,
// TeamAccess) are built here once. Not copyable: the services refer to each
// other's shared pieces by reference.
#pragma once

#include <cstddef>
#include <string>

#include "bistime/core/answers_cache.hpp"
#include "bistime/core/availability_queries.hpp"
#include "bistime/core/calendar_export.hpp"
#include "bistime/core/date_service.hpp"
#include "bistime/core/decision_service.hpp"
#include "bistime/core/event_access.hpp"
#include "bistime/core/event_service.hpp"
#include "bistime/core/feedback_service.hpp"
#include "bistime/core/member_service.hpp"
#include "bistime/core/names.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/regular_event_service.hpp"
#include "bistime/core/schedule_service.hpp"
#include "bistime/core/subgroup_service.hpp"
#include "bistime/core/team_access.hpp"
#include "bistime/core/team_ports.hpp"
#include "bistime/core/team_service.hpp"

namespace bistime {

// Every storage port, as one storage adapter provides them.
struct StoragePorts {
    EventRepository& events;
    EventDateRepository& dates;
    ScheduleRepository& schedules;
    ParticipantRepository& participants;
    FeedbackRepository& feedback;
    TeamRepository& teams;
    SubgroupRepository& subgroups;
    MemberRepository& members;
    RegularEventRepository& regular_events;
    AttemptLog& attempts;
    UnitOfWork& unit;
};

// What the use cases need from the machine.
struct PlatformPorts {
    const Clock& clock;
    RandomSource& random;
    const SecretHasher& hasher;
    const TimeZones& zones;
    const CalendarReader& calendars;
    const CalendarWriter& calendar_writer;
    const UnicodeText& unicode;  // names' normalization and properties (NameRules)
};

struct ServiceSettings {
    // The server's IANA zone: events' and teams' default, "today", members' weeks.
    std::string zone = "UTC";
    std::size_t max_people = k_default_max_people;    // per event; 0: no limit
    std::size_t max_members = k_default_max_members;  // per team; 0: no limit
    // The public link of an event, "{uuid}" standing for its uuid
    // ("https://bistime.example/e/{uuid}"), written into calendars; "" for none.
    std::string event_link;
    // Memory for events' answers between reads (AnswersCache); 0: none.
    std::size_t cache_bytes = std::size_t{64} << 20;
    // Memory for teams' rosters between reads (TeamRosterCache); 0: none.
    std::size_t roster_cache_bytes = std::size_t{16} << 20;
};

class Services {
  public:
    Services(const StoragePorts& storage, const PlatformPorts& platform,
             const ServiceSettings& settings);
    Services(const Services&) = delete;
    Services& operator=(const Services&) = delete;

  private:
    // Declared first: the services below hold references to them.
    EventAccess event_access_;
    TeamAccess team_access_;
    NameRules names_;
    AnswersCache answers_cache_;
    TeamRosterCache roster_cache_;

  public:
    // How the cache of events' answers has done so far.
    AnswersCache::Stats cache_stats() const { return answers_cache_.stats(); }
    // And the memo of rows this server wrote (hits: writes it told where
    // their rows were).
    CacheStats written_rows_stats() const { return answers_cache_.written_rows().stats(); }
    // And the cache of teams' rosters.
    TeamRosterCache::Stats roster_cache_stats() const { return roster_cache_.stats(); }

    EventService events;
    DateService dates;
    DecisionService decisions;
    AvailabilityQueries availability;
    ScheduleService schedules;
    FeedbackService feedback;
    TeamService teams;
    SubgroupService subgroups;
    RegularEventService regular_events;
    MemberService members;
};

}  // namespace bistime
