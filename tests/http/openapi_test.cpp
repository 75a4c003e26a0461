// docs/openapi.yaml and the router agree: the document is served, every
// route the server answers is in it, and every route in it is answered.
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "bistime/http/api_router.hpp"
#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

// "METHOD /path/{}" for every operation of the document's paths, variables
// written "{}" as the router's patterns are. The document keeps paths at two
// spaces of indentation and methods at four, which is all this reads.
std::set<std::string> documented_endpoints(const std::string& document) {
    std::set<std::string> endpoints;
    std::istringstream lines(document);
    std::string line;
    std::string path;
    bool in_paths = false;
    while (std::getline(lines, line)) {
        if (line == "paths:") {
            in_paths = true;
            continue;
        }
        if (!in_paths) {
            continue;
        }
        if (!line.empty() && line[0] != ' ') {
            in_paths = false;  // the next top-level key
            continue;
        }
        if (line.rfind("  /", 0) == 0 && line.back() == ':') {
            path.clear();
            bool variable = false;
            for (const char c : line.substr(2, line.size() - 3)) {
                if (c == '{') {
                    variable = true;
                    path += "{}";
                } else if (c == '}') {
                    variable = false;
                } else if (!variable) {
                    path += c;
                }
            }
            continue;
        }
        for (const char* method : {"get", "post", "put", "patch", "delete"}) {
            if (line == std::string("    ") + method + ":") {
                std::string upper(method);
                for (char& c : upper) {
                    c = static_cast<char>(c - 'a' + 'A');
                }
                endpoints.insert(upper + ' ' + path);
            }
        }
    }
    return endpoints;
}

}  // namespace

TEST_CASE("the API's OpenAPI document is served at /api/openapi.yaml", "[http][openapi]") {
    ServerFixture server;
    auto reply = server.get("/api/openapi.yaml");
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type") == "application/yaml; charset=utf-8");
    CHECK(reply.body.rfind("openapi: 3.0", 0) == 0);
    CHECK(reply.body.find("\n  /api/events/{uuid}:\n") != std::string::npos);
}

TEST_CASE(
    "every route the server answers is in the OpenAPI document, and every documented route "
    "is answered",
    "[http][openapi]") {
    ServerFixture server;
    const auto documented = documented_endpoints(server.get("/api/openapi.yaml").body);
    REQUIRE(documented.size() > 40);
    std::set<std::string> answered;
    for (const auto& endpoint : bistime::http::ApiRouter::endpoints()) {
        answered.insert(endpoint);
    }
    for (const char* outside_the_api : {"GET /health-check", "GET /ready", "GET /metrics"}) {
        answered.insert(outside_the_api);
    }
    for (const auto& endpoint : answered) {
        INFO(endpoint);
        CHECK(documented.count(endpoint) == 1);
    }
    for (const auto& endpoint : documented) {
        INFO(endpoint);
        CHECK(answered.count(endpoint) == 1);
    }
}

TEST_CASE("a documented route is answered by the server, not the web app or a 404 of routing",
          "[http][openapi]") {
    ServerFixture server;
    // A representative of each shape: an unknown event or team is the use
    // case's 404 with the error body, never "no such route".
    for (const std::string target :
         {"/api/events/nobody", "/api/events/nobody/schedules", "/api/teams/Tnobody/availability",
          "/api/teams/members/999999", "/api/teams/regular-events/Rnobody"}) {
        INFO(target);
        auto reply = server.get(target);
        CHECK(reply.status == 404);
        CHECK(reply.body.find("no such route") == std::string::npos);
        CHECK(reply.header("content-type") == "application/json; charset=utf-8");
    }
}
