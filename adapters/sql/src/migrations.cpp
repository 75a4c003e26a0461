#include "migrations.hpp"

#include <string>
#include <vector>

namespace bistime::sql::detail {
namespace {

// The spelling of what differs between the two dialects in DDL.
struct DdlWords {
    std::string id;       // an auto-increment primary key column named id
    std::string options;  // table options after the closing parenthesis
};

DdlWords ddl_words(Dialect dialect) {
    if (dialect == Dialect::mysql) {
        // utf8mb4_bin: names compare byte for byte, as on SQLite, so "Ann"
        // and "ann" are two people on both databases.
        return {"id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY",
                " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"};
    }
    return {"id INTEGER PRIMARY KEY AUTOINCREMENT", ""};
}

std::vector<std::string> migration_1(const DdlWords& w) {
    return {
        // Teams arrive in full with team mode; events may already name one.
        "CREATE TABLE teams (" + w.id +
            ", uuid VARCHAR(23) NOT NULL UNIQUE"
            ", name VARCHAR(100) NOT NULL UNIQUE"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL)" + w.options,
        "CREATE TABLE events (" + w.id +
            ", uuid VARCHAR(22) NOT NULL UNIQUE"
            ", team_id BIGINT NULL"
            ", title VARCHAR(100) NOT NULL"
            ", start_minute INTEGER NOT NULL"
            ", end_minute INTEGER NOT NULL"
            ", admin_token_hash VARCHAR(128) NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL"
            ", FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE CASCADE)" + w.options,
        "CREATE TABLE event_dates (" + w.id +
            ", event_id BIGINT NOT NULL"
            ", day CHAR(10) NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL"
            ", UNIQUE (event_id, day)"
            ", FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE)" + w.options,
        "CREATE TABLE schedules (" + w.id +
            ", event_id BIGINT NOT NULL"
            ", date_id BIGINT NOT NULL"
            ", name VARCHAR(50) NOT NULL"
            ", availability CHAR(48) NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL"
            ", UNIQUE (date_id, name)"
            ", FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE"
            ", FOREIGN KEY (date_id) REFERENCES event_dates(id) ON DELETE CASCADE)" + w.options,
        "CREATE INDEX schedules_by_event_name ON schedules (event_id, name)",
        "CREATE TABLE feedbacks (" + w.id +
            ", content TEXT NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL)" + w.options,
    };
}

using Migration = std::vector<std::string> (*)(const DdlWords&);
constexpr Migration k_migrations[] = {migration_1};

}  // namespace

Result<int> migrate(Database& database) {
    const DdlWords words = ddl_words(database.dialect());
    return database.run("migrate", [&](soci::session& sql) -> Result<int> {
        sql << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)" + words.options;
        int version = 0;
        soci::indicator present = soci::i_null;
        sql << "SELECT MAX(version) FROM schema_version", soci::into(version, present);
        if (present != soci::i_ok) {
            version = 0;
            sql << "INSERT INTO schema_version (version) VALUES (0)";
        }
        const int latest = static_cast<int>(std::size(k_migrations));
        for (int next = version + 1; next <= latest; ++next) {
            // MySQL commits DDL implicitly, so each statement stands alone;
            // the version moves only after all of a migration succeeded.
            for (const std::string& statement : k_migrations[next - 1](words)) {
                sql << statement;
            }
            sql << "UPDATE schema_version SET version = :version", soci::use(next);
            version = next;
        }
        return version;
    });
}

}  // namespace bistime::sql::detail
