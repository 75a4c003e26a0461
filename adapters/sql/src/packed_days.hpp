// A person's days as the answers table keeps them, in one row per person in
// an event (migration 15): for each of the person's dates, the date's id,
// when that day was last written and its availability, as text
//
//   <date id>,<updated at>,<availability>;<date id>,<updated at>,<availability>;…
//
// which both databases can build with GROUP_CONCAT from older rows. Entries
// are in no particular order; a date appears at most once. An entry may name
// a date deleted since (its schedules row went with it): readers take only
// the days whose schedules row is still there.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/day_availability.hpp"
#include "bistime/core/event.hpp"

namespace bistime::sql::detail {

struct PackedDay {
    long long date_id = 0;
    UnixSeconds updated_at = 0;
    DayAvailability availability;
};

std::string pack_days(std::span<const PackedDay> days);

// The days of `text`, sorted by date id, for find_packed_day. Throws
// soci::soci_error on text this code did not write, as a corrupt row would be.
std::vector<PackedDay> unpack_days(std::string_view text);

// The day of `date_id` in days sorted by date id; nullptr when absent.
const PackedDay* find_packed_day(const std::vector<PackedDay>& days, long long date_id);

}  // namespace bistime::sql::detail
