// DecisionService: what the organiser settles, with the event's admin token —
// the meeting time (the decision), and the lock that closes the schedules —
// and the decision as a calendar entry for everyone.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bistime/core/calendar_export.hpp"
#include "bistime/core/event_access.hpp"
#include "bistime/core/event_details.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"

namespace bistime {

// The meeting time an organiser fixes: a day of the event ("2026-12-01", or
// "MON" for a weekday event) and a window on the event's grid.
struct DecisionInput {
    std::string date;
    std::string start_time;
    std::string end_time;
};

struct DecisionServicePorts {
    EventAccess& access;
    AnswersCache& cache;  // events' answers between reads
    EventRepository& events;
    EventDateRepository& dates;
    ScheduleRepository& schedules;
    UnitOfWork& unit;
    const CalendarWriter& writer;
    // The public link of an event, "{uuid}" standing for its uuid; "" for none.
    std::string event_link;
};

class DecisionService {
  public:
    explicit DecisionService(const DecisionServicePorts& ports);

    // Fixes the meeting time; nothing is stored unless all of it is valid,
    // decided on the event and its dates as they are when it is stored.
    // These writes change only the decision or the lock: others made at the
    // same time (EventService::update_event) all stay.
    // Errors: not_found, unauthorized, forbidden, too_many_attempts; invalid
    // (not a day of the event, times off its grid, reversed or outside the
    // event's window, or a wall-clock time its zone skips).
    Result<EventDetails> decide(std::string_view uuid, std::optional<std::string_view> admin_token,
                                const DecisionInput& decision);
    Result<EventDetails> clear_decision(std::string_view uuid,
                                        std::optional<std::string_view> admin_token);
    // Locks (or unlocks) the event's schedules. Errors: not_found,
    // unauthorized, forbidden, too_many_attempts.
    Result<EventDetails> set_locked(std::string_view uuid,
                                    std::optional<std::string_view> admin_token, bool locked);
    // The decided meeting as an iCalendar: one event in UTC with a stable
    // UID, the event's title, description, location and link. Errors:
    // not_found (no event; no decision yet; a weekday event, whose decision
    // has no date).
    Result<std::string> decision_calendar(std::string_view uuid);

  private:
    // Applies `edit` to the organiser's event as stored (EventRepository::change_event).
    Result<EventDetails> change(std::string_view uuid, std::optional<std::string_view> admin_token,
                                const Edit<Event>& edit);

    EventAccess& access_;
    EventRepository& events_;
    EventDateRepository& dates_;
    UnitOfWork& unit_;
    const CalendarWriter& writer_;
    std::string event_link_;
    EventDetailsReader details_;
};

}  // namespace bistime
