// A v1 client sends none of the additions (slot sizes, weekdays, time zones,
// "if needed", passwords, details) and must see exactly the v1 bodies: the
// same keys, the same shapes.
#include <set>

#include <catch2/catch.hpp>

#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

std::set<std::string> keys_of(const rapidjson::Value& object) {
    std::set<std::string> keys;
    for (const auto& member : object.GetObject()) {
        keys.insert(member.name.GetString());
    }
    return keys;
}

const std::set<std::string> k_event_keys = {
    "id",           "uuid",      "associatedTeam", "title",
    "startTime",    "endTime",   "availability",   "availabilityCounts",
    "participants", "createdAt", "updatedAt"};
const std::set<std::string> k_date_keys = {"id", "event", "date", "createdAt", "updatedAt"};
const std::set<std::string> k_page_keys = {"count", "next", "previous", "results"};
const std::set<std::string> k_schedule_keys = {"id",           "name",      "event",    "date",
                                               "availability", "createdAt", "updatedAt"};

}  // namespace

TEST_CASE_METHOD(ServerFixture, "a v1 client's Phase 1 flow sees exactly the v1 bodies",
                 "[http][v1]") {
    auto created = post("/api/events",
                        R"({"title": "Study group", "startTime": "09:00", "endTime": "18:00"})");
    REQUIRE(created.status == 201);
    auto event = parse_json(created.body);
    auto with_token = k_event_keys;
    with_token.insert("adminToken");
    CHECK(keys_of(event) == with_token);
    const std::string uuid = as_text(event["uuid"]);
    const std::string token = as_text(event["adminToken"]);

    auto page = parse_json(
        post("/api/events/" + uuid + "/dates", R"({"additionalDates": [")" + day_from_today(1) +
                                                   R"(", ")" + day_from_today(2) + "\"]}")
            .body);
    CHECK(keys_of(page) == k_page_keys);
    CHECK(keys_of(page["results"][0]) == k_date_keys);
    CHECK(as_text(page["results"][0]["date"]) == day_from_today(1));

    const std::string path = "/api/events/" + uuid + "/schedules";
    auto rows = parse_json(post(path, R"({"name": "Ann", "availability": [")" + day_with({18, 19}) +
                                          R"(", ")" + day_with({}) + "\"]}")
                               .body);
    REQUIRE(rows.Size() == 2);
    CHECK(keys_of(rows[0]) == k_schedule_keys);
    CHECK(as_text(rows[0]["availability"]).size() == 48);
    const auto date_id = as_int(page["results"][1]["id"]);
    auto patched = parse_json(patch(path, R"({"name": "Bo", "date": )" + std::to_string(date_id) +
                                              R"(, "availability": ")" + day_with({20}) + "\"}")
                                  .body);
    CHECK(keys_of(patched) == k_schedule_keys);

    auto read = parse_json(get("/api/events/" + uuid).body);
    CHECK(keys_of(read) == k_event_keys);
    CHECK(keys_of(read["availability"]) ==
          std::set<std::string>{day_from_today(1), day_from_today(2)});
    CHECK(as_text(read["availability"][day_from_today(1).c_str()]).size() == 48);
    CHECK(read["availabilityCounts"][day_from_today(1).c_str()].Size() == 48);

    auto renamed = parse_json(
        patch("/api/events/" + uuid, R"({"title": "Renamed"})", {{"X-Admin-Token", token}}).body);
    CHECK(keys_of(renamed) == k_event_keys);
    auto feedback = parse_json(post("/api/feedbacks", R"({"content": "Nice"})").body);
    CHECK(keys_of(feedback) == std::set<std::string>{"id", "content", "createdAt", "updatedAt"});
    auto error = parse_json(get("/api/events/nope").body);
    CHECK(keys_of(error) == std::set<std::string>{"code", "detail"});
    CHECK(del(path + "/Bo").status == 204);
    CHECK(del("/api/events/" + uuid, {{"X-Admin-Token", token}}).status == 204);
}
