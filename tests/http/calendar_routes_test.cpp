// Calendar exports, read back with libical — a parser that is not ours.
#include <libical/ical.h>

#include <memory>

#include <catch2/catch.hpp>

#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

struct Calendar {
    std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> root{nullptr, icalcomponent_free};
    icalcomponent* event() const { return icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT); }
};

Calendar parse_calendar(const std::string& text) {
    Calendar calendar;
    calendar.root.reset(icalparser_parse_string(text.c_str()));
    REQUIRE(calendar.root != nullptr);
    REQUIRE(icalcomponent_isa(calendar.root.get()) == ICAL_VCALENDAR_COMPONENT);
    REQUIRE(icalcomponent_count_errors(calendar.root.get()) == 0);
    return calendar;
}

std::string property_text(icalcomponent* component, icalproperty_kind kind) {
    icalproperty* property = icalcomponent_get_first_property(component, kind);
    REQUIRE(property != nullptr);
    return icalproperty_get_value_as_string(property);
}

}  // namespace

TEST_CASE_METHOD(ServerFixture, "the decision exports as an iCalendar event that libical reads back", "[http][ics]") {
    const std::string description = "Agenda; budget, hiring\nand a long line: " + std::string(40, 'x') + " 김민지의 회의 준비";
    auto created = parse_json(post("/api/events", R"({"title": "Kickoff, Q1; all hands", "timezone": "Asia/Seoul",
        "location": "Room 3, Tower B", "description": )" + json_string(description) + "}")
                                  .body);
    const std::string uuid = as_text(created["uuid"]);
    const std::string token = as_text(created["adminToken"]);
    add_dates(uuid, 1, 5);
    check_error_body(get("/api/events/" + uuid + "/calendar.ics"), 404);
    REQUIRE(http_request(port(), "PUT", "/api/events/" + uuid + "/decision",
                         R"({"date": ")" + day_from_today(5) + R"(", "startTime": "10:00", "endTime": "11:30"})",
                         {{"X-Admin-Token", token}})
                .status == 200);

    auto reply = get("/api/events/" + uuid + "/calendar.ics");
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type").rfind("text/calendar", 0) == 0);
    for (std::size_t start = 0, end; (end = reply.body.find("\r\n", start)) != std::string::npos; start = end + 2) {
        CHECK(end - start <= 75);  // folded content lines
    }
    auto calendar = parse_calendar(reply.body);
    icalcomponent* event = calendar.event();
    REQUIRE(event != nullptr);
    CHECK(std::string(icalcomponent_get_uid(event)) == uuid + "@bistime");
    CHECK(std::string(icalcomponent_get_summary(event)) == "Kickoff, Q1; all hands");
    CHECK(std::string(icalcomponent_get_description(event)) == description);
    CHECK(std::string(icalcomponent_get_location(event)) == "Room 3, Tower B");
    CHECK(property_text(event, ICAL_URL_PROPERTY) == "https://bistime.example/events/" + uuid);

    const icaltimetype start = icalcomponent_get_dtstart(event);
    const icaltimetype end = icalcomponent_get_dtend(event);
    CHECK(icaltime_is_utc(start));
    const auto day = bistime::CalendarDate::parse(day_from_today(5)).value();
    CHECK(start.year == day.year());
    CHECK(start.month == day.month());
    CHECK(start.day == day.day());
    CHECK(start.hour == 1);  // 10:00 in Seoul
    CHECK(end.hour == 2);
    CHECK(end.minute == 30);
    CHECK_FALSE(icaltime_is_null_time(icalcomponent_get_dtstamp(event)));

    // The same export twice is the same calendar: the UID is stable.
    CHECK(get("/api/events/" + uuid + "/calendar.ics").body == reply.body);
}
