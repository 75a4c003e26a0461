// ScheduleService: the use cases of people's availability on an event —
// read schedules, replace a person's schedule on every date, change one day,
// remove a person.
//
// Names are trimmed and must be 1–50 characters; a name is unique per event
// and date, which the storage enforces even under concurrent writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/event.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/team.hpp"

namespace bistime {

inline constexpr std::size_t k_max_name_length = 50;

class ScheduleService {
public:
    ScheduleService(EventRepository& events, EventDateRepository& dates, ScheduleRepository& schedules,
                    const Clock& clock);

    // By date, then name. Errors: not_found (event).
    Result<std::vector<Schedule>> list_schedules(std::string_view uuid,
                                                 std::optional<std::string_view> name);
    // `availability` holds one 48-character string per event date, in
    // ascending date order. Errors: not_found (event; "event has no associated
    // dates to add schedule to"), invalid (name, count, strings).
    Result<std::vector<Schedule>> put_schedules(std::string_view uuid, std::string_view name,
                                                const std::vector<std::string>& availability);
    // Sets one day. Errors: not_found (event; date not of this event), invalid.
    Result<ScheduleRepository::Upserted> patch_schedule(std::string_view uuid, std::string_view name,
                                                        RowId date_id, std::string_view availability);
    // Errors: not_found (event; no schedule has that name).
    Result<void> delete_person(std::string_view uuid, std::string_view name);
    // Enter availability once, reuse it everywhere: sets the member's
    // schedule (under their name) on every date of an event of their team
    // from their weekly grid, by each date's weekday. Errors: not_found
    // (event, event without dates), invalid (the member is of another team).
    Result<std::vector<Schedule>> fill_from_member(std::string_view uuid, const Member& member);

private:
    EventRepository& events_;
    EventDateRepository& dates_;
    ScheduleRepository& schedules_;
    const Clock& clock_;
};

// Trims a person's name and checks its length. Errors: invalid (field "name").
Result<std::string> normalize_person_name(std::string_view name);

}  // namespace bistime
