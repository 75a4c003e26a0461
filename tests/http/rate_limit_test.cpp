// Rate limits per client address: token buckets on creating events, teams and
// members (on by default), and on other writes when configured. Each test
// runs its own server with small limits.
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>
#include <catch2/catch.hpp>

#include "bistime/app/application.hpp"
#include "http_client.hpp"
#include "server_fixture.hpp"

using namespace bistime;
using namespace bistime::testing;

namespace {

std::unique_ptr<app::Application> start_limited(app::ServerConfig config) {
    static int servers = 0;
    const auto path = std::filesystem::temp_directory_path() /
                      ("bistime-rate-test-" + std::to_string(::getpid()) + "-" +
                       std::to_string(servers++) + ".db");
    std::filesystem::remove(path);
    config.port = 0;
    config.database = "sqlite:" + path.string();
    config.log_requests = false;
    config.timezone = "Asia/Seoul";  // ServerFixture::day_from_today() counts in it
    auto started = app::Application::start(config);
    REQUIRE(started.ok());
    return std::move(*started);
}

const std::string k_event = R"({"title":"Rate"})";

}  // namespace

TEST_CASE("creations past a client's burst get 429 with Retry-After, and reads go on",
          "[http][limits]") {
    app::ServerConfig config;
    config.create_burst = 3;
    config.create_per_second = 0.5;
    auto server = start_limited(config);
    const auto port = server->port();
    std::string uuid;
    for (int i = 0; i < 3; ++i) {
        auto created = http_request(port, "POST", "/api/events", k_event);
        REQUIRE(created.status == 201);
        uuid = as_text(parse_json(created.body)["uuid"]);
    }
    auto refused = http_request(port, "POST", "/api/events/", k_event);
    check_error_body(refused, 429);
    CHECK(refused.header("retry-after") == "2");  // one token at 0.5 a second
    auto team =
        http_request(port, "POST", "/api/teams", R"({"name":"Rate team","securityAnswer":"Kim"})");
    check_error_body(team, 429);  // the same bucket: creations of any kind
    CHECK(http_request(port, "GET", "/api/events/" + uuid).status == 200);
    // Writes other than creations are not limited by default.
    CHECK(http_request(port, "POST", "/api/events/" + uuid + "/dates",
                       "{\"additionalDates\":[\"" + ServerFixture::day_from_today(3) + "\"]}")
              .status == 201);
}

TEST_CASE("a client behind a trusted proxy has a bucket of its own", "[http][limits]") {
    app::ServerConfig config;
    config.create_burst = 1;
    config.create_per_second = 0.01;
    config.trusted_proxies = {"127.0.0.1"};
    auto server = start_limited(config);
    const auto port = server->port();
    const HeaderList ann{{"X-Forwarded-For", "203.0.113.7"}};
    const HeaderList bo{{"X-Forwarded-For", "198.51.100.2, 203.0.113.9"}};
    CHECK(http_request(port, "POST", "/api/events", k_event, ann).status == 201);
    CHECK(http_request(port, "POST", "/api/events", k_event, ann).status == 429);
    // Bo's nearest address is 203.0.113.9: a fresh bucket, whatever Ann did.
    CHECK(http_request(port, "POST", "/api/events", k_event, bo).status == 201);
    CHECK(http_request(port, "POST", "/api/events", k_event).status == 201);  // the proxy itself
}

TEST_CASE("X-Forwarded-For from an untrusted peer changes nothing", "[http][limits]") {
    app::ServerConfig config;
    config.create_burst = 1;
    config.create_per_second = 0.01;
    auto server = start_limited(config);
    const auto port = server->port();
    CHECK(http_request(port, "POST", "/api/events", k_event).status == 201);
    const HeaderList spoofed{{"X-Forwarded-For", "192.0.2.44"}};
    CHECK(http_request(port, "POST", "/api/events", k_event, spoofed).status == 429);
}

TEST_CASE("other writes are limited when the operator turns it on", "[http][limits]") {
    app::ServerConfig config;
    config.create_burst = 0;
    config.write_burst = 2;
    config.write_per_second = 1;
    auto server = start_limited(config);
    const auto port = server->port();
    auto created = http_request(port, "POST", "/api/events", k_event);
    REQUIRE(created.status == 201);
    const std::string uuid = as_text(parse_json(created.body)["uuid"]);
    const std::string dates =
        "{\"additionalDates\":[\"" + ServerFixture::day_from_today(3) + "\"]}";
    CHECK(http_request(port, "POST", "/api/events/" + uuid + "/dates", dates).status == 201);
    CHECK(http_request(port, "POST", "/api/events/" + uuid + "/dates", dates).status == 201);
    auto refused = http_request(port, "POST", "/api/events/" + uuid + "/dates", dates);
    check_error_body(refused, 429);
    CHECK(refused.header("retry-after") == "1");
    CHECK(http_request(port, "POST", "/api/events", k_event).status == 201);  // creations are off
}

TEST_CASE(
    "wrong admin codes from one client get 429 with Retry-After; the owner elsewhere is "
    "never refused",
    "[http][limits]") {
    app::ServerConfig config;
    config.trusted_proxies = {"127.0.0.1"};
    auto server = start_limited(config);
    const auto port = server->port();
    auto created = http_request(port, "POST", "/api/teams",
                                R"({"name":"Throttled team","securityAnswer":"Kim"})");
    REQUIRE(created.status == 201);
    const auto team = parse_json(created.body);
    const std::string verify = "/api/teams/" + as_text(team["uuid"]) + "/admin/verify";
    const std::string right = "{\"adminCode\":\"" + as_text(team["adminCode"]) + "\"}";
    const HeaderList stranger{{"X-Forwarded-For", "198.51.100.66"}};
    const HeaderList owner{{"X-Forwarded-For", "203.0.113.10"}};
    for (int attempt = 0; attempt < 5; ++attempt) {
        CHECK(http_request(port, "POST", verify, R"({"adminCode":"wrong1"})", stranger).status ==
              403);
    }
    auto refused = http_request(port, "POST", verify, right, stranger);
    check_error_body(refused, 429);
    CHECK(std::stoi(refused.header("retry-after")) > 0);
    CHECK(http_request(port, "POST", verify, right, owner).status == 204);
}
