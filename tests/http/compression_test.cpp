// Events' large reads (schedules, grid, CSV, best times) go gzipped to the clients that
// accept it, as every browser does: written out and compressed once per
// revision, and validated like the plain body.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

const std::vector<std::string> k_large_reads = {"/schedules", "/grid?tz=Europe/Berlin",
                                                "/export.csv", "/best-times?limit=100"};

// An event whose large reads are a few kilobytes: 12 people on 5 dates.
std::string crowded_event(ServerFixture& server) {
    auto event = server.create_event();
    server.add_dates(event.uuid, 5);
    for (int person = 0; person < 12; ++person) {
        REQUIRE(server
                    .post("/api/events/" + event.uuid + "/schedules",
                          schedule_body("person " + std::to_string(person),
                                        std::vector<std::string>(5, day_with({person, 20}))))
                    .status == 201);
    }
    return "/api/events/" + event.uuid;
}

}  // namespace

TEST_CASE_METHOD(ServerFixture,
                 "a large read goes gzipped to a client that accepts gzip and unzips to the body "
                 "others get",
                 "[http][gzip]") {
    const std::string base = crowded_event(*this);
    for (const std::string& read : k_large_reads) {
        INFO(read);
        const auto plain = get(base + read);
        REQUIRE(plain.status == 200);
        CHECK(plain.header("content-encoding").empty());
        CHECK(plain.header("vary").find("Accept-Encoding") != std::string::npos);
        const auto zipped = get(base + read, {{"Accept-Encoding", "br, gzip;q=0.8"}});
        REQUIRE(zipped.status == 200);
        CHECK(zipped.header("content-encoding") == "gzip");
        CHECK(zipped.header("vary").find("Accept-Encoding") != std::string::npos);
        CHECK(zipped.header("content-type") == plain.header("content-type"));
        CHECK(zipped.body.size() < plain.body.size() / 3);
        CHECK(gunzip(zipped.body) == plain.body);
    }
}

TEST_CASE_METHOD(ServerFixture,
                 "a client that does not name gzip, or refuses it with q=0, gets the plain body",
                 "[http][gzip]") {
    const std::string base = crowded_event(*this);
    for (const char* encodings : {"identity", "gzip;q=0", "br", "*;q=0"}) {
        INFO(encodings);
        const auto reply = get(base + "/grid", {{"Accept-Encoding", encodings}});
        REQUIRE(reply.status == 200);
        CHECK(reply.header("content-encoding").empty());
        CHECK(reply.body.front() == '{');
    }
}

TEST_CASE_METHOD(ServerFixture,
                 "a gzipped read has its own ETag, either tag gets 304 while the event is "
                 "unchanged, and a write makes both stale",
                 "[http][gzip]") {
    const std::string base = crowded_event(*this);
    const HeaderList gzip = {{"Accept-Encoding", "gzip"}};
    const std::string plain_tag = get(base + "/schedules").header("etag");
    const std::string zipped_tag = get(base + "/schedules", gzip).header("etag");
    REQUIRE_FALSE(plain_tag.empty());
    CHECK(zipped_tag != plain_tag);
    for (const std::string& tag : {plain_tag, zipped_tag}) {
        HeaderList headers = gzip;
        headers.emplace_back("If-None-Match", tag);
        const auto unchanged = get(base + "/schedules", headers);
        CHECK(unchanged.status == 304);
        CHECK(unchanged.header("etag") == tag);
    }
    REQUIRE(post(base + "/schedules",
                 schedule_body("newcomer", std::vector<std::string>(5, day_with({1}))))
                .status == 201);
    for (const std::string& tag : {plain_tag, zipped_tag}) {
        HeaderList headers = gzip;
        headers.emplace_back("If-None-Match", tag);
        const auto changed = get(base + "/schedules", headers);
        REQUIRE(changed.status == 200);
        CHECK(gunzip(changed.body).find("newcomer") != std::string::npos);
    }
}
