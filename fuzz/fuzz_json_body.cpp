// libFuzzer target: a request's JSON body, read through every typed accessor
// the routes use, on the field names they use.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "json_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto body = bistime::http::detail::JsonBody::parse(text);
    if (!body) {
        return 0;
    }
    for (const char* name : {"title", "name", "availability", "additionalDates", "date",
                             "weekSchedule", "day", "memberId", "securityQuestion", "startTime"}) {
        (void)body->string_field(name);
        (void)body->string_array_field(name);
        (void)body->day_field(name);
        (void)body->days_field(name);
        (void)body->int_field(name);
        (void)body->id_field(name);
        (void)body->is_null(name);
    }
    return 0;
}
