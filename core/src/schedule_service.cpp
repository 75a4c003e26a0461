#include "bistime/core/schedule_service.hpp"

#include "bistime/core/calendar_import.hpp"
#include "bistime/core/event_service.hpp"
#include "bistime/core/text.hpp"

namespace bistime {

Result<std::string> normalize_person_name(std::string_view name) {
    return require_text("name", name, 1, k_max_name_length);
}

ScheduleService::ScheduleService(const ScheduleServicePorts& ports)
    : events_(ports.events),
      dates_(ports.dates),
      schedules_(ports.schedules),
      participants_(ports.participants),
      guard_(ports.attempts, ports.clock),
      clock_(ports.clock),
      hasher_(ports.hasher),
      zones_(ports.zones),
      calendars_(ports.calendars),
      default_zone_(ports.default_zone),
      max_people_(ports.max_people) {}

Result<std::vector<EventDate>> ScheduleService::dates_to_fill(const Event& event) {
    auto dates = dates_.list_dates(event.id);
    if (dates && dates->empty()) {
        return Error::not_found("event has no associated dates to add schedule to");
    }
    return dates;
}

Result<std::vector<Schedule>> ScheduleService::import_calendar(std::string_view uuid,
                                                               std::string_view name,
                                                               std::string_view calendar,
                                                               Password password) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    if (event->weekdays) {
        return Error::invalid("a weekday event has no dates to read a calendar for");
    }
    auto person = normalize_person_name(name);
    if (!person) {
        return person.error();
    }
    auto dates = dates_to_fill(*event);
    if (!dates) {
        return dates.error();
    }
    // Read the whole calendar before anything is written: a malformed one changes nothing.
    const UnixSeconds from = (dates->front().date.days_since_epoch() - 1) * 86400;
    const UnixSeconds to = (dates->back().date.days_since_epoch() + 2) * 86400;
    auto busy = calendars_.busy_intervals(calendar, from, to);
    if (!busy) {
        return busy.error();
    }
    const auto merged = merge_busy(std::move(*busy));
    const std::string zone = event->timezone.value_or(default_zone_);
    const int size = event->slot_minutes;
    std::vector<ScheduleRepository::DayEntry> days;
    for (const EventDate& date : *dates) {
        days.push_back(
            {date.id, free_slots(merged, zones_, zone, date.date, size,
                                 event->window.start.slot(size), event->window.end.slot(size))});
    }
    if (auto allowed = authorize_write(*event, *person, password, true); !allowed) {
        return allowed.error();
    }
    return schedules_.put_schedules(event->id, *person, days, clock_.now(), max_people_);
}

Result<void> ScheduleService::authorize_write(const Event& event, const std::string& name,
                                              Password password, bool claim) {
    if (is_locked(event, clock_.now())) {
        return Error{ErrorKind::locked, "the event is locked: its schedules cannot change", {}};
    }
    return authorize_participant(event, name, password, claim);
}

Result<void> ScheduleService::authorize_participant(const Event& event, const std::string& name,
                                                    Password password, bool claim) {
    auto hash = participants_.find_password_hash(event.id, name);
    if (!hash) {
        return hash.error();
    }
    if (!*hash) {
        if (!password || !claim) {
            return {};  // an open name, as in v1
        }
        auto checked = require_text("password", *password, 1, k_max_password_length);
        if (!checked || *checked != *password) {
            return Error::invalid_field(
                "password", "password must be 1 to 100 characters, without surrounding spaces");
        }
        auto fresh = hasher_.hash_password(*password);
        if (!fresh) {
            return fresh.error();
        }
        auto stored = participants_.claim_name(event.id, name, *fresh, clock_.now());
        if (!stored) {
            return stored.error();
        }
        if (*stored == *fresh) {
            return {};
        }
        *hash = std::move(*stored);  // someone claimed it first: theirs must match
    }
    if (!password || password->empty()) {
        return Error::unauthorized("this name is protected by a password");
    }
    const std::string scope = "participant:" + std::to_string(event.id) + ":" + name;
    auto matched = guard_.check(scope, [&] { return hasher_.verify_password(*password, **hash); });
    if (!matched) {
        return matched.error();
    }
    if (!*matched) {
        return Error::forbidden("wrong password for this name");
    }
    return {};
}

Result<std::vector<Schedule>> ScheduleService::list_schedules(
    std::string_view uuid, std::optional<std::string_view> name) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    std::optional<std::string_view> trimmed;
    if (name) {
        trimmed = trim(*name);
    }
    return schedules_.list_schedules(event->id, trimmed);
}

Result<std::vector<Schedule>> ScheduleService::put_schedules(
    std::string_view uuid, std::string_view name, const std::vector<std::string>& availability,
    Password password) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    auto person = normalize_person_name(name);
    if (!person) {
        return person.error();
    }
    auto dates = dates_to_fill(*event);
    if (!dates) {
        return dates.error();
    }
    if (availability.size() != dates->size()) {
        return Error::invalid_field("availability",
                                    "availability must have one entry per event date (" +
                                        std::to_string(dates->size()) + ")");
    }
    std::vector<ScheduleRepository::DayEntry> days;
    days.reserve(dates->size());
    for (std::size_t i = 0; i < dates->size(); ++i) {
        auto day = DayAvailability::parse(availability[i], slots_per_day(event->slot_minutes),
                                          Answers::with_if_needed);
        if (!day) {
            return day.error();
        }
        days.push_back({(*dates)[i].id, *day});
    }
    if (auto allowed = authorize_write(*event, *person, password, true); !allowed) {
        return allowed.error();
    }
    return schedules_.put_schedules(event->id, *person, days, clock_.now(), max_people_);
}

Result<ScheduleRepository::Upserted> ScheduleService::patch_schedule(std::string_view uuid,
                                                                     std::string_view name,
                                                                     RowId date_id,
                                                                     std::string_view availability,
                                                                     Password password) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    auto person = normalize_person_name(name);
    if (!person) {
        return person.error();
    }
    auto day = DayAvailability::parse(availability, slots_per_day(event->slot_minutes),
                                      Answers::with_if_needed);
    if (!day) {
        return day.error();
    }
    auto date = dates_.find_date(date_id);
    if (!date) {
        return date.error();
    }
    if (!*date || (*date)->event_id != event->id) {
        return Error::not_found("date not found in this event");
    }
    if (auto allowed = authorize_write(*event, *person, password, true); !allowed) {
        return allowed.error();
    }
    return schedules_.upsert_schedule(event->id, date_id, *person, *day, clock_.now(), max_people_);
}

Result<void> ScheduleService::delete_person(std::string_view uuid, std::string_view name,
                                            Password password,
                                            std::optional<std::string_view> admin_token) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    const std::string person(trim(name));
    if (admin_token) {
        if (auto organiser = check_admin_token(*event, admin_token, hasher_, guard_); !organiser) {
            return organiser.error();
        }
    } else if (auto allowed = authorize_write(*event, person, password, false); !allowed) {
        return allowed.error();
    }
    auto deleted = schedules_.delete_person(event->id, person);
    if (!deleted) {
        return deleted.error();
    }
    if (*deleted == 0) {
        return Error::not_found("no schedule with that name");
    }
    return {};
}

Result<RowId> ScheduleService::find_day(std::string_view uuid, std::string_view key) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    auto dates = dates_.list_dates(event->id);
    if (!dates) {
        return dates.error();
    }
    for (const EventDate& date : *dates) {
        if (day_key(date.date) == key) {
            return date.id;
        }
    }
    return Error::not_found("date not found in this event");
}

Result<void> ScheduleService::verify_participant(std::string_view uuid, std::string_view name,
                                                 Password password) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    const std::string person(trim(name));
    auto hash = participants_.find_password_hash(event->id, person);
    if (!hash) {
        return hash.error();
    }
    if (!*hash) {
        return Error::not_found("no password is set for that name");
    }
    return authorize_participant(*event, person, password, false);
}

Result<std::vector<Schedule>> ScheduleService::fill_from_member(std::string_view uuid,
                                                                const Member& member,
                                                                Password password) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    if (!event->team_uuid || *event->team_uuid != member.team_uuid) {
        return Error::invalid_field("memberId", "the member is not in this event's team");
    }
    auto dates = dates_to_fill(*event);
    if (!dates) {
        return dates.error();
    }
    std::vector<ScheduleRepository::DayEntry> days;
    days.reserve(dates->size());
    for (const EventDate& date : *dates) {
        const DayAvailability& day = member.week[static_cast<std::size_t>(date.date.weekday())];
        days.push_back({date.id, day.resampled(slots_per_day(event->slot_minutes))});
    }
    if (auto allowed = authorize_write(*event, member.name, password, true); !allowed) {
        return allowed.error();
    }
    return schedules_.put_schedules(event->id, member.name, days, clock_.now(), max_people_);
}

}  // namespace bistime
