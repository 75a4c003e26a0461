#include "bistime/core/event_service.hpp"

#include <algorithm>

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
    BISTIME_ASSIGN(std::string checked, require_text(field, *text, 0, max));
    if (checked.empty()) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(std::move(checked));
}

// The reference dates of a weekday event's "MON"…"SUN", sorted and distinct.
Result<std::vector<CalendarDate>> weekday_dates(const std::vector<std::string>& keys) {
    std::vector<CalendarDate> weekdays;
    for (const std::string& key : keys) {
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
    return weekdays;
}

// A change of hours that would leave the decision outside them is refused
// rather than losing the decision silently: the organiser moves or clears
// the decision first, knowingly.
Result<void> require_decision_inside(const Event& event) {
    if (decision_fits_window(event)) {
        return {};
    }
    return Error::conflict("the decision (" + day_key(event.decision->date) + " " +
                           event.decision->window.start.to_string() + " to " +
                           event.decision->window.end.to_string() +
                           ") would fall outside the new hours: move or clear the decision first");
}

template <typename T>
void assign_if(T& field, const std::optional<T>& value) {
    if (value) {
        field = *value;
    }
}

}  // namespace

EventService::EventService(const EventServicePorts& ports)
    : access_(ports.access),
      teams_(ports.teams),
      events_(ports.events),
      dates_(ports.dates),
      unit_(ports.unit),
      random_(ports.random),
      hasher_(ports.hasher),
      names_(ports.names),
      details_(ports.access, ports.dates, ports.schedules, ports.cache) {}

Result<CreatedEvent> EventService::create_event(const CreateEventInput& input) {
    BISTIME_ASSIGN(std::string title, names_.require("title", input.title, 1, k_max_title_length));
    const std::int64_t slot_minutes = input.slot_minutes.value_or(k_slot_minutes);
    if (!is_supported_slot_size(slot_minutes)) {
        return Error::invalid_field("slotMinutes", "slotMinutes must be 15, 30 or 60");
    }
    BISTIME_ASSIGN(TimeWindow window,
                   TimeWindow::parse_over(TimeWindow{}, input.start_time, input.end_time,
                                          static_cast<int>(slot_minutes)));
    BISTIME_ASSIGN(auto description,
                   optional_text("description", input.description, k_max_event_description_length));
    BISTIME_ASSIGN(auto location, optional_text("location", input.location, k_max_location_length));
    std::vector<CalendarDate> weekdays;
    if (input.weekdays) {
        BISTIME_ASSIGN(weekdays, weekday_dates(*input.weekdays));
    }
    if (input.timezone && !access_.zones().is_known(*input.timezone)) {
        return Error::invalid_field("timezone", "unknown time zone: " + *input.timezone);
    }
    NewEvent event;
    if (input.closes_at) {
        BISTIME_ASSIGN(event.closes_at, parse_timestamp(*input.closes_at, "closesAt"));
    }
    const std::string token = make_handle(random_, k_admin_token_length);
    event.team_uuid = input.associated_team;
    event.title = std::move(title);
    event.window = window;
    event.admin_token_hash = hasher_.hash_token(token);
    event.now = access_.clock().now();
    event.description = std::move(description);
    event.location = std::move(location);
    event.slot_minutes = static_cast<int>(slot_minutes);
    event.weekdays = input.weekdays.has_value();
    event.timezone = input.timezone;
    // A collision of 128-bit handles is not expected; retrying keeps a freak
    // one from surfacing as an error.
    for (int attempt = 0;; ++attempt) {
        event.uuid = make_handle(random_, k_event_handle_length);
        auto stored = run_atomically<Event>(unit_, [&]() -> Result<Event> {
            BISTIME_ASSIGN(Event inserted, events_.insert_event(event));
            if (!weekdays.empty()) {
                BISTIME_TRY(dates_.add_dates(inserted.id, weekdays, weekdays.size(), event.now));
            }
            return inserted;
        });
        if (stored && weekdays.empty()) {
            return CreatedEvent{EventDetails{std::move(*stored), {}, {}, {}, std::nullopt}, token};
        }
        if (stored) {
            BISTIME_ASSIGN(EventDetails details, details_.read(std::move(*stored)));
            return CreatedEvent{std::move(details), token};
        }
        if (stored.error().kind != ErrorKind::conflict || attempt == 2) {
            return stored.error();
        }
    }
}

Result<EventDetails> EventService::get_event(std::string_view uuid) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    return details_.read(std::move(event));
}

Result<Revised<EventDetails>> EventService::get_event_if_changed(
    std::string_view uuid, std::optional<std::string_view> known_revision) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    return read_if_changed<EventDetails>(event, known_revision,
                                         [&] { return details_.read(event); });
}

Result<EventDetails> EventService::update_event(std::string_view uuid,
                                                std::optional<std::string_view> admin_token,
                                                const EventPatch& patch) {
    BISTIME_ASSIGN(Event found, access_.find_as_organiser(uuid, admin_token));
    // What needs no stored row is checked before the row is locked.
    std::optional<std::string> title;
    if (patch.title) {
        BISTIME_ASSIGN(title, names_.require("title", *patch.title, 1, k_max_title_length));
    }
    std::optional<std::optional<std::string>> description;
    if (patch.description) {
        BISTIME_ASSIGN(description, optional_text("description", patch.description,
                                                  k_max_event_description_length));
    }
    std::optional<std::optional<std::string>> location;
    if (patch.location) {
        BISTIME_ASSIGN(location, optional_text("location", patch.location, k_max_location_length));
    }
    std::optional<std::optional<UnixSeconds>> closes_at;
    if (patch.closes_at && patch.closes_at->empty()) {
        closes_at.emplace();
    } else if (patch.closes_at) {
        BISTIME_ASSIGN(closes_at, parse_timestamp(*patch.closes_at, "closesAt"));
    }
    // The window is the stored one with the times given: decided on the row
    // as it stands, as is its fit with the decision. Only a change of hours
    // is held to it, so an event decided before the rule keeps its other
    // fields writable.
    const auto edit = [&](Event& event) -> Result<void> {
        const TimeWindow before = event.window;
        BISTIME_ASSIGN(event.window, TimeWindow::parse_over(event.window, patch.start_time,
                                                            patch.end_time, event.slot_minutes));
        if (event.window.start != before.start || event.window.end != before.end) {
            BISTIME_TRY(require_decision_inside(event));
        }
        assign_if(event.title, title);
        assign_if(event.description, description);
        assign_if(event.location, location);
        assign_if(event.closes_at, closes_at);
        return {};
    };
    BISTIME_ASSIGN(Event updated, events_.change_event(found.id, edit, access_.clock().now()));
    return details_.read(std::move(updated));
}

Result<void> EventService::delete_event(std::string_view uuid,
                                        std::optional<std::string_view> admin_token) {
    BISTIME_ASSIGN(Event event, access_.find_as_organiser(uuid, admin_token));
    return events_.delete_event(event.id);
}

Result<void> EventService::verify_organiser(std::string_view uuid,
                                            std::optional<std::string_view> admin_token) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    return access_.check_link_token(event, admin_token);
}

Result<std::vector<EventDetails>> EventService::team_events(std::string_view team_uuid) {
    BISTIME_ASSIGN(Team team, teams_.find(team_uuid));
    BISTIME_ASSIGN(auto events, events_.list_team_events(team.id));
    return details_.read_team(std::move(events), team.id);
}

Result<std::size_t> EventService::expire_events(int retention_days) {
    const UnixSeconds now = access_.clock().now();
    const CalendarDate today = access_.zones().to_local(access_.default_zone(), now).date;
    return events_.delete_expired_events(today.plus_days(-retention_days),
                                         now - static_cast<UnixSeconds>(retention_days) * 86400);
}

}  // namespace bistime
