// Writing an event's schedules as CSV (RFC 4180): one row per person, day and
// run of consecutive slots in the same state.
#pragma once

#include <memory>

#include "bistime/core/schedule_service.hpp"
#include "bistime/http/api_message.hpp"

namespace bistime::http::detail {

// A UTF-8 byte-order mark (EF BB BF, for Excel), then
// "name,date,start,end,state" and the rows, CRLF line ends; state is
// available, if-needed or unavailable; times are the event's wall clock, on
// the grid each day's slot count implies, within the event's daily window.
// Written a batch of schedules at a time: a big event's CSV is large.
std::shared_ptr<const PiecewiseBody> schedules_csv(ScheduleExport answers);

}  // namespace bistime::http::detail
