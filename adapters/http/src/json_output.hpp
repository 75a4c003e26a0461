// Writing the API's JSON: one function per wire object of the contract.
// Keys are camelCase; timestamps ISO-8601 UTC; dates YYYY-MM-DD.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bistime/core/availability_queries.hpp"
#include "bistime/core/date_service.hpp"
#include "bistime/core/event_service.hpp"
#include "bistime/core/member_service.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/team.hpp"
#include "bistime/http/api_message.hpp"

namespace bistime::http::detail {

// The Event object; with `admin_token`, the creation response.
std::string event_json(const EventDetails& details, const std::string* admin_token = nullptr);
// A Page of EventDate; `page_url` is the list's absolute URL without query.
std::string dates_page_json(const DatesPage& page, const std::string& page_url);
std::string schedule_json(const Schedule& schedule);
std::string schedules_json(const std::vector<Schedule>& schedules);
std::string events_json(const std::vector<EventDetails>& events);
// {"timezone", "slotMinutes", "people", "days": [{"date", "slots": [{"start", "utc", "available",
// "ifNeeded", "states"}]}]}, written a day at a time; a slot's "states" has one
// digit per person of "people" ('0' not available, '1' available, '2' if needed).
std::shared_ptr<const PiecewiseBody> grid_body(EventGrid grid);
// The array of Schedules, written a batch at a time: a big event's answer.
std::shared_ptr<const PiecewiseBody> schedules_body(std::vector<Schedule> schedules);
// Every piece of `body`, joined.
std::string whole_body(const PiecewiseBody& body);
// {"results": [{"date", "start", "end", "utcStart", "utcEnd", "available", "ifNeeded", "missing"}]}
std::string best_times_json(const std::vector<BestTime>& results);
std::string feedback_json(const Feedback& feedback);
// The Team object with its subgroups' names; with `admin_code`, the create
// and reset responses. Never the answer or any hash.
std::string team_json(const Team& team, const std::vector<Subgroup>& subgroups,
                      const std::string* admin_code = nullptr);
std::string subgroup_json(const Subgroup& subgroup);
std::string subgroups_json(const std::vector<Subgroup>& subgroups);
std::string member_json(const Member& member);
std::string members_json(const std::vector<Member>& members);
std::string regular_event_json(const RegularEvent& event);
std::string regular_events_json(const std::vector<RegularEvent>& events);
// {"members": n, "days": {"MON": {"availability", "counts", "names"}, ...}}
std::string team_availability_json(const TeamAvailability& availability);
// {"code": status, "detail": ..., "errors": {...}?}
std::string error_json(int status, const std::string& detail,
                       const std::vector<FieldError>& fields = {});

}  // namespace bistime::http::detail
