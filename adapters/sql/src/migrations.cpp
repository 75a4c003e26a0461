#include "migrations.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace bistime::sql::detail {
namespace {

// The spelling of what differs between the two dialects in DDL.
struct DdlWords {
    std::string id;       // an auto-increment primary key column named id
    std::string options;  // table options after the closing parenthesis
    bool mysql = false;   // for the few statements only one dialect needs
};

DdlWords ddl_words(Dialect dialect) {
    if (dialect == Dialect::mysql) {
        // utf8mb4_bin: names compare byte for byte, as on SQLite, so "Ann"
        // and "ann" are two people on both databases.
        return {"id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY",
                " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", true};
    }
    return {"id INTEGER PRIMARY KEY AUTOINCREMENT", "", false};
}

std::vector<std::string> migration_1(const DdlWords& w) {
    return {
        // Teams arrive in full with team mode; events may already name one.
        "CREATE TABLE teams (" + w.id +
            ", uuid VARCHAR(23) NOT NULL UNIQUE"
            ", name VARCHAR(100) NOT NULL UNIQUE"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL)" +
            w.options,
        "CREATE TABLE events (" + w.id +
            ", uuid VARCHAR(22) NOT NULL UNIQUE"
            ", team_id BIGINT NULL"
            ", title VARCHAR(100) NOT NULL"
            ", start_minute INTEGER NOT NULL"
            ", end_minute INTEGER NOT NULL"
            ", admin_token_hash VARCHAR(128) NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL"
            ", FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE CASCADE)" +
            w.options,
        "CREATE TABLE event_dates (" + w.id +
            ", event_id BIGINT NOT NULL"
            ", day CHAR(10) NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL"
            ", UNIQUE (event_id, day)"
            ", FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE)" +
            w.options,
        "CREATE TABLE schedules (" + w.id +
            ", event_id BIGINT NOT NULL"
            ", date_id BIGINT NOT NULL"
            ", name VARCHAR(50) NOT NULL"
            ", availability CHAR(48) NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL"
            ", UNIQUE (date_id, name)"
            ", FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE"
            ", FOREIGN KEY (date_id) REFERENCES event_dates(id) ON DELETE CASCADE)" +
            w.options,
        "CREATE INDEX schedules_by_event_name ON schedules (event_id, name)",
        "CREATE TABLE feedbacks (" + w.id +
            ", content TEXT NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL)" +
            w.options,
    };
}

// Team mode: the team's secrets and window, subgroups, members with their
// weekly availability, regular events, and the attempt log that throttles
// guesses at secrets.
std::vector<std::string> migration_2(const DdlWords& w) {
    return {
        "ALTER TABLE teams ADD COLUMN security_question INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE teams ADD COLUMN custom_security_question VARCHAR(200) NULL",
        "ALTER TABLE teams ADD COLUMN security_answer_hash VARCHAR(255) NOT NULL DEFAULT ''",
        "ALTER TABLE teams ADD COLUMN admin_code_hash VARCHAR(255) NOT NULL DEFAULT ''",
        "ALTER TABLE teams ADD COLUMN start_minute INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE teams ADD COLUMN end_minute INTEGER NOT NULL DEFAULT 1440",
        "CREATE INDEX events_by_team ON events (team_id)",
        "CREATE TABLE subgroups (" + w.id +
            ", team_id BIGINT NOT NULL"
            ", name VARCHAR(50) NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL"
            ", UNIQUE (team_id, name)"
            ", FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE CASCADE)" +
            w.options,
        // One row per member; `week` holds the 7 days of 48 slots, Monday first.
        "CREATE TABLE members (" + w.id +
            ", team_id BIGINT NOT NULL"
            ", subgroup_id BIGINT NULL"
            ", name VARCHAR(20) NOT NULL"
            ", week VARCHAR(336) NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL"
            ", UNIQUE (team_id, name)"
            ", FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE CASCADE"
            ", FOREIGN KEY (subgroup_id) REFERENCES subgroups(id) ON DELETE SET NULL)" +
            w.options,
        "CREATE TABLE regular_events (" + w.id +
            ", uuid VARCHAR(23) NOT NULL UNIQUE"
            ", team_id BIGINT NOT NULL"
            ", title VARCHAR(100) NOT NULL"
            ", description VARCHAR(200) NOT NULL"
            ", day INTEGER NOT NULL"
            ", start_minute INTEGER NOT NULL"
            ", end_minute INTEGER NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL"
            ", FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE CASCADE)" +
            w.options,
        // One row per scope, locked while counting, so that concurrent
        // attempts on one scope are counted one after another.
        "CREATE TABLE attempt_scopes (scope VARCHAR(100) NOT NULL PRIMARY KEY)" + w.options,
        "CREATE TABLE secret_attempts (" + w.id +
            ", scope VARCHAR(100) NOT NULL"
            ", attempted_at BIGINT NOT NULL)" +
            w.options,
        "CREATE INDEX secret_attempts_by_scope ON secret_attempts (scope, attempted_at)",
        "CREATE INDEX secret_attempts_by_time ON secret_attempts (attempted_at)",
    };
}

// Event details, and participants who protect their name with a password.
std::vector<std::string> migration_3(const DdlWords& w) {
    return {
        "ALTER TABLE events ADD COLUMN description VARCHAR(1000) NULL",
        "ALTER TABLE events ADD COLUMN location VARCHAR(200) NULL",
        "CREATE TABLE participants (" + w.id +
            ", event_id BIGINT NOT NULL"
            ", name VARCHAR(50) NOT NULL"
            ", password_hash VARCHAR(255) NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", UNIQUE (event_id, name)"
            ", FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE)" +
            w.options,
    };
}

// The richer time model: slot sizes, weekday events, each event's time zone;
// a day string may have up to 96 slots.
std::vector<std::string> migration_4(const DdlWords& w) {
    std::vector<std::string> statements = {
        "ALTER TABLE events ADD COLUMN slot_minutes INTEGER NOT NULL DEFAULT 30",
        "ALTER TABLE events ADD COLUMN weekdays INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE events ADD COLUMN timezone VARCHAR(64) NULL",
    };
    if (w.mysql) {
        // SQLite does not enforce CHAR lengths; MySQL does.
        statements.push_back("ALTER TABLE schedules MODIFY availability VARCHAR(96) NOT NULL");
    }
    return statements;
}

// Deciding the meeting: the decision, the organiser's lock, the closing time.
std::vector<std::string> migration_5(const DdlWords&) {
    return {
        "ALTER TABLE events ADD COLUMN decision_day CHAR(10) NULL",
        "ALTER TABLE events ADD COLUMN decision_start INTEGER NULL",
        "ALTER TABLE events ADD COLUMN decision_end INTEGER NULL",
        "ALTER TABLE events ADD COLUMN locked INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE events ADD COLUMN closes_at BIGINT NULL",
    };
}

// A team's time zone, for its calendar.
std::vector<std::string> migration_6(const DdlWords&) {
    return {"ALTER TABLE teams ADD COLUMN timezone VARCHAR(64) NULL"};
}

// Attempts on a secret are counted per client, so that a stranger's wrong
// guesses never lock out the owner.
std::vector<std::string> migration_7(const DdlWords&) {
    return {
        "ALTER TABLE secret_attempts ADD COLUMN client VARCHAR(64) NOT NULL DEFAULT ''",
        "CREATE INDEX secret_attempts_by_client ON secret_attempts (scope, client, attempted_at)",
    };
}

// Members who protect their entry with a password.
std::vector<std::string> migration_8(const DdlWords&) {
    return {"ALTER TABLE members ADD COLUMN password_hash VARCHAR(255) NULL"};
}

// The version of an event's dates and answers, bumped by every write to them,
// so that a copy of them in memory is checked with the event's row alone.
// A trigger run after each row `change` (INSERT, UPDATE or DELETE) writes
// in `table`, doing `body`, one statement: MySQL takes it as it is, SQLite
// between BEGIN and END.
std::string row_trigger(const DdlWords& w, const std::string& name, const std::string& change,
                        const std::string& table, const std::string& body) {
    return "CREATE TRIGGER " + name + " AFTER " + change + " ON " + table + " FOR EACH ROW " +
           (w.mysql ? body : "BEGIN " + body + "; END");
}

std::vector<std::string> migration_9(const DdlWords&) {
    return {"ALTER TABLE events ADD COLUMN version BIGINT NOT NULL DEFAULT 0"};
}

// The version moves with the answers themselves: every row a statement
// inserts, changes or deletes in schedules bumps its event's version in that
// statement's own transaction. A person's whole schedule is then one
// statement, with no transaction of its own around it (no BEGIN, no separate
// bump, no COMMIT), and no write to the answers can forget the bump.
// Deleting an event deletes its schedules by cascade (which fires no trigger
// on MySQL, and on SQLite bumps at most the row that is going anyway).
std::vector<std::string> migration_10(const DdlWords& w) {
    struct Trigger {
        const char* name;
        const char* change;
        const char* row;
    };
    constexpr Trigger k_triggers[] = {{"schedules_bump_on_insert", "INSERT", "NEW"},
                                      {"schedules_bump_on_update", "UPDATE", "NEW"},
                                      {"schedules_bump_on_delete", "DELETE", "OLD"}};
    std::vector<std::string> statements;
    for (const Trigger& trigger : k_triggers) {
        const std::string bump =
            "UPDATE events SET version = version + 1 WHERE id = " + std::string(trigger.row) +
            ".event_id";
        statements.push_back(row_trigger(w, trigger.name, trigger.change, "schedules", bump));
    }
    return statements;
}

// The same for teams: every row a statement writes in members or subgroups
// bumps the team's members_version, which a team's roster in memory is
// checked against with the team's row alone (TeamRoster). Deleting a
// subgroup empties its members' subgroup_id by a foreign-key action, which
// fires no trigger on MySQL: the subgroup's own delete bumps the version.
std::vector<std::string> migration_11(const DdlWords& w) {
    std::vector<std::string> statements = {
        "ALTER TABLE teams ADD COLUMN members_version BIGINT NOT NULL DEFAULT 0"};
    struct Trigger {
        const char* change;
        const char* row;
    };
    constexpr Trigger k_changes[] = {{"INSERT", "NEW"}, {"UPDATE", "NEW"}, {"DELETE", "OLD"}};
    for (const char* table : {"members", "subgroups"}) {
        for (const Trigger& trigger : k_changes) {
            const std::string bump =
                "UPDATE teams SET members_version = members_version + 1 WHERE id = " +
                std::string(trigger.row) + ".team_id";
            std::string name = std::string(table) + "_bump_on_" + trigger.change;
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            statements.push_back(row_trigger(w, name, trigger.change, table, bump));
        }
    }
    return statements;
}

// How many of an event's names a password protects, kept with the event's
// row by triggers on participants (whose rows are exactly those names), so
// that a write without a password to an event with none needs no look at
// the passwords. The UPDATE counts what an older schema already holds.
std::vector<std::string> migration_12(const DdlWords& w) {
    std::vector<std::string> statements = {
        "ALTER TABLE events ADD COLUMN protected_names BIGINT NOT NULL DEFAULT 0",
        "UPDATE events SET protected_names ="
        " (SELECT COUNT(*) FROM participants p WHERE p.event_id = events.id)"};
    struct Trigger {
        const char* name;
        const char* change;
        const char* bump;
    };
    constexpr Trigger k_triggers[] = {
        {"participants_count_insert", "INSERT",
         "UPDATE events SET protected_names = protected_names + 1 WHERE id = NEW.event_id"},
        {"participants_count_delete", "DELETE",
         "UPDATE events SET protected_names = protected_names - 1 WHERE id = OLD.event_id"}};
    for (const Trigger& trigger : k_triggers) {
        statements.push_back(
            row_trigger(w, trigger.name, trigger.change, "participants", trigger.bump));
    }
    return statements;
}

// The statement a trigger on schedules runs to move the answers' counter
// of the bucket of `row`'s name (NEW or OLD) by one.
std::string answers_counter_bump(const DdlWords& w, const std::string& row) {
    const std::string bucket = w.mysql ? "CRC32(" + row + ".name) % 16" : "0";
    // SQLite fires the delete trigger for rows an event's own deletion
    // cascades to, when the event is gone: no counter is made for it.
    return w.mysql
               ? "INSERT INTO answer_versions (event_id, bucket, version) VALUES (" + row +
                     ".event_id, " + bucket + ", 1) ON DUPLICATE KEY UPDATE version = version + 1"
               : "INSERT INTO answer_versions (event_id, bucket, version) SELECT " + row +
                     ".event_id, " + bucket +
                     ", 1 WHERE EXISTS (SELECT 1 FROM events WHERE id = " + row +
                     ".event_id) ON CONFLICT (event_id, bucket) DO UPDATE SET version = version + "
                     "1";
}

// An event's answers move its version through one of several counters
// instead of the event's own row: a person's writes bump the counter of
// their name's bucket, and an event's answers_version is its row's version
// plus the sum of its counters, read in one statement (event_repository.cpp).
// Every write still moves the sum by one in its own transaction, so the
// version stays strictly increasing over what is committed; but writers of
// different names no longer queue on one row lock, which made all of an
// event's writers take turns from their first row to their commit. The
// counter rows come into being with the first write in their bucket.
// SQLite has one writer at a time anyway, so there one bucket serves.
std::vector<std::string> migration_13(const DdlWords& w) {
    std::vector<std::string> statements = {
        "CREATE TABLE answer_versions (event_id BIGINT NOT NULL, bucket INTEGER NOT NULL,"
        " version BIGINT NOT NULL, PRIMARY KEY (event_id, bucket),"
        " FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE)" +
            w.options,
        "DROP TRIGGER schedules_bump_on_insert",
        "DROP TRIGGER schedules_bump_on_update",
        "DROP TRIGGER schedules_bump_on_delete",
    };
    struct Trigger {
        const char* name;
        const char* change;
        const char* row;
    };
    constexpr Trigger k_triggers[] = {{"schedules_count_insert", "INSERT", "NEW"},
                                      {"schedules_count_update", "UPDATE", "NEW"},
                                      {"schedules_count_delete", "DELETE", "OLD"}};
    for (const Trigger& trigger : k_triggers) {
        statements.push_back(row_trigger(w, trigger.name, trigger.change, "schedules",
                                         answers_counter_bump(w, trigger.row)));
    }
    return statements;
}

// One bump of the answers' counter per statement, not per row: a person's
// write of 7 dates ran the counter's trigger statement 7 times, about as much
// work for MariaDB as the rows themselves (docs/performance.md). A statement
// that writes several rows now names one of them to bump, and adds 1 to the
// other rows' skipped_bumps, which tells their triggers to leave it to that
// one. A statement that does not name the column bumps for every row it
// writes, as before, so nothing that writes schedules can forget to bump:
// an inserted row bumps unless it comes with skipped_bumps set, an updated
// row unless the statement moved it. (MariaDB and SQLite run an AFTER UPDATE
// trigger for every row matched, changed or not, so the named row always bumps.)
std::vector<std::string> migration_14(const DdlWords& w) {
    std::vector<std::string> statements = {
        "ALTER TABLE schedules ADD COLUMN skipped_bumps BIGINT NOT NULL DEFAULT 0",
        "DROP TRIGGER schedules_count_insert",
        "DROP TRIGGER schedules_count_update",
    };
    struct Trigger {
        const char* name;
        const char* change;
        const char* bumps_when;
    };
    constexpr Trigger k_triggers[] = {
        {"schedules_count_insert", "INSERT", "NEW.skipped_bumps = 0"},
        {"schedules_count_update", "UPDATE", "NEW.skipped_bumps = OLD.skipped_bumps"}};
    for (const Trigger& trigger : k_triggers) {
        const std::string bump = answers_counter_bump(w, "NEW");
        statements.push_back(
            "CREATE TRIGGER " + std::string(trigger.name) + " AFTER " + trigger.change +
            " ON schedules FOR EACH ROW " +
            (w.mysql ? "IF " + std::string(trigger.bumps_when) + " THEN " + bump + "; END IF"
                     : "WHEN " + std::string(trigger.bumps_when) + " BEGIN " + bump + "; END"));
    }
    return statements;
}

// A person's answers in one row: the days of a person in an event, each
// with its availability and the time it was last written, packed in `days`
// (packed_days.hpp). A person's whole schedule is then one row written, not
// one per date: for MariaDB an edit of 7 dates cost about twice as much as
// the same edit of one packed row (docs/performance.md).
//
// The schedules table keeps what a day's row is, for the contract's per-day
// ids and creation times: its id, event, date, name and creation time, all
// fixed once inserted. A row's availability and update time move to the
// person's row, and the counter triggers with them: the answers' version
// moves when a person's row is written or deleted. A person's row takes the
// id of one of their schedules rows (ids are never reused), so that a new
// person of the same name never has the id of an earlier one: a write that
// names the ids it last saw can tell the two apart.
std::vector<std::string> migration_15(const DdlWords& w) {
    const std::string entry = w.mysql ? "CONCAT(date_id, ',', updated_at, ',', availability)"
                                      : "date_id || ',' || updated_at || ',' || availability";
    std::vector<std::string> statements = {
        "CREATE TABLE answers (id BIGINT NOT NULL PRIMARY KEY"
        ", event_id BIGINT NOT NULL"
        ", name VARCHAR(50) NOT NULL"
        ", days " +
            std::string(w.mysql ? "MEDIUMTEXT" : "TEXT") +
            " NOT NULL"
            ", UNIQUE (event_id, name)"
            ", FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE)" +
            w.options,
    };
    if (w.mysql) {
        // GROUP_CONCAT stops at 1,024 bytes by default; 366 days take ~45 KB.
        statements.push_back("SET SESSION group_concat_max_len = 16777216");
    }
    statements.push_back(
        "INSERT INTO answers (id, event_id, name, days) SELECT MIN(id), event_id, name, " +
        (w.mysql ? "GROUP_CONCAT(" + entry + " ORDER BY date_id SEPARATOR ';')"
                 : "group_concat(" + entry + ", ';')") +
        " FROM schedules GROUP BY event_id, name");
    for (const char* trigger :
         {"schedules_count_insert", "schedules_count_update", "schedules_count_delete"}) {
        statements.push_back("DROP TRIGGER " + std::string(trigger));
    }
    struct Trigger {
        const char* name;
        const char* change;
        const char* row;
    };
    constexpr Trigger k_triggers[] = {{"answers_count_insert", "INSERT", "NEW"},
                                      {"answers_count_update", "UPDATE", "NEW"},
                                      {"answers_count_delete", "DELETE", "OLD"}};
    for (const Trigger& trigger : k_triggers) {
        statements.push_back(row_trigger(w, trigger.name, trigger.change, "answers",
                                         answers_counter_bump(w, trigger.row)));
    }
    if (w.mysql) {
        statements.push_back(
            "ALTER TABLE schedules DROP COLUMN availability, DROP COLUMN updated_at,"
            " DROP COLUMN skipped_bumps");
    } else {
        for (const char* column : {"availability", "updated_at", "skipped_bumps"}) {
            statements.push_back("ALTER TABLE schedules DROP COLUMN " + std::string(column));
        }
    }
    return statements;
}

// Issue 26: answers rows no read shows (their person has no day row left),
// left by a removal racing a first answer or by a last date's deletion.
std::vector<std::string> migration_16(const DdlWords&) {
    return {
        "DELETE FROM answers WHERE NOT EXISTS (SELECT 1 FROM schedules s"
        " WHERE s.event_id = answers.event_id AND s.name = answers.name)",
    };
}

// Team names are no longer unique (issue 26): a name says nothing about
// other teams, and a lookup by name needs the team's secret. Their own index
// keeps that lookup cheap. MySQL drops the unique key (named after its
// column). SQLite cannot drop a column's UNIQUE: the table is rebuilt, as
// SQLite's documentation of ALTER TABLE lays out, which is safe only with
// foreign keys off (dropping the old table would otherwise cascade to every
// team's events and members: migrate() turns them off around the
// transaction) and with legacy_alter_table on (the members' and subgroups'
// triggers name teams, which does not exist between the drop and the
// rename). The autoincrement sequence moves along, so no id comes back.
std::vector<std::string> migration_17(const DdlWords& w) {
    if (w.mysql) {
        // One statement: MySQL commits each DDL statement at once, and a
        // server stopped between two would find the first undoable again.
        return {"ALTER TABLE teams DROP INDEX name, ADD INDEX teams_by_name (name)"};
    }
    const std::string columns =
        "id, uuid, name, created_at, updated_at, security_question, custom_security_question,"
        " security_answer_hash, admin_code_hash, start_minute, end_minute, timezone,"
        " members_version";
    return {
        "PRAGMA legacy_alter_table=ON",
        "CREATE TABLE teams_rebuilt (" + w.id +
            ", uuid VARCHAR(23) NOT NULL UNIQUE"
            ", name VARCHAR(100) NOT NULL"
            ", created_at BIGINT NOT NULL"
            ", updated_at BIGINT NOT NULL"
            ", security_question INTEGER NOT NULL DEFAULT 1"
            ", custom_security_question VARCHAR(200) NULL"
            ", security_answer_hash VARCHAR(255) NOT NULL DEFAULT ''"
            ", admin_code_hash VARCHAR(255) NOT NULL DEFAULT ''"
            ", start_minute INTEGER NOT NULL DEFAULT 0"
            ", end_minute INTEGER NOT NULL DEFAULT 1440"
            ", timezone VARCHAR(64) NULL"
            ", members_version BIGINT NOT NULL DEFAULT 0)",
        "INSERT INTO teams_rebuilt (" + columns + ") SELECT " + columns + " FROM teams",
        "UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'teams')"
        " WHERE name = 'teams_rebuilt' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = "
        "'teams')",
        "DROP TABLE teams",
        "ALTER TABLE teams_rebuilt RENAME TO teams",
        "PRAGMA legacy_alter_table=OFF",
        "CREATE INDEX teams_by_name ON teams (name)",
    };
}

using Migration = std::vector<std::string> (*)(const DdlWords&);

constexpr Migration k_migrations[] = {
    migration_1,  migration_2,  migration_3,  migration_4,  migration_5,  migration_6,
    migration_7,  migration_8,  migration_9,  migration_10, migration_11, migration_12,
    migration_13, migration_14, migration_15, migration_16, migration_17};

}  // namespace

namespace {

Result<int> apply_missing(soci::session& sql, const DdlWords& words) {
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
        for (const std::string& statement : k_migrations[next - 1](words)) {
            sql << statement;
        }
        sql << "UPDATE schema_version SET version = :version", soci::use(next);
        version = next;
    }
    return version;
}

}  // namespace

Result<int> migrate(Database& database) {
    const DdlWords words = ddl_words(database.dialect());
    // Several servers may start at once on one database: only one migrates,
    // the others wait and then find the schema current.
    if (database.dialect() == Dialect::sqlite) {
        // SQLite's DDL is transactional: the whole migration is one write
        // transaction, all or nothing. Foreign keys are off around it (they
        // can be turned off only outside a transaction) so that a table can
        // be rebuilt (migration 17) keeping its ids, and every reference to it.
        return database.run("migrate", [&](soci::session& sql) -> Result<int> {
            sql << "PRAGMA foreign_keys=OFF";
            try {
                sql << "BEGIN IMMEDIATE";
                auto version = apply_missing(sql, words);
                sql << "COMMIT";
                sql << "PRAGMA foreign_keys=ON";
                return version;
            } catch (...) {
                try {
                    sql << "ROLLBACK";
                } catch (const soci::soci_error&) {
                    // BEGIN itself failed: there is nothing to roll back.
                }
                // The connection goes back to the pool as configure() left it.
                sql << "PRAGMA foreign_keys=ON";
                throw;
            }
        });
    }
    // MySQL commits DDL implicitly, so a named lock orders the migrators; the
    // version moves only after all of a migration's statements succeeded.
    return database.run("migrate", [&](soci::session& sql) -> Result<int> {
        // On Galera a named lock is the node's alone, not the cluster's, and
        // waits on it can fail while the cluster changes: there, servers are
        // started one at a time (scripts/cluster.sh does), the first migrates.
        if (Database::is_galera(sql)) {
            return apply_missing(sql, words);
        }
        // Asked for a second at a time: one wait of minutes would outlast
        // the connection's read timeout while another server migrates.
        int locked = 0;
        for (int second = 0; second < 120 && locked != 1; ++second) {
            sql << "SELECT GET_LOCK('bistime_migrations', 1)", soci::into(locked);
        }
        if (locked != 1) {
            return Error::unavailable("another server holds the migration lock");
        }
        try {
            auto version = apply_missing(sql, words);
            sql << "SELECT RELEASE_LOCK('bistime_migrations')", soci::into(locked);
            return version;
        } catch (...) {
            sql << "SELECT RELEASE_LOCK('bistime_migrations')", soci::into(locked);
            throw;
        }
    });
}

}  // namespace bistime::sql::detail
