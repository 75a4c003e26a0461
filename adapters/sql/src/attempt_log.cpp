#include <algorithm>
#include <vector>

#include "team_repositories.hpp"

namespace bistime::sql::detail {

Result<RowId> SqlAttemptLog::reserve_attempt(std::string_view scope, std::string_view client,
                                             UnixSeconds now,
                                             std::span<const AttemptWindow> windows) {
    return db_.transact("reserve attempt", [&](soci::session& sql) -> Result<RowId> {
        std::string key(scope);
        std::string who(client);
        long long stamp = now;
        UnixSeconds longest = 0;
        std::size_t most = 0;
        for (const AttemptWindow& window : windows) {
            longest = std::max(longest, window.seconds);
            most = std::max(most, window.limit);
        }
        long long cutoff = now - longest;
        // Pruning every scope's old entries keeps the log bounded by what
        // happened in the longest window.
        sql << "DELETE FROM secret_attempts WHERE attempted_at <= :cutoff", soci::use(cutoff);
        // The scope's row is the lock that orders concurrent attempts.
        sql << std::string(db_.insert_ignore()) + " INTO attempt_scopes (scope) VALUES (:scope)",
            soci::use(key);
        std::string locked;
        sql << "SELECT scope FROM attempt_scopes WHERE scope = :scope" << db_.lock_rows(),
            soci::into(locked), soci::use(key);
        // The client's latest attempts, newest first: no window allows more
        // than `most`, so no more are needed to judge them all.
        std::vector<long long> times(std::max<std::size_t>(most, 1));
        long long limit = static_cast<long long>(times.size());
        sql << "SELECT attempted_at FROM secret_attempts WHERE scope = :scope AND client = :client"
               " AND attempted_at > :cutoff ORDER BY attempted_at DESC LIMIT :limit",
            soci::into(times), soci::use(key), soci::use(who), soci::use(cutoff), soci::use(limit);
        long long wait = 0;
        for (const AttemptWindow& window : windows) {
            const auto within = static_cast<std::size_t>(
                std::count_if(times.begin(), times.end(),
                              [&](long long at) { return at > now - window.seconds; }));
            if (window.limit > 0 && within >= window.limit) {
                // The limit-th newest attempt must leave the window first.
                wait = std::max(wait, times[window.limit - 1] + window.seconds - now);
            }
        }
        if (wait > 0) {
            Error refused{ErrorKind::too_many_attempts, "too many attempts; try again later", {}};
            refused.retry_after_seconds = wait;
            return refused;
        }
        sql << "INSERT INTO secret_attempts (scope, client, attempted_at) VALUES (:scope, :client,"
               " :now)",
            soci::use(key), soci::use(who), soci::use(stamp);
        return static_cast<RowId>(db_.last_insert_id(sql, "secret_attempts"));
    });
}

Result<void> SqlAttemptLog::release_attempt(RowId attempt_id) {
    return db_.run("release attempt", [&](soci::session& sql) -> Result<void> {
        long long id = attempt_id;
        sql << "DELETE FROM secret_attempts WHERE id = :id", soci::use(id);
        return {};
    });
}

}  // namespace bistime::sql::detail
