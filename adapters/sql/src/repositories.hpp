// The SQL implementations of the core's storage ports, one per entity.
#pragma once

#include "bistime/core/ports.hpp"
#include "bistime/core/shared_reads.hpp"
#include "bistime/core/versioned_cache.hpp"
#include "database.hpp"

namespace bistime::sql::detail {

class SqlEventRepository final : public EventRepository {
  public:
    explicit SqlEventRepository(Database& database) : db_(database) {}
    Result<Event> insert_event(const NewEvent& event) override;
    Result<std::optional<Event>> find_event(std::string_view uuid) override;
    Result<std::optional<Event>> find_event_to_write(std::string_view uuid) override;
    Result<Event> change_event(RowId event_id, const Edit<Event>& edit, UnixSeconds now) override;
    Result<void> delete_event(RowId event_id) override;
    Result<std::vector<Event>> list_team_events(RowId team_id) override;
    Result<std::size_t> delete_expired_events(CalendarDate last_day_before,
                                              UnixSeconds updated_before) override;

  private:
    // Stores what can change of `event`, matched by id.
    Result<void> store_event(soci::session& sql, Event event);
    // The row as find_event reads it; `to_write`: as find_event_to_write.
    Result<std::optional<Event>> read_event(const std::string& uuid, bool to_write = false);

    // An event's row as read at a quiet mark of the database (sole writer).
    struct OwnedRow {
        Event event;
        std::size_t bytes() const;
    };

    Database& db_;
    // A crowd reading one event shares one read of its row (and with it, of
    // its version); see SharedReads for why no reader sees less for it.
    SharedReads<std::string, Result<std::optional<Event>>> shared_reads_;
    // The same for writers of one event, who read its row without the sum.
    SharedReads<std::string, Result<std::optional<Event>>> shared_write_reads_;
    // When this process is the file's sole writer: rows read while no write
    // was under way, each good while the database's quiet mark stays put.
    VersionedCache<std::string, std::uint64_t, OwnedRow> owned_rows_{std::size_t{4} << 20};
};

class SqlEventDateRepository final : public EventDateRepository {
  public:
    explicit SqlEventDateRepository(Database& database) : db_(database) {}
    Result<std::vector<EventDate>> list_dates(RowId event_id) override;
    Result<DatePage> page_dates(RowId event_id, std::size_t offset, std::size_t limit) override;
    Result<void> add_dates(RowId event_id, std::span<const CalendarDate> dates,
                           std::size_t max_total, UnixSeconds now) override;
    Result<std::optional<EventDate>> find_date(RowId date_id) override;
    Result<void> delete_date(RowId date_id) override;
    Result<std::vector<EventDate>> list_team_dates(RowId team_id) override;

  private:
    Database& db_;
};

class SqlScheduleRepository final : public ScheduleRepository {
  public:
    explicit SqlScheduleRepository(Database& database) : db_(database) {}
    Result<std::vector<Schedule>> list_schedules(RowId event_id,
                                                 std::optional<std::string_view> name) override;
    Result<std::vector<Schedule>> put_schedules(RowId event_id, std::string_view name,
                                                std::span<const DayEntry> days, UnixSeconds now,
                                                std::size_t max_people) override;
    Result<Upserted> upsert_schedule(RowId event_id, RowId date_id, std::string_view name,
                                     DayAvailability availability, UnixSeconds now,
                                     std::size_t max_people) override;
    Result<std::size_t> delete_person(RowId event_id, std::string_view name) override;
    Result<std::vector<Schedule>> list_team_schedules(RowId team_id) override;

  private:
    // Writes the person's answers in place, in one statement, when the
    // rows `days` saw (each day has `seen`) are still theirs. nullopt when
    // not: the caller then writes the whole schedule again.
    Result<std::optional<std::vector<Schedule>>> replace_seen_rows(long long event,
                                                                   const std::string& person,
                                                                   std::span<const DayEntry> days,
                                                                   UnixSeconds now);
    // Takes the event's row lock that orders the write with delete_person,
    // and refuses a name new to the event when it has `max_people` already
    // (0: no limit).
    Result<void> admit_person(soci::session& sql, long long event, const std::string& person,
                              std::size_t max_people);
    // Runs `write` in a transaction, behind admit_person.
    template <typename T, typename Write>
    Result<T> write_answers(std::string_view what, long long event, const std::string& person,
                            std::size_t max_people, Write&& write);
    // The end of an insert of day rows that keeps those already there.
    std::string keep_day_rows() const;
    // The end of an insert of a person's answers that replaces their days
    // (and the row's id, when `with_id`) if the person has answers already.
    std::string replace_answers(bool with_id) const;
    Database& db_;
};

class SqlParticipantRepository final : public ParticipantRepository {
  public:
    explicit SqlParticipantRepository(Database& database) : db_(database) {}
    Result<std::optional<std::string>> find_password_hash(RowId event_id,
                                                          std::string_view name) override;
    Result<std::string> claim_name(RowId event_id, std::string_view name, std::string_view hash,
                                   UnixSeconds now) override;

  private:
    Database& db_;
};

class SqlFeedbackRepository final : public FeedbackRepository {
  public:
    explicit SqlFeedbackRepository(Database& database) : db_(database) {}
    Result<Feedback> insert_feedback(std::string_view content, UnixSeconds now) override;

  private:
    Database& db_;
};

// Deletes the answers rows of people without a day row left (a date's
// deletion took their last one): no read shows such a row, and a later
// first answer of the name would find it and be told it replaced an answer.
// Callers add " AND event_id = :event".
inline constexpr const char* k_delete_answers_without_days =
    "DELETE FROM answers WHERE NOT EXISTS (SELECT 1 FROM schedules s"
    " WHERE s.event_id = answers.event_id AND s.name = answers.name)";

// Reads a stored "YYYY-MM-DD"; a malformed one means the database was edited
// by hand, reported as a storage error.
CalendarDate stored_date(const std::string& text);
// Reads a stored window (minutes from midnight), checking its invariant.
TimeWindow stored_window(int start_minute, int end_minute);

}  // namespace bistime::sql::detail
