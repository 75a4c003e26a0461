#include <set>

#include <catch2/catch.hpp>

#include "bistime/core/handles.hpp"
#include "server_fixture.hpp"

using namespace bistime::testing;

TEST_CASE_METHOD(ServerFixture, "the health check answers 200 with an empty body", "[http]") {
    auto reply = get("/health-check");
    CHECK(reply.status == 200);
    CHECK(reply.body.empty());
}

TEST_CASE_METHOD(ServerFixture, "creating an event answers 201 with the event and its admin token",
                 "[http]") {
    auto reply =
        post("/api/events", R"({"title": "Study group", "startTime": "09:00", "endTime": "18:00",
                                        "isDirty": true})");
    REQUIRE(reply.status == 201);
    auto json = parse_json(reply.body);
    const std::string uuid = json["uuid"].GetString();
    CHECK(uuid.size() == 22);
    CHECK(uuid.find_first_not_of(bistime::k_handle_alphabet) == std::string::npos);
    CHECK(json["id"].IsInt64());
    CHECK(as_text(json["title"]) == "Study group");
    CHECK(as_text(json["startTime"]) == "09:00");
    CHECK(as_text(json["endTime"]) == "18:00");
    CHECK(json["associatedTeam"].IsNull());
    CHECK(json["availability"].IsNull());
    CHECK(json["availabilityCounts"].IsNull());
    CHECK(json["participants"].IsArray());
    CHECK(std::string(json["createdAt"].GetString()).size() == 20);
    CHECK(std::string(json["createdAt"].GetString()).back() == 'Z');
    CHECK(std::string(json["adminToken"].GetString()).size() >= 22);
}

TEST_CASE_METHOD(ServerFixture, "the admin token is shown only when the event is created",
                 "[http]") {
    auto event = create_event();
    auto reply = get("/api/events/" + event.uuid);
    REQUIRE(reply.status == 200);
    CHECK(reply.body.find("adminToken") == std::string::npos);
    CHECK(reply.body.find(event.token) == std::string::npos);
}

TEST_CASE_METHOD(ServerFixture, "an event's window defaults to 00:00-24:00", "[http]") {
    auto reply = post("/api/events", R"({"title": "All day"})");
    REQUIRE(reply.status == 201);
    auto json = parse_json(reply.body);
    CHECK(as_text(json["startTime"]) == "00:00");
    CHECK(as_text(json["endTime"]) == "24:00");
}

TEST_CASE_METHOD(ServerFixture, "an event needs a title of 1 to 100 characters", "[http]") {
    auto missing = post("/api/events", R"({"startTime": "09:00"})");
    check_error_body(missing, 400);
    CHECK(parse_json(missing.body)["errors"].HasMember("title"));
    check_error_body(post("/api/events", R"({"title": "   "})"), 400);
    check_error_body(post("/api/events", R"({"title": ")" + std::string(101, 'x') + "\"}"), 400);
    check_error_body(post("/api/events", R"({"title": 42})"), 400);
    check_error_body(post("/api/events", R"({"title": ["a"]})"), 400);
}

TEST_CASE_METHOD(ServerFixture, "event times must be on the half hour with start before end",
                 "[http]") {
    for (const char* body :
         {R"({"title": "x", "startTime": "09:15"})",
          R"({"title": "x", "startTime": "18:00", "endTime": "09:00"})",
          R"({"title": "x", "startTime": "09:30", "endTime": "09:00"})",
          R"({"title": "x", "startTime": "10:00", "endTime": "10:00"})",
          R"({"title": "x", "startTime": "24:00"})", R"({"title": "x", "endTime": "24:30"})",
          R"({"title": "x", "startTime": "9am"})", R"({"title": "x", "startTime": 9})"}) {
        INFO(body);
        check_error_body(post("/api/events", body), 400);
    }
}

TEST_CASE_METHOD(ServerFixture, "an event for an unknown team is 404", "[http]") {
    check_error_body(
        post("/api/events", R"({"title": "x", "associatedTeam": "TaaaaaaaaaaaaaaaaaaaaaZ"})"), 404);
}

TEST_CASE_METHOD(ServerFixture, "events cannot be listed", "[http]") {
    auto reply = get("/api/events");
    check_error_body(reply, 405);
    CHECK(reply.header("allow").find("POST") != std::string::npos);
}

TEST_CASE_METHOD(ServerFixture, "an unknown event is 404", "[http]") {
    check_error_body(get("/api/events/89PKcffHuwBA9uCnGWraNZ"), 404);
}

TEST_CASE_METHOD(ServerFixture,
                 "patching an event needs its admin token and changes nothing without it",
                 "[http]") {
    auto event = create_event();
    const std::string path = "/api/events/" + event.uuid;
    check_error_body(patch(path, R"({"title": "Hijacked"})"), 401);
    check_error_body(patch(path, R"({"title": "Hijacked"})", {{"X-Admin-Token", "wrong"}}), 403);
    check_error_body(patch(path, R"({"title": "Hijacked"})", {{"Authorization", "Bearer wrong"}}),
                     403);
    CHECK(as_text(parse_json(get(path).body)["title"]) == "Study group");

    auto renamed = patch(path, R"({"title": "Renamed", "endTime": "20:00"})",
                         {{"X-Admin-Token", event.token}});
    REQUIRE(renamed.status == 200);
    CHECK(as_text(parse_json(renamed.body)["title"]) == "Renamed");
    auto bearer =
        patch(path, R"({"startTime": "08:00"})", {{"Authorization", "Bearer " + event.token}});
    REQUIRE(bearer.status == 200);
    auto stored = parse_json(get(path).body);
    CHECK(as_text(stored["title"]) == "Renamed");
    CHECK(as_text(stored["startTime"]) == "08:00");
    CHECK(as_text(stored["endTime"]) == "20:00");
}

TEST_CASE_METHOD(ServerFixture, "an invalid patch is 400 and changes nothing", "[http]") {
    auto event = create_event();
    const std::string path = "/api/events/" + event.uuid;
    const HeaderList admin = {{"X-Admin-Token", event.token}};
    check_error_body(patch(path, R"({"title": "New", "startTime": "19:00"})", admin), 400);
    check_error_body(patch(path, R"({"title": ""})", admin), 400);
    check_error_body(patch(path, R"({"endTime": false})", admin), 400);
    auto stored = parse_json(get(path).body);
    CHECK(as_text(stored["title"]) == "Study group");
    CHECK(as_text(stored["startTime"]) == "09:00");
}

TEST_CASE_METHOD(ServerFixture, "deleting an event needs its token and removes it", "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    const std::string path = "/api/events/" + event.uuid;
    check_error_body(del(path), 401);
    check_error_body(del(path, {{"X-Admin-Token", "nope"}}), 403);
    REQUIRE(get(path).status == 200);
    auto deleted = del(path, {{"X-Admin-Token", event.token}});
    CHECK(deleted.status == 204);
    CHECK(deleted.body.empty());
    check_error_body(get(path), 404);
    check_error_body(get(path + "/dates"), 404);
}

TEST_CASE_METHOD(ServerFixture, "an organiser's token can be checked without changing the event",
                 "[http]") {
    auto event = create_event();
    const std::string path = "/api/events/" + event.uuid + "/admin/verify";
    const auto before = get("/api/events/" + event.uuid).body;
    CHECK(post(path, "", {{"X-Admin-Token", event.token}}).status == 204);
    CHECK(post(path, R"({"adminToken": ")" + event.token + R"("})").status == 204);
    check_error_body(post(path, ""), 401);
    check_error_body(post(path, "", {{"X-Admin-Token", "nope"}}), 403);
    check_error_body(post("/api/events/nothing-here/admin/verify", "", {{"X-Admin-Token", "x"}}),
                     404);
    CHECK(get("/api/events/" + event.uuid).body == before);
}

TEST_CASE_METHOD(ServerFixture,
                 "wrong tokens checked as links never lock the organiser out of the event",
                 "[http]") {
    auto event = create_event();
    const std::string path = "/api/events/" + event.uuid + "/admin/verify";
    for (int i = 0; i < 25; ++i) {
        REQUIRE(post(path, "", {{"X-Admin-Token", "crafted-" + std::to_string(i)}}).status == 403);
    }
    CHECK(post(path, "", {{"X-Admin-Token", event.token}}).status == 204);
    CHECK(http_request(port(), "PUT", "/api/events/" + event.uuid + "/lock", "",
                       {{"X-Admin-Token", event.token}})
              .status == 200);
}

TEST_CASE_METHOD(ServerFixture, "feedback is stored and answered with 201", "[http]") {
    auto reply = post("/api/feedbacks", R"({"content": "Loving it"})");
    REQUIRE(reply.status == 201);
    auto json = parse_json(reply.body);
    CHECK(as_text(json["content"]) == "Loving it");
    CHECK(json["id"].GetInt64() > 0);
    CHECK(json.HasMember("createdAt"));
    check_error_body(post("/api/feedbacks", R"({"content": ""})"), 400);
    check_error_body(post("/api/feedbacks", R"({})"), 400);
    check_error_body(post("/api/feedbacks", R"({"content": ")" + std::string(501, 'a') + "\"}"),
                     400);
}

TEST_CASE_METHOD(ServerFixture, "an event's description and location show only when set",
                 "[http]") {
    auto plain = post("/api/events", R"({"title": "Plain"})");
    REQUIRE(plain.status == 201);
    CHECK(plain.body.find("description") == std::string::npos);
    CHECK(plain.body.find("location") == std::string::npos);
    auto detailed =
        post("/api/events",
             R"({"title": "Offsite", "description": "Plan the year", "location": "Room 3"})");
    REQUIRE(detailed.status == 201);
    auto json = parse_json(detailed.body);
    CHECK(as_text(json["description"]) == "Plan the year");
    CHECK(as_text(json["location"]) == "Room 3");
    const std::string path = "/api/events/" + as_text(json["uuid"]);
    const std::string token = as_text(json["adminToken"]);
    check_error_body(patch(path, R"({"location": "Room 4"})"), 401);
    check_error_body(patch(path, R"({"location": ")" + std::string(201, 'l') + "\"}",
                           {{"X-Admin-Token", token}}),
                     400);
    check_error_body(post("/api/events", R"({"title": "x", "description": 5})"), 400);
    auto changed =
        patch(path, R"({"location": "Room 4", "description": ""})", {{"X-Admin-Token", token}});
    REQUIRE(changed.status == 200);
    auto stored = parse_json(get(path).body);
    CHECK(as_text(stored["location"]) == "Room 4");
    CHECK_FALSE(stored.HasMember("description"));
}

TEST_CASE_METHOD(ServerFixture, "the grid route shows an event's slots as instants from any zone",
                 "[http][tz]") {
    auto created = post(
        "/api/events",
        R"({"title": "Call", "timezone": "Asia/Seoul", "startTime": "09:00", "endTime": "18:00"})");
    REQUIRE(created.status == 201);
    auto json = parse_json(created.body);
    CHECK(as_text(json["timezone"]) == "Asia/Seoul");
    const std::string uuid = as_text(json["uuid"]);
    add_dates(uuid, 1, 3);
    auto reply = get("/api/events/" + uuid + "/grid?tz=America/New_York");
    REQUIRE(reply.status == 200);
    auto grid = parse_json(reply.body);
    CHECK(as_text(grid["timezone"]) == "America/New_York");
    CHECK(as_int(grid["slotMinutes"]) == 30);
    REQUIRE(grid["days"].Size() == 2);
    const auto& first = grid["days"][0]["slots"][0];
    CHECK(as_text(first["utc"]).substr(11) == "00:00:00Z");
    CHECK(as_int(first["available"]) == 0);
    CHECK(grid["people"].Size() == 0);
    CHECK(as_text(first["packedStates"]).empty());
    auto own = parse_json(get("/api/events/" + uuid + "/grid").body);
    CHECK(as_text(own["timezone"]) == "Asia/Seoul");
    CHECK(as_text(own["days"][0]["slots"][0]["start"]) == "09:00");
    check_error_body(get("/api/events/" + uuid + "/grid?tz=Not/AZone"), 400);
    check_error_body(post("/api/events", R"({"title": "x", "timezone": "Not/AZone"})"), 400);
    check_error_body(get("/api/events/89PKcffHuwBA9uCnGWraNZ/grid"), 404);
}

namespace {

// A slot's packedStates read back one digit per person, as a schedule's
// availability writes them: written apart from the server's packing, for
// the test to check it. Three people to a base64url character, person
// 3k + j in bits 2j and 2j + 1.
std::string unpacked_states(const std::string& packed, std::size_t people) {
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string digits;
    for (std::size_t person = 0; person < people; ++person) {
        const auto value = alphabet.find(packed.at(person / 3));
        REQUIRE(value != std::string::npos);
        const auto state = (value >> (2 * (person % 3))) & 3;
        REQUIRE(state < 3);
        digits += static_cast<char>('0' + state);
    }
    return digits;
}

}  // namespace

TEST_CASE_METHOD(ServerFixture,
                 "the grid names each person once and packs their answers in a slot three to "
                 "a character",
                 "[http][tz]") {
    auto event = create_event();
    add_dates(event.uuid, 1);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    std::string ann = day_with({18});
    ann[19] = '2';
    REQUIRE(post(path, schedule_body("Bo", {day_with({18})})).status == 201);
    REQUIRE(post(path, schedule_body("Ann", {ann})).status == 201);
    REQUIRE(post(path, schedule_body("Cy", {day_with({})})).status == 201);
    std::string dee = day_with({18});
    dee[20] = '2';
    REQUIRE(post(path, schedule_body("Dee", {dee})).status == 201);
    auto grid = parse_json(get("/api/events/" + event.uuid + "/grid").body);
    REQUIRE(grid["people"].Size() == 4);
    CHECK(as_text(grid["people"][0]) == "Ann");
    CHECK(as_text(grid["people"][1]) == "Bo");
    CHECK(as_text(grid["people"][2]) == "Cy");
    CHECK(as_text(grid["people"][3]) == "Dee");
    const auto& slots = grid["days"][0]["slots"];
    REQUIRE(slots.Size() == 18);  // 09:00–18:00
    auto states = [&](rapidjson::SizeType slot) {
        const std::string packed = as_text(slots[slot]["packedStates"]);
        CHECK(packed.size() == 2);  // four people: two characters
        return unpacked_states(packed, 4);
    };
    CHECK(as_text(slots[0]["start"]) == "09:00");
    CHECK(states(0) == "1101");
    CHECK(as_int(slots[0]["available"]) == 3);
    CHECK(states(1) == "2000");
    CHECK(as_int(slots[1]["available"]) == 0);
    CHECK(as_int(slots[1]["ifNeeded"]) == 1);
    CHECK(states(2) == "0002");
    CHECK(states(3) == "0000");
    CHECK(as_text(slots[3]["packedStates"]) == "AA");
}

TEST_CASE_METHOD(ServerFixture,
                 "a large answer kept in memory arrives whole with its length, every day and "
                 "every schedule in it",
                 "[http][large]") {
    auto event = create_event();
    add_dates(event.uuid, 60);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    std::vector<std::string> days;
    for (int day = 0; day < 60; ++day) {
        days.push_back(day_with({18 + day % 18}));
    }
    for (int person = 0; person < 20; ++person) {
        REQUIRE(post(path, schedule_body("Person " + std::to_string(100 + person), days)).status ==
                201);
    }
    // 60 days of 18 slots for 20 people, and 1,200 schedules: each some
    // hundreds of KB, written in pieces, kept, and sent in one gathered write.
    auto grid_reply = get("/api/events/" + event.uuid + "/grid");
    CHECK(grid_reply.header("content-length") == std::to_string(grid_reply.body.size()));
    auto grid = parse_json(grid_reply.body);
    REQUIRE(grid["days"].Size() == 60);
    for (rapidjson::SizeType day = 0; day < 60; ++day) {
        INFO("day " << day);
        const auto& slots = grid["days"][day]["slots"];
        REQUIRE(slots.Size() == 18);
        CHECK(as_int(slots[day % 18]["available"]) == 20);
        CHECK(unpacked_states(as_text(slots[day % 18]["packedStates"]), 20) ==
              std::string(20, '1'));
    }
    auto schedules_reply = get(path);
    CHECK(schedules_reply.header("content-length") == std::to_string(schedules_reply.body.size()));
    auto schedules = parse_json(schedules_reply.body);
    REQUIRE(schedules.Size() == 1200);
    std::set<std::int64_t> ids;
    for (const auto& schedule : schedules.GetArray()) {
        ids.insert(as_int(schedule["id"]));
        const std::string date = as_text(schedule["date"]);
        int day = 0;
        while (day < 60 && day_from_today(1 + day) != date) {
            ++day;
        }
        REQUIRE(day < 60);
        CHECK(as_text(schedule["availability"]) == days[static_cast<std::size_t>(day)]);
    }
    CHECK(ids.size() == 1200);
    // One "available" row per schedule, among the runs the window cuts.
    const std::string csv = get("/api/events/" + event.uuid + "/export.csv").body;
    std::size_t available_rows = 0;
    for (auto at = csv.find(",available\r\n"); at != std::string::npos;
         at = csv.find(",available\r\n", at + 1)) {
        ++available_rows;
    }
    CHECK(available_rows == 1200);
}

TEST_CASE_METHOD(ServerFixture, "the decision shows in the event with its UTC instants",
                 "[http][decision]") {
    auto created =
        parse_json(post("/api/events", R"({"title": "Kickoff", "timezone": "Asia/Seoul"})").body);
    const std::string uuid = as_text(created["uuid"]);
    const std::string token = as_text(created["adminToken"]);
    add_dates(uuid, 1, 2);
    const std::string path = "/api/events/" + uuid + "/decision";
    const std::string body =
        R"({"date": ")" + day_from_today(2) + R"(", "startTime": "10:00", "endTime": "11:00"})";
    check_error_body(http_request(port(), "PUT", path, body), 401);
    check_error_body(http_request(port(), "PUT", path,
                                  R"({"date": ")" + day_from_today(9) +
                                      R"(", "startTime": "10:00", "endTime": "11:00"})",
                                  {{"X-Admin-Token", token}}),
                     400);
    check_error_body(
        http_request(port(), "PUT", path, R"({"startTime": "10:00"})", {{"X-Admin-Token", token}}),
        400);
    auto decided = http_request(port(), "PUT", path, body, {{"X-Admin-Token", token}});
    REQUIRE(decided.status == 200);
    auto json = parse_json(get("/api/events/" + uuid).body);
    CHECK(as_text(json["decision"]["date"]) == day_from_today(2));
    CHECK(as_text(json["decision"]["startTime"]) == "10:00");
    CHECK(as_text(json["decision"]["utcStart"]) == day_from_today(2) + "T01:00:00Z");
    CHECK(as_text(json["decision"]["utcEnd"]) == day_from_today(2) + "T02:00:00Z");
    CHECK(http_request(port(), "DELETE", path, "", {{"X-Admin-Token", token}}).status == 200);
    CHECK_FALSE(parse_json(get("/api/events/" + uuid).body).HasMember("decision"));
}

TEST_CASE_METHOD(ServerFixture, "a locked event answers 423 to schedule writes", "[http][lock]") {
    auto event = create_event();
    add_dates(event.uuid, 1);
    const std::string schedules = "/api/events/" + event.uuid + "/schedules";
    const std::string day = R"({"name": "Ann", "availability": [")" + day_with({1}) + "\"]}";
    REQUIRE(post(schedules, day).status == 201);
    check_error_body(http_request(port(), "PUT", "/api/events/" + event.uuid + "/lock", ""), 401);
    auto locked = http_request(port(), "PUT", "/api/events/" + event.uuid + "/lock", "",
                               {{"X-Admin-Token", event.token}});
    REQUIRE(locked.status == 200);
    CHECK(parse_json(locked.body)["locked"].GetBool());
    check_error_body(post(schedules, day), 423);
    check_error_body(del(schedules + "/Ann"), 423);
    CHECK(del(schedules + "/Ann", {{"X-Admin-Token", event.token}}).status == 204);
    CHECK(http_request(port(), "DELETE", "/api/events/" + event.uuid + "/lock", "",
                       {{"X-Admin-Token", event.token}})
              .status == 200);
    CHECK(post(schedules, day).status == 201);
    auto closing = post("/api/events", R"({"title": "Past", "closesAt": "2020-01-01T00:00:00Z"})");
    REQUIRE(closing.status == 201);
    CHECK(as_text(parse_json(closing.body)["closesAt"]) == "2020-01-01T00:00:00Z");
    check_error_body(post("/api/events", R"({"title": "x", "closesAt": "soon"})"), 400);
}

TEST_CASE_METHOD(ServerFixture, "best times are ranked over HTTP with names", "[http][best]") {
    auto event = create_event();
    add_dates(event.uuid, 1);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    REQUIRE(
        post(path, R"({"name": "Ann", "availability": [")" + day_with({20, 21}) + "\"]}").status ==
        201);
    REQUIRE(
        post(path, R"({"name": "Bo", "availability": [")" + day_with({21, 22}) + "\"]}").status ==
        201);
    auto reply = get("/api/events/" + event.uuid + "/best-times?duration=30&limit=2&required=Bo");
    REQUIRE(reply.status == 200);
    auto json = parse_json(reply.body);
    REQUIRE(json["results"].Size() == 2);
    const auto& best = json["results"][0];
    CHECK(as_text(best["start"]) == "10:30");
    CHECK(as_text(best["end"]) == "11:00");
    CHECK(best["available"].Size() == 2);
    CHECK(best["missing"].Size() == 0);
    CHECK(as_text(best["utcStart"]).substr(11) == "01:30:00Z");
    CHECK(as_text(json["results"][1]["start"]) == "11:00");
    check_error_body(get("/api/events/" + event.uuid + "/best-times?duration=abc"), 400);
    check_error_body(get("/api/events/" + event.uuid + "/best-times?duration=45"), 400);
    check_error_body(get("/api/events/" + event.uuid + "/best-times?required=Zed"), 400);
    check_error_body(get("/api/events/" + event.uuid + "/best-times?limit=0"), 400);
    check_error_body(get("/api/events/" + event.uuid + "/best-times?tz=No/Where"), 400);
}
