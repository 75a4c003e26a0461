#include "bistime/core/schedule_service.hpp"

#include "bistime/core/calendar_import.hpp"
#include "bistime/core/text.hpp"

namespace bistime {
namespace {

// When someone protected the name between the read of its password and the
// claim, the unit rolls back and the write is authorized again; this is the
// answer only if that happens twice.
constexpr std::string_view k_claimed_meanwhile = "the name was just protected by someone else";

}  // namespace

Result<std::string> normalize_person_name(const NameRules& names, std::string_view name) {
    return names.require("name", name, 1, k_max_name_length);
}

ScheduleService::ScheduleService(const ScheduleServicePorts& ports)
    : access_(ports.access),
      dates_(ports.dates),
      schedules_(ports.schedules),
      participants_(ports.participants),
      members_(ports.members),
      teams_(ports.teams),
      unit_(ports.unit),
      guard_(ports.attempts, ports.access.clock()),
      hasher_(ports.hasher),
      calendars_(ports.calendars),
      names_(ports.names),
      max_people_(ports.max_people),
      details_(ports.access, ports.dates, ports.schedules, ports.cache) {}

Result<std::optional<std::string>> ScheduleService::authorize_participant(const Event& event,
                                                                          const std::string& name,
                                                                          Password password,
                                                                          bool claim) {
    using Claim = std::optional<std::string>;
    if (event.protected_names == 0 && (!password || !claim)) {
        return Claim();  // no name of this event is protected: an open name
    }
    BISTIME_ASSIGN(auto hash, participants_.find_password_hash(event.id, name));
    if (!hash) {
        if (!password || !claim) {
            return Claim();  // an open name, as in v1
        }
        auto checked = require_text("password", *password, 1, k_max_password_length);
        if (!checked || *checked != *password) {
            return Error::invalid_field(
                "password", "password must be 1 to 100 characters, without surrounding spaces");
        }
        BISTIME_ASSIGN(std::string fresh, hasher_.hash_password(*password));
        return Claim(std::move(fresh));
    }
    if (!password || password->empty()) {
        return Error::unauthorized("this name is protected by a password");
    }
    const std::string scope = "participant:" + std::to_string(event.id) + ":" + name;
    BISTIME_ASSIGN(const bool matched,
                   guard_.check(scope, [&] { return hasher_.verify_password(*password, *hash); }));
    if (!matched) {
        return Error::forbidden("wrong password for this name");
    }
    return Claim();
}

template <typename T, typename Write>
Result<T> ScheduleService::write_for(const Event& event, const std::string& name, Password password,
                                     Write&& write) {
    BISTIME_TRY(access_.check_open(event));
    for (int round = 0;; ++round) {
        // Hashing and checking the password are slow: done before the unit.
        BISTIME_ASSIGN(auto claim, authorize_participant(event, name, password, true));
        if (!claim) {
            // Nothing to claim: the write is the repository's alone, and it
            // is atomic on its own.
            return write();
        }
        bool claimed_meanwhile = false;
        auto written = run_atomically<T>(unit_, [&]() -> Result<T> {
            BISTIME_ASSIGN(std::string holder,
                           participants_.claim_name(event.id, name, *claim, access_.clock().now()));
            if (holder != *claim) {
                claimed_meanwhile = true;  // rolls the unit back
                return Error::conflict(std::string(k_claimed_meanwhile));
            }
            return write();
        });
        if (!claimed_meanwhile || round == 1) {
            return written;
        }
        // The next round checks the password against the new holder's.
    }
}

Result<std::vector<Schedule>> ScheduleService::store_days(
    const Event& event, const std::string& name, const std::vector<EventDate>& dates,
    std::vector<ScheduleRepository::DayEntry> days, Password password) {
    // The person's rows as this server last read them, for storage to change
    // in place when they still hold (most writes edit an answer).
    auto seen = details_.rows_seen(event, name, dates);
    for (std::size_t day = 0; day < days.size(); ++day) {
        days[day].seen = seen[day];
    }
    auto written = write_for<std::vector<Schedule>>(event, name, password, [&] {
        return schedules_.put_schedules(event.id, name, days, access_.clock().now(), max_people_);
    });
    if (written) {
        details_.note_written(event, name, *written);
    }
    return written;
}

Result<std::vector<EventDate>> ScheduleService::dates_to_fill(const Event& event) {
    BISTIME_ASSIGN(auto dates, details_.dates_of(event));
    if (dates.empty()) {
        return Error::not_found("event has no associated dates to add schedule to");
    }
    return dates;
}

Result<std::vector<Schedule>> ScheduleService::import_calendar(std::string_view uuid,
                                                               std::string_view name,
                                                               std::string_view calendar,
                                                               Password password) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    if (event.weekdays) {
        return Error::invalid("a weekday event has no dates to read a calendar for");
    }
    BISTIME_ASSIGN(std::string person, normalize_person_name(names_, name));
    BISTIME_ASSIGN(auto dates, dates_to_fill(event));
    // Read the whole calendar before anything is written: a malformed one changes nothing.
    const UnixSeconds from = (dates.front().date.days_since_epoch() - 1) * 86400;
    const UnixSeconds to = (dates.back().date.days_since_epoch() + 2) * 86400;
    BISTIME_ASSIGN(auto busy, calendars_.busy_intervals(calendar, from, to));
    const auto merged = merge_busy(std::move(busy));
    const std::string& zone = access_.zone_of(event);
    const int size = event.slot_minutes;
    std::vector<ScheduleRepository::DayEntry> days;
    days.reserve(dates.size());
    for (const EventDate& date : dates) {
        days.push_back({date.id, date.date,
                        free_slots(merged, access_.zones(), zone, date.date, size,
                                   event.window.start.slot(size), event.window.end.slot(size)),
                        std::nullopt});
    }
    return store_days(event, person, dates, std::move(days), password);
}

Result<std::vector<Schedule>> ScheduleService::list_schedules(
    std::string_view uuid, std::optional<std::string_view> name) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    return schedules_of(event, name);
}

Result<Revised<std::vector<Schedule>>> ScheduleService::list_schedules_if_changed(
    std::string_view uuid, std::optional<std::string_view> name,
    std::optional<std::string_view> known_revision) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    return read_if_changed<std::vector<Schedule>>(event, known_revision,
                                                  [&] { return schedules_of(event, name); });
}

Result<Revised<ScheduleExport>> ScheduleService::export_schedules_if_changed(
    std::string_view uuid, std::optional<std::string_view> known_revision) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    return read_if_changed<ScheduleExport>(event, known_revision, [&]() -> Result<ScheduleExport> {
        BISTIME_ASSIGN(auto schedules, schedules_of(event, std::nullopt));
        return ScheduleExport{event.window, std::move(schedules)};
    });
}

Result<std::vector<Schedule>> ScheduleService::schedules_of(const Event& event,
                                                            std::optional<std::string_view> name) {
    BISTIME_ASSIGN(std::shared_ptr<const EventAnswers> answers, details_.answers_of(event));
    if (!name) {
        return answers->schedules;
    }
    const std::string wanted = names_.normalize(*name);
    std::vector<Schedule> found;
    for (const Schedule& schedule : answers->schedules) {
        if (schedule.name == wanted) {
            found.push_back(schedule);
        }
    }
    return found;
}

Result<std::vector<Schedule>> ScheduleService::put_schedules(
    std::string_view uuid, std::string_view name, const std::vector<std::string>& availability,
    Password password) {
    BISTIME_ASSIGN(Event event, access_.find_to_write(uuid));
    BISTIME_ASSIGN(std::string person, normalize_person_name(names_, name));
    BISTIME_ASSIGN(auto dates, dates_to_fill(event));
    if (availability.size() != dates.size()) {
        return Error::invalid_field("availability",
                                    "availability must have one entry per event date (" +
                                        std::to_string(dates.size()) + ")");
    }
    std::vector<ScheduleRepository::DayEntry> days;
    days.reserve(dates.size());
    for (std::size_t i = 0; i < dates.size(); ++i) {
        BISTIME_ASSIGN(DayAvailability day,
                       DayAvailability::parse(availability[i], slots_per_day(event.slot_minutes),
                                              Answers::with_if_needed));
        days.push_back({dates[i].id, dates[i].date, day, std::nullopt});
    }
    return store_days(event, person, dates, std::move(days), password);
}

Result<ScheduleRepository::Upserted> ScheduleService::patch_schedule(std::string_view uuid,
                                                                     std::string_view name,
                                                                     const DayRef& day,
                                                                     std::string_view availability,
                                                                     Password password) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    BISTIME_ASSIGN(std::string person, normalize_person_name(names_, name));
    BISTIME_ASSIGN(DayAvailability answers,
                   DayAvailability::parse(availability, slots_per_day(event.slot_minutes),
                                          Answers::with_if_needed));
    std::optional<RowId> date_id;
    if (const RowId* id = std::get_if<RowId>(&day)) {
        BISTIME_ASSIGN(auto date, dates_.find_date(*id));
        if (date && date->event_id == event.id) {
            date_id = date->id;
        }
    } else {
        BISTIME_ASSIGN(auto dates, details_.dates_of(event));
        for (const EventDate& date : dates) {
            if (day_key(date.date) == std::get<std::string>(day)) {
                date_id = date.id;
            }
        }
    }
    if (!date_id) {
        return Error::not_found("date not found in this event");
    }
    return write_for<ScheduleRepository::Upserted>(event, person, password, [&] {
        return schedules_.upsert_schedule(event.id, *date_id, person, answers,
                                          access_.clock().now(), max_people_);
    });
}

Result<void> ScheduleService::delete_person(std::string_view uuid, std::string_view name,
                                            Password password,
                                            std::optional<std::string_view> admin_token) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    const std::string person = names_.normalize(name);
    if (admin_token) {
        BISTIME_TRY(access_.check_organiser(event, admin_token));
    } else {
        BISTIME_TRY(access_.check_open(event));
        BISTIME_TRY(authorize_participant(event, person, password, false));
    }
    BISTIME_ASSIGN(std::size_t deleted, schedules_.delete_person(event.id, person));
    details_.note_deleted(event, person);
    if (deleted == 0) {
        return Error::not_found("no schedule with that name");
    }
    return {};
}

Result<void> ScheduleService::verify_participant(std::string_view uuid, std::string_view name,
                                                 Password password) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    const std::string person = names_.normalize(name);
    BISTIME_ASSIGN(auto hash, participants_.find_password_hash(event.id, person));
    if (!hash) {
        return Error::not_found("no password is set for that name");
    }
    BISTIME_TRY(authorize_participant(event, person, password, false));
    return {};
}

Result<std::vector<Schedule>> ScheduleService::fill_from_member(
    std::string_view uuid, RowId member_id, const MemberCredentials& member_credentials,
    Password password) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    BISTIME_ASSIGN(auto member, members_.find_member(member_id));
    if (!member) {
        return Error::not_found("member not found");
    }
    if (!event.team_uuid || *event.team_uuid != member->team_uuid) {
        return Error::invalid_field("memberId", "the member is not in this event's team");
    }
    // Filling replaces the member's answers: as much theirs to allow as a
    // change to their entry.
    BISTIME_TRY(teams_.check_member(*member, member_credentials));
    BISTIME_ASSIGN(auto dates, dates_to_fill(event));
    std::vector<ScheduleRepository::DayEntry> days;
    days.reserve(dates.size());
    for (const EventDate& date : dates) {
        const DayAvailability& week_day =
            member->week[static_cast<std::size_t>(date.date.weekday())];
        days.push_back({date.id, date.date, week_day.resampled(slots_per_day(event.slot_minutes)),
                        std::nullopt});
    }
    return store_days(event, member->name, dates, std::move(days), password);
}

}  // namespace bistime
