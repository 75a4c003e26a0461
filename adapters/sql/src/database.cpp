#include "database.hpp"

#include <soci/mysql/soci-mysql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <iostream>

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
// SQLite's primary result codes.
constexpr int k_sqlite_busy = 5;
constexpr int k_sqlite_locked = 6;
constexpr int k_sqlite_constraint = 19;

}  // namespace

Database::Database(Dialect dialect, std::size_t pool_size)
    : dialect_(dialect),
      pool_(std::make_unique<soci::connection_pool>(pool_size)),
      statements_(std::make_shared<std::atomic<std::uint64_t>>(0)) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::open(const DatabaseTarget& target,
                                                 std::size_t pool_size) {
    if (pool_size == 0) {
        pool_size = 1;
    }
    std::unique_ptr<Database> database(new Database(target.dialect, pool_size));
    try {
        for (std::size_t i = 0; i < pool_size; ++i) {
            soci::session& sql = database->pool_->at(i);
            if (target.dialect == Dialect::sqlite) {
                sql.open(*soci::factory_sqlite3(), target.connect_string);
            } else {
                sql.open(*soci::factory_mysql(), target.connect_string);
            }
            database->configure(sql);
            sql.set_logger(new CountingLogger(database->statements_));
        }
    } catch (const soci::soci_error& error) {
        std::cerr << "bistime: cannot open the database: " << error.what() << '\n';
        return Error::unavailable(std::string("cannot open the database: ") + error.what());
    }
    return database;
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
            default:
                return mysql->get_error_category() == soci::soci_error::connection_error
                           ? Failure::reconnect
                           : Failure::other;
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
    return Failure::other;
}

Error Database::to_error(std::string_view what, const soci::soci_error& error, Failure failure) {
    if (failure == Failure::conflict) {
        return Error::conflict(std::string(what) + ": already exists or refers to something gone");
    }
    // The cause goes to the operator's log; the client only learns that
    // storage failed, never SQL or connection details.
    std::cerr << "bistime: storage error in " << what << ": " << error.what() << '\n';
    return Error::unavailable("storage unavailable");
}

}  // namespace bistime::sql::detail
