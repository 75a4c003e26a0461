#include <unistd.h>

#include <atomic>
#include <vector>

#include <catch2/catch.hpp>

#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

std::atomic<int> team_counter{0};

struct CreatedTeam {
    std::string uuid;
    std::string code;
    std::string name;
};

std::string week_json(const std::vector<std::string>& days) {
    std::string list;
    for (const auto& day : days) {
        list += (list.empty() ? "[\"" : ", \"") + day + "\"";
    }
    return list + "]";
}

std::vector<std::string> week_of(std::initializer_list<int> free_days) {
    std::vector<std::string> week(7, std::string(48, '0'));
    for (int day : free_days) {
        week[static_cast<std::size_t>(day)] = day_with({18, 19});
    }
    return week;
}

class TeamFixture : public ServerFixture {
  public:
    CreatedTeam create_team(const std::string& answer = "Kim") {
        const std::string name =
            "Club " + std::to_string(::getpid()) + "-" + std::to_string(team_counter++);
        auto reply = post("/api/teams", R"({"name": )" + json_string(name) +
                                            R"(, "securityAnswer": )" + json_string(answer) +
                                            R"(, "startTime": "09:00", "endTime": "22:00"})");
        REQUIRE(reply.status == 201);
        auto json = parse_json(reply.body);
        bodies.push_back(reply.body);
        return {as_text(json["uuid"]), as_text(json["adminCode"]), name};
    }
    HttpReply add_member(const std::string& team, const std::string& name,
                         const std::vector<std::string>& week, const std::string& subgroup = "") {
        const std::string subgroup_field =
            subgroup.empty() ? "" : R"(, "subgroup": )" + json_string(subgroup);
        return post("/api/teams/members", R"({"team": ")" + team + R"(", "name": )" +
                                              json_string(name) + subgroup_field +
                                              R"(, "weekSchedule": )" + week_json(week) + "}");
    }
    HeaderList code_of(const CreatedTeam& team) const { return {{"X-Admin-Code", team.code}}; }

    std::vector<std::string> bodies;  // create/reset bodies, which may show the code
};

}  // namespace

TEST_CASE_METHOD(TeamFixture, "creating a team answers 201 with a T handle and the admin code once",
                 "[http][team]") {
    auto team = create_team();
    CHECK(team.uuid.size() == 23);
    CHECK(team.uuid[0] == 'T');
    CHECK(team.code.size() == 6);
    auto reply = get("/api/teams/" + team.uuid);
    REQUIRE(reply.status == 200);
    auto json = parse_json(reply.body);
    CHECK(as_text(json["name"]) == team.name);
    CHECK(as_text(json["securityQuestion"]) ==
          "What was the name of your first-year high-school maths teacher?");
    CHECK(json["customSecurityQuestion"].IsNull());
    CHECK(json["subgroups"].IsArray());
    CHECK(as_text(json["startTime"]) == "09:00");
    CHECK_FALSE(json.HasMember("adminCode"));
    CHECK_FALSE(json.HasMember("securityAnswer"));
}

TEST_CASE_METHOD(TeamFixture, "a team is found by its name with its admin code", "[http][team]") {
    auto team = create_team();
    const std::string target =
        "/api/teams?name=" + team.name.substr(0, 4) + "%20" + team.name.substr(5);
    auto found = get(target, code_of(team));
    REQUIRE(found.status == 200);
    CHECK(as_text(parse_json(found.body)["uuid"]) == team.uuid);
    check_error_body(get(target), 404);
    check_error_body(get("/api/teams?name=nobody-at-all", code_of(team)), 404);
    check_error_body(get("/api/teams"), 400);
}

TEST_CASE_METHOD(TeamFixture, "team names are not unique: a second team of a name is 201",
                 "[http][team]") {
    auto team = create_team();
    CHECK(
        post("/api/teams", R"({"name": )" + json_string(team.name) + R"(, "securityAnswer": "x"})")
            .status == 201);
}

TEST_CASE_METHOD(TeamFixture, "a team's fields are validated", "[http][team]") {
    for (const char* body :
         {R"({"securityAnswer": "x"})", R"({"name": "Q1"})",
          R"({"name": "", "securityAnswer": "x"})",
          R"({"name": "Q2", "securityAnswer": "x", "securityQuestion": 5})",
          R"({"name": "Q3", "securityAnswer": "x", "securityQuestion": "1"})",
          R"({"name": "Q4", "securityAnswer": "x", "securityQuestion": 0})",
          R"({"name": "Q5", "securityAnswer": "x", "startTime": "09:15"})",
          R"({"name": "Q6", "securityAnswer": "x", "startTime": "20:00", "endTime": "08:00"})"}) {
        INFO(body);
        check_error_body(post("/api/teams", body), 400);
    }
    auto custom = post(
        "/api/teams",
        R"({"name": "Custom )" + std::to_string(::getpid()) +
            R"(", "securityAnswer": "x", "securityQuestion": 0, "customSecurityQuestion": "Best snack?"})");
    REQUIRE(custom.status == 201);
    CHECK(as_text(parse_json(custom.body)["customSecurityQuestion"]) == "Best snack?");
}

TEST_CASE_METHOD(TeamFixture, "changing or deleting a team needs its admin code", "[http][team]") {
    auto team = create_team();
    const std::string path = "/api/teams/" + team.uuid;
    check_error_body(patch(path, R"({"name": "Hijack"})"), 401);
    check_error_body(patch(path, R"({"name": "Hijack"})", {{"X-Admin-Code", "AAAAAA"}}), 403);
    auto renamed = patch(path, R"({"name": )" + json_string(team.name + " v2") + "}",
                         {{"Authorization", "Bearer " + team.code}});
    REQUIRE(renamed.status == 200);
    CHECK(as_text(parse_json(renamed.body)["name"]) == team.name + " v2");
    check_error_body(del(path), 401);
    auto event =
        post("/api/events", R"({"title": "Team sync", "associatedTeam": ")" + team.uuid + "\"}");
    REQUIRE(event.status == 201);
    const std::string event_uuid = as_text(parse_json(event.body)["uuid"]);
    CHECK(del(path, code_of(team)).status == 204);
    check_error_body(get(path), 404);
    check_error_body(get("/api/events/" + event_uuid), 404);
}

TEST_CASE_METHOD(TeamFixture, "20 wrong admin codes: 403 five times, then 429", "[http][team]") {
    auto team = create_team();
    const std::string path = "/api/teams/" + team.uuid + "/admin/verify";
    std::vector<int> statuses;
    for (int attempt = 0; attempt < 20; ++attempt) {
        auto reply = post(path, R"({"adminCode": "WRONG1"})");
        statuses.push_back(reply.status);
        if (attempt == 0) {
            check_error_body(reply, 403);
            CHECK(as_text(parse_json(reply.body)["detail"]) == "Wrong admin code");
        }
        if (attempt == 5) {
            check_error_body(reply, 429);
        }
    }
    CHECK(std::vector<int>(statuses.begin(), statuses.begin() + 5) == std::vector<int>(5, 403));
    CHECK(std::vector<int>(statuses.begin() + 5, statuses.end()) == std::vector<int>(15, 429));
    // The right code is refused too while the window lasts.
    CHECK(post(path, R"({"adminCode": ")" + team.code + "\"}").status == 429);
    CHECK(patch("/api/teams/" + team.uuid, R"({"name": "x"})", code_of(team)).status == 429);
}

TEST_CASE_METHOD(TeamFixture, "the right admin code verifies with 204", "[http][team]") {
    auto team = create_team();
    CHECK(
        post("/api/teams/" + team.uuid + "/admin/verify", R"({"adminCode": ")" + team.code + "\"}")
            .status == 204);
    check_error_body(post("/api/teams/" + team.uuid + "/admin/verify", "{}"), 401);
    check_error_body(post("/api/teams/Tnobody/admin/verify", R"({"adminCode": "AAAAAA"})"), 404);
}

TEST_CASE_METHOD(TeamFixture, "the security answer resets the admin code", "[http][team]") {
    auto team = create_team("Kim");
    const std::string path = "/api/teams/" + team.uuid + "/admin/reset";
    check_error_body(post(path, R"({"securityAnswer": "Lee"})"), 401);
    check_error_body(post(path, R"({})"), 400);
    auto reset = post(path, R"({"securityAnswer": "  kim "})");
    REQUIRE(reset.status == 200);
    bodies.push_back(reset.body);
    const std::string code = as_text(parse_json(reset.body)["adminCode"]);
    CHECK(code != team.code);
    CHECK(post("/api/teams/" + team.uuid + "/admin/verify", R"({"adminCode": ")" + code + "\"}")
              .status == 204);
    CHECK(
        post("/api/teams/" + team.uuid + "/admin/verify", R"({"adminCode": ")" + team.code + "\"}")
            .status == 403);
}

TEST_CASE_METHOD(TeamFixture,
                 "no team route shows the security answer, nor the code outside create and reset",
                 "[http][team]") {
    const std::string answer = "Zanzibar-Secret-Answer";
    auto team = create_team(answer);
    const std::string base = "/api/teams/" + team.uuid;
    std::vector<HttpReply> replies;
    replies.push_back(get(base));
    replies.push_back(get("/api/teams?name=" + team.name.substr(0, 4) + "%20" + team.name.substr(5),
                          code_of(team)));
    replies.push_back(post(base + "/subgroups", R"({"name": "Design"})", code_of(team)));
    replies.push_back(get(base + "/subgroups"));
    replies.push_back(add_member(team.uuid, "Ann", week_of({0}), "Design"));
    replies.push_back(get(base + "/members"));
    replies.push_back(get(base + "/members?name=Ann"));
    replies.push_back(get(base + "/availability"));
    replies.push_back(post(
        base + "/regular-events",
        R"({"title": "Sync", "day": 1, "startTime": "09:00", "endTime": "10:00"})", code_of(team)));
    replies.push_back(get(base + "/regular-events"));
    replies.push_back(get(base + "/events"));
    replies.push_back(patch(base, R"({"startTime": "08:00"})", code_of(team)));
    replies.push_back(post(base + "/admin/verify", R"({"adminCode": ")" + team.code + "\"}"));
    replies.push_back(post(base + "/admin/verify", R"({"adminCode": "WRONG1"})"));
    replies.push_back(post(base + "/admin/reset", R"({"securityAnswer": "nope"})"));
    for (const auto& reply : replies) {
        INFO(reply.body);
        CHECK(reply.status < 500);
        CHECK(reply.body.find(answer) == std::string::npos);
        CHECK(reply.body.find("zanzibar") == std::string::npos);
        CHECK(reply.body.find(team.code) == std::string::npos);
        CHECK(reply.body.find("argon2") == std::string::npos);
    }
}

TEST_CASE_METHOD(TeamFixture,
                 "subgroups are created with the code, unique in the team, and renamed or deleted",
                 "[http][team]") {
    auto team = create_team();
    const std::string base = "/api/teams/" + team.uuid + "/subgroups";
    check_error_body(post(base, R"({"name": "Design"})"), 401);
    check_error_body(post(base, R"({"name": "Design"})", {{"X-Admin-Code", "AAAAAA"}}), 403);
    auto created = post(base, R"({"name": "Design"})", code_of(team));
    REQUIRE(created.status == 201);
    const auto id = std::to_string(as_int(parse_json(created.body)["id"]));
    check_error_body(post(base, R"({"name": "Design"})", code_of(team)), 409);
    check_error_body(post(base, R"({"name": ""})", code_of(team)), 400);
    CHECK(parse_json(get(base).body).Size() == 1);
    CHECK(as_text(parse_json(get("/api/teams/" + team.uuid).body)["subgroups"][0]) == "Design");

    REQUIRE(add_member(team.uuid, "Ann", week_of({0}), "Design").status == 201);
    check_error_body(patch("/api/teams/subgroups/" + id, R"({"name": "UX"})"), 401);
    auto renamed = patch("/api/teams/subgroups/" + id, R"({"name": "UX"})", code_of(team));
    REQUIRE(renamed.status == 200);
    CHECK(as_text(parse_json(get("/api/teams/subgroups/" + id).body)["name"]) == "UX");
    CHECK(as_text(parse_json(
              get("/api/teams/" + team.uuid + "/members?name=Ann").body)["subgroup"]) == "UX");
    check_error_body(del("/api/teams/subgroups/" + id), 401);
    CHECK(del("/api/teams/subgroups/" + id, code_of(team)).status == 204);
    CHECK(
        parse_json(get("/api/teams/" + team.uuid + "/members?name=Ann").body)["subgroup"].IsNull());
    check_error_body(get("/api/teams/subgroups/" + id), 404);
    check_error_body(get("/api/teams/subgroups/abc"), 404);
}

TEST_CASE_METHOD(TeamFixture,
                 "regular events are the team's weekly commitments, written with the code",
                 "[http][team]") {
    auto team = create_team();
    const std::string base = "/api/teams/" + team.uuid + "/regular-events";
    const std::string body =
        R"({"title": "Standup", "description": "Daily", "day": 0, "startTime": "09:00", "endTime": "09:30"})";
    check_error_body(post(base, body), 401);
    check_error_body(
        post(base, R"({"title": "x", "day": 7, "startTime": "09:00", "endTime": "10:00"})",
             code_of(team)),
        400);
    check_error_body(
        post(base, R"({"title": "x", "day": "1", "startTime": "09:00", "endTime": "10:00"})",
             code_of(team)),
        400);
    check_error_body(
        post(base, R"({"title": "x", "day": 1, "description": ")" + std::string(201, 'd') + "\"}",
             code_of(team)),
        400);
    auto created = post(base, body, code_of(team));
    REQUIRE(created.status == 201);
    auto json = parse_json(created.body);
    const std::string uuid = as_text(json["uuid"]);
    CHECK(uuid[0] == 'R');
    CHECK(as_int(json["day"]) == 0);
    CHECK(as_text(json["team"]) == team.uuid);
    auto moved = patch("/api/teams/regular-events/" + uuid, R"({"day": 4, "endTime": "10:00"})",
                       code_of(team));
    REQUIRE(moved.status == 200);
    auto stored = parse_json(get("/api/teams/regular-events/" + uuid).body);
    CHECK(as_int(stored["day"]) == 4);
    CHECK(as_text(stored["endTime"]) == "10:00");
    CHECK(as_text(stored["title"]) == "Standup");
    CHECK(parse_json(get(base).body).Size() == 1);
    check_error_body(del("/api/teams/regular-events/" + uuid), 401);
    CHECK(del("/api/teams/regular-events/" + uuid, code_of(team)).status == 204);
    check_error_body(get("/api/teams/regular-events/" + uuid), 404);
}

TEST_CASE_METHOD(TeamFixture, "members join with a week; names are unique per team only",
                 "[http][team]") {
    auto team = create_team();
    auto other = create_team();
    auto created = add_member(team.uuid, "Ann", week_of({0, 2}));
    REQUIRE(created.status == 201);
    auto json = parse_json(created.body);
    CHECK(as_text(json["team"]) == team.uuid);
    CHECK(json["subgroup"].IsNull());
    REQUIRE(json["weekSchedule"].Size() == 7);
    CHECK(as_text(json["weekSchedule"][2]) == day_with({18, 19}));
    check_error_body(add_member(team.uuid, " Ann ", week_of({})), 409);
    CHECK(add_member(other.uuid, "Ann", week_of({})).status == 201);
    CHECK(add_member(team.uuid, "ann", week_of({})).status == 201);
    check_error_body(add_member(team.uuid, std::string(21, 'x'), week_of({})), 400);
    check_error_body(add_member(team.uuid, "Bo", std::vector<std::string>(6, std::string(48, '0'))),
                     400);
    check_error_body(add_member(team.uuid, "Bo", week_of({}), "NoSuchGroup"), 400);
    check_error_body(add_member("Tnobody", "Bo", week_of({})), 404);
    check_error_body(
        post("/api/teams/members", R"({"team": ")" + team.uuid + R"(", "name": "Bo"})"), 400);
    CHECK(parse_json(get("/api/teams/" + team.uuid + "/members").body).Size() == 2);
}

TEST_CASE_METHOD(TeamFixture, "members are listed by subgroup, changed, and removed with the code",
                 "[http][team]") {
    auto team = create_team();
    REQUIRE(post("/api/teams/" + team.uuid + "/subgroups", R"({"name": "Ops"})", code_of(team))
                .status == 201);
    auto ann = parse_json(add_member(team.uuid, "Ann", week_of({0}), "Ops").body);
    REQUIRE(add_member(team.uuid, "Bo", week_of({1})).status == 201);
    const std::string id = std::to_string(as_int(ann["id"]));
    auto ops = parse_json(get("/api/teams/" + team.uuid + "/members?subgroup=Ops").body);
    REQUIRE(ops.Size() == 1);
    CHECK(as_text(ops[0]["name"]) == "Ann");
    check_error_body(get("/api/teams/" + team.uuid + "/members?subgroup=Nope"), 404);
    check_error_body(get("/api/teams/" + team.uuid + "/members?name=Nobody"), 404);

    auto changed = patch("/api/teams/members/" + id,
                         R"({"subgroup": null, "weekSchedule": )" + week_json(week_of({6})) + "}");
    REQUIRE(changed.status == 200);
    auto json = parse_json(changed.body);
    CHECK(json["subgroup"].IsNull());
    CHECK(as_text(json["weekSchedule"][6]) == day_with({18, 19}));
    CHECK(as_text(json["weekSchedule"][0]) == std::string(48, '0'));
    check_error_body(patch("/api/teams/members/" + id, R"({"weekSchedule": ["1"]})"), 400);
    check_error_body(patch("/api/teams/members/" + id, R"({"subgroup": 3})"), 400);
    check_error_body(del("/api/teams/members/" + id), 401);
    check_error_body(del("/api/teams/members/" + id, {{"X-Admin-Code", "AAAAAA"}}), 403);
    CHECK(del("/api/teams/members/" + id, code_of(team)).status == 204);
    check_error_body(get("/api/teams/members/" + id), 404);
}

TEST_CASE_METHOD(TeamFixture,
                 "team availability for 50 members in 3 subgroups matches a direct count",
                 "[http][team]") {
    auto team = create_team();
    const std::vector<std::string> groups = {"A", "B", "C"};
    for (const auto& group : groups) {
        REQUIRE(post("/api/teams/" + team.uuid + "/subgroups", R"({"name": ")" + group + "\"}",
                     code_of(team))
                    .status == 201);
    }
    std::vector<std::vector<std::string>> weeks;
    std::vector<std::string> names;
    for (int person = 0; person < 50; ++person) {
        std::vector<std::string> week(7, std::string(48, '0'));
        for (int day = 0; day < 7; ++day) {
            for (int slot = 0; slot < 48; ++slot) {
                if ((person * 13 + day * 7 + slot * 3) % 10 < 3) {
                    week[static_cast<std::size_t>(day)][static_cast<std::size_t>(slot)] = '1';
                }
            }
        }
        weeks.push_back(week);
        names.push_back("member" + std::to_string(100 + person));
        REQUIRE(
            add_member(team.uuid, names.back(), week, groups[static_cast<std::size_t>(person % 3)])
                .status == 201);
    }
    const char* keys[] = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
    for (const std::string filter : {"", "C"}) {
        auto reply = get("/api/teams/" + team.uuid + "/availability" +
                         (filter.empty() ? "" : "?subgroup=" + filter));
        REQUIRE(reply.status == 200);
        auto json = parse_json(reply.body);
        CHECK(as_int(json["members"]) == (filter.empty() ? 50 : 16));
        for (int day = 0; day < 7; ++day) {
            const auto& entry = json["days"][keys[day]];
            for (int slot = 0; slot < 48; ++slot) {
                std::vector<std::string> expected;
                for (int person = 0; person < 50; ++person) {
                    const bool in_filter =
                        filter.empty() || groups[static_cast<std::size_t>(person % 3)] == filter;
                    if (in_filter &&
                        weeks[static_cast<std::size_t>(person)][static_cast<std::size_t>(day)]
                             [static_cast<std::size_t>(slot)] == '1') {
                        expected.push_back(names[static_cast<std::size_t>(person)]);
                    }
                }
                std::vector<std::string> got;
                for (const auto& name : entry["names"][slot].GetArray()) {
                    got.push_back(as_text(name));
                }
                REQUIRE(as_int(entry["counts"][slot]) ==
                        static_cast<std::int64_t>(expected.size()));
                REQUIRE(got == expected);
                REQUIRE(as_text(entry["availability"])[static_cast<std::size_t>(slot)] ==
                        static_cast<char>('0' + std::min<std::size_t>(expected.size(), 9)));
            }
        }
    }
    check_error_body(get("/api/teams/" + team.uuid + "/availability?subgroup=Z"), 404);
}

TEST_CASE_METHOD(TeamFixture, "team availability costs the same statements for 1 member or 30",
                 "[http][team]") {
    auto small = create_team();
    auto large = create_team();
    REQUIRE(add_member(small.uuid, "solo", week_of({0})).status == 201);
    for (int person = 0; person < 30; ++person) {
        REQUIRE(
            add_member(large.uuid, "m" + std::to_string(person), week_of({person % 7})).status ==
            201);
    }
    auto cost = [&](const std::string& uuid) {
        const auto before = application().statements_sent();
        REQUIRE(get("/api/teams/" + uuid + "/availability").status == 200);
        return application().statements_sent() - before;
    };
    // The first read: the team's row, its subgroups, its members with their
    // subgroups' names. Then the roster cache holds them: the row alone.
    CHECK(cost(small.uuid) == 3);
    CHECK(cost(large.uuid) == 3);
    CHECK(cost(small.uuid) == 1);
    CHECK(cost(large.uuid) == 1);
}

TEST_CASE_METHOD(TeamFixture, "a team's events list under the team, named as associated",
                 "[http][team]") {
    auto team = create_team();
    auto event =
        post("/api/events", R"({"title": "Retro", "associatedTeam": ")" + team.uuid + "\"}");
    REQUIRE(event.status == 201);
    CHECK(as_text(parse_json(event.body)["associatedTeam"]) == team.name);
    REQUIRE(post("/api/events", R"({"title": "Unrelated"})").status == 201);
    auto listed = parse_json(get("/api/teams/" + team.uuid + "/events").body);
    REQUIRE(listed.Size() == 1);
    CHECK(as_text(listed[0]["title"]) == "Retro");
    CHECK(listed[0].HasMember("availability"));
    CHECK_FALSE(listed[0].HasMember("adminToken"));
    check_error_body(get("/api/teams/Tnobody/events"), 404);
}

TEST_CASE_METHOD(TeamFixture, "a member's week fills their schedule on a team event",
                 "[http][team]") {
    auto team = create_team();
    auto member = parse_json(add_member(team.uuid, "Ann", week_of({0, 1, 2, 3, 4, 5, 6})).body);
    const auto member_id = as_int(member["id"]);
    auto event = parse_json(
        post("/api/events", R"({"title": "Plan", "associatedTeam": ")" + team.uuid + "\"}").body);
    const std::string uuid = as_text(event["uuid"]);
    check_error_body(post("/api/events/" + uuid + "/schedules/from-member",
                          R"({"memberId": )" + std::to_string(member_id) + "}"),
                     404);  // no dates yet
    add_dates(uuid, 3);
    auto filled = post("/api/events/" + uuid + "/schedules/from-member",
                       R"({"memberId": )" + std::to_string(member_id) + "}");
    REQUIRE(filled.status == 201);
    auto rows = parse_json(filled.body);
    REQUIRE(rows.Size() == 3);
    CHECK(as_text(rows[0]["name"]) == "Ann");
    CHECK(as_text(rows[2]["availability"]) == day_with({18, 19}));
    check_error_body(
        post("/api/events/" + uuid + "/schedules/from-member", R"({"memberId": 999999999})"), 404);
    check_error_body(post("/api/events/" + uuid + "/schedules/from-member", R"({})"), 400);
    auto stranger = parse_json(post("/api/events", R"({"title": "Elsewhere"})").body);
    add_dates(as_text(stranger["uuid"]), 1);
    check_error_body(post("/api/events/" + as_text(stranger["uuid"]) + "/schedules/from-member",
                          R"({"memberId": )" + std::to_string(member_id) + "}"),
                     400);
}

TEST_CASE_METHOD(TeamFixture,
                 "filling from a protected member needs X-Member-Password or X-Admin-Code: 401 "
                 "without, 403 wrong, 201 right",
                 "[http][team][member-password]") {
    auto team = create_team();
    auto created = post("/api/teams/members", R"({"team": ")" + team.uuid +
                                                  R"(", "name": "Ann", "password": "ann-secret",)"
                                                  R"( "weekSchedule": )" +
                                                  week_json(week_of({0, 1, 2, 3, 4, 5, 6})) + "}");
    REQUIRE(created.status == 201);
    const std::string fill_body =
        R"({"memberId": )" + std::to_string(as_int(parse_json(created.body)["id"])) + "}";
    auto event = parse_json(
        post("/api/events", R"({"title": "Plan", "associatedTeam": ")" + team.uuid + "\"}").body);
    const std::string fill = "/api/events/" + as_text(event["uuid"]) + "/schedules/from-member";
    add_dates(as_text(event["uuid"]), 2);

    check_error_body(post(fill, fill_body), 401);
    check_error_body(post(fill, fill_body, {{"X-Member-Password", "wrong-pass"}}), 403);
    CHECK(parse_json(get("/api/events/" + as_text(event["uuid"]) + "/schedules").body).Empty());
    auto by_owner = post(fill, fill_body, {{"X-Member-Password", "ann-secret"}});
    REQUIRE(by_owner.status == 201);
    CHECK(as_text(parse_json(by_owner.body)[1]["availability"]) == day_with({18, 19}));
    CHECK(post(fill, fill_body, code_of(team)).status == 201);
}

TEST_CASE_METHOD(TeamFixture,
                 "a member who protects their entry with a password is the only one, with the "
                 "admin, who can change it",
                 "[http][team][member-password]") {
    auto team = create_team();
    auto created = post("/api/teams/members", R"({"team": ")" + team.uuid +
                                                  R"(", "name": "Ann", "password": "ann-secret",)"
                                                  R"( "weekSchedule": )" +
                                                  week_json(week_of({0})) + "}");
    REQUIRE(created.status == 201);
    auto json = parse_json(created.body);
    CHECK(json["protected"].GetBool());
    CHECK(created.body.find("ann-secret") == std::string::npos);
    CHECK(created.body.find("argon2") == std::string::npos);
    const std::string member = "/api/teams/members/" + std::to_string(as_int(json["id"]));
    const std::string change = R"({"weekSchedule": )" + week_json(week_of({3})) + "}";

    check_error_body(patch(member, change), 401);
    check_error_body(patch(member, change, {{"X-Member-Password", "wrong-pass"}}), 403);
    check_error_body(
        post(member + "/import?week=2030-01-07", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
             {{"Content-Type", "text/calendar"}}),
        401);
    auto by_owner = patch(member, change, {{"X-Member-Password", "ann-secret"}});
    CHECK(by_owner.status == 200);
    CHECK(as_text(parse_json(by_owner.body)["weekSchedule"][3]) == day_with({18, 19}));
    auto by_body = patch(
        member, R"({"password": "ann-secret", "weekSchedule": )" + week_json(week_of({4})) + "}");
    CHECK(by_body.status == 200);
    auto by_admin = patch(member, change, code_of(team));
    CHECK(by_admin.status == 200);
    check_error_body(patch(member, change, {{"X-Admin-Code", "ZZZZZZ"}}), 403);
}

TEST_CASE_METHOD(TeamFixture,
                 "an open member entry stays open to v1 clients until a password claims it",
                 "[http][team][member-password]") {
    auto team = create_team();
    auto created = add_member(team.uuid, "Bo", week_of({0}));
    REQUIRE(created.status == 201);
    auto json = parse_json(created.body);
    CHECK_FALSE(json.HasMember("protected"));  // the v1 object, unchanged
    const std::string member = "/api/teams/members/" + std::to_string(as_int(json["id"]));
    CHECK(patch(member, R"({"weekSchedule": )" + week_json(week_of({1})) + "}").status == 200);
    auto claimed = patch(member, R"({"weekSchedule": )" + week_json(week_of({2})) + "}",
                         {{"X-Member-Password", "bo-secret"}});
    REQUIRE(claimed.status == 200);
    CHECK(parse_json(claimed.body)["protected"].GetBool());
    check_error_body(patch(member, R"({"weekSchedule": )" + week_json(week_of({5})) + "}"), 401);
    check_error_body(patch(member, R"({"subgroup": null})", {{"X-Member-Password", " x"}}), 403);
    check_error_body(post("/api/teams/members",
                          R"({"team": ")" + team.uuid +
                              R"(", "name": "Cy", "password": " padded ", "weekSchedule": )" +
                              week_json(week_of({})) + "}"),
                     400);
}
