#include <catch2/catch.hpp>

#include "bistime/core/text.hpp"
#include "server_fixture.hpp"

using namespace bistime::testing;

TEST_CASE_METHOD(ServerFixture, "unknown routes are 404 and unknown methods on known routes 405",
                 "[http]") {
    check_error_body(get("/api/nothing-here"), 404);
    check_error_body(get("/api"), 404);  // "/" is the web app's (web_site_test.cpp)
    check_error_body(get("/api/events/abc/unknown"), 404);
    auto event = create_event();
    auto put = http_request(port(), "PUT", "/api/events/" + event.uuid, "{}");
    check_error_body(put, 405);
    CHECK(put.header("allow").find("PATCH") != std::string::npos);
    check_error_body(http_request(port(), "BREW", "/api/events/" + event.uuid), 405);
}

TEST_CASE_METHOD(ServerFixture, "a version other than 1 in Accept is 406", "[http]") {
    auto event = create_event();
    const std::string path = "/api/events/" + event.uuid;
    check_error_body(get(path, {{"Accept", "application/json; version=2"}}), 406);
    CHECK(get(path, {{"Accept", "application/json; version=1"}}).status == 200);
    CHECK(get(path, {{"Accept", "application/json"}}).status == 200);
    CHECK(get(path, {{"Accept", "*/*"}}).status == 200);
    CHECK(get(path).status == 200);
    check_error_body(
        post("/api/events", R"({"title": "x"})", {{"Accept", "application/json; version=0"}}), 406);
}

TEST_CASE_METHOD(ServerFixture, "a body that is not JSON is 415", "[http]") {
    check_error_body(
        post("/api/events", "title=x", {{"Content-Type", "application/x-www-form-urlencoded"}}),
        415);
    check_error_body(post("/api/events", R"({"title": "x"})", {{"Content-Type", "text/plain"}}),
                     415);
    CHECK(post("/api/events", R"({"title": "x"})",
               {{"Content-Type", "application/json; charset=utf-8"}})
              .status == 201);
}

TEST_CASE_METHOD(ServerFixture, "malformed JSON of every kind is 400", "[http]") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    for (const std::string& body :
         {std::string("{"), std::string("{\"title\": }"), std::string("[1, 2]"),
          std::string("\"title\""), std::string("{\"title\": \"x\"} trailing"),
          std::string("{\"title\": \"\xff\xfe\"}"), deep, std::string("{\"title\": 1e400}"),
          std::string("{\"title\": 123456789012345678901234567890}"), std::string("nul\0l", 5)}) {
        INFO(body.substr(0, 40));
        check_error_body(post("/api/events", body), 400);
    }
    // The server is still up and answering.
    CHECK(get("/health-check").status == 200);
}

TEST_CASE_METHOD(ServerFixture, "a body over 1 MiB is 413", "[http]") {
    const std::string huge = R"({"title": ")" + std::string(2 * 1024 * 1024, 'x') + "\"}";
    auto reply = post("/api/events", huge);
    check_error_body(reply, 413);
    CHECK(get("/health-check").status == 200);
}

TEST_CASE_METHOD(ServerFixture, "a request that is not HTTP gets 400", "[http]") {
    HttpConnection connection(port());
    auto reply = connection.raw("THIS IS NOT HTTP\r\n\r\n");
    check_error_body(reply, 400);
}

TEST_CASE_METHOD(ServerFixture, "oversized headers are refused with 431", "[http]") {
    auto reply = get("/health-check", {{"X-Padding", std::string(32 * 1024, 'p')}});
    check_error_body(reply, 431);
}

TEST_CASE_METHOD(ServerFixture, "a connection is kept alive across requests", "[http]") {
    HttpConnection connection(port());
    auto event = connection.request("POST", "/api/events", R"({"title": "Keep"})");
    REQUIRE(event.status == 201);
    const std::string uuid = parse_json(event.body)["uuid"].GetString();
    for (int i = 0; i < 5; ++i) {
        CHECK(connection.request("GET", "/api/events/" + uuid).status == 200);
    }
    CHECK(connection.request("GET", "/api/nowhere").status == 404);
    CHECK(connection.request("GET", "/health-check").status == 200);
}

TEST_CASE_METHOD(ServerFixture, "an allowed origin gets CORS headers on every response", "[http]") {
    const HeaderList origin = {{"Origin", "https://app.bistime.example"}};
    auto ok = post("/api/events", R"({"title": "x"})", origin);
    CHECK(ok.header("access-control-allow-origin") == "https://app.bistime.example");
    CHECK(ok.header("vary") == "Origin");
    auto error = get("/api/events/unknown", origin);
    CHECK(error.status == 404);
    CHECK(error.header("access-control-allow-origin") == "https://app.bistime.example");
    auto too_large = post("/api/events", std::string(2 * 1024 * 1024, ' '), origin);
    CHECK(too_large.status == 413);
    CHECK(too_large.header("access-control-allow-origin") == "https://app.bistime.example");
}

TEST_CASE_METHOD(ServerFixture, "another origin gets no CORS headers", "[http]") {
    auto reply = get("/api/events/unknown", {{"Origin", "https://evil.example"}});
    CHECK(reply.header("access-control-allow-origin").empty());
}

TEST_CASE_METHOD(ServerFixture, "a preflight on any API path answers 200 with methods and headers",
                 "[http]") {
    auto reply = http_request(port(), "OPTIONS", "/api/events/abc/schedules", "",
                              {{"Origin", "https://app.bistime.example"},
                               {"Access-Control-Request-Method", "POST"},
                               {"Access-Control-Request-Headers", "content-type, x-admin-token"}});
    CHECK(reply.status == 200);
    CHECK(reply.header("access-control-allow-origin") == "https://app.bistime.example");
    CHECK(reply.header("access-control-allow-methods").find("PATCH") != std::string::npos);
    const auto headers = reply.header("access-control-allow-headers");
    for (const char* name :
         {"Content-Type", "Accept", "Authorization", "X-Admin-Token", "X-Admin-Code",
          "X-Participant-Password", "version", "If-None-Match"}) {
        CHECK(headers.find(name) != std::string::npos);
    }
}

TEST_CASE("bytes that are not UTF-8 come back in an error body as U+FFFD, never raw", "[http]") {
    ServerFixture server;
    auto event = server.create_event("Echo");
    server.add_dates(event.uuid, 1);
    for (const std::string& target : {"/api/events/" + event.uuid + "/best-times?required=%FF",
                                      "/api/events/" + event.uuid + "/grid?tz=%FF%FE"}) {
        auto reply = server.get(target);
        INFO(target);
        CHECK(reply.status == 400);
        CHECK(bistime::utf8_length(reply.body).has_value());
        CHECK(reply.body.find("\xEF\xBF\xBD") != std::string::npos);
    }
}
