// The database fails under the server: killed and restarted, or frozen.
// The server answers 503 (with Retry-After) while it cannot reach it, never
// waits past its timeout, recovers by itself when the database returns, and
// loses no write it acknowledged.
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>
#include <catch2/catch.hpp>

#include "../http/http_client.hpp"
#include "fault_support.hpp"
#include "private_mariadb.hpp"
#include "write_load.hpp"

using namespace bistime::testing;
using Clock = std::chrono::steady_clock;

namespace {

// Every schedule row of the event, as name → number of rows.
std::map<std::string, int> schedule_rows(std::uint16_t port, const std::string& uuid) {
    auto reply = http_request(port, "GET", "/api/events/" + uuid + "/schedules");
    REQUIRE(reply.status == 200);
    rapidjson::Document rows;
    rows.Parse(reply.body.c_str());
    REQUIRE(rows.IsArray());
    std::map<std::string, int> count;
    for (const auto& row : rows.GetArray()) {
        ++count[row["name"].GetString()];
    }
    return count;
}

}  // namespace

TEST_CASE(
    "after MariaDB is killed and restarted the server recovers by itself and keeps every "
    "acknowledged write once",
    "[fault][mysql]") {
    PrivateMariaDb mariadb;
    ServerProcess server(server_path(), {"--port", "0", "--db", mariadb.url(), "--quiet",
                                         "--max-people", "0", "--db-timeout", "2"});
    const auto port = server.read_port();
    REQUIRE(port > 0);
    const std::string uuid = create_event_with_dates(port, 2);
    REQUIRE_FALSE(uuid.empty());

    WriteLoad load(port, uuid, 4);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const auto killed = Clock::now();
    mariadb.kill_hard();
    std::this_thread::sleep_for(std::chrono::seconds(3));
    auto health = http_request(port, "GET", "/health-check");
    CHECK(health.status == 200);  // liveness never asks the database
    const auto not_ready_at = Clock::now();
    auto ready = http_request(port, "GET", "/ready");
    CHECK(ready.status == 503);  // readiness does, and answers fast
    CHECK(Clock::now() - not_ready_at < std::chrono::milliseconds(2500));
    mariadb.restart();
    const auto back = Clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(6));
    load.stop();
    CHECK(http_request(port, "GET", "/ready").status == 200);

    const auto answers = load.answers();
    std::set<std::string> acknowledged;
    std::set<std::string> unknown;  // 503 or no answer: the write may or may not have happened
    int other_statuses = 0;
    int during_outage = 0;
    int refused_with_retry_after = 0;
    double slowest_during_outage = 0;
    std::optional<Clock::time_point> first_success_after_return;
    for (const auto& answer : answers) {
        other_statuses += answer.status == 201 || answer.status == 503 ? 0 : 1;
        if (answer.status == 201) {
            acknowledged.insert(answer.name);
            if (answer.at > back &&
                (!first_success_after_return || answer.at < *first_success_after_return)) {
                first_success_after_return = answer.at;
            }
        } else {
            unknown.insert(answer.name);
            refused_with_retry_after += answer.retry_after ? 1 : 0;
        }
        if (answer.at > killed + std::chrono::milliseconds(100) && answer.at < back) {
            ++during_outage;
            slowest_during_outage = std::max(slowest_during_outage, answer.seconds);
        }
    }
    REQUIRE(first_success_after_return.has_value());
    const double recovery =
        std::chrono::duration<double>(*first_success_after_return - back).count();
    WARN("answers during the outage: "
         << during_outage << ", slowest " << slowest_during_outage << " s; recovery " << recovery
         << " s after MariaDB returned; " << acknowledged.size() << " acknowledged writes");
    CHECK(other_statuses == 0);  // 201 or 503, never a 500 or a dropped connection
    CHECK(during_outage > 0);
    CHECK(refused_with_retry_after == static_cast<int>(unknown.size()));
    CHECK(slowest_during_outage < 2.5);
    CHECK(recovery < 5.0);

    const auto rows = schedule_rows(port, uuid);
    for (const auto& name : acknowledged) {
        INFO(name);
        CHECK(rows.count(name) == 1);
        CHECK(rows.at(name) == 2);  // one row per date, never duplicated
    }
    for (const auto& [name, count] : rows) {
        INFO(name);
        CHECK((acknowledged.count(name) == 1 || unknown.count(name) == 1));
        CHECK(count == 2);
    }
    const std::string& log = server.read_until("storage available again");
    CHECK(log.find("storage available again") != std::string::npos);
}

TEST_CASE(
    "with MariaDB frozen every request is answered within the timeout and the server "
    "recovers when it thaws",
    "[fault][mysql][serial]") {
    PrivateMariaDb mariadb;
    ServerProcess server(server_path(), {"--port", "0", "--db", mariadb.url(), "--quiet",
                                         "--max-people", "0", "--db-timeout", "2"});
    const auto port = server.read_port();
    REQUIRE(port > 0);
    const std::string uuid = create_event_with_dates(port, 2);
    REQUIRE_FALSE(uuid.empty());

    WriteLoad load(port, uuid, 4);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    mariadb.freeze();
    const auto frozen = Clock::now();
    double slowest_health = 0;
    double slowest_read = 0;
    while (Clock::now() < frozen + std::chrono::seconds(8)) {
        auto started = Clock::now();
        CHECK(http_request(port, "GET", "/health-check").status == 200);
        slowest_health =
            std::max(slowest_health, std::chrono::duration<double>(Clock::now() - started).count());
        started = Clock::now();
        const int status = http_request(port, "GET", "/api/events/" + uuid).status;
        CHECK((status == 200 || status == 503));
        slowest_read =
            std::max(slowest_read, std::chrono::duration<double>(Clock::now() - started).count());
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    mariadb.thaw();
    const auto thawed = Clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(5));
    load.stop();

    double slowest_write = 0;
    std::optional<Clock::time_point> first_success_after_thaw;
    for (const auto& answer : load.answers()) {
        if (answer.at > frozen && answer.at < thawed) {
            slowest_write = std::max(slowest_write, answer.seconds);
        }
        if (answer.status == 201 && answer.at > thawed &&
            (!first_success_after_thaw || answer.at < *first_success_after_thaw)) {
            first_success_after_thaw = answer.at;
        }
    }
    WARN("frozen: slowest health-check " << slowest_health << " s, slowest read " << slowest_read
                                         << " s, slowest write " << slowest_write << " s");
    CHECK(slowest_health < 0.1);
    // At most half a timeout waiting for a connection, then one timeout
    // (2 s) for the statement that meets the freeze: 3 s, with room for a
    // loaded machine; never the whole freeze (8 s).
    CHECK(slowest_read < 3.5);
    CHECK(slowest_write < 3.5);
    ::kill(server.pid, SIGTERM);
    server.wait_for_exit();
    // The outage is logged once when it starts and once when it ends, not
    // once per refused request.
    const auto occurrences = [&](const std::string& what) {
        std::size_t count = 0;
        for (auto at = server.text.find(what); at != std::string::npos;
             at = server.text.find(what, at + 1)) {
            ++count;
        }
        return count;
    };
    CHECK(occurrences("storage unavailable") == 1);
    CHECK(occurrences("storage available again") == 1);
    REQUIRE(first_success_after_thaw.has_value());
    CHECK(std::chrono::duration<double>(*first_success_after_thaw - thawed).count() < 5.0);
}
