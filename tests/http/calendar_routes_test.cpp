// Calendar exports, read back with libical — a parser that is not ours.
#include <libical/ical.h>

#include <unistd.h>

#include <ctime>
#include <memory>
#include <vector>

#include <catch2/catch.hpp>

#include "bistime/core/text.hpp"

#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

struct Calendar {
    std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> root{nullptr, icalcomponent_free};
    icalcomponent* event() const {
        return icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT);
    }
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

TEST_CASE_METHOD(ServerFixture,
                 "the decision exports as an iCalendar event that libical reads back",
                 "[http][ics]") {
    const std::string description =
        "Agenda; budget, hiring\nand a long line: " + std::string(40, 'x') + " 김민지의 회의 준비";
    auto created = parse_json(
        post("/api/events", R"({"title": "Kickoff, Q1; all hands", "timezone": "Asia/Seoul",
        "location": "Room 3, Tower B", "description": )" +
                                json_string(description) + "}")
            .body);
    const std::string uuid = as_text(created["uuid"]);
    const std::string token = as_text(created["adminToken"]);
    add_dates(uuid, 1, 5);
    check_error_body(get("/api/events/" + uuid + "/calendar.ics"), 404);
    REQUIRE(http_request(port(), "PUT", "/api/events/" + uuid + "/decision",
                         R"({"date": ")" + day_from_today(5) +
                             R"(", "startTime": "10:00", "endTime": "11:30"})",
                         {{"X-Admin-Token", token}})
                .status == 200);

    auto reply = get("/api/events/" + uuid + "/calendar.ics");
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type").rfind("text/calendar", 0) == 0);
    CHECK(reply.header("content-disposition") ==
          "attachment; filename=\"bistime-" + uuid + ".ics\"");
    for (std::size_t start = 0, end; (end = reply.body.find("\r\n", start)) != std::string::npos;
         start = end + 2) {
        CHECK(end - start <= 75);  // folded content lines, never inside a character
        CHECK(bistime::utf8_length(std::string_view(reply.body).substr(start, end - start)));
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

TEST_CASE_METHOD(ServerFixture, "a calendar imports over HTTP as a person's availability",
                 "[http][import]") {
    auto created =
        parse_json(post("/api/events", R"({"title": "Review", "timezone": "Europe/Berlin"})").body);
    const std::string uuid = as_text(created["uuid"]);
    add_dates(uuid, 1, 1);
    const std::string path = "/api/events/" + uuid + "/schedules/import?name=Ann";
    const std::string today = day_from_today(1);
    const std::string compact = today.substr(0, 4) + today.substr(5, 2) + today.substr(8, 2);
    const std::string calendar =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:a@t\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Berlin:" +
        compact + "T090000\r\nDTEND;TZID=Europe/Berlin:" + compact +
        "T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const HeaderList as_calendar = {{"Content-Type", "text/calendar; charset=utf-8"}};
    check_error_body(post(path, calendar), 415);
    check_error_body(post("/api/events/" + uuid + "/schedules/import", calendar, as_calendar), 400);
    auto imported = post(path, calendar, as_calendar);
    REQUIRE(imported.status == 201);
    const std::string day = as_text(parse_json(imported.body)[0]["availability"]);
    CHECK(day.substr(16, 6) == "110011");  // 09:00-10:00 busy
    auto refused = post(
        path,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        as_calendar);
    check_error_body(refused, 400);
    CHECK(as_text(parse_json(
              get("/api/events/" + uuid + "/schedules?name=Ann").body)[0]["availability"]) == day);
}

TEST_CASE_METHOD(ServerFixture, "a member's week imports from a calendar", "[http][import]") {
    const std::string team_name = "Import club " + std::to_string(::getpid());
    auto team = parse_json(
        post("/api/teams", R"({"name": )" + json_string(team_name) + R"(, "securityAnswer": "x"})")
            .body);
    std::string week = "[";
    for (int day = 0; day < 7; ++day) {
        week += std::string(day ? ", " : "") + "\"" + std::string(48, '1') + "\"";
    }
    week += "]";
    auto created =
        post("/api/teams/members", R"({"team": ")" + as_text(team["uuid"]) +
                                       R"(", "name": "Ann", "weekSchedule": )" + week + "}");
    REQUIRE(created.status == 201);
    const std::string id = std::to_string(as_int(parse_json(created.body)["id"]));
    // Monday 2030-01-14, 09:00-10:00 in Seoul (the server's zone).
    const std::string calendar =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:m@t\r\n"
        "DTSTAMP:20300101T000000Z\r\nDTSTART:20300114T000000Z\r\nDTEND:20300114T010000Z\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n";
    const HeaderList as_calendar = {{"Content-Type", "text/calendar"}};
    auto imported =
        post("/api/teams/members/" + id + "/import?week=2030-01-14", calendar, as_calendar);
    REQUIRE(imported.status == 200);
    auto json = parse_json(imported.body);
    CHECK(as_text(json["weekSchedule"][0]).substr(17, 4) == "1001");
    CHECK(as_text(json["weekSchedule"][1]) == std::string(48, '1'));
    check_error_body(
        post("/api/teams/members/" + id + "/import?week=2030-01-15", calendar, as_calendar), 400);
    check_error_body(post("/api/teams/members/" + id + "/import", calendar, as_calendar), 400);
    check_error_body(
        post("/api/teams/members/999999999/import?week=2030-01-14", calendar, as_calendar), 404);
}

namespace {
void collect_starts(icalcomponent*, struct icaltime_span* span, void* data) {
    static_cast<std::vector<time_t>*>(data)->push_back(span->start);
}
}  // namespace

TEST_CASE_METHOD(ServerFixture, "a team's regular events export as weekly recurrences in its zone",
                 "[http][ics]") {
    const std::string team_name = "Calendar club " + std::to_string(::getpid());
    auto created =
        post("/api/teams", R"({"name": )" + json_string(team_name) +
                               R"(, "securityAnswer": "x", "timezone": "Europe/Berlin"})");
    REQUIRE(created.status == 201);
    auto team = parse_json(created.body);
    CHECK(as_text(team["timezone"]) == "Europe/Berlin");
    const std::string uuid = as_text(team["uuid"]);
    const HeaderList code = {{"X-Admin-Code", as_text(team["adminCode"])}};
    REQUIRE(
        post(
            "/api/teams/" + uuid + "/regular-events",
            R"({"title": "Standup, daily", "description": "Ten minutes", "day": 0, "startTime": "10:00", "endTime": "10:30"})",
            code)
            .status == 201);
    REQUIRE(post("/api/teams/" + uuid + "/regular-events",
                 R"({"title": "Retro", "day": 4, "startTime": "16:00", "endTime": "17:00"})", code)
                .status == 201);
    check_error_body(
        post("/api/teams",
             R"({"name": "Zone club", "securityAnswer": "x", "timezone": "Moon/Base"})"),
        400);

    auto reply = get("/api/teams/" + uuid + "/calendar.ics");
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type").rfind("text/calendar", 0) == 0);
    CHECK(reply.header("content-disposition") ==
          "attachment; filename=\"bistime-" + uuid + ".ics\"");
    auto calendar = parse_calendar(reply.body);
    REQUIRE(icalcomponent_get_first_component(calendar.root.get(), ICAL_VTIMEZONE_COMPONENT) !=
            nullptr);
    REQUIRE(icalcomponent_count_components(calendar.root.get(), ICAL_VEVENT_COMPONENT) == 2);
    icalcomponent* standup = calendar.event();
    CHECK(std::string(icalcomponent_get_summary(standup)) == "Standup, daily");
    CHECK(property_text(standup, ICAL_RRULE_PROPERTY) == "FREQ=WEEKLY;BYDAY=MO");

    // Expanded by libical with the VTIMEZONE we wrote: 10:00 in Berlin is
    // 09:00 UTC in winter and 08:00 UTC in summer, every week.
    std::vector<time_t> starts;
    const icaltimetype from =
        icaltime_from_timet_with_zone(std::time(nullptr), 0, icaltimezone_get_utc_timezone());
    const icaltimetype to = icaltime_from_timet_with_zone(std::time(nullptr) + 400 * 86400, 0,
                                                          icaltimezone_get_utc_timezone());
    icalcomponent_foreach_recurrence(standup, from, to, collect_starts, &starts);
    REQUIRE(starts.size() > 50);
    int winter = 0;
    int summer = 0;
    for (time_t start : starts) {
        const auto utc_hour = (start % 86400) / 3600;
        const auto minute = (start % 3600) / 60;
        CHECK(minute == 0);
        CHECK(((start / 86400) + 3) % 7 == 0);  // a Monday (1970-01-01 was a Thursday)
        if (utc_hour == 9) {
            ++winter;
        } else if (utc_hour == 8) {
            ++summer;
        } else {
            FAIL("an occurrence at " << utc_hour << ":00 UTC");
        }
    }
    CHECK(winter > 10);
    CHECK(summer > 10);
    check_error_body(get("/api/teams/Tnobody/calendar.ics"), 404);
}

// Issue 26: a decision never outlives its day, nor silently its hours.
TEST_CASE_METHOD(ServerFixture,
                 "deleting the decided date clears the decision and its calendar export; hours "
                 "that would leave it outside answer 409",
                 "[http][ics][compose]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    const std::string path = "/api/events/" + event.uuid;
    const HeaderList admin = {{"X-Admin-Token", event.token}};
    auto dates = parse_json(get(path + "/dates").body);
    const std::string day = as_text(dates["results"][1]["date"]);
    const std::string date_id = std::to_string(dates["results"][1]["id"].GetInt64());
    REQUIRE(http_request(port(), "PUT", path + "/decision",
                         R"({"date": ")" + day + R"(", "startTime": "10:00", "endTime": "11:00"})",
                         admin)
                .status == 200);
    REQUIRE(get(path + "/calendar.ics").status == 200);

    auto refused = patch(path, R"({"endTime": "10:30"})", admin);
    check_error_body(refused, 409);
    CHECK(refused.body.find("decision") != std::string::npos);
    CHECK(as_text(parse_json(get(path).body)["endTime"]) == "18:00");

    REQUIRE(del("/api/events/dates/" + date_id, admin).status == 204);
    auto stored = parse_json(get(path).body);
    CHECK((!stored.HasMember("decision") || stored["decision"].IsNull()));
    auto exported = get(path + "/calendar.ics");
    check_error_body(exported, 404);
    CHECK(exported.body.find("BEGIN:VEVENT") == std::string::npos);
}
