#include "bistime/core/regular_event_service.hpp"

#include <algorithm>

#include "bistime/core/handles.hpp"
#include "bistime/core/team_service.hpp"
#include "bistime/core/text.hpp"

namespace bistime {
namespace {

// Applies a regular event's fields over `event`; absent fields keep their value.
Result<void> apply_regular_event(const NameRules& names, RegularEvent& event,
                                 const RegularEventInput& input) {
    if (input.title) {
        BISTIME_ASSIGN(event.title,
                       names.require("title", *input.title, 1, k_max_regular_event_title_length));
    }
    if (input.description) {
        BISTIME_ASSIGN(event.description, require_text("description", *input.description, 0,
                                                       k_max_description_length));
    }
    if (input.day) {
        if (*input.day < 0 || *input.day >= k_days_per_week) {
            return Error::invalid_field("day", "day must be 0 (Monday) to 6 (Sunday)");
        }
        event.day = static_cast<int>(*input.day);
    }
    BISTIME_ASSIGN(event.window,
                   TimeWindow::parse_over(event.window, input.start_time, input.end_time));
    return {};
}

}  // namespace

RegularEventService::RegularEventService(const RegularEventServicePorts& ports)
    : access_(ports.access),
      regular_events_(ports.regular_events),
      clock_(ports.clock),
      random_(ports.random),
      zones_(ports.zones),
      writer_(ports.writer),
      names_(ports.names),
      default_zone_(ports.default_zone) {}

Result<std::vector<RegularEvent>> RegularEventService::list_regular_events(
    std::string_view team_uuid) {
    BISTIME_ASSIGN(Team team, access_.find(team_uuid));
    return regular_events_.list_regular_events(team.id);
}

Result<RegularEvent> RegularEventService::create_regular_event(std::string_view team_uuid,
                                                               std::optional<std::string_view> code,
                                                               const RegularEventInput& input) {
    BISTIME_ASSIGN(Team team, access_.find_as_admin(team_uuid, code));
    if (!input.title) {
        return Error::invalid_field("title", "title is required");
    }
    if (!input.day) {
        return Error::invalid_field("day", "day is required");
    }
    RegularEvent event;
    BISTIME_TRY(apply_regular_event(names_, event, input));
    return regular_events_.insert_regular_event({make_handle(random_, k_team_handle_length, "R"),
                                                 team.id, event.title, event.description, event.day,
                                                 event.window, clock_.now()});
}

Result<RegularEvent> RegularEventService::get_regular_event(std::string_view uuid) {
    BISTIME_ASSIGN(auto found, regular_events_.find_regular_event(uuid));
    if (!found) {
        return Error::not_found("regular event not found");
    }
    return std::move(*found);
}

Result<RegularEvent> RegularEventService::find_as_admin(std::string_view uuid,
                                                        std::optional<std::string_view> code) {
    BISTIME_ASSIGN(RegularEvent event, get_regular_event(uuid));
    BISTIME_TRY(access_.find_as_admin(event.team_uuid, code));
    return event;
}

Result<RegularEvent> RegularEventService::update_regular_event(std::string_view uuid,
                                                               std::optional<std::string_view> code,
                                                               const RegularEventInput& patch) {
    BISTIME_ASSIGN(RegularEvent found, find_as_admin(uuid, code));
    // Applied to the row as it stands: fields the patch leaves out keep what
    // a write made at the same time stored.
    return regular_events_.change_regular_event(
        found.id, [&](RegularEvent& event) { return apply_regular_event(names_, event, patch); },
        clock_.now());
}

Result<void> RegularEventService::delete_regular_event(std::string_view uuid,
                                                       std::optional<std::string_view> code) {
    BISTIME_ASSIGN(RegularEvent event, find_as_admin(uuid, code));
    return regular_events_.delete_regular_event(event.id);
}

Result<std::string> RegularEventService::team_calendar(std::string_view team_uuid) {
    BISTIME_ASSIGN(Team team, access_.find(team_uuid));
    BISTIME_ASSIGN(auto events, regular_events_.list_regular_events(team.id));
    TeamCalendar calendar;
    calendar.name = team.name;
    calendar.zone = team.timezone.value_or(default_zone_);
    CalendarDate earliest = zones_.to_local(calendar.zone, clock_.now()).date;
    for (RegularEvent& event : events) {
        const CalendarDate created = zones_.to_local(calendar.zone, event.created_at).date;
        const auto first = created.plus_days(event.day - created.weekday());
        earliest = std::min(earliest, first);
        calendar.entries.push_back({event.uuid + "@bistime", event.updated_at, first, event.window,
                                    event.day, std::move(event.title),
                                    std::move(event.description)});
    }
    // Ten years of the zone's changes from the first occurrence on.
    calendar.span_start = (earliest.days_since_epoch() - 1) * 86400;
    const UnixSeconds span_end = calendar.span_start + 10LL * 366 * 86400;
    calendar.offset_at_start = zones_.offset_at(calendar.zone, calendar.span_start);
    calendar.name_at_start = zones_.name_at(calendar.zone, calendar.span_start);
    calendar.transitions = zones_.transitions(calendar.zone, calendar.span_start, span_end);
    return writer_.weekly(calendar);
}

}  // namespace bistime
