// TzDatabase: the TimeZones port on Howard Hinnant's date/tz, reading the
// system's IANA database (/usr/share/zoneinfo, kept current by tzdata).
#pragma once

#include "bistime/core/ports.hpp"

namespace bistime::platform {

class TzDatabase final : public TimeZones {
  public:
    bool is_known(std::string_view zone) const override;
    std::optional<UnixSeconds> to_instant(std::string_view zone, CalendarDate date,
                                          int minutes) const override;
    LocalMoment to_local(std::string_view zone, UnixSeconds instant) const override;
    int offset_at(std::string_view zone, UnixSeconds instant) const override;
    std::string name_at(std::string_view zone, UnixSeconds instant) const override;
    std::vector<Transition> transitions(std::string_view zone, UnixSeconds from,
                                        UnixSeconds to) const override;
};

}  // namespace bistime::platform
