// Database: the connection pool of the SQL adapter and the one place where
// SOCI exceptions become core Errors.
//
// run() leases a connection for one unit of work; transact() wraps the work
// in a transaction (BEGIN IMMEDIATE on SQLite, so that writers queue instead
// of failing to upgrade their locks) and retries it on deadlock or a busy
// database. The work returns a Result: an Error from it rolls back.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>

#include <soci/soci.h>

#include "bistime/core/result.hpp"
#include "database_url.hpp"

namespace bistime::sql::detail {

class Database {
  public:
    // Errors: unavailable (cannot connect).
    static Result<std::unique_ptr<Database>> open(const DatabaseTarget& target,
                                                  std::size_t pool_size);
    ~Database();

    Dialect dialect() const { return dialect_; }
    std::uint64_t statements_sent() const { return statements_->load(); }

    template <typename Work>
    auto run(std::string_view what, Work&& work) -> std::invoke_result_t<Work, soci::session&> {
        return attempt(what, false, std::forward<Work>(work));
    }
    template <typename Work>
    auto transact(std::string_view what, Work&& work)
        -> std::invoke_result_t<Work, soci::session&> {
        return attempt(what, true, std::forward<Work>(work));
    }

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

  private:
    enum class Failure { conflict, retry, reconnect, other };
    static Failure classify(const soci::soci_error& error);
    void begin(soci::session& sql);
    // Session settings every connection needs, again after a reconnect.
    void configure(soci::session& sql);
    static Error to_error(std::string_view what, const soci::soci_error& error, Failure failure);

    template <typename Work>
    auto attempt(std::string_view what, bool transactional, Work&& work)
        -> std::invoke_result_t<Work, soci::session&> {
        constexpr int k_attempts = 6;
        for (int round = 1;; ++round) {
            try {
                soci::session sql(*pool_);
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
                    return result;
                } catch (const soci::soci_error& error) {
                    if (transactional) {
                        try {
                            sql.rollback();
                        } catch (const soci::soci_error&) {
                        }
                    }
                    const Failure failure = classify(error);
                    if (failure == Failure::reconnect) {
                        try {
                            sql.reconnect();
                            configure(sql);
                        } catch (const soci::soci_error&) {
                        }
                    }
                    const bool again = failure == Failure::retry || failure == Failure::reconnect;
                    if (!again || round == k_attempts) {
                        return to_error(what, error, failure);
                    }
                }
            } catch (const soci::soci_error& error) {  // leasing or reconnecting failed
                return to_error(what, error, Failure::other);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5 * round * round));
        }
    }

    Database(Dialect dialect, std::size_t pool_size);

    Dialect dialect_;
    std::unique_ptr<soci::connection_pool> pool_;
    std::shared_ptr<std::atomic<std::uint64_t>> statements_;
};

}  // namespace bistime::sql::detail
