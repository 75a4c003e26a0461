#include <algorithm>
#include <deque>

#include "repositories.hpp"

namespace bistime::sql::detail {
namespace {

constexpr const char* k_select_schedules =
    "SELECT s.id, s.event_id, s.date_id, d.day, s.name, s.availability, s.created_at, s.updated_at"
    " FROM schedules s JOIN event_dates d ON d.id = s.date_id";

// Rows come in batches of k_batch (SOCI's bulk fetch into vectors), not one
// round of the driver per row: a large event's schedules are thousands.
std::vector<Schedule> fetch_schedules(soci::session& sql, const std::string& query,
                                      long long event_id, const std::string* name,
                                      const long long* date_id = nullptr) {
    constexpr std::size_t k_batch = 512;
    std::vector<long long> ids(k_batch);
    std::vector<long long> row_events(k_batch);
    std::vector<long long> row_dates(k_batch);
    std::vector<std::string> days(k_batch);
    std::vector<std::string> row_names(k_batch);
    std::vector<std::string> availabilities(k_batch);
    std::vector<long long> created(k_batch);
    std::vector<long long> updated(k_batch);
    soci::statement statement(sql);
    statement.exchange(soci::into(ids));
    statement.exchange(soci::into(row_events));
    statement.exchange(soci::into(row_dates));
    statement.exchange(soci::into(days));
    statement.exchange(soci::into(row_names));
    statement.exchange(soci::into(availabilities));
    statement.exchange(soci::into(created));
    statement.exchange(soci::into(updated));
    statement.exchange(soci::use(event_id));
    if (name != nullptr) {
        statement.exchange(soci::use(*name));
    }
    if (date_id != nullptr) {
        statement.exchange(soci::use(*date_id));
    }
    statement.alloc();
    statement.prepare(query);
    statement.define_and_bind();
    std::vector<Schedule> schedules;
    // A date's text is parsed once, however many people answered on it.
    long long last_date_id = -1;
    CalendarDate last_date = *CalendarDate::from_ymd(1970, 1, 1);
    bool more = statement.execute(true);
    while (more) {
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const std::string& text = availabilities[i];
            auto bits = DayAvailability::parse(text, static_cast<int>(text.size()),
                                               Answers::with_if_needed);
            if (!bits) {
                throw soci::soci_error("malformed availability in storage");
            }
            if (row_dates[i] != last_date_id) {
                last_date_id = row_dates[i];
                last_date = stored_date(days[i]);
            }
            schedules.push_back(Schedule{ids[i], row_events[i], row_dates[i], last_date,
                                         std::move(row_names[i]), *bits, created[i], updated[i]});
        }
        if (ids.size() < k_batch) {
            break;
        }
        for (auto* column : {&ids, &row_events, &row_dates, &created, &updated}) {
            column->resize(k_batch);
        }
        for (auto* column : {&days, &row_names, &availabilities}) {
            column->resize(k_batch);
        }
        more = statement.fetch();
    }
    return schedules;
}

// Ends `query` with " id IN (:i0, :i1, …)", `ids` bound to the statement in
// that order, and runs it. `ids` must outlive the call (SOCI binds references).
long long run_on_ids(soci::statement& statement, std::string query,
                     const std::deque<long long>& ids) {
    query += " id IN (";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        query += (i ? ", :i" : ":i") + std::to_string(i);
        statement.exchange(soci::use(ids[i]));
    }
    query += ")";
    statement.alloc();
    statement.prepare(query);
    statement.define_and_bind();
    statement.execute(true);
    return statement.get_affected_rows();
}

}  // namespace

// Every write to an event's answers moves its version in the same
// transaction, so that a reader never sees the new answers under the old
// version: the schedules table's triggers bump a counter of the person's
// bucket, row by row (migration 13). A write is then a single statement, and
// writers of names in different buckets hold no lock in common.
//
// A name new to an event under a limit is the exception: it takes the
// event's row lock before counting the people, so that two newcomers cannot
// both see room for one.
Result<void> SqlScheduleRepository::admit_person(soci::session& sql, long long event,
                                                 const std::string& person,
                                                 std::size_t max_people) {
    int known = 0;
    sql << "SELECT COUNT(*) FROM schedules WHERE event_id = :event AND name = :name",
        soci::into(known), soci::use(event), soci::use(person);
    if (known > 0) {
        return {};
    }
    // SQLite's BEGIN IMMEDIATE already holds the file's write lock.
    if (db_.dialect() == Dialect::mysql) {
        long long locked = 0;
        sql << "SELECT id FROM events WHERE id = :event FOR UPDATE", soci::into(locked),
            soci::use(event);
    }
    long long people = 0;
    sql << "SELECT COUNT(DISTINCT name) FROM schedules WHERE event_id = :event", soci::into(people),
        soci::use(event);
    if (people >= static_cast<long long>(max_people)) {
        return Error::conflict("the event is full: it already has " + std::to_string(max_people) +
                               " people");
    }
    return {};
}

template <typename T, typename Write>
Result<T> SqlScheduleRepository::write_answers(std::string_view what, long long event,
                                               const std::string& person, std::size_t max_people,
                                               Statements statements, Write&& write) {
    if (max_people == 0 && statements == Statements::one) {
        return db_.run(what, std::forward<Write>(write));
    }
    return db_.transact(what, [&](soci::session& sql) -> Result<T> {
        if (max_people > 0) {
            BISTIME_TRY(admit_person(sql, event, person, max_people));
        }
        return write(sql);
    });
}

Result<std::vector<Schedule>> SqlScheduleRepository::list_schedules(
    RowId event_id, std::optional<std::string_view> name) {
    return db_.read("list schedules", [&](soci::session& sql) -> Result<std::vector<Schedule>> {
        std::string query = std::string(k_select_schedules) + " WHERE s.event_id = :event";
        std::string wanted;
        if (name) {
            wanted = std::string(*name);
            query += " AND s.name = :name";
        }
        query += " ORDER BY d.day, s.name";
        return fetch_schedules(sql, query, event_id, name ? &wanted : nullptr);
    });
}

Result<std::optional<std::vector<Schedule>>> SqlScheduleRepository::replace_seen_rows(
    long long event, const std::string& person, std::span<const DayEntry> days, UnixSeconds now) {
    using Replaced = std::optional<std::vector<Schedule>>;
    return db_.run("replace schedules", [&](soci::session& sql) -> Result<Replaced> {
        long long stamp = now;
        std::deque<long long> ids;  // deques keep bound references stable
        std::deque<std::string> texts;
        for (const DayEntry& day : days) {
            ids.push_back(day.seen->id);
            texts.push_back(day.availability.to_string());
        }
        // Rows found by their primary key cost MariaDB about half of what
        // the upsert does, which tries an insert on the unique key first
        // (docs/performance.md). The event and the name make a stale hint
        // miss instead of writing someone else's row; ids are never reused.
        soci::statement update(sql);
        std::string query = "UPDATE schedules SET availability = CASE id";
        for (std::size_t i = 0; i < days.size(); ++i) {
            const std::string n = std::to_string(i);
            query += " WHEN :k" + n + " THEN :a" + n;
            update.exchange(soci::use(ids[i]));
            update.exchange(soci::use(texts[i]));
        }
        // The first row bumps the answers' version for the statement; the
        // others skip it (migration 14).
        query +=
            " END, updated_at = :updated, skipped_bumps = skipped_bumps + (id <> :first)"
            " WHERE event_id = :event AND name = :name AND";
        update.exchange(soci::use(stamp));
        update.exchange(soci::use(ids.front()));
        update.exchange(soci::use(event));
        update.exchange(soci::use(person));
        // Both count the rows matched, changed or not (SOCI connects to MySQL
        // with CLIENT_FOUND_ROWS): a rewrite of the same answer in the same
        // second is no miss.
        const long long matched = run_on_ids(update, std::move(query), ids);
        if (matched != static_cast<long long>(days.size())) {
            if (matched > 0) {
                // The rows changed are committed, but if the first row was
                // not among them nothing bumped the version: these rows bump
                // it now, each for itself, before the upsert that follows
                // (which may fail) stores the whole schedule.
                soci::statement bump(sql);
                bump.exchange(soci::use(event));
                bump.exchange(soci::use(person));
                run_on_ids(bump,
                           "UPDATE schedules SET updated_at = updated_at"
                           " WHERE event_id = :event AND name = :name AND",
                           ids);
            }
            return Replaced();
        }
        std::vector<Schedule> stored;
        stored.reserve(days.size());
        for (const DayEntry& day : days) {
            stored.push_back(Schedule{day.seen->id, event, day.date_id, day.date, person,
                                      day.availability, day.seen->created_at, stamp});
        }
        std::sort(stored.begin(), stored.end(),
                  [](const Schedule& a, const Schedule& b) { return a.date < b.date; });
        return Replaced(std::move(stored));
    });
}

Result<std::vector<Schedule>> SqlScheduleRepository::put_schedules(RowId event_id,
                                                                   std::string_view name,
                                                                   std::span<const DayEntry> days,
                                                                   UnixSeconds now,
                                                                   std::size_t max_people) {
    if (days.empty()) {
        return std::vector<Schedule>();
    }
    long long event = event_id;
    const std::string person(name);
    // A person already in the event has nothing to be admitted for: rows
    // changed in place need no count of people either.
    if (std::all_of(days.begin(), days.end(), [](const DayEntry& day) { return day.seen; })) {
        BISTIME_ASSIGN(auto replaced, replace_seen_rows(event, person, days, now));
        if (replaced) {
            return std::move(*replaced);
        }
    }
    return write_answers<std::vector<Schedule>>(
        "put schedules", event, person, max_people, Statements::one,
        [&](soci::session& sql) -> Result<std::vector<Schedule>> {
            long long stamp = now;
            std::deque<long long> date_ids;  // deques keep bound references stable
            std::deque<std::string> texts;
            // One multi-row upsert, whatever the number of dates; the unique key
            // (date_id, name) makes concurrent writers of one name converge on
            // one row per date.
            std::string query =
                "INSERT INTO schedules (event_id, date_id, name, availability, created_at, "
                "updated_at, skipped_bumps) "
                "VALUES ";
            soci::statement upsert(sql);
            for (std::size_t i = 0; i < days.size(); ++i) {
                date_ids.push_back(days[i].date_id);
                texts.push_back(days[i].availability.to_string());
                const std::string n = std::to_string(i);
                // The first row bumps the answers' version for the statement,
                // inserted or updated; the others skip it (migration 14).
                query += (i ? ", " : "") + std::string("(:e") + n + ", :d" + n + ", :n" + n +
                         ", :a" + n + ", :c" + n + ", :u" + n + (i ? ", 1)" : ", 0)");
                upsert.exchange(soci::use(event));
                upsert.exchange(soci::use(date_ids.back()));
                upsert.exchange(soci::use(person));
                upsert.exchange(soci::use(texts.back()));
                upsert.exchange(soci::use(stamp));
                upsert.exchange(soci::use(stamp));
            }
            query += db_.dialect() == Dialect::mysql
                         ? " ON DUPLICATE KEY UPDATE availability = VALUES(availability),"
                           " updated_at = VALUES(updated_at),"
                           " skipped_bumps = skipped_bumps + VALUES(skipped_bumps)"
                         : " ON CONFLICT (date_id, name) DO UPDATE SET availability = "
                           "excluded.availability,"
                           " updated_at = excluded.updated_at,"
                           " skipped_bumps = skipped_bumps + excluded.skipped_bumps";
            // The rows come back from the upsert itself (SQLite and MariaDB both
            // have RETURNING, for inserted and updated rows alike): the write
            // knows everything else, so nothing is read back.
            query += " RETURNING id, date_id, created_at";
            // One more place than rows expected: SOCI's SQLite backend returns
            // nothing into vectors of one place after bound values.
            std::vector<long long> ids(days.size() + 1);
            std::vector<long long> row_dates(days.size() + 1);
            std::vector<long long> created(days.size() + 1);
            upsert.exchange(soci::into(ids));
            upsert.exchange(soci::into(row_dates));
            upsert.exchange(soci::into(created));
            upsert.alloc();
            upsert.prepare(query);
            upsert.define_and_bind();
            upsert.execute(true);
            if (ids.size() != days.size()) {
                throw soci::soci_error("put schedules: the upsert returned " +
                                       std::to_string(ids.size()) + " rows for " +
                                       std::to_string(days.size()) + " dates");
            }
            std::vector<Schedule> stored;
            stored.reserve(days.size());
            for (std::size_t i = 0; i < ids.size(); ++i) {
                const auto day = std::find_if(days.begin(), days.end(), [&](const DayEntry& entry) {
                    return entry.date_id == row_dates[i];
                });
                if (day == days.end()) {
                    throw soci::soci_error("put schedules: the upsert returned an unknown date");
                }
                stored.push_back(Schedule{ids[i], event, day->date_id, day->date, person,
                                          day->availability, created[i], stamp});
            }
            std::sort(stored.begin(), stored.end(),
                      [](const Schedule& a, const Schedule& b) { return a.date < b.date; });
            return stored;
        });
}

Result<ScheduleRepository::Upserted> SqlScheduleRepository::upsert_schedule(
    RowId event_id, RowId date_id, std::string_view name, DayAvailability availability,
    UnixSeconds now, std::size_t max_people) {
    long long event = event_id;
    const std::string person(name);
    return write_answers<Upserted>(
        "upsert schedule", event, person, max_people, Statements::several,
        [&](soci::session& sql) -> Result<Upserted> {
            long long date = date_id;
            std::string text = availability.to_string();
            long long stamp = now;
            // Insert unless the (date, name) row exists; the affected-row count
            // tells which happened, and the unique key decides races.
            soci::statement insert =
                (sql.prepare
                     << std::string(db_.insert_ignore()) +
                            " INTO schedules (event_id, date_id, name, availability, created_at,"
                            " updated_at) VALUES (:event, :date, :name, :text, :created, :updated)",
                 soci::use(event), soci::use(date), soci::use(person), soci::use(text),
                 soci::use(stamp), soci::use(stamp));
            insert.execute(true);
            const bool created = insert.get_affected_rows() == 1;
            if (!created) {
                sql << "UPDATE schedules SET availability = :text, updated_at = :updated"
                       " WHERE date_id = :date AND name = :name",
                    soci::use(text), soci::use(stamp), soci::use(date), soci::use(person);
            }
            auto rows = fetch_schedules(
                sql,
                std::string(k_select_schedules) +
                    " WHERE s.event_id = :event AND s.name = :name AND s.date_id = :date",
                event, &person, &date);
            if (rows.empty()) {
                return Error::not_found("date not found in this event");
            }
            return Upserted{std::move(rows.front()), created};
        });
}

Result<std::vector<Schedule>> SqlScheduleRepository::list_team_schedules(RowId team_id) {
    return db_.run("list team schedules", [&](soci::session& sql) -> Result<std::vector<Schedule>> {
        return fetch_schedules(sql,
                               std::string(k_select_schedules) +
                                   " JOIN events e ON e.id = s.event_id WHERE e.team_id = :team"
                                   " ORDER BY s.event_id, d.day, s.name",
                               team_id, nullptr);
    });
}

Result<std::size_t> SqlScheduleRepository::delete_person(RowId event_id, std::string_view name) {
    return db_.transact("delete person", [&](soci::session& sql) -> Result<std::size_t> {
        long long event = event_id;
        std::string person(name);
        soci::statement erase = (sql.prepare << "DELETE FROM schedules WHERE event_id = :event"
                                                " AND name = :name",
                                 soci::use(event), soci::use(person));
        erase.execute(true);
        const auto deleted = static_cast<std::size_t>(erase.get_affected_rows());
        sql << "DELETE FROM participants WHERE event_id = :event AND name = :name",
            soci::use(event), soci::use(person);
        return deleted;
    });
}

}  // namespace bistime::sql::detail
