#include "bistime/core/decision_service.hpp"

#include <algorithm>

namespace bistime {

DecisionService::DecisionService(const DecisionServicePorts& ports)
    : access_(ports.access),
      events_(ports.events),
      dates_(ports.dates),
      unit_(ports.unit),
      writer_(ports.writer),
      event_link_(ports.event_link),
      details_(ports.access, ports.dates, ports.schedules, ports.cache) {}

Result<EventDetails> DecisionService::change(std::string_view uuid,
                                             std::optional<std::string_view> admin_token,
                                             const Edit<Event>& edit) {
    BISTIME_ASSIGN(Event found, access_.find_as_organiser(uuid, admin_token));
    // A unit, so that what the edit reads (the dates) is read in the
    // change's transaction, the event's row locked.
    BISTIME_ASSIGN(Event updated, run_atomically<Event>(unit_, [&] {
                       return events_.change_event(found.id, edit, access_.clock().now());
                   }));
    return details_.read(std::move(updated));
}

Result<EventDetails> DecisionService::decide(std::string_view uuid,
                                             std::optional<std::string_view> admin_token,
                                             const DecisionInput& input) {
    return change(uuid, admin_token, [&](Event& event) -> Result<void> {
        // The dates as stored under the event's lock: a date deleted at the
        // same time is either gone here or takes this decision with it.
        BISTIME_ASSIGN(auto dates, dates_.list_dates(event.id));
        const auto day = std::find_if(dates.begin(), dates.end(), [&](const EventDate& date) {
            return day_key(date.date) == input.date;
        });
        if (day == dates.end()) {
            return Error::invalid_field("date", "date must be one of the event's days");
        }
        BISTIME_ASSIGN(TimeWindow window,
                       TimeWindow::parse_over(TimeWindow{}, input.start_time, input.end_time,
                                              event.slot_minutes));
        event.decision = Decision{day->date, window};
        if (!decision_fits_window(event)) {
            return Error::invalid_field("startTime", "the decision must lie within the event's " +
                                                         event.window.start.to_string() + " to " +
                                                         event.window.end.to_string());
        }
        if (!event.weekdays && !decision_instants(access_, event)) {
            return Error::invalid_field(
                "startTime", "that time does not exist in the event's time zone on that day");
        }
        return {};
    });
}

Result<EventDetails> DecisionService::clear_decision(std::string_view uuid,
                                                     std::optional<std::string_view> admin_token) {
    return change(uuid, admin_token, [](Event& event) -> Result<void> {
        event.decision.reset();
        return {};
    });
}

Result<EventDetails> DecisionService::set_locked(std::string_view uuid,
                                                 std::optional<std::string_view> admin_token,
                                                 bool locked) {
    return change(uuid, admin_token, [locked](Event& event) -> Result<void> {
        event.locked = locked;
        return {};
    });
}

Result<std::string> DecisionService::decision_calendar(std::string_view uuid) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    if (!event.decision) {
        return Error::not_found("the event has no decision yet");
    }
    if (event.weekdays) {
        return Error::not_found("a weekday event's decision has no date for a calendar");
    }
    const auto instants = decision_instants(access_, event);
    if (!instants) {
        return Error::not_found("the decision's time does not exist in the event's zone");
    }
    MeetingEntry meeting;
    meeting.uid = event.uuid + "@bistime";
    meeting.stamp = event.updated_at;
    meeting.start = instants->start;
    meeting.end = instants->end;
    meeting.summary = event.title;
    meeting.description = event.description;
    meeting.location = event.location;
    if (!event_link_.empty()) {
        std::string link = event_link_;
        if (const auto at = link.find("{uuid}"); at != std::string::npos) {
            link.replace(at, 6, event.uuid);
        }
        meeting.url = std::move(link);
    }
    return writer_.meeting(meeting);
}

}  // namespace bistime
