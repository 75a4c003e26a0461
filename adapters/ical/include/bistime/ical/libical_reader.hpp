// LibicalReader: the CalendarReader port on libical, which parses RFC 5545,
// resolves TZIDs (the calendar's VTIMEZONEs, else the system's zones) and
// expands recurrences.
//
// Recurrences are expanded here, step by step, rather than by libical's
// foreach, which walks a COUNT rule from its DTSTART whatever the range (a
// SECONDLY rule from 1970 is billions of steps). A rule without COUNT starts
// its walk at the range; one with COUNT whose frequency alone needs more
// steps than the bound to reach the range is refused before any step is
// taken. A rule whose frequency is fine and whose BY parts are coarse (a
// SECONDLY rule with BYMONTH) is refused too: libical would walk a year of
// its periods inside one call. A calendar may take at most
// k_max_recurrence_steps steps over all its rules and k_max_expansion of
// time (or the request's Deadline, if sooner); past either it is refused.
// libical's process-wide state needs one parse at a time, so a lock is held
// for a calendar's parse and expansion — which the bounds keep short — and a
// request that cannot get it within k_max_lock_wait (or its Deadline) is
// refused as unavailable.
#pragma once

#include <chrono>

#include "bistime/core/ports.hpp"

namespace bistime::ical {

class LibicalReader final : public CalendarReader {
  public:
    static constexpr long k_max_recurrence_steps = 50000;
    // The most periods of its frequency a rule may need between two
    // occurrences (SECONDLY with BYHOUR needs 86,400; HOURLY with BYMONTH
    // 8,784, and forever when its BY parts never meet): libical walks them
    // inside one call, where no other bound reaches. HOURLY by weekday (168)
    // passes; finer frequencies filtered by coarse BY parts do not.
    static constexpr long k_max_scan_per_occurrence = 1000;
    static constexpr std::chrono::milliseconds k_max_expansion{250};
    static constexpr std::chrono::milliseconds k_max_lock_wait{2000};

    Result<std::vector<BusyInterval>> busy_intervals(std::string_view calendar, UnixSeconds from,
                                                     UnixSeconds to) const override;
};

}  // namespace bistime::ical
