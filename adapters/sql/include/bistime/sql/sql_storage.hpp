// SqlStorage: the storage ports of the core on SOCI, for SQLite (the embedded
// default) and MySQL/MariaDB, chosen by the database URL:
//
//   sqlite:<path>                               a file, created when missing
//   mysql://user:password@host:port/database    user and password percent-encoded
//
// Opening applies the versioned schema migrations (table schema_version).
// A lost connection is reopened on its next use; while the database cannot
// be reached, operations fail at once with Error{unavailable} and one at a
// time probes it, so the storage recovers by itself when the database returns.
// Connections come from a pool of `pool_size`; every operation leases one, so
// the repositories are safe to use from many threads. Operations that must be
// atomic run in one transaction and are retried a few times on deadlock or a
// busy database. Database errors never escape: a uniqueness violation becomes
// Error{conflict}, anything else Error{unavailable}, with the cause logged.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/services.hpp"
#include "bistime/core/team_ports.hpp"

namespace bistime::sql {

struct StorageOptions {
    std::string url = "sqlite:bistime.db";
    std::size_t pool_size = 4;
    // Bounds every wait on the database: connecting, each read and write (on
    // MySQL), row and file locks, a free connection. Past it the operation
    // fails with Error{unavailable}.
    std::chrono::seconds timeout{3};
    // SQLite only: this process owns the file. Opening takes an exclusive
    // lock on it and fails (unavailable) while another process holds one.
    // With no other writer possible, the storage knows from its own writes
    // when an event's row is unchanged, and serves it from memory: reading
    // an unchanged event then sends no statement at all. The server sets
    // it; several processes on one database need MySQL/MariaDB.
    bool sole_writer = false;
};

class SqlStorage {
  public:
    // Errors: invalid (a URL it cannot read), unavailable (cannot connect or migrate).
    static Result<std::unique_ptr<SqlStorage>> open(const StorageOptions& options);
    ~SqlStorage();
    SqlStorage(const SqlStorage&) = delete;
    SqlStorage& operator=(const SqlStorage&) = delete;

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
    // Units of work: one transaction on one connection that the repository
    // calls made during it join.
    UnitOfWork& units();
    // All of the above, for bistime::Services.
    StoragePorts ports();

    // The schema version the database is at after open().
    int schema_version() const;
    // How many SQL statements have been sent since open(); lets tests prove
    // that a request costs a constant number of them.
    std::uint64_t statements_sent() const;
    // Whether the last contact with the database failed (it is then probed,
    // not used).
    bool unreachable() const;
    // "sqlite" or "mysql".
    std::string backend() const;

    // Whether the database answers now: one trivial statement through the
    // pool, bounded by the timeout. Errors: unavailable.
    Result<void> check_ready();

    // What the connection pool has met since open().
    struct PoolStats {
        std::size_t connections = 0;
        std::uint64_t leases = 0;     // connections handed out to work
        std::uint64_t waits = 0;      // leases that waited for a free connection
        std::uint64_t shed = 0;       // work refused: no connection came free in time
        std::uint64_t refused = 0;    // work refused at once while the database was down
        std::uint64_t conflicts = 0;  // statements retried: deadlock, lock wait, busy
        std::uint64_t failures = 0;   // statements failed: connection lost, or refused
    };
    PoolStats pool_stats() const;

  private:
    struct Impl;
    explicit SqlStorage(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace bistime::sql
