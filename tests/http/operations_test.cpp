// What an operator reads from a running server: X-Request-Id on every
// answer, GET /metrics (Prometheus text), GET /ready.
#include <cctype>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

bool is_generated_id(const std::string& id) {
    if (id.size() != 16) {
        return false;
    }
    for (const char c : id) {
        if (std::isxdigit(static_cast<unsigned char>(c)) == 0) {
            return false;
        }
    }
    return true;
}

// The value of one series' line ("name{labels} value"), 0 when absent.
double series(const std::string& metrics, const std::string& name_and_labels) {
    const std::string prefix = name_and_labels + ' ';
    std::size_t at = 0;
    while ((at = metrics.find(prefix, at)) != std::string::npos) {
        if (at == 0 || metrics[at - 1] == '\n') {
            return std::stod(metrics.substr(at + prefix.size()));
        }
        at += prefix.size();
    }
    return 0;
}

// GET /metrics until `ready` holds of it (or 2 s pass). A request is
// counted once its answer is written, which a client may see a moment
// before the server's bookkeeping has run.
std::string metrics_when(ServerFixture& server,
                         const std::function<bool(const std::string&)>& ready) {
    std::string metrics;
    for (int attempt = 0; attempt < 40; ++attempt) {
        metrics = server.get("/metrics").body;
        if (ready(metrics)) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return metrics;
}

}  // namespace

TEST_CASE("every answer carries X-Request-Id: a client's token is kept, anything else replaced",
          "[http][operations]") {
    ServerFixture server;
    CHECK(is_generated_id(server.get("/health-check").header("x-request-id")));
    CHECK(is_generated_id(server.get("/api/events/none").header("x-request-id")));
    CHECK(is_generated_id(server.get("/").header("x-request-id")));
    CHECK(server.get("/health-check", {{"X-Request-Id", "abc.DEF_1:2-3"}}).header("x-request-id") ==
          "abc.DEF_1:2-3");
    CHECK(is_generated_id(
        server.get("/health-check", {{"X-Request-Id", "bad id!"}}).header("x-request-id")));
    CHECK(is_generated_id(server.get("/health-check", {{"X-Request-Id", std::string(129, 'a')}})
                              .header("x-request-id")));
    // Two requests, two ids.
    CHECK(server.get("/health-check").header("x-request-id") !=
          server.get("/health-check").header("x-request-id"));
}

TEST_CASE("GET /metrics counts each request once, by route pattern, method and status",
          "[http][operations]") {
    ServerFixture server;
    const std::string labels = R"({route="/api/events/{}",method="GET",status="404"})";
    // A request is counted just after its answer is sent, so one of the test
    // before may still land: the count to start from is one that holds still.
    std::string before = server.get("/metrics").body;
    for (int attempt = 0; attempt < 40; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const std::string again = server.get("/metrics").body;
        const std::string total = "bistime_http_requests_total" + labels;
        if (series(again, total) == series(before, total)) {
            break;
        }
        before = again;
    }
    for (const char* uuid : {"first-unknown", "second-unknown", "third-unknown"}) {
        REQUIRE(server.get(std::string("/api/events/") + uuid).status == 404);
    }
    auto reply = server.get("/metrics");
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type") == "text/plain; version=0.0.4; charset=utf-8");
    const auto counted = [&](const std::string& metrics) {
        return series(metrics, "bistime_http_requests_total" + labels) -
               series(before, "bistime_http_requests_total" + labels);
    };
    const std::string after = metrics_when(server, [&](const std::string& metrics) {
        return counted(metrics) >= 3 &&
               series(
                   metrics,
                   R"(bistime_http_requests_total{route="/metrics",method="GET",status="200"})") >=
                   1;
    });
    CHECK(counted(after) == 3);
    const std::string histogram = R"({route="/api/events/{}"})";
    CHECK(series(after, "bistime_http_request_duration_seconds_count" + histogram) -
              series(before, "bistime_http_request_duration_seconds_count" + histogram) >=
          3);
    CHECK(
        series(
            after,
            R"(bistime_http_request_duration_seconds_bucket{route="/api/events/{}",le="+Inf"})") ==
        series(after, "bistime_http_request_duration_seconds_count" + histogram));
    // Patterns only: no raw path ever becomes a series.
    CHECK(after.find("first-unknown") == std::string::npos);
    // The metrics request itself is in flight while they are written.
    CHECK(series(after, "bistime_http_requests_in_flight") >= 1);
    CHECK(series(after,
                 R"(bistime_http_requests_total{route="/metrics",method="GET",status="200"})") >=
          1);
}

TEST_CASE(
    "GET /metrics shows the build, the database pool, the answers cache, the rows written and "
    "Argon2 work",
    "[http][operations]") {
    ServerFixture server;
    auto team = parse_json(
        server.post("/api/teams", R"({"name": "Metrics club", "securityAnswer": "kim"})").body);
    const std::string uuid = as_text(team["uuid"]);
    const std::string before = server.get("/metrics").body;
    REQUIRE(server
                .post("/api/teams/" + uuid + "/admin/verify",
                      R"({"adminCode": ")" + as_text(team["adminCode"]) + R"("})")
                .status == 204);
    const auto event = server.create_event();
    server.add_dates(event.uuid, 2);
    REQUIRE(server.get("/api/events/" + event.uuid).status == 200);
    REQUIRE(server.get("/api/events/" + event.uuid + "/schedules").status == 200);
    // Ann answers twice after the last read: her second write finds the rows
    // her first one wrote.
    for (int slot : {20, 21}) {
        REQUIRE(server
                    .post("/api/events/" + event.uuid + "/schedules",
                          schedule_body("Ann", std::vector<std::string>(2, day_with({slot}))))
                    .status == 201);
    }
    const std::string after = metrics_when(server, [&](const std::string& metrics) {
        return series(metrics, "bistime_argon2_verifications_total") >
               series(before, "bistime_argon2_verifications_total");
    });

    CHECK(after.find("bistime_build_info{version=\"" BISTIME_EXPECTED_VERSION "\"} 1\n") !=
          std::string::npos);
    CHECK(series(after, "bistime_db_pool_connections") == 4);
    CHECK(series(after, "bistime_db_pool_leases_total") >
          series(before, "bistime_db_pool_leases_total"));
    CHECK(series(after, "bistime_db_statements_total") >
          series(before, "bistime_db_statements_total"));
    CHECK(after.find("\nbistime_db_errors_total ") != std::string::npos);
    CHECK(after.find("\nbistime_db_pool_waits_total ") != std::string::npos);
    CHECK(series(after, "bistime_argon2_verifications_total") -
              series(before, "bistime_argon2_verifications_total") ==
          1);
    // The second read of the unchanged event took its answers from memory.
    CHECK(series(after, "bistime_answers_cache_hits_total") >
          series(before, "bistime_answers_cache_hits_total"));
    CHECK(series(after, "bistime_answers_cache_misses_total") >
          series(before, "bistime_answers_cache_misses_total"));
    CHECK(after.find("# TYPE bistime_answers_cache_hits_total counter\n") != std::string::npos);
    CHECK(series(after, "bistime_written_rows_hits_total") -
              series(before, "bistime_written_rows_hits_total") ==
          1);
    CHECK(series(after, "bistime_written_rows_misses_total") -
              series(before, "bistime_written_rows_misses_total") ==
          1);
}

TEST_CASE("GET /ready is 200 while the database answers; other methods are refused",
          "[http][operations]") {
    ServerFixture server;
    auto ready = server.get("/ready");
    CHECK(ready.status == 200);
    CHECK(ready.header("cache-control") == "no-store");
    CHECK(server.post("/ready", "").status == 405);
    CHECK(server.post("/metrics", "").status == 405);
    CHECK(server.get("/health-check").status == 200);
}
