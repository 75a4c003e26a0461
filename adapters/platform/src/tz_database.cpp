#include "bistime/platform/tz_database.hpp"

#include <date/tz.h>

#include <chrono>
#include <string>

namespace bistime::platform {
namespace {

const date::time_zone* find_zone(std::string_view name) {
    try {
        return date::locate_zone(std::string(name));
    } catch (const std::exception&) {
        return nullptr;
    }
}

}  // namespace

bool TzDatabase::is_known(std::string_view zone) const {
    return !zone.empty() && find_zone(zone) != nullptr;
}

std::optional<UnixSeconds> TzDatabase::to_instant(std::string_view zone_name, CalendarDate date,
                                                  int minutes) const {
    const date::time_zone* zone = find_zone(zone_name);
    if (zone == nullptr) {
        return std::nullopt;
    }
    const date::local_seconds local{
        std::chrono::seconds(date.days_since_epoch() * 86400 + minutes * 60)};
    const date::local_info info = zone->get_info(local);
    if (info.result == date::local_info::nonexistent) {
        return std::nullopt;
    }
    // Unique, or ambiguous: `first` is the offset in force before the
    // change, which gives the earlier of the two instants.
    return (local.time_since_epoch() - info.first.offset).count();
}

LocalMoment TzDatabase::to_local(std::string_view zone_name, UnixSeconds instant) const {
    const date::time_zone* zone = find_zone(zone_name);
    const date::sys_seconds moment{std::chrono::seconds(instant)};
    const auto local =
        zone != nullptr ? zone->to_local(moment) : date::local_seconds{moment.time_since_epoch()};
    const auto days = std::chrono::floor<date::days>(local);
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - days).count();
    return {CalendarDate::from_days_since_epoch(days.time_since_epoch().count()),
            static_cast<int>(minutes)};
}

int TzDatabase::offset_at(std::string_view zone_name, UnixSeconds instant) const {
    const date::time_zone* zone = find_zone(zone_name);
    if (zone == nullptr) {
        return 0;
    }
    return static_cast<int>(
        zone->get_info(date::sys_seconds{std::chrono::seconds(instant)}).offset.count());
}

std::string TzDatabase::name_at(std::string_view zone_name, UnixSeconds instant) const {
    const date::time_zone* zone = find_zone(zone_name);
    if (zone == nullptr) {
        return "UTC";
    }
    return zone->get_info(date::sys_seconds{std::chrono::seconds(instant)}).abbrev;
}

std::vector<TimeZones::Transition> TzDatabase::transitions(std::string_view zone_name,
                                                           UnixSeconds from, UnixSeconds to) const {
    std::vector<Transition> found;
    const date::time_zone* zone = find_zone(zone_name);
    if (zone == nullptr) {
        return found;
    }
    auto info = zone->get_info(date::sys_seconds{std::chrono::seconds(from)});
    while (info.end.time_since_epoch().count() < to) {
        const auto next = zone->get_info(info.end);
        if (next.offset != info.offset) {
            found.push_back(
                {info.end.time_since_epoch().count(), static_cast<int>(info.offset.count()),
                 static_cast<int>(next.offset.count()), next.abbrev, next.save.count() != 0});
        }
        info = next;
    }
    return found;
}

}  // namespace bistime::platform
