// LibicalWriter: the CalendarWriter port on libical, which builds the
// components and properties, escapes TEXT values and folds content lines at
// 75 octets, so that no iCalendar is written by hand.
#pragma once

#include <chrono>

#include "bistime/core/calendar_export.hpp"

namespace bistime::ical {

class LibicalWriter final : public CalendarWriter {
  public:
    // How long a write waits for libical's lock (shared with LibicalReader)
    // before it answers Error{unavailable}.
    static constexpr std::chrono::milliseconds k_max_lock_wait{2000};

    Result<std::string> meeting(const MeetingEntry& meeting) const override;
    Result<std::string> weekly(const TeamCalendar& calendar) const override;
};

}  // namespace bistime::ical
