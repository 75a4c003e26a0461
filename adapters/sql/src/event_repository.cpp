#include "repositories.hpp"
#include "rows.hpp"

namespace bistime::sql::detail {

CalendarDate stored_date(const std::string& text) {
    auto date = CalendarDate::parse(text);
    if (!date) {
        throw soci::soci_error("malformed date in storage: " + text);
    }
    return *date;
}

TimeWindow stored_window(int start_minute, int end_minute) {
    auto start = TimeOfDay::from_minutes(start_minute);
    auto end = TimeOfDay::from_minutes(end_minute);
    auto window =
        start && end ? TimeWindow::make(*start, *end) : Result<TimeWindow>(Error::invalid(""));
    if (!window) {
        throw soci::soci_error("malformed time window in storage");
    }
    return *window;
}

Result<Event> SqlEventRepository::insert_event(const NewEvent& input) {
    return db_.transact("insert event", [&](soci::session& sql) -> Result<Event> {
        Event event;
        event.uuid = input.uuid;
        event.title = input.title;
        event.window = input.window;
        event.admin_token_hash = input.admin_token_hash;
        event.description = input.description;
        event.location = input.location;
        event.created_at = event.updated_at = input.now;
        std::string description = input.description.value_or("");
        soci::indicator description_ind = input.description ? soci::i_ok : soci::i_null;
        std::string location = input.location.value_or("");
        soci::indicator location_ind = input.location ? soci::i_ok : soci::i_null;
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
        int slot_minutes = input.slot_minutes;
        event.slot_minutes = input.slot_minutes;
        int weekdays = input.weekdays ? 1 : 0;
        event.weekdays = input.weekdays;
        event.timezone = input.timezone;
        std::string zone = input.timezone.value_or("");
        soci::indicator zone_ind = input.timezone ? soci::i_ok : soci::i_null;
        event.closes_at = input.closes_at;
        long long closes = input.closes_at.value_or(0);
        soci::indicator closes_ind = input.closes_at ? soci::i_ok : soci::i_null;
        sql << "INSERT INTO events (uuid, team_id, title, start_minute, end_minute, "
               "admin_token_hash,"
               " created_at, updated_at, description, location, slot_minutes, weekdays, timezone, "
               "closes_at)"
               " VALUES (:uuid, :team, :title, :start, :end, :hash, :created, :updated, "
               ":description, :location,"
               " :slots, :weekdays, :zone, :closes)",
            soci::use(event.uuid), soci::use(team_id, team), soci::use(event.title),
            soci::use(start), soci::use(end), soci::use(event.admin_token_hash),
            soci::use(event.created_at), soci::use(event.updated_at),
            soci::use(description, description_ind), soci::use(location, location_ind),
            soci::use(slot_minutes), soci::use(weekdays), soci::use(zone, zone_ind),
            soci::use(closes, closes_ind);
        event.id = db_.last_insert_id(sql, "events");
        return event;
    });
}

namespace {

struct EventRow {
    long long id = 0;
    std::string uuid;
    std::string team_uuid;
    soci::indicator team_uuid_ind = soci::i_null;
    std::string team_name;
    soci::indicator team_name_ind = soci::i_null;
    std::string title;
    int start = 0;
    int end = 0;
    std::string token_hash;
    long long created = 0;
    long long updated = 0;
    std::string description;
    soci::indicator description_ind = soci::i_null;
    std::string location;
    soci::indicator location_ind = soci::i_null;
    int slot_minutes = k_slot_minutes;
    int weekdays = 0;
    std::string zone;
    soci::indicator zone_ind = soci::i_null;
    std::string decision_day;
    soci::indicator decision_day_ind = soci::i_null;
    int decision_start = 0;
    soci::indicator decision_start_ind = soci::i_null;
    int decision_end = 0;
    soci::indicator decision_end_ind = soci::i_null;
    int locked = 0;
    long long closes = 0;
    soci::indicator closes_ind = soci::i_null;
    long long version = 0;
    long long dates_version = 0;
    long long protected_names = 0;

    static constexpr const char* k_columns =
        "SELECT e.id, e.uuid, t.uuid, t.name, e.title, e.start_minute, e.end_minute, "
        "e.admin_token_hash,"
        " e.created_at, e.updated_at, e.description, e.location, e.slot_minutes, e.weekdays, "
        "e.timezone,"
        " e.decision_day, e.decision_start, e.decision_end, e.locked, e.closes_at,"
        // The answers' counters (migration 13) in the same statement, so the
        // sum and the row come from one snapshot.
        " e.version + COALESCE((SELECT SUM(v.version) FROM answer_versions v"
        " WHERE v.event_id = e.id), 0), e.version,"
        " e.protected_names"
        " FROM events e LEFT JOIN teams t ON t.id = e.team_id";
    // The same columns for a person's write, without the sum of the
    // answers' counters and the team's join: about a third of the row's
    // cost to MariaDB (docs/performance.md).
    static constexpr const char* k_columns_to_write =
        "SELECT e.id, e.uuid, NULL, NULL, e.title, e.start_minute, e.end_minute, "
        "e.admin_token_hash,"
        " e.created_at, e.updated_at, e.description, e.location, e.slot_minutes, e.weekdays, "
        "e.timezone,"
        " e.decision_day, e.decision_start, e.decision_end, e.locked, e.closes_at,"
        " -1, e.version, e.protected_names"
        " FROM events e";

    void bind(soci::statement& statement) {
        statement.exchange(soci::into(id));
        statement.exchange(soci::into(uuid));
        statement.exchange(soci::into(team_uuid, team_uuid_ind));
        statement.exchange(soci::into(team_name, team_name_ind));
        statement.exchange(soci::into(title));
        statement.exchange(soci::into(start));
        statement.exchange(soci::into(end));
        statement.exchange(soci::into(token_hash));
        statement.exchange(soci::into(created));
        statement.exchange(soci::into(updated));
        statement.exchange(soci::into(description, description_ind));
        statement.exchange(soci::into(location, location_ind));
        statement.exchange(soci::into(slot_minutes));
        statement.exchange(soci::into(weekdays));
        statement.exchange(soci::into(zone, zone_ind));
        statement.exchange(soci::into(decision_day, decision_day_ind));
        statement.exchange(soci::into(decision_start, decision_start_ind));
        statement.exchange(soci::into(decision_end, decision_end_ind));
        statement.exchange(soci::into(locked));
        statement.exchange(soci::into(closes, closes_ind));
        statement.exchange(soci::into(version));
        statement.exchange(soci::into(dates_version));
        statement.exchange(soci::into(protected_names));
    }
    Event to_entity() const {
        Event event;
        event.id = id;
        event.uuid = uuid;
        if (team_uuid_ind == soci::i_ok) {
            event.team_uuid = team_uuid;
            event.team_name = team_name;
        }
        event.title = title;
        event.window = stored_window(start, end);
        event.admin_token_hash = token_hash;
        event.created_at = created;
        event.updated_at = updated;
        if (description_ind == soci::i_ok) {
            event.description = description;
        }
        if (location_ind == soci::i_ok) {
            event.location = location;
        }
        if (!is_supported_slot_size(slot_minutes)) {
            throw soci::soci_error("malformed slot size in storage");
        }
        event.slot_minutes = slot_minutes;
        event.weekdays = weekdays != 0;
        if (zone_ind == soci::i_ok) {
            event.timezone = zone;
        }
        if (decision_day_ind == soci::i_ok && decision_start_ind == soci::i_ok &&
            decision_end_ind == soci::i_ok) {
            event.decision =
                Decision{stored_date(decision_day), stored_window(decision_start, decision_end)};
        }
        event.locked = locked != 0;
        if (closes_ind == soci::i_ok) {
            event.closes_at = closes;
        }
        event.answers_version = version;
        event.dates_version = dates_version;
        event.protected_names = protected_names;
        return event;
    }
};

// The events `where` selects, read with `columns` (EventRow's).
template <typename... Params>
std::vector<Event> fetch_events_from(soci::session& sql, const char* columns,
                                     const std::string& where, Params&... params) {
    EventRow row;
    std::vector<Event> found;
    for_each_row(
        sql, std::string(columns) + where, [&](soci::statement& statement) { row.bind(statement); },
        [&] { found.push_back(row.to_entity()); }, params...);
    return found;
}

template <typename... Params>
std::vector<Event> fetch_events(soci::session& sql, const std::string& where, Params&... params) {
    return fetch_events_from(sql, EventRow::k_columns, where, params...);
}

}  // namespace

std::size_t SqlEventRepository::OwnedRow::bytes() const {
    return sizeof(OwnedRow) + event.uuid.size() + event.title.size() +
           event.admin_token_hash.size() + event.description.value_or("").size() +
           event.location.value_or("").size() + event.team_uuid.value_or("").size() +
           event.team_name.value_or("").size() + event.timezone.value_or("").size();
}

Result<std::optional<Event>> SqlEventRepository::find_event(std::string_view uuid) {
    std::string key(uuid);
    if (db_.in_unit()) {
        return read_event(key);
    }
    const auto mark = db_.quiet_mark();
    if (mark) {
        if (auto owned = owned_rows_.find(key, *mark)) {
            return std::optional<Event>(owned->event);
        }
    }
    auto found = shared_reads_.read(key, [&] { return read_event(key); });
    // The read began after the mark was taken; if no write began since, it
    // is the row as of the mark.
    if (mark && found && *found && db_.quiet_mark() == mark) {
        owned_rows_.store(key, *mark, std::make_shared<const OwnedRow>(OwnedRow{**found}));
    }
    return found;
}

Result<std::optional<Event>> SqlEventRepository::find_event_to_write(std::string_view uuid) {
    // A SQLite file's sole writer has the whole row at hand, without a read.
    if (db_.dialect() == Dialect::sqlite) {
        return find_event(uuid);
    }
    std::string key(uuid);
    if (db_.in_unit()) {
        return read_event(key, true);
    }
    return shared_write_reads_.read(key, [&] { return read_event(key, true); });
}

Result<std::optional<Event>> SqlEventRepository::read_event(const std::string& uuid,
                                                            bool to_write) {
    return db_.read("find event", [&](soci::session& sql) -> Result<std::optional<Event>> {
        std::string key(uuid);
        auto found =
            fetch_events_from(sql, to_write ? EventRow::k_columns_to_write : EventRow::k_columns,
                              " WHERE e.uuid = :uuid", key);
        if (found.empty()) {
            return std::optional<Event>();
        }
        return std::optional<Event>(std::move(found.front()));
    });
}

Result<std::vector<Event>> SqlEventRepository::list_team_events(RowId team_id) {
    return db_.run("list team events", [&](soci::session& sql) -> Result<std::vector<Event>> {
        long long team = team_id;
        return fetch_events(sql, " WHERE e.team_id = :team ORDER BY e.created_at, e.id", team);
    });
}

Result<Event> SqlEventRepository::change_event(RowId event_id, const Edit<Event>& edit,
                                               UnixSeconds now) {
    return db_.transact("change event", [&](soci::session& sql) -> Result<Event> {
        long long id = event_id;
        // The row lock first, alone: the read below joins the team and sums
        // the answers' counters, rows a lock must not take with it. SQLite's
        // BEGIN IMMEDIATE holds the whole file already.
        if (db_.dialect() == Dialect::mysql) {
            long long locked = 0;
            sql << "SELECT id FROM events WHERE id = :id FOR UPDATE", soci::into(locked),
                soci::use(id);
            if (!sql.got_data()) {
                return Error::not_found("event not found");
            }
        }
        auto found = fetch_events(sql, " WHERE e.id = :id", id);
        if (found.empty()) {
            return Error::not_found("event not found");
        }
        Event event = std::move(found.front());
        BISTIME_TRY(edit(event));
        event.updated_at = now;
        BISTIME_TRY(store_event(sql, event));
        return event;
    });
}

Result<void> SqlEventRepository::store_event(soci::session& sql, Event event) {
    const int start = event.window.start.minutes();
    const int end = event.window.end.minutes();
    std::string description = event.description.value_or("");
    soci::indicator description_ind = event.description ? soci::i_ok : soci::i_null;
    std::string location = event.location.value_or("");
    soci::indicator location_ind = event.location ? soci::i_ok : soci::i_null;
    const soci::indicator decided = event.decision ? soci::i_ok : soci::i_null;
    std::string decision_day = event.decision ? event.decision->date.to_string() : "";
    int decision_start = event.decision ? event.decision->window.start.minutes() : 0;
    int decision_end = event.decision ? event.decision->window.end.minutes() : 0;
    soci::indicator decision_day_ind = decided;
    soci::indicator decision_start_ind = decided;
    soci::indicator decision_end_ind = decided;
    int locked = event.locked ? 1 : 0;
    long long closes = event.closes_at.value_or(0);
    soci::indicator closes_ind = event.closes_at ? soci::i_ok : soci::i_null;
    soci::statement update =
        (sql.prepare
             << "UPDATE events SET title = :title, start_minute = :start,"
                " end_minute = :end, updated_at = :updated, description = :description,"
                " location = :location, decision_day = :day, decision_start = :dstart,"
                " decision_end = :dend, locked = :locked, closes_at = :closes WHERE id = :id",
         soci::use(event.title), soci::use(start), soci::use(end), soci::use(event.updated_at),
         soci::use(description, description_ind), soci::use(location, location_ind),
         soci::use(decision_day, decision_day_ind), soci::use(decision_start, decision_start_ind),
         soci::use(decision_end, decision_end_ind), soci::use(locked),
         soci::use(closes, closes_ind), soci::use(event.id));
    update.execute(true);
    if (update.get_affected_rows() == 0) {
        return Error::not_found("event not found");
    }
    return {};
}

Result<std::size_t> SqlEventRepository::delete_expired_events(CalendarDate last_day_before,
                                                              UnixSeconds updated_before) {
    return db_.transact("expire events", [&](soci::session& sql) -> Result<std::size_t> {
        std::string cutoff = last_day_before.to_string();
        long long stale = updated_before;
        // Foreign keys cascade to dates and schedules in the same statement.
        const auto deleted =
            execute_counting(sql,
                             "DELETE FROM events WHERE"
                             " (weekdays = 0 AND (SELECT MAX(d.day) FROM event_dates d WHERE "
                             "d.event_id = events.id) < :cutoff)"
                             " OR ((weekdays = 1 OR NOT EXISTS (SELECT 1 FROM event_dates d WHERE "
                             "d.event_id = events.id))"
                             " AND updated_at < :stale)",
                             cutoff, stale);
        return static_cast<std::size_t>(deleted);
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
