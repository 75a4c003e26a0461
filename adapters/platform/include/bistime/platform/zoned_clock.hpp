// ZonedClock: the Clock port on the system clock, with "today" taken in an
// IANA time zone read from the system's tz database (Howard Hinnant's date/tz).
#pragma once

#include <memory>
#include <string_view>

#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"

namespace bistime::platform {

class ZonedClock final : public Clock {
  public:
    // Errors: invalid ("unknown time zone: X").
    static Result<std::unique_ptr<ZonedClock>> create(std::string_view zone_name);
    ~ZonedClock() override;

    UnixSeconds now() const override;
    CalendarDate today() const override;

  private:
    struct Zone;  // keeps date/tz out of this header
    explicit ZonedClock(std::unique_ptr<Zone> zone);
    std::unique_ptr<Zone> zone_;
};

}  // namespace bistime::platform
