// bistime-server as an operator runs it: a child process with flags, stopped
// by a signal.
#include <signal.h>

#include <chrono>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "../http/http_client.hpp"
#include "../support/server_process.hpp"

namespace {

struct ServerProcess : bistime::testing::ServerProcess {
    explicit ServerProcess(std::vector<std::string> arguments)
        : bistime::testing::ServerProcess(BISTIME_SERVER_PATH, std::move(arguments)) {}
};

std::string temp_database() {
    return bistime::testing::temp_sqlite_url("process-test");
}

}  // namespace

TEST_CASE("the server prints the port it bound, logs each request and stops on SIGTERM", "[app]") {
    ServerProcess server({"--port", "0", "--db", temp_database()});
    const std::string banner = server.read_until("\n");
    const auto at = banner.find("http://127.0.0.1:");
    REQUIRE(at != std::string::npos);
    const int port = std::stoi(banner.substr(at + 17));
    REQUIRE(port > 0);

    auto health =
        bistime::testing::http_request(static_cast<std::uint16_t>(port), "GET", "/health-check");
    CHECK(health.status == 200);
    auto missing =
        bistime::testing::http_request(static_cast<std::uint16_t>(port), "GET", "/api/nowhere");
    CHECK(missing.status == 404);

    REQUIRE(::kill(server.pid, SIGTERM) == 0);
    CHECK(server.wait_for_exit() == 0);
    CHECK(server.text.find("GET /health-check 200 ") != std::string::npos);
    CHECK(server.text.find("GET /api/nowhere 404 ") != std::string::npos);
    CHECK(server.text.find("stopping") != std::string::npos);
}

TEST_CASE("request log lines come out in batches, yet promptly, while the server runs", "[app]") {
    ServerProcess server({"--port", "0", "--db", temp_database()});
    const std::uint16_t port = server.read_port();
    REQUIRE(port > 0);
    for (int i = 0; i < 50; ++i) {
        REQUIRE(
            bistime::testing::http_request(port, "GET", "/api/log-" + std::to_string(i)).status ==
            404);
    }
    // Not flushed per line, but within the log's interval (read_until blocks
    // until the line arrives; the test's own timeout bounds it).
    const auto asked = std::chrono::steady_clock::now();
    server.read_until("GET /api/log-49 404 ");
    CHECK(std::chrono::steady_clock::now() - asked < std::chrono::seconds(2));
    REQUIRE(::kill(server.pid, SIGTERM) == 0);
    CHECK(server.wait_for_exit() == 0);
}

TEST_CASE("the server refuses to start on an unknown time zone", "[app]") {
    ServerProcess server(
        {"--port", "0", "--db", temp_database(), "--timezone", "Mars/Olympus_Mons"});
    CHECK(server.wait_for_exit() == 1);
    CHECK(server.text.find("unknown time zone") != std::string::npos);
}

TEST_CASE("the server refuses an unreadable database URL", "[app]") {
    ServerProcess server({"--port", "0", "--db", "postgres://nope"});
    CHECK(server.wait_for_exit() == 1);
    CHECK(server.text.find("sqlite:") != std::string::npos);
}

TEST_CASE("the server explains its flags with --help", "[app]") {
    ServerProcess server({"--help"});
    CHECK(server.wait_for_exit() == 0);
    CHECK(server.text.find("--cors-origin") != std::string::npos);
    ServerProcess wrong({"--bogus", "1"});
    CHECK(wrong.wait_for_exit() == 2);
}

TEST_CASE("the server serves the web app by default and only the API with --web off", "[app]") {
    for (const bool web : {true, false}) {
        std::vector<std::string> arguments{"--port", "0", "--db", temp_database(), "--quiet"};
        if (!web) {
            arguments.insert(arguments.end(), {"--web", "off"});
        }
        ServerProcess server(arguments);
        const std::string banner = server.read_until("\n");
        const auto at = banner.find("http://127.0.0.1:");
        REQUIRE(at != std::string::npos);
        const auto port = static_cast<std::uint16_t>(std::stoi(banner.substr(at + 17)));
        auto home = bistime::testing::http_request(port, "GET", "/");
        INFO("web " << (web ? "on" : "off"));
        CHECK(home.status == (web ? 200 : 404));
        CHECK(home.header("content-type").find(web ? "text/html" : "application/json") == 0);
        CHECK(bistime::testing::http_request(port, "GET", "/health-check").status == 200);
    }
}

TEST_CASE("the app's scripts are served without whole-line comments or indentation", "[app]") {
    ServerProcess server({"--port", "0", "--db", temp_database(), "--quiet"});
    const std::uint16_t port = server.read_port();
    REQUIRE(port > 0);
    const auto home = bistime::testing::http_request(port, "GET", "/e/any");
    const auto at = home.body.find("/assets/");
    REQUIRE(at != std::string::npos);
    const std::string assets =
        home.body.substr(at, home.body.find('/', at + 8) - at);  // /assets/{build}
    const auto script = bistime::testing::http_request(port, "GET", assets + "/js/slot_grid.js");
    REQUIRE(script.status == 200);
    CHECK(script.body.find("export class SlotGrid") != std::string::npos);
    std::istringstream lines(script.body);
    int count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
        INFO(line);
        CHECK_FALSE(line.rfind("//", 0) == 0);
        CHECK_FALSE((!line.empty() && (line[0] == ' ' || line[0] == '\t')));
    }
    CHECK(count > 100);
}

TEST_CASE("a text log line names the time, the client and the request's id", "[app]") {
    ServerProcess server({"--port", "0", "--db", temp_database()});
    const std::uint16_t port = server.read_port();
    REQUIRE(port > 0);
    auto reply = bistime::testing::http_request(port, "GET", "/api/events/none?name=Ann", "",
                                                {{"X-Request-Id", "trace-42"}});
    CHECK(reply.status == 404);
    CHECK(reply.header("x-request-id") == "trace-42");
    const std::string& text = server.read_until("id=trace-42");
    const auto line_start = text.rfind('\n', text.find("id=trace-42")) + 1;
    const std::string line = text.substr(line_start, text.find("id=trace-42") - line_start);
    // "2026-12-02T15:04:05.123Z 127.0.0.1 GET /api/events/none 404 0.4ms "
    CHECK(line.size() > 25);
    CHECK(line.substr(4, 1) == "-");
    CHECK(line.substr(10, 1) == "T");
    CHECK(line.substr(23, 2) == "Z ");
    CHECK(line.find(" 127.0.0.1 GET /api/events/none 404 ") != std::string::npos);
    CHECK(line.find("Ann") == std::string::npos);  // the query is never logged
    REQUIRE(::kill(server.pid, SIGTERM) == 0);
    CHECK(server.wait_for_exit() == 0);
}

TEST_CASE("with --log-format json each request is one JSON object, without query or secrets",
          "[app]") {
    ServerProcess server({"--port", "0", "--db", temp_database(), "--log-format", "json"});
    const std::uint16_t port = server.read_port();
    REQUIRE(port > 0);
    auto reply = bistime::testing::http_request(
        port, "DELETE", "/api/events/some-event?token=abc", "",
        {{"X-Admin-Token", "very-secret-token"}, {"X-Request-Id", "json-\"quoted"}});
    CHECK(reply.status == 404);
    const std::string id = reply.header("x-request-id");
    CHECK(id.size() == 16);  // the client's was no token: a fresh one
    const std::string& text = server.read_until("\"request_id\":\"" + id + "\"}");
    const auto end = text.find("\"request_id\":\"" + id + "\"}");
    const std::string line = text.substr(text.rfind('\n', end) + 1);
    CHECK(line.rfind("{\"time\":\"", 0) == 0);
    CHECK(line.find("\"client\":\"127.0.0.1\"") != std::string::npos);
    CHECK(line.find("\"method\":\"DELETE\"") != std::string::npos);
    CHECK(line.find("\"path\":\"/api/events/some-event\"") != std::string::npos);
    CHECK(line.find("\"route\":\"/api/events/{}\"") != std::string::npos);
    CHECK(line.find("\"status\":404") != std::string::npos);
    CHECK(line.find("\"duration_ms\":") != std::string::npos);
    CHECK(line.find("token=abc") == std::string::npos);
    CHECK(line.find("very-secret-token") == std::string::npos);
    REQUIRE(::kill(server.pid, SIGTERM) == 0);
    CHECK(server.wait_for_exit() == 0);
}

TEST_CASE("the server prints its version with --version, and names it in its start-up line",
          "[app]") {
    ServerProcess version({"--version"});
    CHECK(version.wait_for_exit() == 0);
    CHECK(version.text == std::string("bistime-server ") + BISTIME_EXPECTED_VERSION + "\n");

    ServerProcess server({"--port", "0", "--db", temp_database(), "--timezone", "Europe/Berlin"});
    const std::string banner = server.read_until("\n");
    CHECK(banner.find(std::string("bistime-server ") + BISTIME_EXPECTED_VERSION + " listening") !=
          std::string::npos);
    CHECK(banner.find("time zone Europe/Berlin") != std::string::npos);
    REQUIRE(::kill(server.pid, SIGTERM) == 0);
    CHECK(server.wait_for_exit() == 0);
}

TEST_CASE("the server's probe mode exits 0 while a server there is ready, and 1 when none is",
          "[app]") {
    ServerProcess server({"--port", "0", "--db", temp_database(), "--quiet"});
    const std::uint16_t port = server.read_port();
    REQUIRE(port > 0);
    ServerProcess ready({"--probe", "--port", std::to_string(port)});
    CHECK(ready.wait_for_exit() == 0);
    REQUIRE(::kill(server.pid, SIGTERM) == 0);
    CHECK(server.wait_for_exit() == 0);
    ServerProcess nobody({"--probe", "--port", std::to_string(port)});
    CHECK(nobody.wait_for_exit() == 1);
}
