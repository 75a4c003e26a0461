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
    Result<Event> update_event(const Event& event, UnixSeconds now) override;
    Result<void> delete_event(RowId event_id) override;
    Result<std::vector<Event>> list_team_events(RowId team_id) override;
    Result<std::size_t> delete_expired_events(CalendarDate last_day_before,
                                              UnixSeconds updated_before) override;

  private:
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
    // Refuses a name new to the event when it has `max_people` already.
    Result<void> admit_person(soci::session& sql, long long event, const std::string& person,
                              std::size_t max_people);
    // Runs `write` on its own when it needs no transaction and there is no
    // limit on people, else in a transaction (behind admit_person under a
    // limit).
    enum class Transaction { unless_limited, always };
    template <typename T, typename Write>
    Result<T> write_answers(std::string_view what, long long event, const std::string& person,
                            std::size_t max_people, Transaction transaction, Write&& write);
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

// Reads a stored "YYYY-MM-DD"; a malformed one means the database was edited
// by hand, reported as a storage error.
CalendarDate stored_date(const std::string& text);
// Reads a stored window (minutes from midnight), checking its invariant.
TimeWindow stored_window(int start_minute, int end_minute);

}  // namespace bistime::sql::detail
