// The ports: what the core needs from the outside world, as abstract classes.
//
// Adapters implement them (SQL storage, libsodium, the system clock); the
// core's use cases receive them by reference. Every storage operation returns
// a Result: a storage failure is Error{unavailable}, never an exception, and a
// uniqueness violation is Error{conflict}. Implementations must be safe to call
// from several threads at once.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/event.hpp"
#include "bistime/core/result.hpp"

namespace bistime {

// A change of an entity as storage holds it, for a write that must not lose
// another made at the same time: storage reads the row as it stands, locked
// against every other write of it until the change is stored, hands it to
// the edit, and stores the result in the same transaction. The edit changes
// the fields its request names, and decides each rule that depends on the
// row (a decision inside the window) on the row as it is; an Error from it
// is the write's answer, and nothing changes. Storage may apply it more than
// once (after a deadlock), so it must have no effects outside the entity
// and storage; an edit that reads storage runs in a unit of work
// (UnitOfWork), so that its reads join the write's transaction.
template <typename Entity>
using Edit = std::function<Result<void>(Entity&)>;

struct NewEvent {
    std::string uuid;
    std::optional<std::string> team_uuid;
    std::string title;
    TimeWindow window;
    std::string admin_token_hash;
    UnixSeconds now = 0;
    std::optional<std::string> description;
    std::optional<std::string> location;
    int slot_minutes = k_slot_minutes;
    bool weekdays = false;
    std::optional<std::string> timezone;
    std::optional<UnixSeconds> closes_at;
};

class EventRepository {
  public:
    virtual ~EventRepository() = default;
    // Errors: conflict when the uuid is taken; not_found when team_uuid names no team.
    virtual Result<Event> insert_event(const NewEvent& event) = 0;
    virtual Result<std::optional<Event>> find_event(std::string_view uuid) = 0;
    // The event's row as a person's write needs it: without what costs a
    // database more to read and a write does not use — the answers' version
    // (which may be Event::k_unread_version) and the team (team_uuid and
    // team_name may be absent). Everything else as find_event.
    virtual Result<std::optional<Event>> find_event_to_write(std::string_view uuid) = 0;
    // Changes the event (see Edit) and stores what can change of it (title,
    // window, description, location, decision, lock, closing time), stamping
    // updated_at. Errors: not_found; the edit's.
    virtual Result<Event> change_event(RowId event_id, const Edit<Event>& edit,
                                       UnixSeconds now) = 0;
    // Deletes the event with its dates and schedules, atomically.
    virtual Result<void> delete_event(RowId event_id) = 0;
    // The events of a team, oldest first.
    virtual Result<std::vector<Event>> list_team_events(RowId team_id) = 0;
    // Deletes, with their dates and schedules, the events whose last date is
    // before `last_day_before`, and the events without dates (weekday events,
    // and events never given a date) last updated before `updated_before`.
    // Returns how many.
    virtual Result<std::size_t> delete_expired_events(CalendarDate last_day_before,
                                                      UnixSeconds updated_before) = 0;
};

// A page of an event's dates, ascending.
struct DatePage {
    std::size_t total = 0;
    std::vector<EventDate> dates;
};

class EventDateRepository {
  public:
    virtual ~EventDateRepository() = default;
    // Every date of the event, ascending.
    virtual Result<std::vector<EventDate>> list_dates(RowId event_id) = 0;
    virtual Result<DatePage> page_dates(RowId event_id, std::size_t offset, std::size_t limit) = 0;
    // Adds the dates the event does not have yet, atomically. When the event
    // would then have more than `max_total` dates nothing is added and the
    // error is invalid.
    virtual Result<void> add_dates(RowId event_id, std::span<const CalendarDate> dates,
                                   std::size_t max_total, UnixSeconds now) = 0;
    virtual Result<std::optional<EventDate>> find_date(RowId date_id) = 0;
    // Deletes the date and its schedules, atomically, with the answers of
    // people who then have none left.
    virtual Result<void> delete_date(RowId date_id) = 0;
    // The dates of every event of a team, ascending within each event.
    virtual Result<std::vector<EventDate>> list_team_dates(RowId team_id) = 0;
};

class ScheduleRepository {
  public:
    virtual ~ScheduleRepository() = default;
    // The event's schedules (of one name, when given), by date then name.
    virtual Result<std::vector<Schedule>> list_schedules(RowId event_id,
                                                         std::optional<std::string_view> name) = 0;
    // Sets `name`'s availability on each given date (date ids of the event),
    // creating or replacing, in one transaction; returns the stored rows.
    // It is the person's whole schedule: callers give every date of the
    // event, and storage may forget the person's answers on any date not
    // given (SQL storage keeps a person's days in one row, written whole).
    // A name new to the event is refused when the event already has
    // `max_people` people (0: no limit), decided in the same transaction so
    // that concurrent newcomers cannot pass it. Errors: conflict (full).
    //
    // A day may carry the person's row on that date as a read last saw it
    // (`seen`). When every day does, storage may change those rows in place,
    // which costs a database less than an upsert; a hint may be stale, so
    // storage checks each against the row's event and name and falls back
    // to the upsert unless all of them still hold.
    struct SeenRow {
        RowId id = 0;
        UnixSeconds created_at = 0;
    };
    struct DayEntry {
        RowId date_id = 0;
        CalendarDate date;  // the date's day, which the returned rows carry
        DayAvailability availability;
        std::optional<SeenRow> seen;
    };
    virtual Result<std::vector<Schedule>> put_schedules(RowId event_id, std::string_view name,
                                                        std::span<const DayEntry> days,
                                                        UnixSeconds now,
                                                        std::size_t max_people) = 0;
    // Creates or replaces one schedule; `created` tells which happened. The
    // same limit on people as put_schedules.
    struct Upserted {
        Schedule schedule;
        bool created = false;
    };
    virtual Result<Upserted> upsert_schedule(RowId event_id, RowId date_id, std::string_view name,
                                             DayAvailability availability, UnixSeconds now,
                                             std::size_t max_people) = 0;
    // Deletes every schedule of `name` in the event, and the name's password,
    // atomically; returns how many schedules. Ordered with the name's writes:
    // a write acknowledged before it began is removed (and counted), one that
    // began after it finds the name new, and nothing of the name is left
    // that a later write would take for a person's.
    virtual Result<std::size_t> delete_person(RowId event_id, std::string_view name) = 0;
    // The schedules of every event of a team.
    virtual Result<std::vector<Schedule>> list_team_schedules(RowId team_id) = 0;
};

// Names in an event that their owner protected with a password.
class ParticipantRepository {
  public:
    virtual ~ParticipantRepository() = default;
    // The stored password hash of the name, or nullopt while it is open.
    virtual Result<std::optional<std::string>> find_password_hash(RowId event_id,
                                                                  std::string_view name) = 0;
    // Claims the name with `hash` unless someone already has; returns the
    // hash that protects the name afterwards (`hash`, or the earlier one).
    virtual Result<std::string> claim_name(RowId event_id, std::string_view name,
                                           std::string_view hash, UnixSeconds now) = 0;
};

// A unit of work: several writes through the repositories that land together
// or not at all. A use case that writes more than once runs those writes in
// one unit; everything slow or throttled (hashing, secret checks) happens
// before it, so that a unit holds its locks briefly.
class UnitOfWork {
  public:
    virtual ~UnitOfWork() = default;
    // Runs `work` in one transaction. When it returns an Error, or the storage
    // fails, nothing it wrote stays. The storage may run it again from the
    // start (after a deadlock), so it must have no effects outside the
    // storage. A unit begun inside another joins it.
    virtual Result<void> run(const std::function<Result<void>()>& work) = 0;
};

// run() for work that answers a value.
template <typename T, typename Work>
Result<T> run_atomically(UnitOfWork& unit, Work&& work) {
    std::optional<T> answer;
    auto done = unit.run([&]() -> Result<void> {
        auto value = work();
        if (!value) {
            return value.error();
        }
        answer = std::move(value).value();
        return {};
    });
    if (!done) {
        return done.error();
    }
    return std::move(*answer);
}

class FeedbackRepository {
  public:
    virtual ~FeedbackRepository() = default;
    virtual Result<Feedback> insert_feedback(std::string_view content, UnixSeconds now) = 0;
};

class Clock {
  public:
    virtual ~Clock() = default;
    virtual UnixSeconds now() const = 0;
    // Today's date in the server's time zone.
    virtual CalendarDate today() const = 0;
};

// A wall-clock moment: a date and the minutes since its midnight.
struct LocalMoment {
    CalendarDate date;
    int minutes = 0;
};

// The IANA time-zone database. Implementations read a maintained copy (the
// system's); the core never computes offsets itself.
class TimeZones {
  public:
    virtual ~TimeZones() = default;
    virtual bool is_known(std::string_view zone) const = 0;
    // The instant of a wall-clock time in `zone`: nullopt when that time
    // does not exist there (skipped by a clock change), the first occurrence
    // when it exists twice. Precondition: is_known(zone).
    virtual std::optional<UnixSeconds> to_instant(std::string_view zone, CalendarDate date,
                                                  int minutes) const = 0;
    // The wall-clock date and time of an instant in `zone`. Precondition: is_known(zone).
    virtual LocalMoment to_local(std::string_view zone, UnixSeconds instant) const = 0;

    // A change of the zone's offset from UTC.
    struct Transition {
        UnixSeconds at = 0;
        int offset_before = 0;  // seconds east of UTC
        int offset_after = 0;
        std::string name_after;  // "CEST"
        bool daylight_after = false;
    };
    // The zone's offset at `instant`, and its transitions in [from, to).
    virtual int offset_at(std::string_view zone, UnixSeconds instant) const = 0;
    virtual std::string name_at(std::string_view zone, UnixSeconds instant) const = 0;
    virtual std::vector<Transition> transitions(std::string_view zone, UnixSeconds from,
                                                UnixSeconds to) const = 0;
};

// When someone is busy, read from their calendar (iCalendar, RFC 5545).
struct BusyInterval {
    UnixSeconds start = 0;
    UnixSeconds end = 0;
};

class CalendarReader {
  public:
    virtual ~CalendarReader() = default;
    // The busy time of `calendar` that overlaps [from, to): its events that
    // are neither transparent nor cancelled, with recurrences (RRULE, RDATE,
    // EXDATE) expanded and every TZID honoured. Expansion is bounded: a
    // calendar whose rules take too many steps or too long to reach the range
    // is refused, never expanded without end. Errors: invalid, with the
    // parser's reason or the bound it passed; unavailable, when the request's
    // Deadline passes first.
    virtual Result<std::vector<BusyInterval>> busy_intervals(std::string_view calendar,
                                                             UnixSeconds from,
                                                             UnixSeconds to) const = 0;
};

// A cryptographically secure source of random bytes.
class RandomSource {
  public:
    virtual ~RandomSource() = default;
    virtual void fill(std::span<unsigned char> out) = 0;
};

// Hashes and checks secrets. Tokens are high-entropy random strings (a fast
// cryptographic hash suffices); passwords are low-entropy (codes, answers,
// passwords: a slow salted hash). Checks run in constant time.
class SecretHasher {
  public:
    virtual ~SecretHasher() = default;
    virtual std::string hash_token(std::string_view token) const = 0;
    virtual bool verify_token(std::string_view token, std::string_view hash) const = 0;
    virtual Result<std::string> hash_password(std::string_view password) const = 0;
    virtual bool verify_password(std::string_view password, std::string_view hash) const = 0;
};

}  // namespace bistime
