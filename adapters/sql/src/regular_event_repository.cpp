#include "repositories.hpp"
#include "rows.hpp"
#include "team_repositories.hpp"

namespace bistime::sql::detail {
namespace {

struct RegularEventRow {
    long long id = 0;
    std::string uuid;
    long long team_id = 0;
    std::string team_uuid;
    std::string title;
    std::string description;
    int day = 0;
    int start = 0;
    int end = 0;
    long long created = 0;
    long long updated = 0;

    static constexpr const char* k_columns =
        "SELECT r.id, r.uuid, r.team_id, t.uuid, r.title, r.description, r.day, r.start_minute,"
        " r.end_minute, r.created_at, r.updated_at FROM regular_events r JOIN teams t ON t.id = "
        "r.team_id";

    void bind(soci::statement& statement) {
        statement.exchange(soci::into(id));
        statement.exchange(soci::into(uuid));
        statement.exchange(soci::into(team_id));
        statement.exchange(soci::into(team_uuid));
        statement.exchange(soci::into(title));
        statement.exchange(soci::into(description));
        statement.exchange(soci::into(day));
        statement.exchange(soci::into(start));
        statement.exchange(soci::into(end));
        statement.exchange(soci::into(created));
        statement.exchange(soci::into(updated));
    }
    RegularEvent to_entity() const {
        return RegularEvent{id,      uuid,        team_id, team_uuid,
                            title,   description, day,     stored_window(start, end),
                            created, updated};
    }
};

template <typename... Params>
std::vector<RegularEvent> fetch_regular_events(soci::session& sql, const std::string& where,
                                               Params&... params) {
    RegularEventRow row;
    std::vector<RegularEvent> found;
    for_each_row(
        sql, std::string(RegularEventRow::k_columns) + where,
        [&](soci::statement& statement) { row.bind(statement); },
        [&] { found.push_back(row.to_entity()); }, params...);
    return found;
}

}  // namespace

Result<std::vector<RegularEvent>> SqlRegularEventRepository::list_regular_events(RowId team_id) {
    return db_.run(
        "list regular events", [&](soci::session& sql) -> Result<std::vector<RegularEvent>> {
            long long team = team_id;
            return fetch_regular_events(
                sql, " WHERE r.team_id = :team ORDER BY r.day, r.start_minute, r.id", team);
        });
}

Result<RegularEvent> SqlRegularEventRepository::insert_regular_event(const NewRegularEvent& input) {
    return db_.run("insert regular event", [&](soci::session& sql) -> Result<RegularEvent> {
        std::string uuid = input.uuid;
        long long team = input.team_id;
        std::string title = input.title;
        std::string description = input.description;
        int day = input.day;
        int start = input.window.start.minutes();
        int end = input.window.end.minutes();
        long long stamp = input.now;
        sql << "INSERT INTO regular_events (uuid, team_id, title, description, day, start_minute, "
               "end_minute,"
               " created_at, updated_at) VALUES (:uuid, :team, :title, :description, :day, :start, "
               ":end,"
               " :created, :updated)",
            soci::use(uuid), soci::use(team), soci::use(title), soci::use(description),
            soci::use(day), soci::use(start), soci::use(end), soci::use(stamp), soci::use(stamp);
        auto found = fetch_regular_events(sql, " WHERE r.uuid = :uuid", uuid);
        if (found.empty()) {
            return Error::not_found("regular event not found");
        }
        return std::move(found.front());
    });
}

Result<std::optional<RegularEvent>> SqlRegularEventRepository::find_regular_event(
    std::string_view uuid) {
    return db_.run("find regular event",
                   [&](soci::session& sql) -> Result<std::optional<RegularEvent>> {
                       std::string key(uuid);
                       auto found = fetch_regular_events(sql, " WHERE r.uuid = :uuid", key);
                       if (found.empty()) {
                           return std::optional<RegularEvent>();
                       }
                       return std::optional<RegularEvent>(std::move(found.front()));
                   });
}

Result<RegularEvent> SqlRegularEventRepository::change_regular_event(RowId event_id,
                                                                     const Edit<RegularEvent>& edit,
                                                                     UnixSeconds now) {
    return db_.transact("change regular event", [&](soci::session& sql) -> Result<RegularEvent> {
        long long id = event_id;
        // The row lock first, alone: the read joins the team's row, which a
        // lock must not take with it (SQLite's BEGIN IMMEDIATE holds the file).
        if (db_.dialect() == Dialect::mysql) {
            long long locked = 0;
            sql << "SELECT id FROM regular_events WHERE id = :id FOR UPDATE", soci::into(locked),
                soci::use(id);
        }
        auto found = fetch_regular_events(sql, " WHERE r.id = :id", id);
        if (found.empty()) {
            return Error::not_found("regular event not found");
        }
        RegularEvent event = std::move(found.front());
        BISTIME_TRY(edit(event));
        event.updated_at = now;
        int day = event.day;
        int start = event.window.start.minutes();
        int end = event.window.end.minutes();
        long long stamp = now;
        sql << "UPDATE regular_events SET title = :title, description = :description, day = :day,"
               " start_minute = :start, end_minute = :end, updated_at = :updated WHERE id = :id",
            soci::use(event.title), soci::use(event.description), soci::use(day), soci::use(start),
            soci::use(end), soci::use(stamp), soci::use(id);
        return event;
    });
}

Result<void> SqlRegularEventRepository::delete_regular_event(RowId event_id) {
    return db_.run("delete regular event", [&](soci::session& sql) -> Result<void> {
        long long id = event_id;
        sql << "DELETE FROM regular_events WHERE id = :id", soci::use(id);
        return {};
    });
}

}  // namespace bistime::sql::detail
