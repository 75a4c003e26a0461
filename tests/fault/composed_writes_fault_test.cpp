// Two bistime-servers on one MariaDB taking writes sent at the same instant
// (issue 26): organiser writes each keep their change, and a person's first
// answer and the organiser's removal of that name answer what happened,
// leaving no row behind that no read shows.
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
        const bool kept = stored["title"].GetString() == title && stored.HasMember("description") &&
                          stored["description"].GetString() == notes &&
                          stored["locked"].GetBool() == locked && stored["decision"].IsObject() &&
                          stored["decision"]["date"].GetString() == day &&
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
