// docs/openapi.yaml and the router agree: the document is served, every
// route the server answers is in it, and every route in it is answered.
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "bistime/http/api_router.hpp"
#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

// A paths key ("  /api/events/{uuid}:") as the router's pattern
// ("/api/events/{}"); nothing for any other line. The document keeps paths at
// two spaces of indentation and their methods at four, which is all this reads.
std::optional<std::string> path_pattern(const std::string& line) {
    if (line.rfind("  /", 0) != 0 || line.back() != ':') {
        return std::nullopt;
    }
    std::string pattern;
    bool variable = false;
    for (const char c : line.substr(2, line.size() - 3)) {
        if (c == '{') {
            variable = true;
            pattern += "{}";
        } else if (c == '}') {
            variable = false;
        } else if (!variable) {
            pattern += c;
        }
    }
    return pattern;
}

// An operation key ("    get:") as its method ("GET"); nothing otherwise.
std::optional<std::string> operation_method(const std::string& line) {
    for (const std::string method : {"get", "post", "put", "patch", "delete"}) {
        if (line == "    " + method + ":") {
            std::string upper = method;
            for (char& c : upper) {
                c = static_cast<char>(c - 'a' + 'A');
            }
            return upper;
        }
    }
    return std::nullopt;
}

// "METHOD /path/{}" for every operation of the document's paths.
std::set<std::string> documented_endpoints(const std::string& document) {
    std::set<std::string> endpoints;
    std::istringstream lines(document);
    std::string line;
    std::string path;
    bool in_paths = false;
    while (std::getline(lines, line)) {
        if (line == "paths:") {
            in_paths = true;
            continue;
        }
        if (!in_paths) {
            continue;
        }
        if (!line.empty() && line[0] != ' ') {
            in_paths = false;  // the next top-level key
            continue;
        }
        if (auto pattern = path_pattern(line)) {
            path = *pattern;
        } else if (auto method = operation_method(line)) {
            endpoints.insert(*method + ' ' + path);
        }
    }
    return endpoints;
}

// Each operation's documented success codes: "METHOD /path/{}" → {"200", …}.
std::map<std::string, std::set<std::string>> documented_successes(const std::string& document) {
    std::map<std::string, std::set<std::string>> successes;
    std::istringstream lines(document);
    std::string line;
    std::string path;
    std::string operation;
    while (std::getline(lines, line)) {
        if (auto pattern = path_pattern(line)) {
            path = *pattern;
            operation.clear();
            continue;
        }
        if (auto method = operation_method(line)) {
            operation = *method + ' ' + path;
        }
        // "        '201': …" or "      responses: {'200': …"
        for (const std::string prefix : {"        '2", "      responses: {'2"}) {
            if (!operation.empty() && line.rfind(prefix, 0) == 0) {
                successes[operation].insert(line.substr(prefix.size() - 1, 3));
            }
        }
    }
    return successes;
}

}  // namespace

TEST_CASE("the API's OpenAPI document is served at /api/openapi.yaml", "[http][openapi]") {
    ServerFixture server;
    auto reply = server.get("/api/openapi.yaml");
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type") == "application/yaml; charset=utf-8");
    CHECK(reply.body.rfind("openapi: 3.0", 0) == 0);
    CHECK(reply.body.find("\n  /api/events/{uuid}:\n") != std::string::npos);
}

TEST_CASE(
    "every route the server answers is in the OpenAPI document, and every documented route "
    "is answered",
    "[http][openapi]") {
    ServerFixture server;
    const auto documented = documented_endpoints(server.get("/api/openapi.yaml").body);
    REQUIRE(documented.size() > 40);
    std::set<std::string> answered;
    for (const auto& endpoint : bistime::http::ApiRouter::endpoints()) {
        answered.insert(endpoint);
    }
    for (const char* outside_the_api : {"GET /health-check", "GET /ready", "GET /metrics"}) {
        answered.insert(outside_the_api);
    }
    for (const auto& endpoint : answered) {
        INFO(endpoint);
        CHECK(documented.count(endpoint) == 1);
    }
    for (const auto& endpoint : documented) {
        INFO(endpoint);
        CHECK(answered.count(endpoint) == 1);
    }
}

TEST_CASE("a documented route is answered by the server, not the web app or a 404 of routing",
          "[http][openapi]") {
    ServerFixture server;
    // A representative of each shape: an unknown event or team is the use
    // case's 404 with the error body, never "no such route".
    for (const std::string target :
         {"/api/events/nobody", "/api/events/nobody/schedules", "/api/teams/Tnobody/availability",
          "/api/teams/members/999999", "/api/teams/regular-events/Rnobody"}) {
        INFO(target);
        auto reply = server.get(target);
        CHECK(reply.status == 404);
        CHECK(reply.body.find("no such route") == std::string::npos);
        CHECK(reply.header("content-type") == "application/json; charset=utf-8");
    }
}

TEST_CASE(
    "every documented operation answers one of its documented success codes to a "
    "representative request",
    "[http][openapi]") {
    ServerFixture server;
    const auto successes = documented_successes(server.get("/api/openapi.yaml").body);
    std::set<std::string> walked;
    // Sends one request and checks its status against the document's
    // success codes for the operation.
    auto call = [&](const std::string& method, const std::string& pattern,
                    const std::string& target, const std::string& body = "",
                    HeaderList headers = {}) {
        const std::string operation = method + ' ' + pattern;
        if (!body.empty() && headers.empty()) {
            headers = {{"Content-Type", "application/json"}};
        } else if (!body.empty() && headers.front().first != "Content-Type") {
            headers.emplace_back("Content-Type", "application/json");
        }
        auto reply = http_request(server.port(), method, target, body, headers);
        INFO(operation << " → " << reply.status << ' ' << reply.body.substr(0, 200));
        REQUIRE(successes.count(operation) == 1);
        CHECK(successes.at(operation).count(std::to_string(reply.status)) == 1);
        walked.insert(operation);
        return reply;
    };
    const std::string day1 = ServerFixture::day_from_today(2);
    const std::string day2 = ServerFixture::day_from_today(3);

    call("GET", "/health-check", "/health-check");
    call("GET", "/ready", "/ready");
    call("GET", "/metrics", "/metrics");
    call("GET", "/api/openapi.yaml", "/api/openapi.yaml");
    call("POST", "/api/feedbacks", "/api/feedbacks", R"({"content": "Clear docs"})");

    // An event, its dates, answers, decision and lock.
    auto created = parse_json(call("POST", "/api/events", "/api/events",
                                   R"({"title": "Walk", "startTime": "09:00", "endTime": "18:00"})")
                                  .body);
    const std::string event = "/api/events/" + as_text(created["uuid"]);
    const HeaderList admin = {{"X-Admin-Token", as_text(created["adminToken"])}};
    call("POST", "/api/events/{}/dates", event + "/dates",
         R"({"additionalDates": [")" + day1 + R"(", ")" + day2 + R"("]})");
    auto dates = parse_json(call("GET", "/api/events/{}/dates", event + "/dates").body);
    call("GET", "/api/events/{}", event);
    call("PATCH", "/api/events/{}", event, R"({"title": "Walk through"})", admin);
    call("POST", "/api/events/{}/admin/verify", event + "/admin/verify", "", admin);
    call("POST", "/api/events/{}/schedules", event + "/schedules",
         R"({"name": "Ann", "password": "pw", "availability": [")" + day_with({20, 21}) +
             R"(", ")" + day_with({22}) + R"("]})");
    call("PATCH", "/api/events/{}/schedules", event + "/schedules",
         R"({"name": "Ann", "password": "pw", "date": ")" + day1 + R"(", "availability": ")" +
             day_with({20}) + R"("})");
    call("GET", "/api/events/{}/schedules", event + "/schedules");
    call("POST", "/api/events/{}/participants/{}/verify", event + "/participants/Ann/verify",
         R"({"password": "pw"})");
    const std::string compact = day1.substr(0, 4) + day1.substr(5, 2) + day1.substr(8, 2);
    const std::string calendar =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:a@t\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART:" +
        compact + "T090000Z\r\nDTEND:" + compact + "T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    call("POST", "/api/events/{}/schedules/import", event + "/schedules/import?name=Bo", calendar,
         {{"Content-Type", "text/calendar"}});
    call("GET", "/api/events/{}/grid", event + "/grid?tz=UTC");
    call("GET", "/api/events/{}/best-times", event + "/best-times?duration=30");
    call("GET", "/api/events/{}/export.csv", event + "/export.csv");
    call("PUT", "/api/events/{}/decision", event + "/decision",
         R"({"date": ")" + day1 + R"(", "startTime": "10:00", "endTime": "11:00"})", admin);
    call("GET", "/api/events/{}/calendar.ics", event + "/calendar.ics");
    call("DELETE", "/api/events/{}/decision", event + "/decision", "", admin);
    call("PUT", "/api/events/{}/lock", event + "/lock", "", admin);
    call("DELETE", "/api/events/{}/lock", event + "/lock", "", admin);
    call("DELETE", "/api/events/{}/schedules/{}", event + "/schedules/Bo", "", admin);
    call("DELETE", "/api/events/dates/{}",
         "/api/events/dates/" + std::to_string(as_int(dates["results"][1]["id"])), "", admin);

    // A team, its subgroups, members, regular events and an event of its own.
    auto team = parse_json(
        call("POST", "/api/teams", "/api/teams", R"({"name": "Walkers", "securityAnswer": "kim"})")
            .body);
    const std::string uuid = as_text(team["uuid"]);
    const std::string teams = "/api/teams/" + uuid;
    const HeaderList code = {{"X-Admin-Code", as_text(team["adminCode"])}};
    call("GET", "/api/teams", "/api/teams?name=Walkers", "", code);
    call("GET", "/api/teams/{}", teams);
    call("PATCH", "/api/teams/{}", teams, R"({"startTime": "08:00"})", code);
    call("POST", "/api/teams/{}/admin/verify", teams + "/admin/verify", "", code);
    auto subgroup = parse_json(
        call("POST", "/api/teams/{}/subgroups", teams + "/subgroups", R"({"name": "A"})", code)
            .body);
    const std::string subgroup_path =
        "/api/teams/subgroups/" + std::to_string(as_int(subgroup["id"]));
    call("GET", "/api/teams/{}/subgroups", teams + "/subgroups");
    call("GET", "/api/teams/subgroups/{}", subgroup_path);
    call("PATCH", "/api/teams/subgroups/{}", subgroup_path, R"({"name": "B"})", code);
    std::string week = "[";
    for (int d = 0; d < 7; ++d) {
        week += std::string(d ? "," : "") + '"' + day_with({20, 21}) + '"';
    }
    week += "]";
    auto member =
        parse_json(call("POST", "/api/teams/members", "/api/teams/members",
                        R"({"team": ")" + uuid +
                            R"(", "name": "Cy", "subgroup": "B", "weekSchedule": )" + week + "}")
                       .body);
    const std::string member_path = "/api/teams/members/" + std::to_string(as_int(member["id"]));
    call("GET", "/api/teams/members/{}", member_path);
    call("PATCH", "/api/teams/members/{}", member_path, R"({"subgroup": null})");
    call("POST", "/api/teams/members/{}/import", member_path + "/import?week=2030-01-14", calendar,
         {{"Content-Type", "text/calendar"}});
    call("GET", "/api/teams/{}/members", teams + "/members");
    call("GET", "/api/teams/{}/availability", teams + "/availability");
    auto regular = parse_json(
        call("POST", "/api/teams/{}/regular-events", teams + "/regular-events",
             R"({"title": "Standup", "day": 0, "startTime": "10:00", "endTime": "10:30"})", code)
            .body);
    const std::string regular_path = "/api/teams/regular-events/" + as_text(regular["uuid"]);
    call("GET", "/api/teams/{}/regular-events", teams + "/regular-events");
    call("GET", "/api/teams/regular-events/{}", regular_path);
    call("PATCH", "/api/teams/regular-events/{}", regular_path, R"({"title": "Stand-up"})", code);
    call("GET", "/api/teams/{}/calendar.ics", teams + "/calendar.ics");
    auto team_event =
        parse_json(call("POST", "/api/events", "/api/events",
                        R"({"title": "Team walk", "associatedTeam": ")" + uuid + R"("})")
                       .body);
    const std::string team_event_path = "/api/events/" + as_text(team_event["uuid"]);
    call("POST", "/api/events/{}/dates", team_event_path + "/dates",
         R"({"additionalDates": [")" + day1 + R"("]})");
    call("POST", "/api/events/{}/schedules/from-member", team_event_path + "/schedules/from-member",
         R"({"memberId": )" + std::to_string(as_int(member["id"])) + "}");
    call("GET", "/api/teams/{}/events", teams + "/events");
    call("DELETE", "/api/teams/regular-events/{}", regular_path, "", code);
    call("DELETE", "/api/teams/members/{}", member_path, "", code);
    call("DELETE", "/api/teams/subgroups/{}", subgroup_path, "", code);
    call("POST", "/api/teams/{}/admin/reset", teams + "/admin/reset",
         R"({"securityAnswer": "kim"})");
    auto fresh =
        parse_json(server.post(teams + "/admin/reset", R"({"securityAnswer": "kim"})").body);
    call("DELETE", "/api/teams/{}", teams, "", {{"X-Admin-Code", as_text(fresh["adminCode"])}});
    call("DELETE", "/api/events/{}", event, "", admin);

    // Every documented operation was walked.
    for (const auto& [operation, codes] : successes) {
        INFO(operation);
        CHECK(walked.count(operation) == 1);
    }
}
