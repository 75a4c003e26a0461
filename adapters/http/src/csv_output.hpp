// Writing an event's schedules as CSV (RFC 4180): one row per person, day and
// run of consecutive slots in the same state.
#pragma once

#include <string>
#include <vector>

#include "bistime/core/event.hpp"

namespace bistime::http::detail {

// "name,date,start,end,state" then the rows, CRLF line ends; state is
// available, if-needed or unavailable; times are the event's wall clock, on
// the grid each day's slot count implies.
std::string schedules_csv(const std::vector<Schedule>& schedules);

}  // namespace bistime::http::detail
