// Database: the connection pool of the SQL adapter and the one place where
// SOCI exceptions become core Errors.
//
// run() leases a connection for one piece of work; transact() wraps the work
// in a transaction (BEGIN IMMEDIATE on SQLite, so that writers queue instead
// of failing to upgrade their locks) and retries it on deadlock or a busy
// database. The work returns a Result: an Error from it rolls back.
//
// unit() is the core's unit of work: one transaction on one connection that
// every run() and transact() made on the same thread during it joins (they
// use its connection and leave begin, commit and retry to it), so that the
// writes of several repositories land together. A failure in a joined call
// unwinds to the unit, which rolls back and retries the whole of it.
//
// Faults: a connection that fails is marked broken and reopened before its
// next use. While the database is unreachable (ConnectionHealth), requests
// are refused at once with Error{unavailable}, one probe at a time tries to
// reconnect with backoff, and recovery needs no restart. Every wait — connect,
// read, write, lock, a free connection — is bounded by the timeout.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "bistime/core/result.hpp"
#include "connection_health.hpp"
#include "database_url.hpp"
#include "failure_log.hpp"

namespace bistime::sql::detail {

// "<name> holds no BisTime database: …", the refusal of a database that
// some other program made.
std::string not_a_bistime_database(const std::string& name);

class Database {
  public:
    // Opens `pool_size` connections. `timeout` bounds connecting, each read
    // and write on MySQL, lock waits, and waiting for a free connection.
    // `sole_writer` (SQLite files only): first takes an exclusive lock on the
    // file for the life of this Database, so that no other process writes
    // it; see quiet_mark(). Errors: unavailable (cannot connect; the file is
    // another process's), invalid (an existing SQLite file that holds no
    // BisTime database).
    static Result<std::unique_ptr<Database>> open(const DatabaseTarget& target,
                                                  std::size_t pool_size,
                                                  std::chrono::seconds timeout,
                                                  bool sole_writer = false);
    ~Database();

    Dialect dialect() const { return dialect_; }
    std::uint64_t statements_sent() const { return statements_->load(); }
    // What the pool has met since open(), for the server's metrics.
    struct PoolStats {
        std::uint64_t leases = 0;     // connections handed out
        std::uint64_t waits = 0;      // leases that had to wait for a free connection
        std::uint64_t shed = 0;       // requests refused: no connection came free in time
        std::uint64_t refused = 0;    // requests refused while the database was down
        std::uint64_t conflicts = 0;  // retried: deadlock, lock wait, busy database
        std::uint64_t failures = 0;   // work that failed: connection lost or refused
    };
    PoolStats pool_stats() const;
    const ConnectionHealth& health() const { return health_; }

    template <typename Work>
    auto run(std::string_view what, Work&& work) -> std::invoke_result_t<Work, soci::session&> {
        return attempt(what, false, true, std::forward<Work>(work));
    }
    template <typename Work>
    auto transact(std::string_view what, Work&& work)
        -> std::invoke_result_t<Work, soci::session&> {
        return attempt(what, true, true, std::forward<Work>(work));
    }
    // run() for work that only reads: it does not disturb quiet_mark().
    template <typename Work>
    auto read(std::string_view what, Work&& work) -> std::invoke_result_t<Work, soci::session&> {
        return attempt(what, false, false, std::forward<Work>(work));
    }

    // For a sole writer: a mark of "no write under way, and none since this
    // mark", nullopt when a write is under way or this Database is not the
    // file's sole writer. A row read (with read()) between two equal marks is
    // current for as long as the mark stays the same: every write this
    // process makes, through run(), transact() or unit(), moves it, and no
    // other process can write the file.
    std::optional<std::uint64_t> quiet_mark() const {
        if (!sole_writer_) {
            return std::nullopt;
        }
        const std::uint64_t ended = writes_ended_.load();
        const std::uint64_t begun = writes_begun_.load();
        return begun == ended ? std::optional<std::uint64_t>(begun) : std::nullopt;
    }

    // Runs `work` (which calls repositories) as one transaction; see above.
    Result<void> unit(const std::function<Result<void>()>& work);
    // Whether this thread is inside one of this database's units, whose
    // reads must use the unit's own connection and snapshot.
    bool in_unit() const { return t_ambient.database == this; }

    // The dialect's spelling of pieces that differ between SQLite and MySQL.
    // " FOR UPDATE" on MySQL (locks rows read in a transaction), "" on SQLite
    // (whose write transactions already exclude each other).
    std::string_view lock_rows() const { return dialect_ == Dialect::mysql ? " FOR UPDATE" : ""; }
    // "INSERT IGNORE" / "INSERT OR IGNORE": insert unless a unique key has the row.
    std::string_view insert_ignore() const {
        return dialect_ == Dialect::mysql ? "INSERT IGNORE" : "INSERT OR IGNORE";
    }
    // Reads the id of the row just inserted on this connection.
    long long last_insert_id(soci::session& sql, const std::string& table);
    // Whether this MySQL connection is to a Galera node (@@wsrep_on); plain
    // MySQL has no such variable, MariaDB without Galera says 0.
    static bool is_galera(soci::session& sql);

  private:
    // conflict: a key says no. retry: a deadlock or busy database, worth
    // another go. connection: the connection is gone or never came; it is
    // reopened before its next use. other: the database refused the work.
    enum class Failure { conflict, retry, connection, other };
    static Failure classify(const soci::soci_error& error);
    static Result<void> check_existing_file(const DatabaseTarget& target);
    // The error for the operator's log: the database's code and its words
    // for it, without the statement, its values or anything a person typed.
    static std::string describe(const soci::soci_error& error);

    // One connection of the pool; `broken` ones are reopened before use.
    struct Slot {
        soci::session session;
        bool busy = false;
        bool broken = false;
    };
    // A slot leased for one unit of work, returned when the lease ends.
    class Lease {
      public:
        Lease(Database& database, Slot& slot, ConnectionHealth::Admission admission)
            : database_(&database), slot_(&slot), admission_(admission) {}
        Lease(Lease&& other) noexcept
            : database_(std::exchange(other.database_, nullptr)),
              slot_(other.slot_),
              admission_(other.admission_) {}
        Lease& operator=(Lease&&) = delete;
        ~Lease() {
            if (database_) {
                database_->give_back(*slot_);
            }
        }
        soci::session& session() { return slot_->session; }
        void mark_broken() { slot_->broken = true; }
        ConnectionHealth::Admission admission() const { return admission_; }

      private:
        Database* database_;
        Slot* slot_;
        ConnectionHealth::Admission admission_;
    };

    // Errors: unavailable — the database is down and this is not the probe's
    // turn, no connection came free within the timeout, or reopening failed.
    Result<Lease> lease();
    void give_back(Slot& slot);
    void connect(Slot& slot);
    void begin(soci::session& sql);
    // Session settings every connection needs, again after a reconnect.
    void configure(soci::session& sql);
    Error to_error(std::string_view what, const soci::soci_error& error, Failure failure,
                   bool writes);

    // The unit of work running on this thread, if any: its database and session.
    struct Ambient {
        const Database* database = nullptr;
        soci::session* session = nullptr;
    };
    static thread_local Ambient t_ambient;

    // Counts a write from its start to its end, however it ends.
    class WriteSpan {
      public:
        WriteSpan(Database& database, bool writes) : database_(writes ? &database : nullptr) {
            if (database_) {
                database_->writes_begun_.fetch_add(1);
            }
        }
        ~WriteSpan() {
            if (database_) {
                database_->writes_ended_.fetch_add(1);
            }
        }
        WriteSpan(const WriteSpan&) = delete;
        WriteSpan& operator=(const WriteSpan&) = delete;

      private:
        Database* database_;
    };

    template <typename Work>
    auto attempt(std::string_view what, bool transactional, bool writes, Work&& work)
        -> std::invoke_result_t<Work, soci::session&> {
        if (t_ambient.database == this) {
            // Inside a unit: its transaction, its connection. Exceptions
            // unwind to the unit's own attempt, which classifies and retries.
            return work(*t_ambient.session);
        }
        const WriteSpan span(*this, writes);
        // Deadlocks, and on Galera failed certifications (two nodes wrote one
        // row, such as an event's version, at once), are worth several more
        // goes, each after a jittered pause; the timeout bounds them all.
        constexpr int k_attempts = 12;
        const auto started = std::chrono::steady_clock::now();
        for (int round = 1;; ++round) {
            auto leased = lease();
            if (!leased) {
                return leased.error();
            }
            Lease& lease = *leased;
            soci::session& sql = lease.session();
            Failure failure = Failure::other;
            try {
                if (transactional) {
                    begin(sql);
                }
                auto result = work(sql);
                if (transactional) {
                    if (result.ok()) {
                        sql.commit();
                    } else {
                        sql.rollback();
                    }
                }
                health_.reached(lease.admission());
                failure_log_.succeeded(writes);
                return result;
            } catch (const soci::soci_error& error) {
                failure = classify(error);
                (failure == Failure::retry ? conflicts_ : failures_)
                    .fetch_add(1, std::memory_order_relaxed);
                if (failure == Failure::connection) {
                    lease.mark_broken();
                    health_.lost(describe(error), lease.admission());
                } else {
                    if (transactional) {
                        try {
                            sql.rollback();
                        } catch (const soci::soci_error&) {
                        }
                    }
                    health_.reached(lease.admission());
                }
                const auto spent = std::chrono::steady_clock::now() - started;
                // A connection that died while the server restarted fails
                // at once: try again on a fresh one, once. A slow failure is
                // a timeout, and waiting for it again would double the wait.
                const bool again =
                    failure == Failure::connection
                        ? round == 1 && spent < timeout_ / 4
                        : failure == Failure::retry && round < k_attempts && spent < timeout_;
                if (!again) {
                    return to_error(what, error, failure, writes);
                }
            } catch (...) {
                // Not the database's doing: the connection is fine, and a
                // probe must still hand back its turn.
                if (transactional) {
                    try {
                        sql.rollback();
                    } catch (const soci::soci_error&) {
                    }
                }
                health_.reached(lease.admission());
                throw;
            }
            if (failure == Failure::retry) {
                std::this_thread::sleep_for(retry_pause(round));
            }
        }
    }

    Database(const DatabaseTarget& target, std::size_t pool_size, std::chrono::seconds timeout);

    // How long to wait before another go after a deadlock or, on Galera, a
    // failed certification: growing with the round, and jittered, so that
    // writers who collided do not collide again in step.
    static std::chrono::milliseconds retry_pause(int round);

    // An exclusive flock(2) on the SQLite file, held until after every
    // connection is closed (members are destroyed in reverse order): closing
    // a descriptor of the file drops the process's POSIX locks on it, which
    // SQLite's open connections rely on.
    struct FileLock {
        int descriptor = -1;
        FileLock() = default;
        FileLock(const FileLock&) = delete;
        FileLock& operator=(const FileLock&) = delete;
        ~FileLock();
    };
    FileLock file_lock_;
    bool sole_writer_ = false;
    std::atomic<std::uint64_t> writes_begun_{0};
    std::atomic<std::uint64_t> writes_ended_{0};
    DatabaseTarget target_;
    Dialect dialect_;
    std::chrono::seconds timeout_;
    std::vector<std::unique_ptr<Slot>> slots_;
    std::mutex slots_mutex_;
    std::condition_variable slot_freed_;
    ConnectionHealth health_;
    FailureLog failure_log_;
    std::shared_ptr<std::atomic<std::uint64_t>> statements_;
    std::atomic<std::uint64_t> leases_{0};
    std::atomic<std::uint64_t> waits_{0};
    std::atomic<std::uint64_t> shed_{0};
    std::atomic<std::uint64_t> refused_{0};
    std::atomic<std::uint64_t> conflicts_{0};
    std::atomic<std::uint64_t> failures_{0};
};

}  // namespace bistime::sql::detail
