#include <catch2/catch.hpp>

#include "server_fixture.hpp"

using namespace bistime::testing;

TEST_CASE_METHOD(ServerFixture,
                 "adding dates answers page 1 in ascending order, skipping present ones",
                 "[http]") {
    auto event = create_event();
    const std::string path = "/api/events/" + event.uuid + "/dates";
    auto first = post(path, R"({"additionalDates": [")" + day_from_today(5) + R"(", ")" +
                                day_from_today(2) + "\"]}");
    REQUIRE(first.status == 201);
    auto again = post(path, R"({"additionalDates": [")" + day_from_today(2) + R"(", ")" +
                                day_from_today(3) + "\"]}");
    REQUIRE(again.status == 201);
    auto json = parse_json(again.body);
    CHECK(as_int(json["count"]) == 3);
    CHECK(json["next"].IsNull());
    CHECK(json["previous"].IsNull());
    const auto& results = json["results"];
    REQUIRE(results.Size() == 3);
    CHECK(as_text(results[0]["date"]) == day_from_today(2));
    CHECK(as_text(results[1]["date"]) == day_from_today(3));
    CHECK(as_text(results[2]["date"]) == day_from_today(5));
    CHECK(as_text(results[0]["event"]) == event.uuid);
    CHECK(results[0]["id"].IsInt64());
}

TEST_CASE_METHOD(ServerFixture, "a date before today is 400, today is allowed", "[http]") {
    auto event = create_event();
    const std::string path = "/api/events/" + event.uuid + "/dates";
    auto past = post(path, R"({"additionalDates": [")" + day_from_today(3) + R"(", ")" +
                               day_from_today(-1) + "\"]}");
    check_error_body(past, 400);
    CHECK(as_int(parse_json(get(path).body)["count"]) == 0);
    CHECK(post(path, R"({"additionalDates": [")" + day_from_today(0) + "\"]}").status == 201);
}

TEST_CASE_METHOD(ServerFixture, "a malformed date is 400 naming it", "[http]") {
    auto event = create_event();
    const std::string path = "/api/events/" + event.uuid + "/dates";
    auto reply = post(path, R"({"additionalDates": ["2026-02-30"]})");
    check_error_body(reply, 400);
    CHECK(as_text(parse_json(reply.body)["detail"]) == "invalid date format: 2026-02-30");
    check_error_body(post(path, R"({"additionalDates": "2027-01-01"})"), 400);
    check_error_body(post(path, R"({"additionalDates": [20270101]})"), 400);
    check_error_body(post(path, R"({})"), 400);
    CHECK(as_int(parse_json(get(path).body)["count"]) == 0);
}

TEST_CASE_METHOD(ServerFixture, "an event takes at most 366 dates", "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 366);
    const std::string path = "/api/events/" + event.uuid + "/dates";
    check_error_body(post(path, R"({"additionalDates": [")" + day_from_today(500) + "\"]}"), 400);
    CHECK(as_int(parse_json(get(path).body)["count"]) == 366);
}

TEST_CASE_METHOD(ServerFixture, "dates are paged 20 at a time with links", "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 45);
    const std::string path = "/api/events/" + event.uuid + "/dates";
    auto first = parse_json(get(path, {{"Host", "bistime.example"}}).body);
    CHECK(as_int(first["count"]) == 45);
    CHECK(first["results"].Size() == 20);
    CHECK(as_text(first["next"]) == ("http://bistime.example" + path + "?page=2"));
    auto third = parse_json(get(path + "?page=3").body);
    CHECK(third["results"].Size() == 5);
    CHECK(as_text(third["results"][0]["date"]) == day_from_today(41));
    CHECK(third["next"].IsNull());
    CHECK(std::string(third["previous"].GetString()).find("?page=2") != std::string::npos);
    check_error_body(get(path + "?page=4"), 404);
    check_error_body(get(path + "?page=0"), 404);
    check_error_body(get(path + "?page=abc"), 404);
    check_error_body(get(path + "?page=99999999999999999999999"), 404);
}

TEST_CASE_METHOD(ServerFixture, "deleting a date needs the admin token and removes its schedules",
                 "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    auto dates = parse_json(get("/api/events/" + event.uuid + "/dates").body);
    const auto first_id = std::to_string(dates["results"][0]["id"].GetInt64());
    REQUIRE(post("/api/events/" + event.uuid + "/schedules",
                 R"({"name": "Ann", "availability": [")" + day_with({1}) + R"(", ")" +
                     day_with({2}) + "\"]}")
                .status == 201);
    check_error_body(del("/api/events/dates/" + first_id), 401);
    check_error_body(del("/api/events/dates/" + first_id, {{"X-Admin-Token", "nope"}}), 403);
    CHECK(del("/api/events/dates/" + first_id, {{"X-Admin-Token", event.token}}).status == 204);
    auto schedules = parse_json(get("/api/events/" + event.uuid + "/schedules").body);
    REQUIRE(schedules.Size() == 1);
    CHECK(as_text(schedules[0]["availability"]) == day_with({2}));
    check_error_body(del("/api/events/dates/" + first_id, {{"X-Admin-Token", event.token}}), 404);
    check_error_body(del("/api/events/dates/not-a-number", {{"X-Admin-Token", event.token}}), 404);
}
