// RegularEventService: a team's regular weekly events — list and read them,
// with the admin code create, change and delete them — and the team's
// calendar of them, for subscribing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/calendar_export.hpp"
#include "bistime/core/names.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/team_access.hpp"
#include "bistime/core/team_ports.hpp"

namespace bistime {

inline constexpr std::size_t k_max_regular_event_title_length = 100;
inline constexpr std::size_t k_max_description_length = 200;

struct RegularEventInput {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::int64_t> day;  // 0 = Monday … 6 = Sunday
    std::optional<std::string> start_time;
    std::optional<std::string> end_time;
};

struct RegularEventServicePorts {
    TeamAccess& access;
    RegularEventRepository& regular_events;
    const Clock& clock;
    RandomSource& random;
    const TimeZones& zones;
    const CalendarWriter& writer;
    const NameRules& names;
    std::string default_zone;  // the zone of teams that name none
};

class RegularEventService {
  public:
    explicit RegularEventService(const RegularEventServicePorts& ports);

    // By day, then start. Errors: not_found (team).
    Result<std::vector<RegularEvent>> list_regular_events(std::string_view team_uuid);
    // Errors: not_found, unauthorized, forbidden, too_many_attempts, invalid
    // (title and day required; fields out of range).
    Result<RegularEvent> create_regular_event(std::string_view team_uuid,
                                              std::optional<std::string_view> code,
                                              const RegularEventInput& input);
    // Errors: not_found.
    Result<RegularEvent> get_regular_event(std::string_view uuid);
    // Absent fields keep their value. Errors: as create_regular_event.
    Result<RegularEvent> update_regular_event(std::string_view uuid,
                                              std::optional<std::string_view> code,
                                              const RegularEventInput& patch);
    Result<void> delete_regular_event(std::string_view uuid, std::optional<std::string_view> code);
    // The team's regular events as an iCalendar of weekly recurrences, each
    // from its first occurrence (in the week it was created), in the team's
    // zone, with ten years of the zone's offset changes. Errors: not_found.
    Result<std::string> team_calendar(std::string_view team_uuid);

  private:
    // The regular event, when `code` is its team's admin code.
    Result<RegularEvent> find_as_admin(std::string_view uuid, std::optional<std::string_view> code);

    TeamAccess& access_;
    RegularEventRepository& regular_events_;
    const Clock& clock_;
    RandomSource& random_;
    const TimeZones& zones_;
    const CalendarWriter& writer_;
    const NameRules& names_;
    std::string default_zone_;
};

}  // namespace bistime
