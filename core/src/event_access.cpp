#include "bistime/core/event_access.hpp"

namespace bistime {

EventAccess::EventAccess(const EventAccessPorts& ports)
    : events_(ports.events),
      hasher_(ports.hasher),
      guard_(ports.attempts, ports.clock),
      clock_(ports.clock),
      zones_(ports.zones),
      default_zone_(ports.default_zone) {}

namespace {

// The event a repository found, or the error every use case gives for none.
Result<Event> found_event(Result<std::optional<Event>> found) {
    BISTIME_ASSIGN(auto event, std::move(found));
    if (!event) {
        return Error::not_found("event not found");
    }
    return std::move(*event);
}

}  // namespace

Result<Event> EventAccess::find(std::string_view uuid) const {
    return found_event(events_.find_event(uuid));
}

Result<Event> EventAccess::find_to_write(std::string_view uuid) const {
    return found_event(events_.find_event_to_write(uuid));
}

Result<Event> EventAccess::find_as_organiser(std::string_view uuid,
                                             std::optional<std::string_view> token) {
    BISTIME_ASSIGN(Event event, find(uuid));
    BISTIME_TRY(check_organiser(event, token));
    return event;
}

Result<void> EventAccess::check_organiser(const Event& event,
                                          std::optional<std::string_view> token) {
    if (!token || token->empty()) {
        return Error::unauthorized("admin token required");
    }
    BISTIME_ASSIGN(const bool matched, guard_.check("event:" + std::to_string(event.id), [&] {
        return hasher_.verify_token(*token, event.admin_token_hash);
    }));
    if (!matched) {
        return Error::forbidden("wrong admin token");
    }
    return {};
}

Result<void> EventAccess::check_link_token(const Event& event,
                                           std::optional<std::string_view> token) const {
    if (!token || token->empty()) {
        return Error::unauthorized("admin token required");
    }
    if (!hasher_.verify_token(*token, event.admin_token_hash)) {
        return Error::forbidden("wrong admin token");
    }
    return {};
}

bool is_locked(const Event& event, UnixSeconds now) {
    return event.locked || (event.closes_at && now >= *event.closes_at);
}

Result<void> EventAccess::check_open(const Event& event) const {
    if (is_locked(event, clock_.now())) {
        return Error{ErrorKind::locked, "the event is locked: its schedules cannot change", {}};
    }
    return {};
}

const std::string& EventAccess::zone_of(const Event& event) const {
    return event.timezone ? *event.timezone : default_zone_;
}

std::optional<UnixSeconds> EventAccess::instant_of(const Event& event, CalendarDate date,
                                                   int minutes) const {
    if (minutes == 24 * 60) {
        return zones_.to_instant(zone_of(event), date.next(), 0);
    }
    return zones_.to_instant(zone_of(event), date, minutes);
}

CalendarDate EventAccess::today_of(const Event& event) const {
    return zones_.to_local(zone_of(event), clock_.now()).date;
}

}  // namespace bistime
