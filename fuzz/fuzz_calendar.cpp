// libFuzzer target: an uploaded iCalendar file, parsed and expanded over a
// fortnight — the bounds on recurrence expansion must hold for any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bistime/ical/libical_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bistime::ical::LibicalReader reader;
    constexpr bistime::UnixSeconds k_from = 1798761600;  // 2027-01-01
    (void)reader.busy_intervals(std::string_view(reinterpret_cast<const char*>(data), size), k_from,
                                k_from + 14 * 86400);
    return 0;
}
