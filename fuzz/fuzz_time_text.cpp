// libFuzzer target: dates, times, timestamps, day strings and time-zone names
// as clients write them, and conversions in whatever zone the input names.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bistime/core/calendar_date.hpp"
#include "bistime/core/day_availability.hpp"
#include "bistime/core/time_of_day.hpp"
#include "bistime/core/timestamp.hpp"
#include "bistime/platform/tz_database.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bistime;
    static const platform::TzDatabase zones;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)CalendarDate::parse(text);
    (void)TimeOfDay::parse(text);
    (void)parse_timestamp(text);
    for (const int slots : {24, 48, 96}) {
        (void)DayAvailability::parse(text, slots, Answers::with_if_needed);
    }
    if (zones.is_known(text)) {
        const auto date = CalendarDate::from_days_since_epoch(static_cast<std::int64_t>(size) * 97);
        if (auto instant = zones.to_instant(text, date, static_cast<int>(size % 1440))) {
            (void)zones.to_local(text, *instant);
            (void)zones.name_at(text, *instant);
        }
    }
    return 0;
}
