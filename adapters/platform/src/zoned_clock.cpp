#include "bistime/platform/zoned_clock.hpp"

#include <date/tz.h>

#include <chrono>
#include <string>

namespace bistime::platform {

struct ZonedClock::Zone {
    const date::time_zone* zone;  // owned by the tz database, which lives as long as the process
};

ZonedClock::ZonedClock(std::unique_ptr<Zone> zone) : zone_(std::move(zone)) {}
ZonedClock::~ZonedClock() = default;

Result<std::unique_ptr<ZonedClock>> ZonedClock::create(std::string_view zone_name) {
    try {
        const date::time_zone* zone = date::locate_zone(std::string(zone_name));
        return std::unique_ptr<ZonedClock>(new ZonedClock(std::make_unique<Zone>(Zone{zone})));
    } catch (const std::exception&) {
        return Error::invalid_field("timezone", "unknown time zone: " + std::string(zone_name));
    }
}

UnixSeconds ZonedClock::now() const {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

CalendarDate ZonedClock::today() const {
    const auto local = zone_->zone->to_local(std::chrono::system_clock::now());
    const auto days = std::chrono::floor<date::days>(local).time_since_epoch().count();
    return CalendarDate::from_days_since_epoch(days);
}

}  // namespace bistime::platform
