// MemoryStorage: every storage port of the core, kept in memory.
//
// For two kinds of user: the core's own tests, which check every use-case
// rule without a database, and C++ services that link the core and want its
// use cases without writing storage of their own. It keeps the ports'
// promises as the SQL adapter does — the same orderings, uniqueness rules,
// limits and errors (conflict, not_found, invalid, too_many_attempts) — and
// one mutex makes every operation atomic and safe from any thread. Nothing
// persists: the data lives as long as the object.
#pragma once

#include <memory>

#include "bistime/core/ports.hpp"
#include "bistime/core/services.hpp"
#include "bistime/core/team_ports.hpp"

namespace bistime::memory {

class MemoryStorage {
  public:
    MemoryStorage();
    ~MemoryStorage();
    MemoryStorage(const MemoryStorage&) = delete;
    MemoryStorage& operator=(const MemoryStorage&) = delete;

    EventRepository& events();
    EventDateRepository& dates();
    ScheduleRepository& schedules();
    FeedbackRepository& feedback();
    ParticipantRepository& participants();
    TeamRepository& teams();
    SubgroupRepository& subgroups();
    MemberRepository& members();
    RegularEventRepository& regular_events();
    AttemptLog& attempts();
    // Units of work: the rows as they were at a unit's start come back when
    // it fails. One unit runs at a time, holding the storage's lock.
    UnitOfWork& units();
    // All of the above, for bistime::Services.
    StoragePorts ports();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace bistime::memory
