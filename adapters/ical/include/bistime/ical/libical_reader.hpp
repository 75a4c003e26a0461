// LibicalReader: the CalendarReader port on libical, which parses RFC 5545,
// resolves TZIDs (the calendar's VTIMEZONEs, else the system's zones) and
// expands recurrences.
#pragma once

#include "bistime/core/ports.hpp"

namespace bistime::ical {

class LibicalReader final : public CalendarReader {
  public:
    Result<std::vector<BusyInterval>> busy_intervals(std::string_view calendar, UnixSeconds from,
                                                     UnixSeconds to) const override;
};

}  // namespace bistime::ical
