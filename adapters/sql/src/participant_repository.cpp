#include "repositories.hpp"

namespace bistime::sql::detail {

Result<std::optional<std::string>> SqlParticipantRepository::find_password_hash(
    RowId event_id, std::string_view name) {
    return db_.run("find participant",
                   [&](soci::session& sql) -> Result<std::optional<std::string>> {
                       long long event = event_id;
                       std::string person(name);
                       std::string hash;
                       sql << "SELECT password_hash FROM participants WHERE event_id = :event AND "
                              "name = :name",
                           soci::into(hash), soci::use(event), soci::use(person);
                       if (!sql.got_data()) {
                           return std::optional<std::string>();
                       }
                       return std::optional<std::string>(hash);
                   });
}

Result<std::string> SqlParticipantRepository::claim_name(RowId event_id, std::string_view name,
                                                         std::string_view hash, UnixSeconds now) {
    return db_.transact("claim name", [&](soci::session& sql) -> Result<std::string> {
        long long event = event_id;
        std::string person(name);
        std::string fresh(hash);
        long long stamp = now;
        // The unique key (event_id, name) lets exactly one claim win.
        sql << std::string(db_.insert_ignore()) +
                   " INTO participants (event_id, name, password_hash, created_at) VALUES (:event, "
                   ":name, :hash,"
                   " :created)",
            soci::use(event), soci::use(person), soci::use(fresh), soci::use(stamp);
        std::string stored;
        sql << "SELECT password_hash FROM participants WHERE event_id = :event AND name = :name",
            soci::into(stored), soci::use(event), soci::use(person);
        return stored;
    });
}

}  // namespace bistime::sql::detail
