#include "repositories.hpp"

namespace bistime::sql::detail {

CalendarDate stored_date(const std::string& text) {
    auto date = CalendarDate::parse(text);
    if (!date) {
        throw soci::soci_error("malformed date in storage: " + text);
    }
    return *date;
}

Result<Event> SqlEventRepository::insert_event(const NewEvent& input) {
    return db_.transact("insert event", [&](soci::session& sql) -> Result<Event> {
        Event event;
        event.uuid = input.uuid;
        event.title = input.title;
        event.window = input.window;
        event.admin_token_hash = input.admin_token_hash;
        event.created_at = event.updated_at = input.now;
        long long team_id = 0;
        soci::indicator team = soci::i_null;
        if (input.team_uuid) {
            std::string team_name;
            sql << "SELECT id, name FROM teams WHERE uuid = :uuid", soci::into(team_id),
                soci::into(team_name), soci::use(*input.team_uuid);
            if (!sql.got_data()) {
                return Error::not_found("team not found");
            }
            team = soci::i_ok;
            event.team_uuid = input.team_uuid;
            event.team_name = team_name;
        }
        const int start = input.window.start.minutes();
        const int end = input.window.end.minutes();
        sql << "INSERT INTO events (uuid, team_id, title, start_minute, end_minute, admin_token_hash,"
               " created_at, updated_at) VALUES (:uuid, :team, :title, :start, :end, :hash, :created,"
               " :updated)",
            soci::use(event.uuid), soci::use(team_id, team), soci::use(event.title), soci::use(start),
            soci::use(end), soci::use(event.admin_token_hash), soci::use(event.created_at),
            soci::use(event.updated_at);
        event.id = db_.last_insert_id(sql, "events");
        return event;
    });
}

Result<std::optional<Event>> SqlEventRepository::find_event(std::string_view uuid) {
    return db_.run("find event", [&](soci::session& sql) -> Result<std::optional<Event>> {
        const std::string key(uuid);
        Event event;
        long long id = 0;
        std::string team_uuid;
        std::string team_name;
        soci::indicator team_uuid_ind = soci::i_null;
        soci::indicator team_name_ind = soci::i_null;
        int start = 0;
        int end = 0;
        long long created = 0;
        long long updated = 0;
        sql << "SELECT e.id, e.uuid, t.uuid, t.name, e.title, e.start_minute, e.end_minute,"
               " e.admin_token_hash, e.created_at, e.updated_at"
               " FROM events e LEFT JOIN teams t ON t.id = e.team_id WHERE e.uuid = :uuid",
            soci::into(id), soci::into(event.uuid), soci::into(team_uuid, team_uuid_ind),
            soci::into(team_name, team_name_ind), soci::into(event.title), soci::into(start),
            soci::into(end), soci::into(event.admin_token_hash), soci::into(created),
            soci::into(updated), soci::use(key);
        if (!sql.got_data()) {
            return std::optional<Event>();
        }
        event.id = id;
        event.created_at = created;
        event.updated_at = updated;
        if (team_uuid_ind == soci::i_ok) {
            event.team_uuid = team_uuid;
            event.team_name = team_name;
        }
        event.window = TimeWindow{TimeOfDay::from_slot(start / k_slot_minutes),
                                  TimeOfDay::from_slot(end / k_slot_minutes)};
        return std::optional<Event>(std::move(event));
    });
}

Result<Event> SqlEventRepository::update_event(const Event& input, UnixSeconds now) {
    return db_.run("update event", [&](soci::session& sql) -> Result<Event> {
        Event event = input;
        event.updated_at = now;
        const int start = event.window.start.minutes();
        const int end = event.window.end.minutes();
        soci::statement update =
            (sql.prepare << "UPDATE events SET title = :title, start_minute = :start,"
                            " end_minute = :end, updated_at = :updated WHERE id = :id",
             soci::use(event.title), soci::use(start), soci::use(end), soci::use(event.updated_at),
             soci::use(event.id));
        update.execute(true);
        if (update.get_affected_rows() == 0) {
            return Error::not_found("event not found");
        }
        return event;
    });
}

Result<void> SqlEventRepository::delete_event(RowId event_id) {
    // One DELETE; the schema cascades to dates and schedules within it.
    return db_.transact("delete event", [&](soci::session& sql) -> Result<void> {
        sql << "DELETE FROM events WHERE id = :id", soci::use(event_id);
        return {};
    });
}

}  // namespace bistime::sql::detail
