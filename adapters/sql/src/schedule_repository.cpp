#include <algorithm>
#include <deque>
#include <map>

#include "packed_days.hpp"
#include "repositories.hpp"
#include "rows.hpp"

namespace bistime::sql::detail {
namespace {

// What a day's row is (schedules), and the person's days (answers), in two
// statements: joining them would send a person's packed days once per date.
constexpr const char* k_select_day_rows =
    "SELECT s.id, s.event_id, s.date_id, d.day, s.name, s.created_at"
    " FROM schedules s JOIN event_dates d ON d.id = s.date_id";
constexpr const char* k_select_answers = "SELECT a.event_id, a.name, a.days FROM answers a";

// Binds the event (or team) `key` and, when given, the person's `name` to
// `statement`, whose columns are bound already, and prepares `query`. Both
// must outlive the statement (SOCI binds references).
void prepare_for(soci::statement& statement, const std::string& query, long long& key,
                 const std::string* name) {
    statement.exchange(soci::use(key));
    if (name != nullptr) {
        statement.exchange(soci::use(*name));
    }
    statement.alloc();
    statement.prepare(query);
    statement.define_and_bind();
}

// Each person's days, by event and name.
using AnswersByPerson = std::map<std::pair<long long, std::string>, std::vector<PackedDay>>;

AnswersByPerson fetch_answers(soci::session& sql, const std::string& query, long long key,
                              const std::string* name) {
    AnswersByPerson answers;
    long long event = 0;
    std::string person;
    std::string days;
    soci::statement statement(sql);
    statement.exchange(soci::into(event));
    statement.exchange(soci::into(person));
    statement.exchange(soci::into(days));
    prepare_for(statement, query, key, name);
    statement.execute(false);
    while (statement.fetch()) {
        answers[{event, person}] = unpack_days(days);
    }
    return answers;
}

// The schedules of the day rows `query` selects, each with its answers from
// `answers`. A day row without answers is left out: it belongs to a write
// that stopped between its two statements (no read showed it), or to a date
// the person's last whole-schedule write did not know of yet (a date added,
// and answered on another server, while the write was under way), whose
// answer that write replaced.
// Rows come in batches of k_batch (SOCI's bulk fetch into vectors), not one
// round of the driver per row: a large event's schedules are thousands.
std::vector<Schedule> fetch_schedules(soci::session& sql, const std::string& query, long long key,
                                      const std::string* name, const AnswersByPerson& answers) {
    constexpr std::size_t k_batch = 512;
    std::vector<long long> ids(k_batch);
    std::vector<long long> row_events(k_batch);
    std::vector<long long> row_dates(k_batch);
    std::vector<std::string> days(k_batch);
    std::vector<std::string> row_names(k_batch);
    std::vector<long long> created(k_batch);
    soci::statement statement(sql);
    statement.exchange(soci::into(ids));
    statement.exchange(soci::into(row_events));
    statement.exchange(soci::into(row_dates));
    statement.exchange(soci::into(days));
    statement.exchange(soci::into(row_names));
    statement.exchange(soci::into(created));
    prepare_for(statement, query, key, name);
    std::vector<Schedule> schedules;
    // A date's text is parsed once, however many people answered on it.
    long long last_date_id = -1;
    CalendarDate last_date = *CalendarDate::from_ymd(1970, 1, 1);
    std::pair<long long, std::string> last_person{-1, {}};
    const std::vector<PackedDay>* person_days = nullptr;
    bool more = statement.execute(true);
    while (more) {
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (row_events[i] != last_person.first || row_names[i] != last_person.second) {
                last_person = {row_events[i], row_names[i]};
                const auto found = answers.find(last_person);
                person_days = found == answers.end() ? nullptr : &found->second;
            }
            const PackedDay* day =
                person_days ? find_packed_day(*person_days, row_dates[i]) : nullptr;
            if (day == nullptr) {
                continue;
            }
            if (row_dates[i] != last_date_id) {
                last_date_id = row_dates[i];
                last_date = stored_date(days[i]);
            }
            schedules.push_back(Schedule{ids[i], row_events[i], row_dates[i], last_date,
                                         std::move(row_names[i]), day->availability, created[i],
                                         day->updated_at});
        }
        if (ids.size() < k_batch) {
            break;
        }
        for (auto* column : {&ids, &row_events, &row_dates, &created}) {
            column->resize(k_batch);
        }
        for (auto* column : {&days, &row_names}) {
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

// The answers row of a person's whole schedule: `days` with `now`.
std::string pack_schedule(std::span<const ScheduleRepository::DayEntry> days, UnixSeconds now) {
    std::vector<PackedDay> packed;
    packed.reserve(days.size());
    for (const auto& day : days) {
        packed.push_back({day.date_id, now, day.availability});
    }
    return pack_days(packed);
}

}  // namespace

// Every write to an event's answers moves its version in the same
// transaction, so that a reader never sees the new answers under the old
// version: the answers table's triggers bump a counter of the person's
// bucket (migrations 13 and 15). Changing a person's answers in place is then
// a single statement of one row, and writers of names in different buckets
// hold no lock in common. A person's day rows (schedules) are inserted
// before their answers and never change after; a read shows a day only
// once the person's answers have it.
//
// Writing a person's days and answers anew, and removing a person, are each
// one transaction, ordered by the event's row lock: writers share it,
// delete_person takes it alone. A removal therefore sees either all of a
// first answer or none of it, and its count is true of what it removed;
// without the lock, a removal between a first answer's two statements
// found no answers, took the day rows, and left the answers row behind.
// A name new to an event under a limit takes the lock alone before counting
// the people, so that two newcomers cannot both see room for one.
Result<void> SqlScheduleRepository::admit_person(soci::session& sql, long long event,
                                                 const std::string& person,
                                                 std::size_t max_people) {
    // SQLite's BEGIN IMMEDIATE already holds the file's write lock.
    const bool mysql = db_.dialect() == Dialect::mysql;
    long long locked = 0;
    if (max_people == 0) {
        if (mysql) {
            sql << "SELECT id FROM events WHERE id = :event LOCK IN SHARE MODE", soci::into(locked),
                soci::use(event);
        }
        return {};
    }
    // People are counted by their day rows.
    int known = 0;
    sql << "SELECT COUNT(*) FROM schedules WHERE event_id = :event AND name = :name",
        soci::into(known), soci::use(event), soci::use(person);
    if (mysql) {
        sql << std::string("SELECT id FROM events WHERE id = :event") +
                   (known > 0 ? " LOCK IN SHARE MODE" : " FOR UPDATE"),
            soci::into(locked), soci::use(event);
    }
    if (known > 0) {
        return {};
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
                                               Write&& write) {
    return db_.transact(what, [&](soci::session& sql) -> Result<T> {
        BISTIME_TRY(admit_person(sql, event, person, max_people));
        return write(sql);
    });
}

Result<std::vector<Schedule>> SqlScheduleRepository::list_schedules(
    RowId event_id, std::optional<std::string_view> name) {
    return db_.read("list schedules", [&](soci::session& sql) -> Result<std::vector<Schedule>> {
        long long event = event_id;
        std::string rows_query = std::string(k_select_day_rows) + " WHERE s.event_id = :event";
        std::string answers_query = std::string(k_select_answers) + " WHERE a.event_id = :event";
        std::string wanted;
        if (name) {
            wanted = std::string(*name);
            rows_query += " AND s.name = :name";
            answers_query += " AND a.name = :name";
        }
        rows_query += " ORDER BY d.day, s.name";
        const std::string* person = name ? &wanted : nullptr;
        // The answers first: the day rows of a person who answered after
        // them are left out, as they would be for a read a moment earlier.
        const AnswersByPerson answers = fetch_answers(sql, answers_query, event, person);
        return fetch_schedules(sql, rows_query, event, person, answers);
    });
}

Result<std::optional<std::vector<Schedule>>> SqlScheduleRepository::replace_seen_rows(
    long long event, const std::string& person, std::span<const DayEntry> days, UnixSeconds now) {
    using Replaced = std::optional<std::vector<Schedule>>;
    return db_.run("replace schedules", [&](soci::session& sql) -> Result<Replaced> {
        std::string packed = pack_schedule(days, now);
        std::deque<long long> ids;  // deques keep bound references stable
        for (const DayEntry& day : days) {
            ids.push_back(day.seen->id);
        }
        // A person's answers row has the id of one of their day rows, and a
        // name deleted and written again gets new day rows: a row that still
        // has one of the ids seen belongs to the person the hints were taken
        // from, whose day rows are all still there (only a date's deletion
        // takes one, and the write's dates are the event's current ones).
        soci::statement update(sql);
        update.exchange(soci::use(packed));
        update.exchange(soci::use(event));
        update.exchange(soci::use(person));
        // One row matched, changed or not (SOCI connects to MySQL with
        // CLIENT_FOUND_ROWS): a rewrite of the same answer is no miss.
        const long long matched = run_on_ids(
            update, "UPDATE answers SET days = :days WHERE event_id = :event AND name = :name AND",
            ids);
        if (matched != 1) {
            return Replaced();
        }
        std::vector<Schedule> stored;
        stored.reserve(days.size());
        for (const DayEntry& day : days) {
            stored.push_back(Schedule{day.seen->id, event, day.date_id, day.date, person,
                                      day.availability, day.seen->created_at, now});
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
    // A person already in the event has nothing to be admitted for: a row
    // changed in place needs no count of people either.
    if (std::all_of(days.begin(), days.end(), [](const DayEntry& day) { return day.seen; })) {
        BISTIME_ASSIGN(auto replaced, replace_seen_rows(event, person, days, now));
        if (replaced) {
            return std::move(*replaced);
        }
    }
    return write_answers<std::vector<Schedule>>(
        "put schedules", event, person, max_people,
        [&](soci::session& sql) -> Result<std::vector<Schedule>> {
            long long stamp = now;
            std::deque<long long> date_ids;  // deques keep bound references stable
            // The day rows first, in one statement whatever the number of
            // dates; rows already there are kept, and come back too (both
            // databases return a row their upsert left as it was). The unique
            // key (date_id, name) makes concurrent writers of one name
            // converge on one row per date.
            std::string query =
                "INSERT INTO schedules (event_id, date_id, name, created_at) VALUES ";
            soci::statement insert(sql);
            for (std::size_t i = 0; i < days.size(); ++i) {
                date_ids.push_back(days[i].date_id);
                const std::string n = std::to_string(i);
                query += (i ? ", " : "") + std::string("(:e") + n + ", :d" + n + ", :n" + n +
                         ", :c" + n + ")";
                insert.exchange(soci::use(event));
                insert.exchange(soci::use(date_ids.back()));
                insert.exchange(soci::use(person));
                insert.exchange(soci::use(stamp));
            }
            query += keep_day_rows() + " RETURNING id, date_id, created_at";
            // One more place than rows expected: SOCI's SQLite backend returns
            // nothing into vectors of one place after bound values.
            std::vector<long long> ids(days.size() + 1);
            std::vector<long long> row_dates(days.size() + 1);
            std::vector<long long> created(days.size() + 1);
            insert.exchange(soci::into(ids));
            insert.exchange(soci::into(row_dates));
            insert.exchange(soci::into(created));
            insert.alloc();
            insert.prepare(query);
            insert.define_and_bind();
            insert.execute(true);
            if (ids.size() != days.size()) {
                throw soci::soci_error("put schedules: the insert returned " +
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
                    throw soci::soci_error("put schedules: the insert returned an unknown date");
                }
                stored.push_back(Schedule{ids[i], event, day->date_id, day->date, person,
                                          day->availability, created[i], stamp});
            }
            // Then the answers, under the least of these day rows' ids: a
            // person's answers row always has the id of one of their own.
            long long row_id = *std::min_element(ids.begin(), ids.end());
            std::string packed = pack_schedule(days, now);
            sql << "INSERT INTO answers (id, event_id, name, days)"
                   " VALUES (:id, :event, :name, :days)" +
                       replace_answers(true),
                soci::use(row_id), soci::use(event), soci::use(person), soci::use(packed);
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
        "upsert schedule", event, person, max_people, [&](soci::session& sql) -> Result<Upserted> {
            long long date = date_id;
            long long stamp = now;
            std::string day_text;
            soci::indicator date_found = soci::i_null;
            sql << "SELECT day FROM event_dates WHERE id = :date AND event_id = :event",
                soci::into(day_text, date_found), soci::use(date), soci::use(event);
            if (date_found != soci::i_ok) {
                return Error::not_found("date not found in this event");
            }
            // The person's answers, locked until the transaction ends (SQLite's
            // BEGIN IMMEDIATE holds the whole file already).
            long long row_id = 0;
            std::string packed;
            soci::indicator answered = soci::i_null;
            soci::indicator packed_found = soci::i_null;
            sql << std::string(
                       "SELECT id, days FROM answers WHERE event_id = :event AND name = :name") +
                       (db_.dialect() == Dialect::mysql ? " FOR UPDATE" : ""),
                soci::into(row_id, answered), soci::into(packed, packed_found), soci::use(event),
                soci::use(person);
            std::vector<PackedDay> days;
            if (answered == soci::i_ok) {
                days = unpack_days(packed);
            }
            long long day_id = 0;
            long long created_at = 0;
            sql << "INSERT INTO schedules (event_id, date_id, name, created_at)"
                   " VALUES (:event, :date, :name, :created)" +
                       keep_day_rows() + " RETURNING id, created_at",
                soci::into(day_id), soci::into(created_at), soci::use(event), soci::use(date),
                soci::use(person), soci::use(stamp);
            const auto previous = std::find_if(days.begin(), days.end(), [&](const PackedDay& day) {
                return day.date_id == date;
            });
            // Created, as a read saw it: the person had no answer on the date.
            const bool created = previous == days.end();
            if (created) {
                days.push_back({date, now, availability});
            } else {
                previous->updated_at = now;
                previous->availability = availability;
            }
            if (answered != soci::i_ok) {
                row_id = day_id;
            }
            packed = pack_days(days);
            sql << "INSERT INTO answers (id, event_id, name, days)"
                   " VALUES (:id, :event, :name, :days)" +
                       replace_answers(false),
                soci::use(row_id), soci::use(event), soci::use(person), soci::use(packed);
            return Upserted{Schedule{day_id, event, date, stored_date(day_text), person,
                                     availability, created_at, now},
                            created};
        });
}

std::string SqlScheduleRepository::keep_day_rows() const {
    return db_.dialect() == Dialect::mysql
               ? " ON DUPLICATE KEY UPDATE created_at = created_at"
               : " ON CONFLICT (date_id, name) DO UPDATE SET created_at = created_at";
}

std::string SqlScheduleRepository::replace_answers(bool with_id) const {
    if (db_.dialect() == Dialect::mysql) {
        return std::string(" ON DUPLICATE KEY UPDATE ") + (with_id ? "id = VALUES(id), " : "") +
               "days = VALUES(days)";
    }
    return std::string(" ON CONFLICT (event_id, name) DO UPDATE SET ") +
           (with_id ? "id = excluded.id, " : "") + "days = excluded.days";
}

Result<std::vector<Schedule>> SqlScheduleRepository::list_team_schedules(RowId team_id) {
    return db_.run("list team schedules", [&](soci::session& sql) -> Result<std::vector<Schedule>> {
        long long team = team_id;
        const AnswersByPerson answers =
            fetch_answers(sql,
                          std::string(k_select_answers) +
                              " JOIN events e ON e.id = a.event_id WHERE e.team_id = :team",
                          team, nullptr);
        return fetch_schedules(sql,
                               std::string(k_select_day_rows) +
                                   " JOIN events e ON e.id = s.event_id WHERE e.team_id = :team"
                                   " ORDER BY s.event_id, d.day, s.name",
                               team, nullptr, answers);
    });
}

Result<std::size_t> SqlScheduleRepository::delete_person(RowId event_id, std::string_view name) {
    return db_.transact("delete person", [&](soci::session& sql) -> Result<std::size_t> {
        long long event = event_id;
        std::string person(name);
        if (db_.dialect() == Dialect::mysql) {
            long long locked = 0;
            sql << "SELECT id FROM events WHERE id = :event FOR UPDATE", soci::into(locked),
                soci::use(event);
        }
        const long long answered = execute_counting(
            sql, "DELETE FROM answers WHERE event_id = :event AND name = :name", event, person);
        const long long rows = execute_counting(
            sql, "DELETE FROM schedules WHERE event_id = :event AND name = :name", event, person);
        sql << "DELETE FROM participants WHERE event_id = :event AND name = :name",
            soci::use(event), soci::use(person);
        // Day rows without answers were never shown: the person had none.
        return static_cast<std::size_t>(answered > 0 ? rows : 0);
    });
}

}  // namespace bistime::sql::detail
