// What the fault tests share: where bistime-server is, and the few API calls
// they make to set up an event and read back what was stored.
#pragma once

#include <chrono>
#include <cstdint>
#include <set>
#include <string>

#include <rapidjson/document.h>

#include "../http/http_client.hpp"
#include "../support/server_process.hpp"

namespace bistime::testing {

inline std::string server_path() {
    return BISTIME_SERVER_PATH;
}

// `days` from today (UTC) as YYYY-MM-DD.
inline std::string date_from_today(int days) {
    using namespace std::chrono;
    const year_month_day day{floor<std::chrono::days>(system_clock::now()) +
                             std::chrono::days(days)};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return text;
}

// Creates an event with `dates` dates from two days ahead; its uuid, or "" on failure.
inline std::string create_event_with_dates(std::uint16_t port, int dates) {
    auto created = http_request(port, "POST", "/api/events", R"({"title":"Fault test"})");
    rapidjson::Document event;
    event.Parse(created.body.c_str());
    if (created.status != 201 || !event.IsObject() || !event.HasMember("uuid")) {
        return "";
    }
    const std::string uuid = event["uuid"].GetString();
    std::string list;
    for (int i = 0; i < dates; ++i) {
        list += (i ? ",\"" : "\"") + date_from_today(2 + i) + "\"";
    }
    auto added = http_request(port, "POST", "/api/events/" + uuid + "/dates",
                              "{\"additionalDates\":[" + list + "]}");
    return added.status == 201 ? uuid : "";
}

// The event's participants as the API lists them; empty when it cannot be read.
inline std::set<std::string> participant_names(std::uint16_t port, const std::string& uuid) {
    auto reply = http_request(port, "GET", "/api/events/" + uuid);
    rapidjson::Document event;
    event.Parse(reply.body.c_str());
    std::set<std::string> names;
    if (reply.status != 200 || !event.IsObject() || !event["participants"].IsArray()) {
        return names;
    }
    for (const auto& name : event["participants"].GetArray()) {
        names.insert(name.GetString());
    }
    return names;
}

}  // namespace bistime::testing
