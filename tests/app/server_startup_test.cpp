// What an operator sees at the edges of a server's life: the database it is
// pointed at, the log lines it writes in JSON mode, and a storage that keeps
// failing (a full disk).
#include <signal.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <catch2/catch.hpp>

#include "../http/http_client.hpp"
#include "../support/server_process.hpp"

namespace {

using bistime::testing::http_request;

struct ServerProcess : bistime::testing::ServerProcess {
    explicit ServerProcess(std::vector<std::string> arguments)
        : bistime::testing::ServerProcess(BISTIME_SERVER_PATH, std::move(arguments)) {}
};

std::string file_path(const std::string& name) {
    const std::string url = bistime::testing::temp_sqlite_url(name);
    return url.substr(url.find(':') + 1);
}

std::uintmax_t size_of(const std::string& path) {
    return std::filesystem::file_size(path);
}

// A SQLite database that some other program made.
void make_foreign_database(const std::string& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

int stop(bistime::testing::ServerProcess& server) {
    REQUIRE(::kill(server.pid, SIGTERM) == 0);
    return server.wait_for_exit();
}

// {"additionalDates": [...]}: the next `count` days from tomorrow, UTC.
std::string dates_body(int count) {
    using namespace std::chrono;
    const auto today = floor<days>(system_clock::now());
    std::string body = R"({"additionalDates": [)";
    for (int i = 1; i <= count; ++i) {
        const year_month_day day{today + days(i)};
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                      static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
        body += std::string(i > 1 ? "," : "") + '"' + text + '"';
    }
    return body + "]}";
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

}  // namespace

TEST_CASE("an existing file that holds no BisTime schema is refused and left as it was", "[app]") {
    const std::string empty = file_path("empty-file");
    std::ofstream{empty};
    const std::string foreign = file_path("foreign-file");
    make_foreign_database(foreign);
    const auto foreign_size = size_of(foreign);
    for (const auto& path : {empty, foreign}) {
        INFO(path);
        ServerProcess server({"--port", "0", "--db", "sqlite:" + path});
        if (server.read_port() > 0) {
            FAIL_CHECK("the server started");
            stop(server);
            continue;
        }
        CHECK(server.wait_for_exit() == 1);
        CHECK(server.text.find("holds no BisTime database") != std::string::npos);
    }
    CHECK(size_of(empty) == 0);
    CHECK(size_of(foreign) == foreign_size);
    std::filesystem::remove(empty);
    std::filesystem::remove(foreign);
}

TEST_CASE("a new SQLite database is made where no file exists, and opened again after", "[app]") {
    const std::string path = file_path("made-here");
    for (int run = 0; run < 2; ++run) {
        INFO("run " << run);
        ServerProcess server({"--port", "0", "--db", "sqlite:" + path, "--quiet"});
        REQUIRE(server.read_port() > 0);
        CHECK(stop(server) == 0);
    }
    std::filesystem::remove(path);
}

TEST_CASE("with --log-format json every line the server writes is one valid UTF-8 JSON object",
          "[app]") {
    ServerProcess server({"--port", "0", "--db", bistime::testing::temp_sqlite_url("json-lines"),
                          "--log-format", "json"});
    const std::uint16_t port = server.read_port();
    REQUIRE(port > 0);
    CHECK(http_request(port, "GET", "/api/events/\xff\xfe\xc3(-\xed\xa0\x80").status == 404);
    CHECK(http_request(port, "GET", "/api/events/Ren\xc3\xa9").status == 404);
    CHECK(stop(server) == 0);
    const auto lines = lines_of(server.text);
    REQUIRE(lines.size() >= 4);  // start, two requests, stop
    bool saw_accent = false;
    for (const auto& line : lines) {
        INFO(line);
        rapidjson::Document document;
        document.Parse<rapidjson::kParseValidateEncodingFlag>(line.c_str(), line.size());
        CHECK_FALSE(document.HasParseError());
        CHECK(document.IsObject());
        if (document.IsObject() && document.HasMember("path") && document["path"].IsString()) {
            saw_accent =
                saw_accent || std::string(document["path"].GetString()) == "/api/events/René";
        }
    }
    CHECK(saw_accent);  // valid UTF-8 stays as it was
}

TEST_CASE("a storage that keeps failing is logged once, with counts, and without SQL or names",
          "[app]") {
    const std::string path = file_path("full-disk");
    // The shell ignores SIGXFSZ and caps file sizes (512 KiB) for the server
    // it becomes: once the database reaches the cap every write fails, as on
    // a full disk.
    bistime::testing::ServerProcess server(
        "/bin/sh", {"-c",
                    "trap '' XFSZ; ulimit -f 1024; exec \"$0\" --port 0 --max-people 0 --db "
                    "sqlite:\"$1\"",
                    BISTIME_SERVER_PATH, path});
    const std::uint16_t port = server.read_port();
    REQUIRE(port > 0);
    rapidjson::Document event;
    event.Parse(http_request(port, "POST", "/api/events", R"({"title": "Walk"})").body.c_str());
    REQUIRE(event.IsObject());
    const std::string uuid = event["uuid"].GetString();
    REQUIRE(http_request(port, "POST", "/api/events/" + uuid + "/dates", dates_body(366)).status ==
            201);
    // The server's output is read all along, so that a server that logs a lot
    // is not held up by a full pipe.
    std::thread drain([&server] { server.read_until("\x01"); });
    int refused = 0;
    unsigned noise = 7;
    for (int person = 0; person < 400; ++person) {
        std::string days;
        for (int day = 0; day < 366; ++day) {
            std::string slots(48, '0');
            for (auto& slot : slots) {
                noise = noise * 1103515245u + 12345u;
                slot = (noise >> 16) % 2 ? '1' : '0';
            }
            days += (day ? ",\"" : "\"") + slots + '"';
        }
        const auto reply = http_request(port, "POST", "/api/events/" + uuid + "/schedules",
                                        R"({"name": "Secret Person )" + std::to_string(person) +
                                            R"(", "availability": [)" + days + "]}");
        refused += reply.status == 503 ? 1 : 0;
        CHECK(reply.status != 500);
    }
    REQUIRE(::kill(server.pid, SIGTERM) == 0);
    drain.join();
    CHECK(server.wait_for_exit() == 0);
    INFO(server.text.substr(0, 4000));
    REQUIRE(refused > 50);
    int storage_lines = 0;
    for (const auto& line : lines_of(server.text)) {
        storage_lines += line.find("storage") != std::string::npos ? 1 : 0;
    }
    CHECK(storage_lines <= 3);  // failing, and (at stop) how many failed
    CHECK(server.text.find(" " + std::to_string(refused) + " ") != std::string::npos);
    CHECK(server.text.find("INSERT") == std::string::npos);
    CHECK(server.text.find("Secret Person") == std::string::npos);
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
}
