// ScheduleService: the use cases of people's availability on an event —
// read schedules, replace a person's schedule on every date, change one day,
// remove a person.
//
// Names are trimmed and must be 1–50 characters; a name is unique per event
// and date, which the storage enforces even under concurrent writes.
//
// A name may be protected with a password: the first write that carries one
// claims the name in the event; from then on every write or delete for it
// needs that password (missing: unauthorized; wrong: forbidden; 5 wrong in 15
// minutes: too_many_attempts). Names without a password stay open, as in v1.
//
// While the event is locked (by its organiser, or past its closing time),
// every write is refused with Error{locked}.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bistime/core/event.hpp"
#include "bistime/core/event_access.hpp"
#include "bistime/core/event_details.hpp"
#include "bistime/core/names.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/secret_guard.hpp"
#include "bistime/core/team.hpp"
#include "bistime/core/team_access.hpp"
#include "bistime/core/team_ports.hpp"

namespace bistime {

inline constexpr std::size_t k_max_name_length = 50;
inline constexpr std::size_t k_max_password_length = 100;

// The people an event holds by default: its largest reads (the grid, the CSV
// export) grow with people × dates × slots, and this keeps them bounded —
// docs/reliability.md has the figures.
constexpr std::size_t k_default_max_people = 200;

// What the schedule use cases need from outside.
struct ScheduleServicePorts {
    EventAccess& access;
    AnswersCache& cache;  // events' answers between reads
    EventDateRepository& dates;
    ScheduleRepository& schedules;
    ParticipantRepository& participants;
    MemberRepository& members;  // for answers filled from a team member's week
    TeamAccess& teams;          // and their password or the team's admin code
    UnitOfWork& unit;
    AttemptLog& attempts;
    const SecretHasher& hasher;
    const CalendarReader& calendars;
    const NameRules& names;  // people's names
    // People one event may hold; a newcomer past it gets Error{conflict}.
    // 0: no limit. The server's default is in k_default_max_people.
    std::size_t max_people = k_default_max_people;
};

using Password = std::optional<std::string_view>;

// A day of an event as a client names it: its EventDate id, or its key
// ("2026-12-01", or "MON" for a weekday event).
using DayRef = std::variant<RowId, std::string>;

// An event's answers as an export shows them: its daily window (what lies
// outside it was never asked), and its schedules by date, then name.
struct ScheduleExport {
    TimeWindow window;
    std::vector<Schedule> schedules;
};

class ScheduleService {
  public:
    explicit ScheduleService(const ScheduleServicePorts& ports);

    // By date, then name; from the answers cache when the event is unchanged.
    // Errors: not_found (event).
    Result<std::vector<Schedule>> list_schedules(std::string_view uuid,
                                                 std::optional<std::string_view> name);
    // The same, unless the event is still at `known_revision`: then no value,
    // at the cost of the event's row alone.
    Result<Revised<std::vector<Schedule>>> list_schedules_if_changed(
        std::string_view uuid, std::optional<std::string_view> name,
        std::optional<std::string_view> known_revision);
    // Every schedule with the event's daily window, for an export that shows
    // the window alone; nothing unless the event changed since
    // `known_revision`. Errors: not_found (event).
    Result<Revised<ScheduleExport>> export_schedules_if_changed(
        std::string_view uuid, std::optional<std::string_view> known_revision);
    // `availability` holds one string per event date, in ascending date
    // order, with one character per slot of the event's size: '0', '1' or
    // '2' (if needed). Errors: not_found (event; "event has no associated
    // dates to add schedule to"), invalid (name, count, strings).
    // Password errors as above.
    Result<std::vector<Schedule>> put_schedules(std::string_view uuid, std::string_view name,
                                                const std::vector<std::string>& availability,
                                                Password password = std::nullopt);
    // Sets one day. Errors: not_found (event; a day not of this event),
    // invalid, password errors.
    Result<ScheduleRepository::Upserted> patch_schedule(std::string_view uuid,
                                                        std::string_view name, const DayRef& day,
                                                        std::string_view availability,
                                                        Password password = std::nullopt);
    // With the event's admin token the organiser removes anyone, password or
    // lock notwithstanding. Errors: not_found (event; no schedule has that
    // name), password errors, locked, and for a given token unauthorized/forbidden.
    Result<void> delete_person(std::string_view uuid, std::string_view name,
                               Password password = std::nullopt,
                               std::optional<std::string_view> admin_token = std::nullopt);
    // Sets `name`'s availability from their calendar: every slot of the
    // event's window not overlapped by a busy event is available. Password and
    // lock rules apply as for any write. Errors: not_found (event, no dates),
    // invalid (a malformed calendar, with the parser's reason; a weekday
    // event), password errors, locked.
    Result<std::vector<Schedule>> import_calendar(std::string_view uuid, std::string_view name,
                                                  std::string_view calendar,
                                                  Password password = std::nullopt);
    // Checks a protected name's password. Errors: not_found (event; the name
    // has no password), unauthorized, forbidden, too_many_attempts.
    Result<void> verify_participant(std::string_view uuid, std::string_view name,
                                    Password password);
    // Enter availability once, reuse it everywhere: sets the member's
    // schedule (under their name) on every date of an event of their team
    // from their weekly grid, by each date's weekday. It replaces the
    // member's answers, so a protected member needs `member_credentials` (their
    // password or the team's admin code; TeamAccess::check_member), checked
    // before anything is written; an open member needs nothing. `password` is
    // the participant's, for the name in the event, as for any write.
    // Errors: not_found (event, member, event without dates), invalid (the
    // member is of another team), the member's unauthorized, forbidden and
    // too_many_attempts, password errors, locked.
    Result<std::vector<Schedule>> fill_from_member(std::string_view uuid, RowId member_id,
                                                   const MemberCredentials& member_credentials = {},
                                                   Password password = std::nullopt);

  private:
    Result<std::vector<Schedule>> schedules_of(const Event& event,
                                               std::optional<std::string_view> name);
    // Lets a write (or, with claim false, a delete) for `name` through, or
    // says why not. For a first write with a password, answers the hash
    // that is to claim the name.
    Result<std::optional<std::string>> authorize_participant(const Event& event,
                                                             const std::string& name,
                                                             Password password, bool claim);
    // Runs `write` for `name` once it is authorized, in one unit of work
    // with the claim of the name, if any: a refused write claims nothing.
    template <typename T, typename Write>
    Result<T> write_for(const Event& event, const std::string& name, Password password,
                        Write&& write);
    // The event's dates, for a write that sets a person's schedule on each.
    // Errors: not_found ("event has no associated dates to add schedule to").
    Result<std::vector<EventDate>> dates_to_fill(const Event& event);
    // put_schedules of the repository, under the event's limit of people;
    // days[i] is the answer on dates[i], the event's dates.
    Result<std::vector<Schedule>> store_days(const Event& event, const std::string& name,
                                             const std::vector<EventDate>& dates,
                                             std::vector<ScheduleRepository::DayEntry> days,
                                             Password password);

    EventAccess& access_;
    EventDateRepository& dates_;
    ScheduleRepository& schedules_;
    ParticipantRepository& participants_;
    MemberRepository& members_;
    TeamAccess& teams_;
    UnitOfWork& unit_;
    SecretGuard guard_;
    const SecretHasher& hasher_;
    const CalendarReader& calendars_;
    const NameRules& names_;
    std::size_t max_people_;
    EventDetailsReader details_;
};

// A person's name as stored (NameRules). Errors: invalid (field "name").
Result<std::string> normalize_person_name(const NameRules& names, std::string_view name);

}  // namespace bistime
