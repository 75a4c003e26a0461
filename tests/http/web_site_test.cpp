// The web app as the server serves it: pages, files, validators, gzip,
// caching and security headers, and the API beside it untouched.
#include <catch2/catch.hpp>

#include <regex>

#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

// The assets' base path the shell names ("/assets/<build>").
std::string assets_base(const std::string& shell) {
    std::smatch match;
    REQUIRE(std::regex_search(shell, match,
                              std::regex(R"re(src="(/assets/[0-9a-f]+)/js/main\.js")re")));
    return match[1];
}

}  // namespace

TEST_CASE("the app's pages, for events and teams, are its shell, revalidated on each visit",
          "[web]") {
    ServerFixture server;
    for (const std::string path :
         {"/", "/e/89PKcffHuwBA9uCnGWraNZ", "/t", "/t/T89PKcffHuwBA9uCnGWraNZ", "/?team=T1"}) {
        auto page = server.get(path);
        INFO(path);
        CHECK(page.status == 200);
        CHECK(page.header("content-type") == "text/html; charset=utf-8");
        CHECK(page.header("cache-control") == "no-cache");
        CHECK(page.body.find("<!doctype html>") == 0);
        CHECK(page.body.find("%ASSETS%") == std::string::npos);
        CHECK_FALSE(page.header("etag").empty());
    }
}

TEST_CASE("the shell forbids anything not from this server and any framing", "[web]") {
    ServerFixture server;
    auto page = server.get("/");
    const std::string policy = page.header("content-security-policy");
    CHECK(policy.find("default-src 'self'") != std::string::npos);
    CHECK(policy.find("script-src 'self'") != std::string::npos);
    CHECK(policy.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(page.header("x-content-type-options") == "nosniff");
    CHECK(page.header("referrer-policy") == "no-referrer");
}

TEST_CASE("assets of this build are cached for a year with their content type", "[web]") {
    ServerFixture server;
    const std::string base = assets_base(server.get("/").body);
    auto script = server.get(base + "/js/main.js");
    CHECK(script.status == 200);
    CHECK(script.header("content-type") == "text/javascript; charset=utf-8");
    CHECK(script.header("cache-control") == "public, max-age=31536000, immutable");
    auto style = server.get(base + "/app.css");
    CHECK(style.status == 200);
    CHECK(style.header("content-type") == "text/css; charset=utf-8");
    auto icon = server.get(base + "/icon.svg");
    CHECK(icon.header("content-type") == "image/svg+xml");
}

TEST_CASE("an asset named under another build is served but never cached", "[web]") {
    ServerFixture server;
    auto script = server.get("/assets/000000000000/js/main.js");
    CHECK(script.status == 200);
    CHECK(script.header("cache-control") == "no-cache");
}

TEST_CASE("a missing asset is 404 and any other path is the shell with 404", "[web]") {
    ServerFixture server;
    const std::string base = assets_base(server.get("/").body);
    CHECK(server.get(base + "/js/nothing.js").status == 404);
    CHECK(server.get(base + "/index.html").status == 404);
    CHECK(server.get("/t/T89PKcffHuwBA9uCnGWraNZ/more").status == 404);
    CHECK(server.get("/e").status == 404);
    auto page = server.get("/no/such/page");
    CHECK(page.status == 404);
    CHECK(page.header("content-type") == "text/html; charset=utf-8");
    CHECK(page.header("etag").empty());
}

TEST_CASE("a matching If-None-Match answers 304 without a body", "[web]") {
    ServerFixture server;
    auto first = server.get("/");
    const std::string etag = first.header("etag");
    auto again = server.get("/", {{"If-None-Match", etag}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    CHECK(again.header("etag") == etag);
    CHECK(server.get("/", {{"If-None-Match", "W/" + etag + ", \"other\""}}).status == 304);
    CHECK(server.get("/", {{"If-None-Match", "\"other\""}}).status == 200);
}

TEST_CASE("text goes gzip-compressed to a client that accepts it, with its own ETag", "[web]") {
    ServerFixture server;
    const std::string base = assets_base(server.get("/").body);
    auto plain = server.get(base + "/js/main.js");
    auto zipped = server.get(base + "/js/main.js", {{"Accept-Encoding", "br, gzip;q=0.8"}});
    CHECK(zipped.status == 200);
    CHECK(zipped.header("content-encoding") == "gzip");
    CHECK(zipped.header("vary") == "Accept-Encoding");
    CHECK(zipped.body.size() < plain.body.size());
    CHECK(gunzip(zipped.body) == plain.body);
    CHECK(zipped.header("etag") != plain.header("etag"));
    auto refused = server.get(base + "/js/main.js", {{"Accept-Encoding", "gzip;q=0"}});
    CHECK(refused.header("content-encoding").empty());
    CHECK(refused.body == plain.body);
}

TEST_CASE("HEAD gives a page's headers and length without the body", "[web]") {
    ServerFixture server;
    auto page = server.get("/");
    HttpConnection connection(server.port());
    auto head = connection.request("HEAD", "/");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(head.header("content-length") == std::to_string(page.body.size()));
    // The connection stays usable: no stray body bytes were sent.
    CHECK(connection.request("GET", "/health-check").status == 200);
}

TEST_CASE("the site answers only GET and HEAD", "[web]") {
    ServerFixture server;
    auto posted = server.post("/", "{}");
    CHECK(posted.status == 405);
    CHECK(posted.header("allow") == "GET, HEAD");
}

TEST_CASE("API paths stay the API's: JSON errors, not pages", "[web]") {
    ServerFixture server;
    auto missing = server.get("/api/nothing");
    CHECK(missing.status == 404);
    check_error_body(missing, 404);
    CHECK(server.get("/health-check").status == 200);
}

TEST_CASE("a successful API read carries an ETag and answers 304 while unchanged", "[web]") {
    ServerFixture server;
    auto event = server.create_event("Validators");
    server.add_dates(event.uuid, 1);
    auto first = server.get("/api/events/" + event.uuid);
    const std::string etag = first.header("etag");
    REQUIRE_FALSE(etag.empty());
    auto unchanged = server.get("/api/events/" + event.uuid, {{"If-None-Match", etag}});
    CHECK(unchanged.status == 304);
    CHECK(unchanged.body.empty());

    const std::string date = ServerFixture::day_from_today(1);
    auto written = server.post("/api/events/" + event.uuid + "/schedules",
                               R"({"name": "Ann", "availability": [")" + day_with({20}) + "\"]}");
    REQUIRE(written.status == 201);
    auto changed = server.get("/api/events/" + event.uuid, {{"If-None-Match", etag}});
    CHECK(changed.status == 200);
    CHECK(changed.header("etag") != etag);
}

TEST_CASE("HEAD works on every GET route of the API", "[web]") {
    ServerFixture server;
    auto event = server.create_event("Head");
    auto got = server.get("/api/events/" + event.uuid);
    HttpConnection connection(server.port());
    auto head = connection.request("HEAD", "/api/events/" + event.uuid);
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(head.header("content-length") == std::to_string(got.body.size()));
    auto refused = connection.request("PUT", "/api/events/" + event.uuid);
    CHECK(refused.header("allow").find("HEAD") != std::string::npos);
}
