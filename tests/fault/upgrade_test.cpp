// A database the previous schema wrote, opened by this server: every answer
// comes back as it was, and the people in it go on editing, adding days and
// leaving. The fixtures (fault/fixtures/schema-14.*) were written through the
// API by the release before migration 15 (8bacb25), on SQLite and on
// MariaDB, and dumped with sqlite3 and mariadb-dump; each comes with the
// event's uuid and its schedules as that release listed them. The event has
// four dates, the last deleted after people answered on it; Ann wrote twice,
// Bo answered one date with PATCH, "Cy Ö" answered every date.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <unistd.h>

#include <rapidjson/document.h>
#include <catch2/catch.hpp>

#include "../http/http_client.hpp"
#include "fault_support.hpp"
#include "private_mariadb.hpp"

using namespace bistime::testing;

namespace {

std::string fixture(const std::string& name) {
    return std::string(BISTIME_SOURCE_DIR) + "/tests/fault/fixtures/" + name;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

struct Day {
    long long id = 0;
    std::string availability;
    std::string created_at;
    std::string updated_at;
};

// A schedules list by name, then date.
std::map<std::string, std::map<std::string, Day>> by_person(const rapidjson::Value& rows) {
    std::map<std::string, std::map<std::string, Day>> people;
    for (const auto& row : rows.GetArray()) {
        people[row["name"].GetString()][row["date"].GetString()] =
            Day{row["id"].GetInt64(), row["availability"].GetString(), row["createdAt"].GetString(),
                row["updatedAt"].GetString()};
    }
    return people;
}

std::string day_with(int from, int to) {
    std::string day(48, '0');
    for (int slot = from; slot < to; ++slot) {
        day[static_cast<std::size_t>(slot)] = '1';
    }
    return day;
}

// Opens the upgraded database in a server and checks what it shows and
// what its people can still do. `backend` names the fixture.
void check_upgrade(const std::string& backend, const std::string& url) {
    ServerProcess server(server_path(),
                         {"--port", "0", "--db", url, "--quiet", "--retention-days", "0"});
    const std::uint16_t port = server.read_port();
    REQUIRE(port > 0);
    rapidjson::Document expected;
    expected.Parse(read_text(fixture("schema-14." + backend + ".json")).c_str());
    REQUIRE(expected.IsObject());
    const std::string uuid = expected["uuid"].GetString();
    const std::string schedules = "/api/events/" + uuid + "/schedules";

    // Every answer as the previous release listed it: ids, times and all.
    auto listed = http_request(port, "GET", schedules);
    REQUIRE(listed.status == 200);
    rapidjson::Document upgraded;
    upgraded.Parse(listed.body.c_str());
    REQUIRE(upgraded.IsArray());
    CHECK(upgraded == expected["schedules"]);
    const auto before = by_person(expected["schedules"]);
    REQUIRE(before.size() == 3);

    // Ann edits every date: her days keep their ids and creation times.
    const std::string ann = day_with(30, 34);
    REQUIRE(http_request(port, "POST", schedules,
                         R"({"name":"Ann","availability":[")" + ann + R"(",")" + ann + R"(",")" +
                             ann + R"("]})")
                .status == 201);
    // Bo answers a date he had not, then writes every date.
    REQUIRE(http_request(
                port, "PATCH", schedules,
                R"({"name":"Bo","date":"2031-05-12","availability":")" + day_with(1, 2) + R"("})")
                .status == 201);
    auto bo_now = http_request(port, "GET", schedules + "?name=Bo");
    REQUIRE(bo_now.status == 200);
    rapidjson::Document bo_rows;
    bo_rows.Parse(bo_now.body.c_str());
    CHECK(bo_rows.Size() == 2);
    REQUIRE(http_request(port, "POST", schedules,
                         R"({"name":"Bo","availability":[")" + day_with(2, 3) + R"(",")" +
                             day_with(3, 4) + R"(",")" + day_with(4, 5) + R"("]})")
                .status == 201);
    // "Cy Ö" leaves.
    CHECK(http_request(port, "DELETE", schedules + "/Cy%20%C3%96").status == 204);

    auto after = http_request(port, "GET", schedules);
    REQUIRE(after.status == 200);
    rapidjson::Document rows;
    rows.Parse(after.body.c_str());
    REQUIRE(rows.IsArray());
    const auto now = by_person(rows);
    REQUIRE(now.size() == 2);
    REQUIRE(now.at("Ann").size() == 3);
    for (const auto& [date, day] : now.at("Ann")) {
        CHECK(day.availability == ann);
        CHECK(day.id == before.at("Ann").at(date).id);
        CHECK(day.created_at == before.at("Ann").at(date).created_at);
    }
    REQUIRE(now.at("Bo").size() == 3);
    CHECK(now.at("Bo").at("2031-05-12").availability == day_with(2, 3));
    CHECK(now.at("Bo").at("2031-05-13").availability == day_with(3, 4));
    CHECK(now.at("Bo").at("2031-05-13").id == before.at("Bo").at("2031-05-13").id);
    CHECK(now.at("Bo").at("2031-05-13").created_at == before.at("Bo").at("2031-05-13").created_at);
    CHECK(now.at("Bo").at("2031-05-14").availability == day_with(4, 5));

    // The event's own summary agrees with the rows.
    auto event = http_request(port, "GET", "/api/events/" + uuid);
    REQUIRE(event.status == 200);
    rapidjson::Document details;
    details.Parse(event.body.c_str());
    REQUIRE(details["participants"].Size() == 2);
    CHECK(details["availabilityCounts"]["2031-05-13"][30].GetInt() == 1);  // Ann
    CHECK(details["availabilityCounts"]["2031-05-13"][3].GetInt() == 1);   // Bo
}

// A team of the previous schema (migration 17 lets names repeat): its rows,
// written straight into the fixture before the upgrade.
const std::string k_old_team = "TUpgradeTeamAAAAAAAAAAA";
std::string old_team_rows() {
    const std::string week(336, '0');
    return "INSERT INTO teams (id, uuid, name, created_at, updated_at, security_question,"
           " security_answer_hash, admin_code_hash, start_minute, end_minute) VALUES (7, '" +
           k_old_team +
           "', 'Old Walkers', 1700000000, 1700000000, 1, 'x', 'x', 540, 1080);\n"
           "INSERT INTO subgroups (id, team_id, name, created_at, updated_at) VALUES"
           " (3, 7, 'Hikers', 1700000000, 1700000000);\n"
           "INSERT INTO members (id, team_id, subgroup_id, name, week, created_at, updated_at)"
           " VALUES (5, 7, 3, 'Ann', '" +
           week + "', 1700000000, 1700000000);\n";
}

std::string write_rows(const std::filesystem::path& path) {
    std::ofstream(path) << old_team_rows();
    return path.string();
}

// The old team, its subgroup and member read as before, with their ids; its
// name may now be taken again, and a new member gets a random id.
void check_old_team(const std::string& url) {
    ServerProcess server(server_path(),
                         {"--port", "0", "--db", url, "--quiet", "--retention-days", "0"});
    const std::uint16_t port = server.read_port();
    REQUIRE(port > 0);
    auto team = http_request(port, "GET", "/api/teams/" + k_old_team);
    REQUIRE(team.status == 200);
    CHECK(team.body.find("\"Old Walkers\"") != std::string::npos);
    auto member = http_request(port, "GET", "/api/teams/members/5");
    REQUIRE(member.status == 200);
    CHECK(member.body.find("\"subgroup\":\"Hikers\"") != std::string::npos);
    CHECK(http_request(port, "GET", "/api/teams/subgroups/3").status == 200);
    auto again = http_request(port, "POST", "/api/teams",
                              R"({"name":"Old Walkers","securityAnswer":"kim"})");
    REQUIRE(again.status == 201);
    rapidjson::Document created;
    created.Parse(again.body.c_str());
    std::string week;
    for (int day = 0; day < 7; ++day) {
        week += (day == 0 ? "[\"" : ",\"") + std::string(48, '0') + "\"";
    }
    auto joined = http_request(port, "POST", "/api/teams/members",
                               R"({"team":")" + std::string(created["uuid"].GetString()) +
                                   R"(","name":"Bo","weekSchedule":)" + week + "]}");
    REQUIRE(joined.status == 201);
    rapidjson::Document bo;
    bo.Parse(joined.body.c_str());
    CHECK(bo["id"].GetInt64() > (std::int64_t{1} << 40));
}
}  // namespace

TEST_CASE("a SQLite database of the previous schema is upgraded with every answer kept",
          "[fault][sqlite][upgrade]") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("bistime-upgrade-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string db = (dir / "old.db").string();
    const std::string load = "sqlite3 '" + db + "' < '" + fixture("schema-14.sqlite.sql") + "'";
    REQUIRE(std::system(load.c_str()) == 0);
    check_upgrade("sqlite", "sqlite:" + db);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a MariaDB database of the previous schema is upgraded with every answer kept",
          "[fault][mysql][upgrade]") {
    PrivateMariaDb mariadb;
    mariadb.load(fixture("schema-14.mariadb.sql"));
    check_upgrade("mariadb", mariadb.url());
}

TEST_CASE("a SQLite team of the previous schema keeps its ids and rows; its name may repeat",
          "[fault][sqlite][upgrade]") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("bistime-upgrade-team-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string db = (dir / "old.db").string();
    const std::string load = "sqlite3 '" + db + "' < '" + fixture("schema-14.sqlite.sql") +
                             "' && sqlite3 '" + db + "' < '" + write_rows(dir / "team.sql") + "'";
    REQUIRE(std::system(load.c_str()) == 0);
    check_old_team("sqlite:" + db);
    // The rebuilt table left every reference whole and the file sound.
    const std::string check = "sqlite3 '" + db +
                              "' 'PRAGMA foreign_key_check;' 'PRAGMA integrity_check;' > '" +
                              (dir / "check.txt").string() + "'";
    REQUIRE(std::system(check.c_str()) == 0);
    CHECK(read_text((dir / "check.txt").string()) == "ok\n");
    std::filesystem::remove_all(dir);
}

TEST_CASE("a MariaDB team of the previous schema keeps its ids and rows; its name may repeat",
          "[fault][mysql][upgrade]") {
    PrivateMariaDb mariadb;
    mariadb.load(fixture("schema-14.mariadb.sql"));
    const auto rows = std::filesystem::temp_directory_path() /
                      ("bistime-upgrade-team-" + std::to_string(::getpid()) + ".sql");
    mariadb.load(write_rows(rows));
    check_old_team(mariadb.url());
    std::filesystem::remove(rows);
}
