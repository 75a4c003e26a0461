// EventService: the life of an instant event — create it, read it, change
// and delete it with its admin token — and the reads of a team's events and
// the expiry of old events. Its dates, decision and availability queries
// have services of their own (date_service.hpp, decision_service.hpp,
// availability_queries.hpp); the rules they share are in EventAccess.
//
// Inputs arrive as the client wrote them (strings); the service validates them
// against the contract and answers with entities or an Error whose kind the
// driving adapter maps to a status. Thread-safe when its ports are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/event.hpp"
#include "bistime/core/event_access.hpp"
#include "bistime/core/event_details.hpp"
#include "bistime/core/names.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/team_access.hpp"

namespace bistime {

inline constexpr std::size_t k_max_title_length = 100;
inline constexpr std::size_t k_max_event_description_length = 1000;
inline constexpr std::size_t k_max_location_length = 200;
inline constexpr std::size_t k_max_dates_per_event = 366;

struct CreatedEvent {
    EventDetails details;
    std::string admin_token;  // shown once, in the creation response
};

struct CreateEventInput {
    std::string title;
    std::optional<std::string> start_time;       // default 00:00
    std::optional<std::string> end_time;         // default 24:00
    std::optional<std::string> associated_team;  // a team uuid
    std::optional<std::string> description;      // up to 1000 characters
    std::optional<std::string> location;         // up to 200 characters
    std::optional<std::int64_t> slot_minutes;    // 15, 30 (default) or 60
    // "MON"…"SUN": a weekday event (When2Meet's "days of the week"), whose
    // days are these weekdays instead of dates.
    std::optional<std::vector<std::string>> weekdays;
    // The IANA zone its dates, window and slots are wall-clock in; default
    // the server's.
    std::optional<std::string> timezone;
    // An ISO-8601 instant at which the event locks itself.
    std::optional<std::string> closes_at;
};

// Each field changes only when present; an empty description or location
// clears it.
struct EventPatch {
    std::optional<std::string> title;
    std::optional<std::string> start_time;
    std::optional<std::string> end_time;
    std::optional<std::string> description;
    std::optional<std::string> location;
    std::optional<std::string> closes_at;  // "" removes it
};

// What the event use cases need from outside.
struct EventServicePorts {
    EventAccess& access;
    AnswersCache& cache;  // events' answers between reads
    TeamAccess& teams;
    EventRepository& events;
    EventDateRepository& dates;
    ScheduleRepository& schedules;
    UnitOfWork& unit;
    RandomSource& random;
    const SecretHasher& hasher;
    const NameRules& names;
};

class EventService {
  public:
    explicit EventService(const EventServicePorts& ports);

    // The event with its weekdays, if any, made in one unit of work: no
    // half-made event is ever stored. Errors: invalid (title, times,
    // window, weekdays, zone), not_found (associated team).
    Result<CreatedEvent> create_event(const CreateEventInput& input);
    // Reads the event with its aggregated availability. Errors: not_found.
    Result<EventDetails> get_event(std::string_view uuid);
    // The same, unless the event is still at `known_revision` (revision_of):
    // then no value, at the cost of the event's row alone.
    Result<Revised<EventDetails>> get_event_if_changed(
        std::string_view uuid, std::optional<std::string_view> known_revision);
    // Errors: not_found, unauthorized (no token), forbidden (wrong token),
    // too_many_attempts, invalid.
    Result<EventDetails> update_event(std::string_view uuid,
                                      std::optional<std::string_view> admin_token,
                                      const EventPatch& patch);
    // Deletes the event, its dates and schedules. Errors: as update_event.
    Result<void> delete_event(std::string_view uuid, std::optional<std::string_view> admin_token);
    // Whether `admin_token` is the event's organiser token, changing nothing:
    // a device checks a link's token before keeping it. A wrong one is not
    // counted against the client (EventAccess::check_link_token), so links
    // cannot lock an organiser out. Errors: not_found, unauthorized (no
    // token), forbidden (wrong).
    Result<void> verify_organiser(std::string_view uuid,
                                  std::optional<std::string_view> admin_token);

    // Every event of the team with its details, oldest first, in a constant
    // number of reads whatever the number of events. Errors: not_found (team).
    Result<std::vector<EventDetails>> team_events(std::string_view team_uuid);

    // Deletes events `retention_days` after their last date (events without
    // dates: after their last update), today being the server's. Teams are
    // never deleted. Returns how many events went.
    Result<std::size_t> expire_events(int retention_days);

  private:
    EventAccess& access_;
    TeamAccess& teams_;
    EventRepository& events_;
    EventDateRepository& dates_;
    UnitOfWork& unit_;
    RandomSource& random_;
    const SecretHasher& hasher_;
    const NameRules& names_;
    EventDetailsReader details_;
};

}  // namespace bistime
