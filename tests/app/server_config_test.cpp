#include "bistime/app/server_config.hpp"

#include <filesystem>
#include <map>
#include <system_error>

#include <catch2/catch.hpp>

#include "bistime/core/member_service.hpp"
#include "bistime/core/schedule_service.hpp"

using bistime::app::machine_timezone;
using bistime::app::parse_server_config;
using bistime::app::server_version;

namespace {
auto environment(std::map<std::string, std::string> values) {
    return [values](const char* name) {
        auto found = values.find(name);
        return found == values.end() ? std::string() : found->second;
    };
}
}  // namespace

TEST_CASE("the server defaults to loopback, port 8080, SQLite and the machine's time zone",
          "[app]") {
    auto config = parse_server_config({}, environment({}));
    REQUIRE(config.ok());
    CHECK(config->address == "127.0.0.1");
    CHECK(config->port == 8080);
    CHECK(config->database == "sqlite:bistime.db");
    CHECK_FALSE(config->timezone.empty());
    CHECK(config->timezone == machine_timezone(environment({})));
    CHECK(config->cors_origins.empty());
    CHECK(config->log_requests);
    CHECK(config->retention_days == 90);
}

TEST_CASE("the retention period is days, 0 keeping events forever", "[app]") {
    CHECK(parse_server_config({"--retention-days", "0"}, environment({}))->retention_days == 0);
    CHECK(
        parse_server_config({}, environment({{"BISTIME_RETENTION_DAYS", "30"}}))->retention_days ==
        30);
    CHECK_FALSE(parse_server_config({"--retention-days", "-1"}, environment({})).ok());
}

TEST_CASE("environment variables set defaults and flags win over them", "[app]") {
    auto config = parse_server_config(
        {"--port", "9000", "--db=mysql://u:p@h:3306/d", "--cors-origin", "https://a.example"},
        environment({{"BISTIME_PORT", "7000"},
                     {"BISTIME_ADDRESS", "0.0.0.0"},
                     {"BISTIME_DB_POOL", "12"},
                     {"BISTIME_CORS_ORIGINS", "https://x.example,https://y.example"}}));
    REQUIRE(config.ok());
    CHECK(config->port == 9000);
    CHECK(config->address == "0.0.0.0");
    CHECK(config->db_pool == 12);
    CHECK(config->database == "mysql://u:p@h:3306/d");
    CHECK(config->cors_origins == std::vector<std::string>{"https://a.example"});
}

TEST_CASE("workers default to four per database connection and can be set", "[app]") {
    const auto defaults = parse_server_config({}, environment({}));
    REQUIRE(defaults.ok());
    CHECK(defaults->workers == 0);  // the application makes it 4 × db_pool
    CHECK(parse_server_config({"--workers", "24"}, environment({}))->workers == 24);
    CHECK(parse_server_config({}, environment({{"BISTIME_WORKERS", "6"}}))->workers == 6);
    CHECK_FALSE(parse_server_config({"--workers", "0"}, environment({})).ok());
}

TEST_CASE("the environment's CORS origins are a comma-separated list", "[app]") {
    auto config = parse_server_config(
        {}, environment({{"BISTIME_CORS_ORIGINS", "https://x.example,https://y.example"}}));
    REQUIRE(config.ok());
    CHECK(config->cors_origins ==
          std::vector<std::string>{"https://x.example", "https://y.example"});
}

TEST_CASE("bad configuration is refused with the option named", "[app]") {
    auto port = parse_server_config({"--port", "70000"}, environment({}));
    REQUIRE_FALSE(port.ok());
    CHECK(port.error().message.find("--port") != std::string::npos);
    CHECK_FALSE(parse_server_config({"--threads", "0"}, environment({})).ok());
    CHECK_FALSE(parse_server_config({"--db-pool", "many"}, environment({})).ok());
    CHECK_FALSE(parse_server_config({"--unknown", "1"}, environment({})).ok());
    CHECK_FALSE(parse_server_config({"--port"}, environment({})).ok());
    auto env = parse_server_config({}, environment({{"BISTIME_PORT", "x"}}));
    REQUIRE_FALSE(env.ok());
    CHECK(env.error().message.find("BISTIME_PORT") != std::string::npos);
}

TEST_CASE("the web app is on unless --web off, and --web takes only on or off", "[app]") {
    CHECK(parse_server_config({}, environment({}))->web);
    CHECK_FALSE(parse_server_config({"--web", "off"}, environment({}))->web);
    CHECK_FALSE(parse_server_config({}, environment({{"BISTIME_WEB", "off"}}))->web);
    CHECK(parse_server_config({"--web=on"}, environment({{"BISTIME_WEB", "off"}}))->web);
    CHECK_FALSE(parse_server_config({"--web", "maybe"}, environment({})).ok());
}

TEST_CASE("the database timeout is whole seconds from 1 to 60, 3 by default", "[app]") {
    CHECK(parse_server_config({}, environment({}))->db_timeout_seconds == 3);
    CHECK(parse_server_config({"--db-timeout", "10"}, environment({}))->db_timeout_seconds == 10);
    CHECK(parse_server_config({}, environment({{"BISTIME_DB_TIMEOUT", "2"}}))->db_timeout_seconds ==
          2);
    CHECK_FALSE(parse_server_config({"--db-timeout", "0"}, environment({})).ok());
    CHECK_FALSE(parse_server_config({"--db-timeout", "61"}, environment({})).ok());
}

TEST_CASE("connection limits, request timeout and shutdown grace are configurable", "[app]") {
    auto defaults = parse_server_config({}, environment({}));
    REQUIRE(defaults.ok());
    CHECK(defaults->request_timeout_seconds == 10);
    CHECK(defaults->max_connections == 0);  // from the descriptor limit
    CHECK(defaults->max_connections_per_client == 256);
    CHECK(defaults->shutdown_grace_seconds == 10);
    auto set = parse_server_config({"--request-timeout", "5", "--max-connections=900",
                                    "--max-connections-per-client", "0", "--shutdown-grace", "30"},
                                   environment({}));
    REQUIRE(set.ok());
    CHECK(set->request_timeout_seconds == 5);
    CHECK(set->max_connections == 900);
    CHECK(set->max_connections_per_client == 0);
    CHECK(set->shutdown_grace_seconds == 30);
    CHECK(parse_server_config({}, environment({{"BISTIME_SHUTDOWN_GRACE", "0"}}))
              ->shutdown_grace_seconds == 0);
    CHECK_FALSE(parse_server_config({"--request-timeout", "0"}, environment({})).ok());
    CHECK_FALSE(parse_server_config({"--max-connections", "-1"}, environment({})).ok());
}

TEST_CASE("events and teams hold 200 people by default, configurable, 0 for no limit", "[app]") {
    auto defaults = parse_server_config({}, environment({}));
    REQUIRE(defaults.ok());
    CHECK(defaults->max_people == bistime::k_default_max_people);
    CHECK(defaults->max_members == bistime::k_default_max_members);
    CHECK(parse_server_config({"--max-people", "50"}, environment({}))->max_people == 50);
    CHECK(parse_server_config({}, environment({{"BISTIME_MAX_MEMBERS", "0"}}))->max_members == 0);
    CHECK_FALSE(parse_server_config({"--max-people", "lots"}, environment({})).ok());
}

TEST_CASE(
    "the caches take 64 MiB by default, half for written reads, three eighths for answers and "
    "an eighth for teams' rosters, configurable, 0 to turn them off",
    "[app]") {
    CHECK(parse_server_config({}, environment({}))->cache_mb == 64);
    const auto eight = parse_server_config({"--cache-mb", "8"}, environment({}));
    CHECK(eight->cache_mb == 8);
    CHECK(eight->answers_cache_bytes() == std::size_t{3} << 20);
    CHECK(eight->roster_cache_bytes() == std::size_t{1} << 20);
    CHECK(eight->rendered_cache_bytes() == std::size_t{4} << 20);
    CHECK(parse_server_config({}, environment({{"BISTIME_CACHE_MB", "0"}}))->cache_mb == 0);
    CHECK_FALSE(parse_server_config({"--cache-mb", "-1"}, environment({})).ok());
}

TEST_CASE("rate limits read BURST/PER_SECOND or off; creations are limited by default", "[app]") {
    auto defaults = parse_server_config({}, environment({}));
    REQUIRE(defaults.ok());
    CHECK(defaults->create_burst == 100);
    CHECK(defaults->create_per_second == 1);
    CHECK(defaults->write_burst == 0);
    auto set =
        parse_server_config({"--create-rate", "off", "--write-rate=20/0.5"}, environment({}));
    REQUIRE(set.ok());
    CHECK(set->create_burst == 0);
    CHECK(set->write_burst == 20);
    CHECK(set->write_per_second == 0.5);
    for (const char* wrong : {"100", "/1", "100/", "0/1", "100/0", "x/y", "100/1x"}) {
        INFO(wrong);
        CHECK_FALSE(parse_server_config({"--create-rate", wrong}, environment({})).ok());
    }
}

TEST_CASE("trusted proxies come from a repeatable flag or a comma-separated variable", "[app]") {
    CHECK(parse_server_config({}, environment({{"BISTIME_TRUSTED_PROXIES", "10.0.0.1,10.0.0.2"}}))
              ->trusted_proxies == std::vector<std::string>{"10.0.0.1", "10.0.0.2"});
    CHECK(parse_server_config({"--trusted-proxy", "::1", "--trusted-proxy", "10.0.0.9"},
                              environment({{"BISTIME_TRUSTED_PROXIES", "10.0.0.1"}}))
              ->trusted_proxies == std::vector<std::string>{"::1", "10.0.0.9"});
}

TEST_CASE("the machine's time zone comes from TZ, else /etc/localtime, else UTC", "[app]") {
    CHECK(parse_server_config({}, environment({{"TZ", "Europe/Berlin"}}))->timezone ==
          "Europe/Berlin");
    CHECK(machine_timezone(environment({{"TZ", ":/usr/share/zoneinfo/America/New_York"}})) ==
          "America/New_York");
    // --timezone and BISTIME_TIMEZONE win over the machine's.
    CHECK(parse_server_config({"--timezone", "Asia/Seoul"}, environment({{"TZ", "Europe/Berlin"}}))
              ->timezone == "Asia/Seoul");
    CHECK(parse_server_config(
              {}, environment({{"TZ", "Europe/Berlin"}, {"BISTIME_TIMEZONE", "Asia/Tokyo"}}))
              ->timezone == "Asia/Tokyo");
    // Without TZ: the zone /etc/localtime links to, or UTC when it is no link.
    std::error_code error;
    const std::string link = std::filesystem::read_symlink("/etc/localtime", error).string();
    const auto at = link.find("zoneinfo/");
    const std::string expected = !error && at != std::string::npos ? link.substr(at + 9) : "UTC";
    CHECK(machine_timezone(environment({})) == expected);
}

TEST_CASE("the request log is text or JSON, and BISTIME_QUIET turns it off", "[app]") {
    CHECK_FALSE(parse_server_config({}, environment({}))->log_json);
    CHECK(parse_server_config({"--log-format", "json"}, environment({}))->log_json);
    CHECK(parse_server_config({}, environment({{"BISTIME_LOG_FORMAT", "json"}}))->log_json);
    CHECK_FALSE(parse_server_config({"--log-format", "xml"}, environment({})).ok());
    CHECK_FALSE(parse_server_config({}, environment({{"BISTIME_QUIET", "1"}}))->log_requests);
    CHECK(parse_server_config({}, environment({{"BISTIME_QUIET", "false"}}))->log_requests);
    CHECK_FALSE(parse_server_config({}, environment({{"BISTIME_QUIET", "maybe"}})).ok());
}

TEST_CASE("the version alone is asked for with --version", "[app]") {
    auto config = parse_server_config({"--version"}, environment({}));
    REQUIRE(config.ok());
    CHECK(config->show_version);
    CHECK(server_version() == BISTIME_EXPECTED_VERSION);
}

TEST_CASE(
    "large answers: 8 streams at once and a 30 KiB per 30 s reader floor by default, "
    "both settable",
    "[app]") {
    const auto defaults = parse_server_config({}, environment({}));
    REQUIRE(defaults.ok());
    CHECK(defaults->max_streams == 8);
    CHECK(defaults->slow_reader_bytes == 30 * 1024);
    CHECK(defaults->slow_reader_seconds == 30);
    auto set = parse_server_config({"--max-streams", "4"},
                                   environment({{"BISTIME_SLOW_READER", "4096/2"}}));
    REQUIRE(set.ok());
    CHECK(set->max_streams == 4);
    CHECK(set->slow_reader_bytes == 4096);
    CHECK(set->slow_reader_seconds == 2);
    CHECK(parse_server_config({"--slow-reader", "off"}, environment({}))->slow_reader_bytes == 0);
    for (const char* bad : {"4096", "4096/0", "x/30", "/30", "4096/"}) {
        INFO(bad);
        CHECK_FALSE(parse_server_config({"--slow-reader", bad}, environment({})).ok());
    }
    CHECK_FALSE(parse_server_config({"--max-streams", "0"}, environment({})).ok());
}
