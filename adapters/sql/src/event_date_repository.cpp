#include <algorithm>
#include <deque>

#include "repositories.hpp"

namespace bistime::sql::detail {
namespace {

constexpr const char* k_select_dates =
    "SELECT d.id, d.event_id, e.uuid, d.day, d.created_at, d.updated_at"
    " FROM event_dates d JOIN events e ON e.id = d.event_id";

// Binds the columns of k_select_dates and turns each fetched row into an EventDate.
struct DateRow {
    long long id = 0;
    long long event_id = 0;
    std::string event_uuid;
    std::string day;
    long long created = 0;
    long long updated = 0;

    void bind(soci::statement& statement) {
        statement.exchange(soci::into(id));
        statement.exchange(soci::into(event_id));
        statement.exchange(soci::into(event_uuid));
        statement.exchange(soci::into(day));
        statement.exchange(soci::into(created));
        statement.exchange(soci::into(updated));
    }
    EventDate to_entity() const {
        return EventDate{id, event_id, event_uuid, stored_date(day), created, updated};
    }
};

template <typename... Params>
std::vector<EventDate> fetch_dates(soci::session& sql, const std::string& query,
                                   Params&... params) {
    DateRow row;
    soci::statement statement(sql);
    row.bind(statement);
    (statement.exchange(soci::use(params)), ...);
    statement.alloc();
    statement.prepare(query);
    statement.define_and_bind();
    statement.execute(false);
    std::vector<EventDate> dates;
    while (statement.fetch()) {
        dates.push_back(row.to_entity());
    }
    return dates;
}

}  // namespace

Result<std::vector<EventDate>> SqlEventDateRepository::list_dates(RowId event_id) {
    return db_.read("list dates", [&](soci::session& sql) -> Result<std::vector<EventDate>> {
        long long id = event_id;
        return fetch_dates(
            sql, std::string(k_select_dates) + " WHERE d.event_id = :id ORDER BY d.day", id);
    });
}

Result<DatePage> SqlEventDateRepository::page_dates(RowId event_id, std::size_t offset,
                                                    std::size_t limit) {
    return db_.run("page dates", [&](soci::session& sql) -> Result<DatePage> {
        long long id = event_id;
        long long total = 0;
        sql << "SELECT COUNT(*) FROM event_dates WHERE event_id = :id", soci::into(total),
            soci::use(id);
        long long row_limit = static_cast<long long>(limit);
        long long row_offset = static_cast<long long>(offset);
        auto dates =
            fetch_dates(sql,
                        std::string(k_select_dates) +
                            " WHERE d.event_id = :id ORDER BY d.day LIMIT :limit OFFSET :offset",
                        id, row_limit, row_offset);
        return DatePage{static_cast<std::size_t>(total), std::move(dates)};
    });
}

Result<void> SqlEventDateRepository::add_dates(RowId event_id, std::span<const CalendarDate> dates,
                                               std::size_t max_total, UnixSeconds now) {
    return db_.transact("add dates", [&](soci::session& sql) -> Result<void> {
        long long id = event_id;
        // Bumping the event's version also locks its row, which serializes
        // concurrent additions to one event, so two of them cannot pass the
        // limit together. (A refused addition rolls the bump back.)
        soci::statement bump =
            (sql.prepare << "UPDATE events SET version = version + 1 WHERE id = :id",
             soci::use(id));
        bump.execute(true);
        if (bump.get_affected_rows() == 0) {
            return Error::not_found("event not found");
        }
        std::vector<std::string> present(max_total + dates.size() + 1);
        soci::statement read = (sql.prepare << "SELECT day FROM event_dates WHERE event_id = :id",
                                soci::into(present), soci::use(id));
        read.execute(true);
        std::sort(present.begin(), present.end());

        std::deque<std::string> fresh;  // a deque keeps bound references stable
        for (const CalendarDate& date : dates) {
            std::string text = date.to_string();
            if (!std::binary_search(present.begin(), present.end(), text)) {
                fresh.push_back(std::move(text));
            }
        }
        if (present.size() + fresh.size() > max_total) {
            return Error::invalid_field(
                "additionalDates", "an event has at most " + std::to_string(max_total) + " dates");
        }
        if (fresh.empty()) {
            return {};
        }
        long long stamp = now;
        std::string query =
            "INSERT INTO event_dates (event_id, day, created_at, updated_at) VALUES ";
        soci::statement insert(sql);
        for (std::size_t i = 0; i < fresh.size(); ++i) {
            const std::string n = std::to_string(i);
            query += (i ? ", " : "") + std::string("(:e") + n + ", :d" + n + ", :c" + n + ", :u" +
                     n + ")";
            insert.exchange(soci::use(id));
            insert.exchange(soci::use(fresh[i]));
            insert.exchange(soci::use(stamp));
            insert.exchange(soci::use(stamp));
        }
        insert.alloc();
        insert.prepare(query);
        insert.define_and_bind();
        insert.execute(true);
        return {};
    });
}

Result<std::optional<EventDate>> SqlEventDateRepository::find_date(RowId date_id) {
    return db_.run("find date", [&](soci::session& sql) -> Result<std::optional<EventDate>> {
        long long id = date_id;
        auto dates = fetch_dates(sql, std::string(k_select_dates) + " WHERE d.id = :id", id);
        if (dates.empty()) {
            return std::optional<EventDate>();
        }
        return std::optional<EventDate>(std::move(dates.front()));
    });
}

Result<std::vector<EventDate>> SqlEventDateRepository::list_team_dates(RowId team_id) {
    return db_.run("list team dates", [&](soci::session& sql) -> Result<std::vector<EventDate>> {
        long long team = team_id;
        return fetch_dates(
            sql,
            std::string(k_select_dates) + " WHERE e.team_id = :team ORDER BY d.event_id, d.day",
            team);
    });
}

Result<void> SqlEventDateRepository::delete_date(RowId date_id) {
    return db_.transact("delete date", [&](soci::session& sql) -> Result<void> {
        long long id = date_id;
        long long event = 0;
        sql << "SELECT event_id FROM event_dates WHERE id = :id", soci::into(event), soci::use(id);
        if (!sql.got_data()) {
            return {};
        }
        sql << "UPDATE events SET version = version + 1 WHERE id = :event", soci::use(event);
        sql << "DELETE FROM event_dates WHERE id = :id", soci::use(id);
        // The schema cascades to the date's day rows; a person who answered
        // on no other date keeps no answers row, which a later first answer
        // of the name would take for theirs.
        sql << std::string(k_delete_answers_without_days) + " AND event_id = :event",
            soci::use(event);
        return {};
    });
}

}  // namespace bistime::sql::detail
