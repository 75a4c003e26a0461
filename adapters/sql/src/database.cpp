#include "database.hpp"

#include "bistime/log/operator_log.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "bistime/core/deadline.hpp"

#include <soci/mysql/soci-mysql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>

namespace bistime::sql::detail {
namespace {

// Counts the statements sent, for the tests that bound them per request.
class CountingLogger final : public soci::logger_impl {
  public:
    explicit CountingLogger(std::shared_ptr<std::atomic<std::uint64_t>> count)
        : count_(std::move(count)) {}
    void start_query(std::string const&) override {
        count_->fetch_add(1, std::memory_order_relaxed);
    }

  private:
    logger_impl* do_clone() const override { return new CountingLogger(count_); }
    std::shared_ptr<std::atomic<std::uint64_t>> count_;
};

// MySQL's error numbers, from its documentation.
constexpr unsigned k_mysql_duplicate_key = 1062;
constexpr unsigned k_mysql_duplicate_key_with_name = 1586;
constexpr unsigned k_mysql_no_referenced_row = 1452;
constexpr unsigned k_mysql_lock_wait_timeout = 1205;
constexpr unsigned k_mysql_deadlock = 1213;
constexpr unsigned k_mysql_server_shutdown = 1053;
constexpr unsigned k_mysql_connection_killed = 1927;
// Galera: the node is not part of the primary component (it lost its peers,
// or is still joining); it refuses work until it is.
constexpr unsigned k_mysql_wsrep_not_ready = 1047;
// SQLite's primary result codes.
constexpr int k_sqlite_busy = 5;
constexpr int k_sqlite_locked = 6;
constexpr int k_sqlite_constraint = 19;

}  // namespace

Database::Database(const DatabaseTarget& target, std::size_t pool_size,
                   std::chrono::seconds timeout)
    : target_(target),
      dialect_(target.dialect),
      timeout_(std::max(timeout, std::chrono::seconds(1))),
      statements_(std::make_shared<std::atomic<std::uint64_t>>(0)) {
    const std::string seconds = std::to_string(timeout_.count());
    if (dialect_ == Dialect::sqlite) {
        // How long a writer waits for the file's lock.
        target_.connect_string += " timeout=" + seconds;
    } else {
        target_.connect_string += " connect_timeout=" + seconds + " read_timeout=" + seconds +
                                  " write_timeout=" + seconds;
    }
    for (std::size_t i = 0; i < std::max<std::size_t>(pool_size, 1); ++i) {
        slots_.push_back(std::make_unique<Slot>());
        slots_.back()->session.set_logger(new CountingLogger(statements_));
    }
}

Database::~Database() = default;

Database::FileLock::~FileLock() {
    if (descriptor >= 0) {
        ::close(descriptor);
    }
}

std::string not_a_bistime_database(const std::string& name) {
    return name + " holds no BisTime database: give the path of a BisTime database, or a new " +
           "one (a SQLite path where no file exists, an empty MySQL database)";
}

// An existing file must be a BisTime database before anything writes to it:
// a path mistyped onto another program's SQLite file, or an empty file, is
// refused rather than taken over. Asked on a read-only connection of its own,
// before the pool opens the file (whose set-up writes to it).
Result<void> Database::check_existing_file(const DatabaseTarget& target) {
    if (target.dialect != Dialect::sqlite || target.file == ":memory:" ||
        ::access(target.file.c_str(), F_OK) != 0) {
        return {};
    }
    int ours = 0;
    try {
        soci::session probe(*soci::factory_sqlite3(), "db=" + target.file + " readonly=true");
        probe << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = "
                 "'schema_version'",
            soci::into(ours);
    } catch (const soci::soci_error&) {
        ours = 0;  // not a SQLite file at all
    }
    if (ours == 0) {
        return Error::invalid(not_a_bistime_database("the SQLite file " + target.file));
    }
    return {};
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseTarget& target,
                                                 std::size_t pool_size,
                                                 std::chrono::seconds timeout, bool sole_writer) {
    BISTIME_TRY(check_existing_file(target));
    std::unique_ptr<Database> database(new Database(target, pool_size, timeout));
    if (sole_writer && target.dialect == Dialect::sqlite && target.file != ":memory:") {
        // Taken before the pool's connections open the file (the read-only
        // check above has closed its own), so that a refusal
        // never closes a descriptor under SQLite's own locks.
        const int descriptor = ::open(target.file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (descriptor < 0) {
            return Error::unavailable("cannot open the database file " + target.file + ": " +
                                      std::strerror(errno));
        }
        database->file_lock_.descriptor = descriptor;
        if (::flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
            log::write(log::Level::error, target.file + " is in use by another process");
            return Error::unavailable(
                "the SQLite file " + target.file +
                " is in use by another process: one server owns a SQLite file (run several "
                "servers on MySQL/MariaDB)");
        }
        database->sole_writer_ = true;
    }
    try {
        for (auto& slot : database->slots_) {
            database->connect(*slot);
        }
    } catch (const soci::soci_error& error) {
        return Error::unavailable("cannot open the database: " + describe(error));
    }
    return database;
}

void Database::connect(Slot& slot) {
    slot.session.close();
    if (dialect_ == Dialect::sqlite) {
        slot.session.open(*soci::factory_sqlite3(), target_.connect_string);
    } else {
        slot.session.open(*soci::factory_mysql(), target_.connect_string);
    }
    configure(slot.session);
    slot.broken = false;
}

thread_local Database::Ambient Database::t_ambient;

Result<void> Database::unit(const std::function<Result<void>()>& work) {
    if (t_ambient.database == this) {
        return work();  // a unit inside a unit joins it
    }
    return transact("a unit of work", [&](soci::session& sql) -> Result<void> {
        t_ambient = {this, &sql};
        try {
            auto done = work();
            t_ambient = {};
            return done;
        } catch (...) {
            t_ambient = {};
            throw;
        }
    });
}

std::chrono::milliseconds Database::retry_pause(int round) {
    thread_local std::minstd_rand jitter{std::random_device{}()};
    const int base = 5 * round * round;
    return std::chrono::milliseconds(base / 2 +
                                     static_cast<int>(jitter() % static_cast<unsigned>(base + 1)));
}

bool Database::is_galera(soci::session& sql) {
    int galera = 0;
    try {
        sql << "SELECT @@GLOBAL.wsrep_on", soci::into(galera);
    } catch (const soci::soci_error&) {
        return false;  // MySQL: no such variable
    }
    return galera != 0;
}

Database::PoolStats Database::pool_stats() const {
    PoolStats stats;
    stats.leases = leases_.load(std::memory_order_relaxed);
    stats.waits = waits_.load(std::memory_order_relaxed);
    stats.shed = shed_.load(std::memory_order_relaxed);
    stats.refused = refused_.load(std::memory_order_relaxed);
    stats.conflicts = conflicts_.load(std::memory_order_relaxed);
    stats.failures = failures_.load(std::memory_order_relaxed);
    return stats;
}

Result<Database::Lease> Database::lease() {
    // Waiting for a connection and then for the database must stay near the
    // timeout in all: a connection that does not come free within half of it
    // means the database is slow for everyone, and the request is shed.
    const auto started = std::chrono::steady_clock::now();
    if (Deadline::passed()) {
        return Error::unavailable("the request ran out of time");
    }
    const auto slot_wait =
        std::min<std::chrono::steady_clock::duration>(timeout_ / 2, Deadline::remaining());
    Slot* slot = nullptr;
    {
        std::unique_lock lock(slots_mutex_);
        const auto free_slot = [&] {
            for (auto& candidate : slots_) {
                if (!candidate->busy) {
                    slot = candidate.get();
                    return true;
                }
            }
            return false;
        };
        if (!free_slot()) {
            waits_.fetch_add(1, std::memory_order_relaxed);
            if (!slot_freed_.wait_for(lock, slot_wait, free_slot)) {
                shed_.fetch_add(1, std::memory_order_relaxed);
                return Error::unavailable("storage busy");
            }
        }
        slot->busy = true;
    }
    Lease lease(*this, *slot, health_.admit());
    if (lease.admission() == ConnectionHealth::Admission::refuse) {
        refused_.fetch_add(1, std::memory_order_relaxed);
        return Error::unavailable("storage unavailable");
    }
    leases_.fetch_add(1, std::memory_order_relaxed);
    const auto waited = std::max<std::chrono::steady_clock::duration>(
        std::chrono::steady_clock::now() - started, Deadline::elapsed());
    if (lease.admission() == ConnectionHealth::Admission::probe &&
        waited > std::chrono::milliseconds(100)) {
        // A probe may wait a whole timeout; a request that already waited —
        // for a worker or a connection — leaves the turn to a fresh one.
        health_.decline(lease.admission());
        return Error::unavailable("storage unavailable");
    }
    if (slot->broken) {
        try {
            connect(*slot);
        } catch (const soci::soci_error& error) {
            health_.lost(describe(error), lease.admission());
            return Error::unavailable("storage unavailable");
        }
    }
    return lease;
}

void Database::give_back(Slot& slot) {
    {
        const std::lock_guard lock(slots_mutex_);
        slot.busy = false;
    }
    slot_freed_.notify_one();
}

void Database::configure(soci::session& sql) {
    if (dialect_ == Dialect::sqlite) {
        // WAL lets readers run beside the writer; foreign keys make deletes
        // cascade as the schema says.
        sql << "PRAGMA journal_mode=WAL";
        sql << "PRAGMA foreign_keys=ON";
        sql << "PRAGMA synchronous=NORMAL";
    } else {
        sql << "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'";
        sql << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
        // A row lock held elsewhere fails the statement within the timeout.
        sql << "SET SESSION innodb_lock_wait_timeout = " << timeout_.count();
        // On a Galera node, a write committed through another node may not
        // be applied here yet: reads wait until it is (causal reads), so a
        // read through any server sees every write acknowledged before it.
        if (is_galera(sql)) {
            // A node still joining (or cut off) would hold every statement
            // until it caught up, or refuse it: such a connection counts as
            // failed, so the server answers 503 at once and probes again.
            // (Asked before causal reads are on, which would wait here too.)
            std::string name;
            std::string state;
            sql << "SHOW STATUS LIKE 'wsrep_local_state_comment'", soci::into(name),
                soci::into(state);
            if (state != "Synced" && state != "Donor/Desynced") {
                throw soci::soci_error("the Galera node is " + state + ", not synced");
            }
            sql << "SET SESSION wsrep_sync_wait = 1";
            // A statement outside a transaction that fails certification is
            // by default run again by the node itself, and a statement with
            // RETURNING then sends its rows twice. Here it fails as a
            // deadlock instead, and attempt() runs it again whole.
            sql << "SET SESSION wsrep_retry_autocommit = 0";
        }
    }
}

void Database::begin(soci::session& sql) {
    if (dialect_ == Dialect::sqlite) {
        sql << "BEGIN IMMEDIATE";
    } else {
        sql.begin();
    }
}

long long Database::last_insert_id(soci::session& sql, const std::string& table) {
    long long id = 0;
    if (!sql.get_last_insert_id(table, id)) {
        throw soci::soci_error("the database did not report the new row's id");
    }
    return id;
}

Database::Failure Database::classify(const soci::soci_error& error) {
    if (const auto* mysql = dynamic_cast<const soci::mysql_soci_error*>(&error)) {
        switch (mysql->err_num_) {
            case k_mysql_duplicate_key:
            case k_mysql_duplicate_key_with_name:
            case k_mysql_no_referenced_row:
                return Failure::conflict;
            case k_mysql_deadlock:
            case k_mysql_lock_wait_timeout:
                return Failure::retry;
            case k_mysql_server_shutdown:
            case k_mysql_connection_killed:
            case k_mysql_wsrep_not_ready:
                return Failure::connection;
            default:
                // 2000–2999 are the client library's own errors: the
                // connection failed, was lost, or timed out.
                if ((mysql->err_num_ >= 2000 && mysql->err_num_ < 3000) ||
                    mysql->get_error_category() == soci::soci_error::connection_error) {
                    return Failure::connection;
                }
                return Failure::other;
        }
    }
    if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
        switch (sqlite->result() & 0xff) {
            case k_sqlite_constraint:
                return Failure::conflict;
            case k_sqlite_busy:
            case k_sqlite_locked:
                return Failure::retry;
            default:
                return Failure::other;
        }
    }
    // Not the backend's error: SOCI's own, as when a session is not connected.
    return error.get_error_category() == soci::soci_error::connection_error ? Failure::connection
                                                                            : Failure::other;
}

Error Database::to_error(std::string_view what, const soci::soci_error& error, Failure failure,
                         bool writes) {
    if (failure == Failure::conflict) {
        return Error::conflict(std::string(what) + ": already exists or refers to something gone");
    }
    // The cause goes to the operator's log — once per outage for lost
    // connections (ConnectionHealth logs those), once per run of failures
    // for the rest — and the client only learns that storage failed, never
    // SQL or connection details.
    if (failure != Failure::connection) {
        failure_log_.failed(what, describe(error), writes);
    }
    return Error::unavailable("storage unavailable");
}

std::string Database::describe(const soci::soci_error& error) {
    // SOCI appends the statement, and its values, after these words.
    std::string words = error.get_error_message();
    words = words.substr(0, words.find(" while executing"));
    words = words.substr(0, words.find('\n'));
    if (const auto* mysql = dynamic_cast<const soci::mysql_soci_error*>(&error)) {
        // The server's own messages may quote a row's values ("Duplicate
        // entry 'Ann'"); the client library's (2000-2999) are about the
        // connection and say where it failed.
        const bool client_side = mysql->err_num_ >= 2000 && mysql->err_num_ < 3000;
        return "MySQL error " + std::to_string(mysql->err_num_) +
               (client_side ? ": " + words : std::string());
    }
    if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
        // "sqlite3_statement_backend::loadRS: disk I/O error": the words
        // after SOCI's name for where it happened.
        const auto colon = words.find(": ");
        const bool located =
            colon != std::string::npos && words.rfind("::", colon) != std::string::npos;
        return "SQLite error " + std::to_string(sqlite->result()) + ": " +
               (located ? words.substr(colon + 2) : words);
    }
    return words;
}

}  // namespace bistime::sql::detail
