// EventAccess: the rules every use case on an event shares — finding the
// event, the organiser's admin token, whether its schedules are open, and the
// real instants of its wall-clock times.
//
// One small place, used by every event service, so that no service reaches
// into another for them. It holds references to its ports and a SecretGuard;
// thread-safe when the ports are.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bistime/core/event.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/secret_guard.hpp"

namespace bistime {

struct EventAccessPorts {
    EventRepository& events;
    const SecretHasher& hasher;
    AttemptLog& attempts;  // wrong admin tokens, counted per client
    const Clock& clock;
    const TimeZones& zones;
    std::string default_zone;  // the zone of events that name none
};

class EventAccess {
  public:
    explicit EventAccess(const EventAccessPorts& ports);

    // The event with that uuid. Errors: not_found ("event not found"), unavailable.
    Result<Event> find(std::string_view uuid) const;
    // find() for a person's write, without what it does not use
    // (EventRepository::find_event_to_write). Errors: as find().
    Result<Event> find_to_write(std::string_view uuid) const;
    // The event, when `token` is its admin token. Errors: not_found,
    // unauthorized (none given), forbidden (wrong), too_many_attempts (this
    // client guessed wrong too often).
    Result<Event> find_as_organiser(std::string_view uuid, std::optional<std::string_view> token);
    // The admin-token check alone, for an event already read.
    Result<void> check_organiser(const Event& event, std::optional<std::string_view> token);
    // The same check without counting a wrong token against the client: for
    // a device checking a link it was given. Counting there would let
    // crafted links, opened on the organiser's own device, lock the organiser
    // out; and a token of 128 random bits or more gains a guesser nothing
    // from the missing count. Errors: unauthorized, forbidden.
    Result<void> check_link_token(const Event& event, std::optional<std::string_view> token) const;
    // Errors: locked, while the organiser has locked the event or it is past
    // its closing time: its schedules accept no changes.
    Result<void> check_open(const Event& event) const;

    // The zone the event's dates and window are wall-clock in.
    const std::string& zone_of(const Event& event) const;
    // The instant of `minutes` after midnight of `date` in the event's zone;
    // 24:00 is the next day's midnight. nullopt when the zone skips that time.
    std::optional<UnixSeconds> instant_of(const Event& event, CalendarDate date, int minutes) const;
    // "Today" in the event's zone, for rules about past dates.
    CalendarDate today_of(const Event& event) const;

    const TimeZones& zones() const { return zones_; }
    const std::string& default_zone() const { return default_zone_; }
    const Clock& clock() const { return clock_; }

  private:
    EventRepository& events_;
    const SecretHasher& hasher_;
    SecretGuard guard_;
    const Clock& clock_;
    const TimeZones& zones_;
    std::string default_zone_;
};

// Whether writes to the event's schedules are refused at `now`: locked by
// the organiser, or past its closing time.
bool is_locked(const Event& event, UnixSeconds now);

}  // namespace bistime
