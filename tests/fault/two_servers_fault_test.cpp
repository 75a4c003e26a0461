// Two bistime-servers on one MariaDB, each with its own answers cache: a read
// on either never shows an answer older than the last write acknowledged
// before the read began, whichever server took the write — also for a
// poller that sends If-None-Match and gets 304.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>
#include <catch2/catch.hpp>

#include "../http/http_client.hpp"
#include "fault_support.hpp"
#include "private_mariadb.hpp"

using namespace bistime::testing;

namespace {

// A day with only `slot` available.
std::string day_at(int slot) {
    std::string day(48, '0');
    day[static_cast<std::size_t>(slot)] = '1';
    return day;
}

// The slot each writer's one day holds, from a schedules list; -1 when absent.
void read_slots(const std::string& body, int& ann, int& bo) {
    rapidjson::Document rows;
    rows.Parse(body.c_str());
    ann = -1;
    bo = -1;
    if (!rows.IsArray()) {
        return;
    }
    for (const auto& row : rows.GetArray()) {
        const std::string name = row["name"].GetString();
        const std::string day = row["availability"].GetString();
        const int slot = static_cast<int>(day.find('1'));
        (name == "Ann" ? ann : bo) = slot;
    }
}

}  // namespace

TEST_CASE(
    "two servers on one MariaDB: no read shows an answer older than the last write "
    "acknowledged before it began",
    "[fault][mysql][cache]") {
    PrivateMariaDb mariadb;
    ServerProcess first(server_path(), {"--port", "0", "--db", mariadb.url(), "--quiet"});
    ServerProcess second(server_path(), {"--port", "0", "--db", mariadb.url(), "--quiet"});
    const std::uint16_t ports[2] = {first.read_port(), second.read_port()};
    REQUIRE(ports[0] > 0);
    REQUIRE(ports[1] > 0);
    const std::string uuid = create_event_with_dates(ports[0], 1);
    REQUIRE_FALSE(uuid.empty());
    const std::string schedules = "/api/events/" + uuid + "/schedules";

    // Ann writes through the first server, Bo through the second; each one's
    // slot only grows, so a stale read shows a slot below the acknowledged one.
    std::atomic<int> acknowledged[2] = {-1, -1};
    std::atomic<bool> done{false};
    auto writer = [&](int who) {
        const std::string name = who == 0 ? "Ann" : "Bo";
        for (int slot = 0; slot < 48; ++slot) {
            const std::string body =
                "{\"name\":\"" + name + "\",\"availability\":[\"" + day_at(slot) + "\"]}";
            if (http_request(ports[who], "POST", schedules, body).status == 201) {
                acknowledged[who].store(slot);
            }
        }
    };
    std::atomic<int> reads{0};
    std::atomic<int> not_modified{0};
    std::atomic<int> stale{0};
    auto reader = [&](int server) {
        std::string etag;
        std::string body;
        while (!done.load()) {
            const int floor_ann = acknowledged[0].load();
            const int floor_bo = acknowledged[1].load();
            HeaderList headers;
            if (!etag.empty()) {
                headers.emplace_back("If-None-Match", etag);
            }
            auto reply = http_request(ports[server], "GET", schedules, "", headers);
            if (reply.status == 304) {
                ++not_modified;  // what this reader read last is still current
            } else if (reply.status == 200) {
                body = reply.body;
                etag = reply.header("etag");
            } else {
                continue;
            }
            int ann = -1;
            int bo = -1;
            read_slots(body, ann, bo);
            ++reads;
            if (ann < floor_ann || bo < floor_bo) {
                ++stale;
            }
        }
    };
    std::vector<std::thread> readers;
    for (int server : {0, 1, 0, 1}) {
        readers.emplace_back(reader, server);
    }
    std::thread ann(writer, 0);
    std::thread bo(writer, 1);
    ann.join();
    bo.join();
    done.store(true);
    for (auto& thread : readers) {
        thread.join();
    }
    CHECK(acknowledged[0].load() == 47);
    CHECK(acknowledged[1].load() == 47);
    CHECK(reads.load() > 50);
    CHECK(not_modified.load() > 0);
    CHECK(stale.load() == 0);
    INFO("reads " << reads.load() << ", of them 304: " << not_modified.load());
}
