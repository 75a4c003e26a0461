// The web app as the server serves it: pages, files, validators, gzip,
// caching and security headers, and the API beside it untouched.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>

#include "bistime/http/web_site.hpp"
#include "server_fixture.hpp"

using namespace bistime::testing;
using bistime::http::ApiRequest;
using bistime::http::ApiResponse;
using bistime::http::WebFile;
using bistime::http::WebSite;

namespace {

// A small app shaped as the real one is meant to be: main.js loads each
// page's module with a dynamic import(), and the pages import the rest
// statically, in each form the scan knows.
const std::string k_padding(2000, ' ');  // so that gzip pays for the shell
const std::string k_shell = "<!doctype html>\n<html><head>\n<!--" + k_padding +
                            "-->\n<script type=\"module\" src=\"%ASSETS%/js/main.js\"></script>\n"
                            "</head>\n<body></body></html>\n";
const std::vector<WebFile> k_app = {
    {"index.html", k_shell},
    {"js/main.js",
     "import { h } from './dom.js';\nimport './i18n.js';\n"
     "const pages = { e: () => import('./event_page.js'), t: () => import('./team_page.js') };\n"},
    {"js/dom.js", "export const h = 1;\n"},
    {"js/i18n.js", "export * from \"./strings.js\";\n"},
    {"js/strings.js", "export const words = { import: 'import', from: 'from' };\n"},
    {"js/event_page.js",
     "import {\n  GroupPanel,\n} from \"./heatmap.js\";\nexport { linkBox } from "
     "'./create_page.js';\n"
     "const later = () => import('./lazy.js');\n"},
    {"js/heatmap.js", "import { h } from './dom.js';\nexport function GroupPanel() {}\n"},
    {"js/create_page.js", "export function linkBox() {}\n"},
    {"js/team_page.js", "import * as week from '../js/team_week.js';\n"},
    {"js/team_week.js", "export const days = 7;\n"},
    {"js/lazy.js", "export const lazy = true;\n"},
};

ApiResponse site_get(const WebSite& site, const std::string& target,
                     const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    ApiRequest request;
    request.method = "GET";
    request.target = target;
    request.headers = headers;
    return site.handle(request);
}

std::string header_of(const ApiResponse& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) {
            return value;
        }
    }
    return "";
}

// The modules a shell preloads, as the hrefs of its modulepreload links.
std::vector<std::string> preloads(const std::string& shell) {
    static const std::regex k_link(R"re(<link rel="modulepreload" href="([^"]+)">)re");
    std::vector<std::string> hrefs;
    for (std::sregex_iterator it(shell.begin(), shell.end(), k_link), end; it != end; ++it) {
        hrefs.push_back((*it)[1]);
    }
    return hrefs;
}

// The file names a shell preloads, without the assets' base: "js/dom.js".
std::set<std::string> preloaded_files(const std::string& shell) {
    std::set<std::string> files;
    for (const std::string& href : preloads(shell)) {
        files.insert(href.substr(href.find("/js/") + 1));
    }
    return files;
}

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

TEST_CASE(
    "the event page's shell preloads its module's static imports and main.js's, not the "
    "team page's",
    "[web][preload]") {
    const WebSite site(k_app);
    const auto files = preloaded_files(site_get(site, "/e/89PKcffHuwBA9uCnGWraNZ").body);
    CHECK(files == std::set<std::string>{"js/main.js", "js/dom.js", "js/i18n.js", "js/strings.js",
                                         "js/event_page.js", "js/heatmap.js", "js/create_page.js"});
}

TEST_CASE("the team page's shell preloads the team page's module and its imports",
          "[web][preload]") {
    const WebSite site(k_app);
    const auto files = preloaded_files(site_get(site, "/t/T89PKcffHuwBA9uCnGWraNZ").body);
    CHECK(files.count("js/team_page.js") == 1);
    CHECK(files.count("js/team_week.js") == 1);  // named as '../js/team_week.js'
    CHECK(files.count("js/main.js") == 1);
    CHECK(files.count("js/event_page.js") == 0);
}

TEST_CASE("a module imported only dynamically is not preloaded", "[web][preload]") {
    const WebSite site(k_app);
    for (const std::string path : {"/", "/e/x", "/t", "/t/x", "/no/such/page"}) {
        INFO(path);
        const auto files = preloaded_files(site_get(site, path).body);
        CHECK_FALSE(files.empty());
        CHECK(files.count("js/lazy.js") == 0);
    }
    // main.js imports the pages dynamically: the 404 shell has its closure alone.
    CHECK(preloaded_files(site_get(site, "/no/such/page").body) ==
          std::set<std::string>{"js/main.js", "js/dom.js", "js/i18n.js", "js/strings.js"});
}

TEST_CASE("a page whose module the app lacks preloads main.js's modules alone", "[web][preload]") {
    const WebSite site(k_app);  // it has no js/team_start.js
    CHECK(preloaded_files(site_get(site, "/t").body) ==
          std::set<std::string>{"js/main.js", "js/dom.js", "js/i18n.js", "js/strings.js"});
}

TEST_CASE("each page's shell has its own strong ETag and gzip variant, revalidated on each visit",
          "[web][preload]") {
    const WebSite site(k_app);
    const auto event = site_get(site, "/e/x");
    const auto team = site_get(site, "/t/x");
    CHECK(header_of(event, "ETag") != header_of(team, "ETag"));
    CHECK(header_of(event, "ETag").rfind("W/", 0) == std::string::npos);
    CHECK(header_of(event, "Cache-Control") == "no-cache");
    CHECK(site_get(site, "/e/other", {{"if-none-match", header_of(event, "ETag")}}).status == 304);
    CHECK(site_get(site, "/t/x", {{"if-none-match", header_of(event, "ETag")}}).status == 200);
    const auto zipped = site_get(site, "/e/x", {{"accept-encoding", "gzip"}});
    CHECK(header_of(zipped, "Content-Encoding") == "gzip");
    CHECK(gunzip(zipped.body) == event.body);
    CHECK(header_of(zipped, "ETag") != header_of(event, "ETag"));
    CHECK(header_of(zipped, "Content-Security-Policy") ==
          header_of(site_get(site, "/"), "Content-Security-Policy"));
}

TEST_CASE("every module a served page's shell preloads is served", "[web][preload]") {
    ServerFixture server;
    for (const std::string path :
         {"/", "/e/89PKcffHuwBA9uCnGWraNZ", "/t", "/t/T89PKcffHuwBA9uCnGWraNZ", "/no/such/page"}) {
        INFO(path);
        const auto hrefs = preloads(server.get(path).body);
        CHECK_FALSE(hrefs.empty());
        for (const std::string& href : hrefs) {
            INFO(href);
            CHECK(server.get(href).status == 200);
        }
    }
    // The event page's own module, whether main.js imports it statically or not.
    const auto event = preloads(server.get("/e/89PKcffHuwBA9uCnGWraNZ").body);
    CHECK(std::any_of(event.begin(), event.end(),
                      [](const std::string& href) { return href.ends_with("/js/event_page.js"); }));
}
