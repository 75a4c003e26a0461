#include "bistime/core/event_service.hpp"

#include <algorithm>
#include <unordered_map>

#include "bistime/core/best_times.hpp"
#include "bistime/core/handles.hpp"
#include "bistime/core/text.hpp"
#include "bistime/core/timestamp.hpp"

namespace bistime {

namespace {

// An optional text: trimmed, at most `max` characters; empty means "none".
Result<std::optional<std::string>> optional_text(const char* field,
                                                 const std::optional<std::string>& text,
                                                 std::size_t max) {
    if (!text) {
        return std::optional<std::string>();
    }
    auto checked = require_text(field, *text, 0, max);
    if (!checked) {
        return checked.error();
    }
    if (checked->empty()) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(std::move(*checked));
}

}  // namespace

Result<void> check_admin_token(const Event& event, std::optional<std::string_view> token,
                               const SecretHasher& hasher, SecretGuard& guard) {
    if (!token || token->empty()) {
        return Error::unauthorized("admin token required");
    }
    auto matched = guard.check("event:" + std::to_string(event.id),
                               [&] { return hasher.verify_token(*token, event.admin_token_hash); });
    if (!matched) {
        return matched.error();
    }
    if (!*matched) {
        return Error::forbidden("wrong admin token");
    }
    return {};
}

EventService::EventService(EventServicePorts ports)
    : ports_(std::move(ports)),
      events_(ports_.events),
      dates_(ports_.dates),
      schedules_(ports_.schedules),
      clock_(ports_.clock),
      random_(ports_.random),
      hasher_(ports_.hasher),
      guard_(ports_.attempts, ports_.clock) {}

const std::string& EventService::zone_of(const Event& event) const {
    return event.timezone ? *event.timezone : ports_.default_zone;
}

Result<CreatedEvent> EventService::create_event(const CreateEventInput& input) {
    auto title = require_text("title", input.title, 1, k_max_title_length);
    if (!title) {
        return title.error();
    }
    const std::int64_t slot_minutes = input.slot_minutes.value_or(k_slot_minutes);
    if (!is_supported_slot_size(slot_minutes)) {
        return Error::invalid_field("slotMinutes", "slotMinutes must be 15, 30 or 60");
    }
    auto window = TimeWindow::parse_over(TimeWindow{}, input.start_time, input.end_time,
                                         static_cast<int>(slot_minutes));
    if (!window) {
        return window.error();
    }
    auto description =
        optional_text("description", input.description, k_max_event_description_length);
    if (!description) {
        return description.error();
    }
    auto location = optional_text("location", input.location, k_max_location_length);
    if (!location) {
        return location.error();
    }
    std::vector<CalendarDate> weekdays;
    if (input.weekdays) {
        for (const std::string& key : *input.weekdays) {
            const auto weekday = weekday_of_key(key);
            if (!weekday) {
                return Error::invalid_field("weekdays",
                                            "weekdays must be MON, TUE, WED, THU, FRI, SAT or SUN");
            }
            weekdays.push_back(reference_weekday(*weekday));
        }
        std::sort(weekdays.begin(), weekdays.end());
        weekdays.erase(std::unique(weekdays.begin(), weekdays.end()), weekdays.end());
        if (weekdays.empty()) {
            return Error::invalid_field("weekdays", "a weekday event needs at least one weekday");
        }
    }
    if (input.timezone && !ports_.zones.is_known(*input.timezone)) {
        return Error::invalid_field("timezone", "unknown time zone: " + *input.timezone);
    }
    const std::string token = make_handle(random_, k_admin_token_length);
    NewEvent event;
    event.team_uuid = input.associated_team;
    event.title = std::move(*title);
    event.window = *window;
    event.admin_token_hash = hasher_.hash_token(token);
    event.now = clock_.now();
    event.description = std::move(*description);
    event.location = std::move(*location);
    event.slot_minutes = static_cast<int>(slot_minutes);
    event.weekdays = input.weekdays.has_value();
    event.timezone = input.timezone;
    if (input.closes_at) {
        auto closes = parse_timestamp(*input.closes_at, "closesAt");
        if (!closes) {
            return closes.error();
        }
        event.closes_at = *closes;
    }
    // A collision of 128-bit handles is not expected; retrying keeps a freak
    // one from surfacing as an error.
    for (int attempt = 0;; ++attempt) {
        event.uuid = make_handle(random_, k_event_handle_length);
        auto stored = events_.insert_event(event);
        if (stored && !weekdays.empty()) {
            if (auto added = dates_.add_dates(stored->id, weekdays, weekdays.size(), event.now);
                !added) {
                (void)events_.delete_event(stored->id);  // no half-made event is left behind
                return added.error();
            }
            auto details = load_details(std::move(*stored));
            if (!details) {
                return details.error();
            }
            return CreatedEvent{std::move(*details), token};
        }
        if (stored) {
            return CreatedEvent{EventDetails{std::move(*stored), {}, {}, {}, std::nullopt}, token};
        }
        if (stored.error().kind != ErrorKind::conflict || attempt == 2) {
            return stored.error();
        }
    }
}

Result<Event> require_event(EventRepository& events, std::string_view uuid) {
    auto found = events.find_event(uuid);
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return Error::not_found("event not found");
    }
    return std::move(**found);
}

Result<Event> EventService::find_authorized_event(std::string_view uuid,
                                                  std::optional<std::string_view> token) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event;
    }
    if (auto allowed = check_admin_token(*event, token, hasher_, guard_); !allowed) {
        return allowed.error();
    }
    return event;
}

namespace {

// An event's details from its dates (ascending) and schedules.
EventDetails assemble_details(Event event, std::vector<EventDate> dates,
                              const std::vector<Schedule>& schedules) {
    EventDetails details{std::move(event), std::move(dates), {}, {}, std::nullopt};
    for (const Schedule& schedule : schedules) {
        details.participants.push_back(schedule.name);
    }
    std::sort(details.participants.begin(), details.participants.end());
    details.participants.erase(
        std::unique(details.participants.begin(), details.participants.end()),
        details.participants.end());

    std::unordered_map<RowId, std::uint32_t> day_of_date;
    for (std::size_t i = 0; i < details.dates.size(); ++i) {
        day_of_date.emplace(details.dates[i].id, static_cast<std::uint32_t>(i));
    }
    std::vector<PersonDay> entries;
    entries.reserve(schedules.size());
    for (const Schedule& schedule : schedules) {
        const auto day = day_of_date.find(schedule.date_id);
        if (day == day_of_date.end()) {
            continue;  // a date deleted between the reads
        }
        const auto person = std::lower_bound(details.participants.begin(),
                                             details.participants.end(), schedule.name);
        entries.push_back({static_cast<std::uint32_t>(person - details.participants.begin()),
                           day->second, schedule.availability});
    }
    details.overlap =
        AvailabilityOverlap::compute(details.dates.size(), details.participants.size(), entries,
                                     slots_per_day(details.event.slot_minutes));
    return details;
}

}  // namespace

Result<EventDetails> EventService::load_details(Event event) {
    auto dates = dates_.list_dates(event.id);
    if (!dates) {
        return dates.error();
    }
    auto schedules = schedules_.list_schedules(event.id, std::nullopt);
    if (!schedules) {
        return schedules.error();
    }
    auto details = assemble_details(std::move(event), std::move(*dates), *schedules);
    add_decision_instants(details);
    return details;
}

void EventService::add_decision_instants(EventDetails& details) const {
    const auto& decision = details.event.decision;
    if (!decision || details.event.weekdays) {
        return;
    }
    const std::string& zone = zone_of(details.event);
    const auto start =
        ports_.zones.to_instant(zone, decision->date, decision->window.start.minutes());
    const auto end =
        decision->window.end.minutes() == 24 * 60
            ? ports_.zones.to_instant(
                  zone, CalendarDate::from_days_since_epoch(decision->date.days_since_epoch() + 1),
                  0)
            : ports_.zones.to_instant(zone, decision->date, decision->window.end.minutes());
    if (start && end) {
        details.decision_instants = DecisionInstants{*start, *end};
    }
}

Result<EventDetails> EventService::store(Event& event) {
    auto updated = events_.update_event(event, clock_.now());
    if (!updated) {
        return updated.error();
    }
    return load_details(std::move(*updated));
}

bool is_locked(const Event& event, UnixSeconds now) {
    return event.locked || (event.closes_at && now >= *event.closes_at);
}

Result<EventDetails> EventService::decide(std::string_view uuid,
                                          std::optional<std::string_view> admin_token,
                                          const DecisionInput& input) {
    auto event = find_authorized_event(uuid, admin_token);
    if (!event) {
        return event.error();
    }
    auto dates = dates_.list_dates(event->id);
    if (!dates) {
        return dates.error();
    }
    const auto day = std::find_if(dates->begin(), dates->end(), [&](const EventDate& date) {
        return day_key(date.date) == input.date;
    });
    if (day == dates->end()) {
        return Error::invalid_field("date", "date must be one of the event's days");
    }
    auto window =
        TimeWindow::parse_over(TimeWindow{}, input.start_time, input.end_time, event->slot_minutes);
    if (!window) {
        return window.error();
    }
    event->decision = Decision{day->date, *window};
    auto details = store(*event);
    if (details && !details->event.weekdays && !details->decision_instants) {
        // Stored but unusable: undo, and say why.
        details->event.decision.reset();
        (void)events_.update_event(details->event, clock_.now());
        return Error::invalid_field(
            "startTime", "that time does not exist in the event's time zone on that day");
    }
    return details;
}

Result<EventDetails> EventService::clear_decision(std::string_view uuid,
                                                  std::optional<std::string_view> admin_token) {
    auto event = find_authorized_event(uuid, admin_token);
    if (!event) {
        return event.error();
    }
    event->decision.reset();
    return store(*event);
}

Result<EventDetails> EventService::set_locked(std::string_view uuid,
                                              std::optional<std::string_view> admin_token,
                                              bool locked) {
    auto event = find_authorized_event(uuid, admin_token);
    if (!event) {
        return event.error();
    }
    event->locked = locked;
    return store(*event);
}

Result<std::vector<EventDetails>> EventService::team_events(RowId team_id) {
    // Three reads for the whole team, grouped here by event.
    auto events = events_.list_team_events(team_id);
    if (!events) {
        return events.error();
    }
    auto dates = dates_.list_team_dates(team_id);
    if (!dates) {
        return dates.error();
    }
    auto schedules = schedules_.list_team_schedules(team_id);
    if (!schedules) {
        return schedules.error();
    }
    std::unordered_map<RowId, std::vector<EventDate>> dates_by_event;
    for (EventDate& date : *dates) {
        dates_by_event[date.event_id].push_back(std::move(date));
    }
    std::unordered_map<RowId, std::vector<Schedule>> schedules_by_event;
    for (Schedule& schedule : *schedules) {
        schedules_by_event[schedule.event_id].push_back(std::move(schedule));
    }
    std::vector<EventDetails> details;
    details.reserve(events->size());
    for (Event& event : *events) {
        const RowId id = event.id;
        details.push_back(assemble_details(std::move(event), std::move(dates_by_event[id]),
                                           schedules_by_event[id]));
        add_decision_instants(details.back());
    }
    return details;
}

Result<EventDetails> EventService::get_event(std::string_view uuid) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    return load_details(std::move(*event));
}

Result<EventDetails> EventService::update_event(std::string_view uuid,
                                                std::optional<std::string_view> admin_token,
                                                const EventPatch& patch) {
    auto event = find_authorized_event(uuid, admin_token);
    if (!event) {
        return event.error();
    }
    if (patch.title) {
        auto title = require_text("title", *patch.title, 1, k_max_title_length);
        if (!title) {
            return title.error();
        }
        event->title = std::move(*title);
    }
    auto window = TimeWindow::parse_over(event->window, patch.start_time, patch.end_time,
                                         event->slot_minutes);
    if (!window) {
        return window.error();
    }
    event->window = *window;
    if (patch.description) {
        auto description =
            optional_text("description", patch.description, k_max_event_description_length);
        if (!description) {
            return description.error();
        }
        event->description = std::move(*description);
    }
    if (patch.location) {
        auto location = optional_text("location", patch.location, k_max_location_length);
        if (!location) {
            return location.error();
        }
        event->location = std::move(*location);
    }
    if (patch.closes_at) {
        if (patch.closes_at->empty()) {
            event->closes_at.reset();
        } else {
            auto closes = parse_timestamp(*patch.closes_at, "closesAt");
            if (!closes) {
                return closes.error();
            }
            event->closes_at = *closes;
        }
    }
    return store(*event);
}

Result<void> EventService::delete_event(std::string_view uuid,
                                        std::optional<std::string_view> admin_token) {
    auto event = find_authorized_event(uuid, admin_token);
    if (!event) {
        return event.error();
    }
    return events_.delete_event(event->id);
}

namespace {
Error no_dates_for_weekdays() {
    return Error::invalid(
        "a weekday event has weekdays, not dates: they are fixed when it is created");
}
}  // namespace

Result<std::vector<BestTime>> EventService::best_times(std::string_view uuid,
                                                       const BestTimesInput& input) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    const int size = event->slot_minutes;
    const std::int64_t duration = input.duration_minutes.value_or(size);
    const int window_minutes = event->window.end.minutes() - event->window.start.minutes();
    if (duration <= 0 || duration % size != 0 || duration > window_minutes) {
        return Error::invalid_field("duration", "duration must be a multiple of " +
                                                    std::to_string(size) +
                                                    " minutes, at most the event's daily window");
    }
    const std::int64_t min_people = input.min_people.value_or(1);
    const std::int64_t limit = input.limit.value_or(10);
    if (min_people < 0 || min_people > 100000) {
        return Error::invalid_field("minPeople", "minPeople must be 0 or more");
    }
    if (limit < 1 || limit > 100) {
        return Error::invalid_field("limit", "limit must be 1 to 100");
    }
    const std::string viewer = input.timezone.value_or(zone_of(*event));
    if (!ports_.zones.is_known(viewer)) {
        return Error::invalid_field("tz", "unknown time zone: " + viewer);
    }
    auto dates = dates_.list_dates(event->id);
    if (!dates) {
        return dates.error();
    }
    auto schedules = schedules_.list_schedules(event->id, std::nullopt);
    if (!schedules) {
        return schedules.error();
    }
    std::vector<std::string> people;
    for (const Schedule& schedule : *schedules) {
        people.push_back(schedule.name);
    }
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    auto person_of = [&](const std::string& name) {
        return static_cast<std::uint32_t>(std::lower_bound(people.begin(), people.end(), name) -
                                          people.begin());
    };

    WindowQuery query;
    query.length = static_cast<int>(duration / size);
    query.first_slot = event->window.start.slot(size);
    query.end_slot = event->window.end.slot(size);
    query.min_people = static_cast<std::size_t>(min_people);
    query.limit = static_cast<std::size_t>(limit);
    for (const std::string& name : input.required) {
        const std::string wanted(trim(name));
        if (!std::binary_search(people.begin(), people.end(), wanted)) {
            return Error::invalid_field("required", "no one named " + wanted + " has answered");
        }
        query.required.push_back(person_of(wanted));
    }

    const int slot_count = slots_per_day(size);
    std::unordered_map<RowId, std::size_t> day_of_date;
    for (std::size_t day = 0; day < dates->size(); ++day) {
        day_of_date.emplace((*dates)[day].id, day);
    }
    std::vector<DayAvailability> grid(people.size() * dates->size(), DayAvailability(slot_count));
    for (const Schedule& schedule : *schedules) {
        const auto day = day_of_date.find(schedule.date_id);
        if (day != day_of_date.end() && schedule.availability.slot_count() == slot_count) {
            grid[person_of(schedule.name) * dates->size() + day->second] = schedule.availability;
        }
    }
    const auto ranked = rank_windows(grid, people.size(), dates->size(), slot_count, query);

    const std::string& event_zone = zone_of(*event);
    std::vector<BestTime> results;
    for (const RankedWindow& window : ranked) {
        const CalendarDate date = (*dates)[window.day].date;
        const int start = window.first_slot * size;
        const int end = start + static_cast<int>(duration);
        BestTime best;
        auto names = [&](const std::vector<std::uint32_t>& indices) {
            std::vector<std::string> out;
            out.reserve(indices.size());
            for (std::uint32_t person : indices) {
                out.push_back(people[person]);
            }
            return out;
        };
        best.available = names(window.available);
        best.if_needed = names(window.if_needed);
        for (std::uint32_t person = 0; person < people.size(); ++person) {
            if (!std::binary_search(window.available.begin(), window.available.end(), person) &&
                !std::binary_search(window.if_needed.begin(), window.if_needed.end(), person)) {
                best.missing.push_back(people[person]);
            }
        }
        if (event->weekdays) {
            best.date = day_key(date);
            best.start = TimeOfDay::from_slot(window.first_slot, size).to_string();
            best.end = TimeOfDay::from_slot(window.first_slot + query.length, size).to_string();
            results.push_back(std::move(best));
            continue;
        }
        const auto utc_start = ports_.zones.to_instant(event_zone, date, start);
        const auto utc_end =
            end == 24 * 60
                ? ports_.zones.to_instant(
                      event_zone, CalendarDate::from_days_since_epoch(date.days_since_epoch() + 1),
                      0)
                : ports_.zones.to_instant(event_zone, date, end);
        if (!utc_start || !utc_end) {
            continue;  // the window crosses a time the event's zone skips
        }
        const LocalMoment local_start = ports_.zones.to_local(viewer, *utc_start);
        const LocalMoment local_end = ports_.zones.to_local(viewer, *utc_end);
        const bool ends_at_midnight = local_end.minutes == 0 && local_end.date > local_start.date;
        auto clock_text = [](int minutes) {
            auto time = TimeOfDay::from_minutes(minutes - minutes % k_finest_slot_minutes);
            return time ? time->to_string() : std::string("00:00");
        };
        best.date = local_start.date.to_string();
        best.start = clock_text(local_start.minutes);
        best.end = ends_at_midnight ? "24:00" : clock_text(local_end.minutes);
        best.utc_start = utc_start;
        best.utc_end = utc_end;
        results.push_back(std::move(best));
    }
    return results;
}

Result<std::size_t> EventService::expire_events(int retention_days) {
    const UnixSeconds now = clock_.now();
    const CalendarDate today = ports_.zones.to_local(ports_.default_zone, now).date;
    const auto cutoff =
        CalendarDate::from_days_since_epoch(today.days_since_epoch() - retention_days);
    return events_.delete_expired_events(cutoff,
                                         now - static_cast<UnixSeconds>(retention_days) * 86400);
}

Result<EventGrid> EventService::grid(std::string_view uuid,
                                     std::optional<std::string_view> viewer_zone) {
    auto details = get_event(uuid);
    if (!details) {
        return details.error();
    }
    if (details->event.weekdays) {
        return Error::invalid("a weekday event has no real instants to show in a time zone");
    }
    const std::string& event_zone = zone_of(details->event);
    EventGrid grid;
    grid.timezone = viewer_zone ? std::string(*viewer_zone) : event_zone;
    if (!ports_.zones.is_known(grid.timezone)) {
        return Error::invalid_field("tz", "unknown time zone: " + grid.timezone);
    }
    const int size = details->event.slot_minutes;
    grid.slot_minutes = size;
    const auto& window = details->event.window;
    for (std::size_t day = 0; day < details->dates.size(); ++day) {
        for (int slot = window.start.slot(size); slot < window.end.slot(size); ++slot) {
            const auto instant =
                ports_.zones.to_instant(event_zone, details->dates[day].date, slot * size);
            if (!instant) {
                continue;  // skipped by a clock change
            }
            const LocalMoment seen = ports_.zones.to_local(grid.timezone, *instant);
            if (grid.days.empty() || grid.days.back().date != seen.date) {
                grid.days.push_back({seen.date, {}});
            }
            auto start =
                TimeOfDay::from_minutes(seen.minutes - seen.minutes % k_finest_slot_minutes);
            grid.days.back().slots.push_back({start ? *start : TimeOfDay::start_of_day(), *instant,
                                              static_cast<std::uint32_t>(day), slot});
        }
    }
    grid.people = std::move(details->participants);
    grid.who = std::move(details->overlap);
    return grid;
}

Result<DatesPage> EventService::list_dates(std::string_view uuid, std::size_t page) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    if (event->weekdays) {
        return no_dates_for_weekdays();
    }
    if (page == 0) {
        return Error::not_found("invalid page");
    }
    auto found = dates_.page_dates(event->id, (page - 1) * k_dates_page_size, k_dates_page_size);
    if (!found) {
        return found.error();
    }
    if (page > 1 && found->dates.empty()) {
        return Error::not_found("invalid page");
    }
    return DatesPage{page, found->total, std::move(found->dates)};
}

Result<DatesPage> EventService::add_dates(std::string_view uuid,
                                          const std::vector<std::string>& texts) {
    auto event = require_event(events_, uuid);
    if (!event) {
        return event.error();
    }
    if (event->weekdays) {
        return no_dates_for_weekdays();
    }
    std::vector<CalendarDate> dates;
    dates.reserve(texts.size());
    for (const std::string& text : texts) {
        auto date = CalendarDate::parse(text);
        if (!date) {
            return Error::invalid_field("additionalDates", date.error().message);
        }
        dates.push_back(*date);
    }
    // "Today" is the event's: its dates are wall-clock in its zone.
    const CalendarDate today = ports_.zones.to_local(zone_of(*event), clock_.now()).date;
    for (const CalendarDate& date : dates) {
        if (date < today) {
            return Error::invalid_field("additionalDates",
                                        "date is in the past: " + date.to_string());
        }
    }
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    if (dates.size() > k_max_dates_per_event) {
        return Error::invalid_field("additionalDates", "an event has at most 366 dates");
    }
    if (auto added = dates_.add_dates(event->id, dates, k_max_dates_per_event, clock_.now());
        !added) {
        return added.error();
    }
    return list_dates(uuid, 1);
}

Result<void> EventService::delete_date(RowId date_id, std::optional<std::string_view> admin_token) {
    auto date = dates_.find_date(date_id);
    if (!date) {
        return date.error();
    }
    if (!*date) {
        return Error::not_found("date not found");
    }
    auto event = find_authorized_event((*date)->event_uuid, admin_token);
    if (!event) {
        return event.error();
    }
    if (event->weekdays) {
        return no_dates_for_weekdays();
    }
    return dates_.delete_date(date_id);
}

}  // namespace bistime
