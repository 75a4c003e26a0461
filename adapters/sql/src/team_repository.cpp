#include "repositories.hpp"
#include "rows.hpp"
#include "team_repositories.hpp"

namespace bistime::sql::detail {
namespace {

struct TeamRow {
    long long id = 0;
    std::string uuid;
    std::string name;
    int question = 1;
    std::string custom;
    soci::indicator custom_ind = soci::i_null;
    std::string answer_hash;
    std::string code_hash;
    int start = 0;
    int end = 0;
    long long created = 0;
    long long updated = 0;
    std::string zone;
    soci::indicator zone_ind = soci::i_null;
    long long members_version = 0;

    static constexpr const char* k_columns =
        "SELECT id, uuid, name, security_question, custom_security_question, security_answer_hash,"
        " admin_code_hash, start_minute, end_minute, created_at, updated_at, timezone,"
        " members_version FROM teams";

    void bind(soci::statement& statement) {
        statement.exchange(soci::into(id));
        statement.exchange(soci::into(uuid));
        statement.exchange(soci::into(name));
        statement.exchange(soci::into(question));
        statement.exchange(soci::into(custom, custom_ind));
        statement.exchange(soci::into(answer_hash));
        statement.exchange(soci::into(code_hash));
        statement.exchange(soci::into(start));
        statement.exchange(soci::into(end));
        statement.exchange(soci::into(created));
        statement.exchange(soci::into(updated));
        statement.exchange(soci::into(zone, zone_ind));
        statement.exchange(soci::into(members_version));
    }
    Team to_entity() const {
        Team team;
        team.id = id;
        team.uuid = uuid;
        team.name = name;
        team.security_question = question;
        if (custom_ind == soci::i_ok) {
            team.custom_security_question = custom;
        }
        team.security_answer_hash = answer_hash;
        team.admin_code_hash = code_hash;
        team.window = stored_window(start, end);
        team.created_at = created;
        team.updated_at = updated;
        if (zone_ind == soci::i_ok) {
            team.timezone = zone;
        }
        team.members_version = members_version;
        return team;
    }
};

}  // namespace

Result<Team> SqlTeamRepository::insert_team(const NewTeam& input) {
    return db_.run("insert team", [&](soci::session& sql) -> Result<Team> {
        Team team;
        team.uuid = input.uuid;
        team.name = input.name;
        team.security_question = input.security_question;
        team.custom_security_question = input.custom_security_question;
        team.security_answer_hash = input.security_answer_hash;
        team.admin_code_hash = input.admin_code_hash;
        team.window = input.window;
        team.created_at = team.updated_at = input.now;
        std::string custom = input.custom_security_question.value_or("");
        soci::indicator custom_ind = input.custom_security_question ? soci::i_ok : soci::i_null;
        const int start = team.window.start.minutes();
        const int end = team.window.end.minutes();
        team.timezone = input.timezone;
        std::string zone = input.timezone.value_or("");
        soci::indicator zone_ind = input.timezone ? soci::i_ok : soci::i_null;
        sql << "INSERT INTO teams (uuid, name, security_question, custom_security_question,"
               " security_answer_hash, admin_code_hash, start_minute, end_minute, created_at, "
               "updated_at, timezone)"
               " VALUES (:uuid, :name, :question, :custom, :answer, :code, :start, :end, :created, "
               ":updated, :zone)",
            soci::use(team.uuid), soci::use(team.name), soci::use(team.security_question),
            soci::use(custom, custom_ind), soci::use(team.security_answer_hash),
            soci::use(team.admin_code_hash), soci::use(start), soci::use(end),
            soci::use(team.created_at), soci::use(team.updated_at), soci::use(zone, zone_ind);
        team.id = db_.last_insert_id(sql, "teams");
        return team;
    });
}

Result<std::optional<Team>> SqlTeamRepository::find_where(const char* column,
                                                          std::string_view value) {
    return db_.run("find team", [&](soci::session& sql) -> Result<std::optional<Team>> {
        TeamRow row;
        std::optional<Team> found;
        std::string key(value);
        for_each_row(
            sql, std::string(TeamRow::k_columns) + " WHERE " + column + " = :key",
            [&](soci::statement& statement) { row.bind(statement); },
            [&] { found = row.to_entity(); }, key);
        return found;
    });
}

Result<std::optional<Team>> SqlTeamRepository::find_team(std::string_view uuid) {
    return find_where("uuid", uuid);
}

Result<std::vector<Team>> SqlTeamRepository::find_teams_by_name(std::string_view name,
                                                                std::size_t limit) {
    return db_.run("find teams by name", [&](soci::session& sql) -> Result<std::vector<Team>> {
        TeamRow row;
        std::vector<Team> found;
        std::string key(name);
        long long most = static_cast<long long>(limit);
        for_each_row(
            sql,
            std::string(TeamRow::k_columns) + " WHERE name = :key ORDER BY id DESC LIMIT :most",
            [&](soci::statement& statement) { row.bind(statement); },
            [&] { found.push_back(row.to_entity()); }, key, most);
        return found;
    });
}

Result<Team> SqlTeamRepository::change_team(RowId team_id, const Edit<Team>& edit,
                                            UnixSeconds now) {
    return db_.transact("change team", [&](soci::session& sql) -> Result<Team> {
        long long id = team_id;
        TeamRow row;
        std::optional<Team> found;
        // Locked until the change is stored (SQLite's BEGIN IMMEDIATE holds
        // the whole file already).
        for_each_row(
            sql, std::string(TeamRow::k_columns) + " WHERE id = :id" + std::string(db_.lock_rows()),
            [&](soci::statement& statement) { row.bind(statement); },
            [&] { found = row.to_entity(); }, id);
        if (!found) {
            return Error::not_found("team not found");
        }
        Team team = std::move(*found);
        BISTIME_TRY(edit(team));
        team.updated_at = now;
        int start = team.window.start.minutes();
        int end = team.window.end.minutes();
        long long stamp = now;
        execute_counting(sql,
                         "UPDATE teams SET name = :name, start_minute = :start, end_minute = :end,"
                         " updated_at = :updated WHERE id = :id",
                         team.name, start, end, stamp, id);
        return team;
    });
}

Result<void> SqlTeamRepository::set_admin_code_hash(RowId team_id, std::string_view hash,
                                                    UnixSeconds now) {
    return db_.run("set admin code", [&](soci::session& sql) -> Result<void> {
        std::string value(hash);
        long long stamp = now;
        long long id = team_id;
        sql << "UPDATE teams SET admin_code_hash = :hash, updated_at = :updated WHERE id = :id",
            soci::use(value), soci::use(stamp), soci::use(id);
        return {};
    });
}

Result<void> SqlTeamRepository::delete_team(RowId team_id) {
    // One DELETE: foreign keys cascade to subgroups, members, regular events
    // and the team's events with their dates and schedules.
    return db_.transact("delete team", [&](soci::session& sql) -> Result<void> {
        long long id = team_id;
        sql << "DELETE FROM teams WHERE id = :id", soci::use(id);
        return {};
    });
}

}  // namespace bistime::sql::detail
