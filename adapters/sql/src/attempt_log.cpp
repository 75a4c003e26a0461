#include "team_repositories.hpp"

namespace bistime::sql::detail {

Result<RowId> SqlAttemptLog::reserve_attempt(std::string_view scope, UnixSeconds now,
                                             UnixSeconds since, std::size_t limit) {
    return db_.transact("reserve attempt", [&](soci::session& sql) -> Result<RowId> {
        std::string key(scope);
        long long cutoff = since;
        long long stamp = now;
        // Pruning every scope's old entries keeps the log bounded by what
        // happened in the last window.
        sql << "DELETE FROM secret_attempts WHERE attempted_at <= :cutoff", soci::use(cutoff);
        // The scope's row is the lock that orders concurrent attempts.
        sql << std::string(db_.insert_ignore()) + " INTO attempt_scopes (scope) VALUES (:scope)",
            soci::use(key);
        std::string locked;
        sql << "SELECT scope FROM attempt_scopes WHERE scope = :scope" << db_.lock_rows(),
            soci::into(locked), soci::use(key);
        long long recent = 0;
        sql << "SELECT COUNT(*) FROM secret_attempts WHERE scope = :scope AND attempted_at > "
               ":cutoff",
            soci::into(recent), soci::use(key), soci::use(cutoff);
        if (recent >= static_cast<long long>(limit)) {
            return Error{ErrorKind::too_many_attempts, "too many attempts; try again later", {}};
        }
        sql << "INSERT INTO secret_attempts (scope, attempted_at) VALUES (:scope, :now)",
            soci::use(key), soci::use(stamp);
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
