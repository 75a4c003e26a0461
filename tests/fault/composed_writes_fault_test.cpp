// Two bistime-servers on one MariaDB taking writes sent at the same instant
// (issue 26): organiser writes each keep their change, and a person's first
// answer and the organiser's removal of that name answer what happened,
// leaving no row behind that no read shows.
#include <cstdio>
#include <functional>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>
#include <catch2/catch.hpp>

#include "../http/http_client.hpp"
#include "fault_support.hpp"
#include "private_mariadb.hpp"

using namespace bistime::testing;

namespace {

// Runs `requests` on threads of their own that start together.
void at_once(const std::vector<std::function<void()>>& requests) {
    std::latch start(static_cast<std::ptrdiff_t>(requests.size()));
    std::vector<std::thread> threads;
    for (const auto& request : requests) {
        threads.emplace_back([&start, &request] {
            start.arrive_and_wait();
            request();
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
}

struct CreatedEvent {
    std::string uuid;
    std::string token;
};

// An event from 08:00 to 20:00 with the dates two and three days ahead.
CreatedEvent create_event(std::uint16_t port) {
    auto reply = http_request(port, "POST", "/api/events",
                              R"({"title":"Composed","startTime":"08:00","endTime":"20:00"})");
    rapidjson::Document event;
    event.Parse(reply.body.c_str());
    REQUIRE(reply.status == 201);
    CreatedEvent created{event["uuid"].GetString(), event["adminToken"].GetString()};
    const std::string dates =
        R"({"additionalDates":[")" + date_from_today(2) + R"(",")" + date_from_today(3) + R"("]})";
    REQUIRE(http_request(port, "POST", "/api/events/" + created.uuid + "/dates", dates).status ==
            201);
    return created;
}

std::string two_digits(int value) {
    return (value < 10 ? "0" : "") + std::to_string(value);
}

// Two servers on a MariaDB of the test's own. The second starts once the
// first has migrated the database: a migration slower than the servers'
// database timeout would otherwise cut the second's wait for it.
struct TwoServers {
    PrivateMariaDb mariadb;
    ServerProcess first{server_path(), {"--port", "0", "--db", mariadb.url(), "--quiet"}};
    std::uint16_t first_port = first.read_port();
    ServerProcess second{server_path(), {"--port", "0", "--db", mariadb.url(), "--quiet"}};
    std::uint16_t ports[2] = {first_port, second.read_port()};
};

}  // namespace

TEST_CASE("two servers on one MariaDB: organiser writes sent at once each keep their change",
          "[fault][mysql][compose]") {
    TwoServers servers;
    REQUIRE(servers.ports[0] > 0);
    REQUIRE(servers.ports[1] > 0);
    const CreatedEvent event = create_event(servers.ports[0]);
    const std::string path = "/api/events/" + event.uuid;
    const HeaderList admin = {{"X-Admin-Token", event.token}};
    constexpr int k_rounds = 30;
    int lost = 0;
    for (int round = 1; round <= k_rounds; ++round) {
        const std::string title = "Round " + std::to_string(round);
        const std::string notes = "Notes " + std::to_string(round);
        const bool locked = round % 2 == 1;
        const std::string day = date_from_today(2 + round % 2);
        const std::string start = two_digits(8 + round % 10) + ":00";
        const std::string decision = R"({"date":")" + day + R"(","startTime":")" + start +
                                     R"(","endTime":")" + two_digits(9 + round % 10) + R"(:00"})";
        int statuses[4] = {};
        at_once({[&] {
                     statuses[0] = http_request(servers.ports[0], "PATCH", path,
                                                R"({"title":")" + title + "\"}", admin)
                                       .status;
                 },
                 [&] {
                     statuses[1] = http_request(servers.ports[1], "PATCH", path,
                                                R"({"description":")" + notes + "\"}", admin)
                                       .status;
                 },
                 [&] {
                     statuses[2] = http_request(servers.ports[0], locked ? "PUT" : "DELETE",
                                                path + "/lock", "", admin)
                                       .status;
                 },
                 [&] {
                     statuses[3] =
                         http_request(servers.ports[1], "PUT", path + "/decision", decision, admin)
                             .status;
                 }});
        for (int status : statuses) {
            REQUIRE(status == 200);
        }
        auto reply = http_request(servers.ports[round % 2], "GET", path);
        rapidjson::Document stored;
        stored.Parse(reply.body.c_str());
        REQUIRE(reply.status == 200);
        // An Event shows "locked" only while locked, and "decision" once decided.
        const bool shows_locked = stored.HasMember("locked") && stored["locked"].IsTrue();
        const bool decided = stored.HasMember("decision") && stored["decision"].IsObject();
        const bool kept = stored["title"].GetString() == title && stored.HasMember("description") &&
                          stored["description"].GetString() == notes && shows_locked == locked &&
                          decided && stored["decision"]["date"].GetString() == day &&
                          stored["decision"]["startTime"].GetString() == start;
        lost += kept ? 0 : 1;
    }
    INFO("rounds that lost an acknowledged change: " << lost << " of " << k_rounds);
    CHECK(lost == 0);
}

TEST_CASE(
    "two servers on one MariaDB: a first answer and the removal of that name sent at once "
    "agree on what happened and leave no rows behind",
    "[fault][mysql][compose]") {
    TwoServers servers;
    REQUIRE(servers.ports[0] > 0);
    REQUIRE(servers.ports[1] > 0);
    const CreatedEvent event = create_event(servers.ports[0]);
    const std::string schedules = "/api/events/" + event.uuid + "/schedules";
    const HeaderList admin = {{"X-Admin-Token", event.token}};
    const std::string two_days =
        "[\"" + std::string(48, '1') + "\",\"" + std::string(48, '0') + "\"]";
    constexpr int k_rounds = 300;
    int contradictions = 0;
    int removed = 0;
    for (int round = 1; round <= k_rounds; ++round) {
        const std::string name = "Person" + std::to_string(round);
        int answered = 0;
        int removal = 0;
        at_once({[&] {
                     answered = http_request(
                                    servers.ports[0], "POST", schedules,
                                    R"({"name":")" + name + R"(","availability":)" + two_days + "}")
                                    .status;
                 },
                 [&] {
                     removal =
                         http_request(servers.ports[1], "DELETE", schedules + "/" + name, "", admin)
                             .status;
                 }});
        REQUIRE(answered == 201);
        REQUIRE((removal == 204 || removal == 404));
        removed += removal == 204 ? 1 : 0;
        auto listed = http_request(servers.ports[round % 2], "GET", schedules + "?name=" + name);
        REQUIRE(listed.status == 200);
        const bool present = listed.body != "[]";
        // 204: the removal took the answer, which must be gone; 404: the
        // answer came after the removal, and must be there.
        contradictions += present == (removal == 204) ? 1 : 0;
        if (present) {
            // Under the servers' limit on people, whatever the rounds.
            REQUIRE(http_request(servers.ports[0], "DELETE", schedules + "/" + name, "", admin)
                        .status == 204);
        }
    }
    const std::string orphans = servers.mariadb.query(
        "SELECT COUNT(*) FROM answers a WHERE NOT EXISTS (SELECT 1 FROM schedules s"
        " WHERE s.event_id = a.event_id AND s.name = a.name)");
    INFO("removals that took the answer: " << removed << " of " << k_rounds);
    INFO("contradictions: " << contradictions << "; answers rows without day rows: " << orphans);
    CHECK(contradictions == 0);
    CHECK(orphans == "0");
}

namespace {

// The first line `sql` prints, run by the sqlite3 shell on `file`.
std::string sqlite_query(const std::string& file, const std::string& sql) {
    const std::string command = "sqlite3 '" + file + "' \"" + sql + "\"";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char line[256] = {};
    const bool read = std::fgets(line, sizeof line, pipe) != nullptr;
    REQUIRE(::pclose(pipe) == 0);
    std::string answer = read ? line : "";
    return answer.substr(0, answer.find('\n'));
}

// The "id" of a JSON object, or of the first of a page's "results".
std::int64_t json_id(const std::string& body, bool first_result = false) {
    rapidjson::Document json;
    json.Parse(body.c_str());
    REQUIRE(json.IsObject());
    const rapidjson::Value& item = first_result ? json["results"][0] : json;
    return item["id"].GetInt64();
}

}  // namespace

// A database of schema 15 holding an answers row without day rows, as a
// removal racing a first answer left them: migration 16 deletes it and
// keeps the person who has days.
TEST_CASE("upgrading deletes the answers rows no read shows and keeps the others",
          "[fault][sqlite][upgrade][compose]") {
    const std::string url = temp_sqlite_url("orphans");
    const std::string file = url.substr(std::string("sqlite:").size());
    std::string uuid;
    std::int64_t event_id = 0;
    std::int64_t date_id = 0;
    {
        ServerProcess server(server_path(), {"--port", "0", "--db", url, "--quiet"});
        const std::uint16_t port = server.read_port();
        REQUIRE(port > 0);
        const CreatedEvent event = create_event(port);
        uuid = event.uuid;
        event_id = json_id(http_request(port, "GET", "/api/events/" + uuid).body);
        date_id = json_id(http_request(port, "GET", "/api/events/" + uuid + "/dates").body, true);
        const std::string days =
            "[\"" + std::string(48, '1') + "\",\"" + std::string(48, '0') + "\"]";
        REQUIRE(http_request(port, "POST", "/api/events/" + uuid + "/schedules",
                             R"({"name":"Ann","availability":)" + days + "}")
                    .status == 201);
    }
    // Ghost's answers on the first date, as the race left them: a later
    // PATCH of the name found them and answered 200 "replaced".
    sqlite_query(file, "INSERT INTO answers (id, event_id, name, days) VALUES (999999, " +
                           std::to_string(event_id) + ", 'Ghost', '" + std::to_string(date_id) +
                           ",0," + std::string(48, '1') +
                           "'); UPDATE schema_version SET version = 15");
    REQUIRE(sqlite_query(file, "SELECT COUNT(*) FROM answers") == "2");
    ServerProcess upgraded(server_path(), {"--port", "0", "--db", url, "--quiet"});
    const std::uint16_t port = upgraded.read_port();
    REQUIRE(port > 0);
    CHECK(sqlite_query(file, "SELECT name FROM answers") == "Ann");
    CHECK(sqlite_query(file, "SELECT COUNT(*) FROM answers") == "1");
    auto ghost = http_request(port, "PATCH", "/api/events/" + uuid + "/schedules",
                              R"({"name":"Ghost","date":)" + std::to_string(date_id) +
                                  R"(,"availability":")" + std::string(48, '1') + "\"}");
    CHECK(ghost.status == 201);  // a first answer, not a replacement
}
