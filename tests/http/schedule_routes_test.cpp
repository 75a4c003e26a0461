#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <thread>

#include <catch2/catch.hpp>

#include "server_fixture.hpp"

using namespace bistime::testing;

TEST_CASE_METHOD(ServerFixture, "posting a schedule sets every date and answers the rows",
                 "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    auto reply = post(path, schedule_body("Ann", {day_with({18, 19}), day_with({20})}));
    REQUIRE(reply.status == 201);
    auto rows = parse_json(reply.body);
    REQUIRE(rows.Size() == 2);
    CHECK(as_text(rows[0]["name"]) == "Ann");
    CHECK(rows[0]["event"].GetInt64() == event.id);
    CHECK(as_text(rows[0]["date"]) == day_from_today(1));
    CHECK(as_text(rows[0]["availability"]) == day_with({18, 19}));
    CHECK(as_text(rows[1]["availability"]) == day_with({20}));
}

TEST_CASE_METHOD(ServerFixture, "a day may come as an array of 48 one-character strings",
                 "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 1);
    std::string array = "[";
    for (int slot = 0; slot < 48; ++slot) {
        array += std::string(slot ? ", " : "") + (slot == 20 ? "\"1\"" : "\"0\"");
    }
    array += "]";
    auto reply = post("/api/events/" + event.uuid + "/schedules",
                      R"({"name": "Bo", "availability": [)" + array + "]}");
    REQUIRE(reply.status == 201);
    CHECK(as_text(parse_json(reply.body)[0]["availability"]) == day_with({20}));
}

TEST_CASE_METHOD(ServerFixture, "a schedule needs one valid day per event date", "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    check_error_body(post(path, schedule_body("Ann", {day_with({1})})), 400);
    check_error_body(
        post(path, schedule_body("Ann", {day_with({1}), day_with({1}), day_with({1})})), 400);
    check_error_body(post(path, schedule_body("Ann", {day_with({1}), "0101"})), 400);
    check_error_body(post(path, schedule_body("Ann", {day_with({1}), std::string(48, '3')})), 400);
    check_error_body(post(path, R"({"name": "Ann", "availability": "nope"})"), 400);
    check_error_body(post(path, R"({"name": "Ann", "availability": [["1", "0"]]})"), 400);
    check_error_body(post(path, R"({"availability": []})"), 400);
    check_error_body(
        post(path, schedule_body(std::string(51, 'n'), {day_with({1}), day_with({1})})), 400);
    check_error_body(post(path, schedule_body("   ", {day_with({1}), day_with({1})})), 400);
    CHECK(parse_json(get(path).body).Size() == 0);
}

TEST_CASE_METHOD(ServerFixture, "an event without dates refuses schedules with 404", "[http]") {
    auto event = create_event();
    auto reply = post("/api/events/" + event.uuid + "/schedules", schedule_body("Ann", {}));
    check_error_body(reply, 404);
    CHECK(as_text(parse_json(reply.body)["detail"]) ==
          "event has no associated dates to add schedule to");
}

TEST_CASE_METHOD(ServerFixture, "schedules list by date then name, and filter by a name",
                 "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    REQUIRE(post(path, schedule_body("김민지", {day_with({1}), day_with({2})})).status == 201);
    REQUIRE(post(path, schedule_body("Ann", {day_with({3}), day_with({4})})).status == 201);
    auto all = parse_json(get(path).body);
    REQUIRE(all.Size() == 4);
    CHECK(as_text(all[0]["name"]) == "Ann");
    CHECK(as_text(all[1]["name"]) == "김민지");
    CHECK(as_text(all[2]["name"]) == "Ann");
    auto one = parse_json(get(path + "?name=%EA%B9%80%EB%AF%BC%EC%A7%80").body);
    REQUIRE(one.Size() == 2);
    CHECK(as_text(one[1]["availability"]) == day_with({2}));
    CHECK(parse_json(get(path + "?name=Nobody").body).Size() == 0);
}

TEST_CASE_METHOD(ServerFixture, "patching one day answers 201 when created and 200 when replaced",
                 "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    auto dates = parse_json(get("/api/events/" + event.uuid + "/dates").body);
    const auto date_id = dates["results"][1]["id"].GetInt64();
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    auto created = patch(path, R"({"name": "Ann", "date": )" + std::to_string(date_id) +
                                   R"(, "availability": ")" + day_with({7}) + "\"}");
    REQUIRE(created.status == 201);
    CHECK(as_text(parse_json(created.body)["availability"]) == day_with({7}));
    auto replaced = patch(path, R"({"name": "Ann", "date": ")" + std::to_string(date_id) +
                                    R"(", "availability": ")" + day_with({8}) + "\"}");
    REQUIRE(replaced.status == 200);
    CHECK(as_int(parse_json(replaced.body)["id"]) == as_int(parse_json(created.body)["id"]));
    auto rows = parse_json(get(path + "?name=Ann").body);
    REQUIRE(rows.Size() == 1);
    CHECK(as_text(rows[0]["availability"]) == day_with({8}));
}

TEST_CASE_METHOD(ServerFixture, "patching a day of another event or a bad id changes nothing",
                 "[http]") {
    auto event = create_event();
    auto other = create_event();
    add_dates(event.uuid, 1);
    add_dates(other.uuid, 1);
    const auto foreign =
        parse_json(get("/api/events/" + other.uuid + "/dates").body)["results"][0]["id"].GetInt64();
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    const std::string day = day_with({1});
    check_error_body(patch(path, R"({"name": "Ann", "date": )" + std::to_string(foreign) +
                                     R"(, "availability": ")" + day + "\"}"),
                     404);
    check_error_body(
        patch(path,
              R"({"name": "Ann", "date": 99999999999999999999, "availability": ")" + day + "\"}"),
        400);
    check_error_body(patch(path, R"({"name": "Ann", "date": -3, "availability": ")" + day + "\"}"),
                     400);
    check_error_body(patch(path, R"({"name": "Ann", "date": 1.5, "availability": ")" + day + "\"}"),
                     400);
    check_error_body(patch(path, R"({"name": "Ann", "availability": ")" + day + "\"}"), 400);
    CHECK(parse_json(get("/api/events/" + other.uuid + "/schedules").body).Size() == 0);
    CHECK(parse_json(get(path).body).Size() == 0);
}

TEST_CASE_METHOD(ServerFixture,
                 "deleting a person removes them from every date, by a percent-encoded name",
                 "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    REQUIRE(post(path, schedule_body("Kim Min", {day_with({1}), day_with({2})})).status == 201);
    REQUIRE(post(path, schedule_body("Bo", {day_with({1}), day_with({2})})).status == 201);
    CHECK(del(path + "/Kim%20Min").status == 204);
    auto left = parse_json(get(path).body);
    REQUIRE(left.Size() == 2);
    CHECK(as_text(left[0]["name"]) == "Bo");
    check_error_body(del(path + "/Kim%20Min"), 404);
    check_error_body(del(path + "/bad%zzescape"), 400);
}

TEST_CASE_METHOD(ServerFixture, "the event shows per-slot counts, capped at 9 in the legacy string",
                 "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    for (int person = 0; person < 12; ++person) {
        const auto second = person < 3 ? day_with({0, 47}) : day_with({});
        REQUIRE(post(path, schedule_body("person " + std::to_string(person),
                                         {day_with({18, 19}), second}))
                    .status == 201);
    }
    REQUIRE(post(path, schedule_body("Ann", {day_with({19}), day_with({})})).status == 201);
    auto reply = get("/api/events/" + event.uuid);
    auto json = parse_json(reply.body);
    const std::string first_date = day_from_today(1);
    const std::string second_date = day_from_today(2);
    const std::string legacy = json["availability"][first_date.c_str()].GetString();
    CHECK(legacy.size() == 48);
    CHECK(legacy.substr(17, 4) == "0990");
    CHECK(as_int(json["availabilityCounts"][first_date.c_str()][18]) == 12);
    CHECK(as_int(json["availabilityCounts"][first_date.c_str()][19]) == 13);
    CHECK(as_int(json["availabilityCounts"][second_date.c_str()][0]) == 3);
    CHECK(as_text(json["availability"][second_date.c_str()])[47] == '3');
    CHECK(json["participants"].Size() == 13);
    CHECK(as_text(json["participants"][0]) == "Ann");
    // Dates appear in ascending order in the map.
    CHECK(reply.body.find(first_date) < reply.body.find(second_date));
}

TEST_CASE_METHOD(ServerFixture, "reading an event costs the same statements for 2 people or 40",
                 "[http]") {
    auto small = create_event();
    auto large = create_event();
    add_dates(small.uuid, 2);
    add_dates(large.uuid, 30);
    const std::vector<std::string> two(2, day_with({5}));
    const std::vector<std::string> thirty(30, day_with({5}));
    for (int person = 0; person < 40; ++person) {
        if (person < 2) {
            REQUIRE(post("/api/events/" + small.uuid + "/schedules",
                         schedule_body("p" + std::to_string(person), two))
                        .status == 201);
        }
        REQUIRE(post("/api/events/" + large.uuid + "/schedules",
                     schedule_body("p" + std::to_string(person), thirty))
                    .status == 201);
    }
    auto cost = [&](const std::string& uuid) {
        const auto before = application().statements_sent();
        REQUIRE(get("/api/events/" + uuid).status == 200);
        return application().statements_sent() - before;
    };
    // The first read: the event's row, its dates, its people's answers and
    // their day rows. Then the answers cache holds them: the row alone on
    // MariaDB, and nothing on the SQLite file the server owns, where no
    // write came since the row's read.
    CHECK(cost(small.uuid) == 4);
    CHECK(cost(large.uuid) == 4);
    CHECK(cost(small.uuid) == (on_mysql() ? 1u : 0u));
    CHECK(cost(large.uuid) == (on_mysql() ? 1u : 0u));
}

TEST_CASE_METHOD(ServerFixture,
                 "8 threads of 50 concurrent upserts of one name leave one schedule per date",
                 "[http]") {
    auto event = create_event();
    add_dates(event.uuid, 3);
    auto dates = parse_json(get("/api/events/" + event.uuid + "/dates").body);
    std::vector<std::int64_t> date_ids;
    for (const auto& date : dates["results"].GetArray()) {
        date_ids.push_back(date["id"].GetInt64());
    }
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    std::atomic<int> unexpected{0};
    std::vector<std::thread> clients;
    for (int thread = 0; thread < 8; ++thread) {
        clients.emplace_back([&, thread] {
            HttpConnection connection(port());
            for (int round = 0; round < 50; ++round) {
                const std::string day = day_with({(thread + round) % 48});
                HttpReply reply;
                if (round % 2 == 0) {
                    reply = connection.request("POST", path, schedule_body("Ann", {day, day, day}));
                    if (reply.status != 201) {
                        ++unexpected;
                    }
                } else {
                    reply = connection.request(
                        "PATCH", path,
                        R"({"name": "Ann", "date": )" +
                            std::to_string(date_ids[static_cast<std::size_t>(round % 3)]) +
                            R"(, "availability": ")" + day + "\"}");
                    if (reply.status != 200 && reply.status != 201) {
                        ++unexpected;
                    }
                }
            }
        });
    }
    for (auto& client : clients) {
        client.join();
    }
    CHECK(unexpected == 0);
    auto rows = parse_json(get(path).body);
    REQUIRE(rows.Size() == 3);
    CHECK(as_text(rows[0]["date"]) == day_from_today(1));
    CHECK(as_text(rows[1]["date"]) == day_from_today(2));
    CHECK(as_text(rows[2]["date"]) == day_from_today(3));
}

TEST_CASE_METHOD(ServerFixture,
                 "a password claims a name over HTTP: 401 without it, 403 wrong, 429 after five",
                 "[http][password]") {
    auto event = create_event();
    add_dates(event.uuid, 1);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    auto claim = post(path, R"({"name": "Ann", "password": "s3cret", "availability": [")" +
                                day_with({1}) + "\"]}");
    REQUIRE(claim.status == 201);
    CHECK(claim.body.find("s3cret") == std::string::npos);
    check_error_body(post(path, schedule_body("Ann", {day_with({2})})), 401);
    check_error_body(
        post(path, schedule_body("Ann", {day_with({2})}), {{"X-Participant-Password", "nope"}}),
        403);
    CHECK(post(path, schedule_body("Ann", {day_with({3})}), {{"X-Participant-Password", "s3cret"}})
              .status == 201);
    const auto date_id =
        as_int(parse_json(get("/api/events/" + event.uuid + "/dates").body)["results"][0]["id"]);
    check_error_body(patch(path, R"({"name": "Ann", "date": )" + std::to_string(date_id) +
                                     R"(, "availability": ")" + day_with({4}) + "\"}"),
                     401);
    CHECK(patch(path, R"({"name": "Ann", "password": "s3cret", "date": )" +
                          std::to_string(date_id) + R"(, "availability": ")" + day_with({4}) +
                          "\"}")
              .status == 200);
    check_error_body(del(path + "/Ann"), 401);
    const std::string verify = "/api/events/" + event.uuid + "/participants/Ann/verify";
    CHECK(post(verify, R"({"password": "s3cret"})").status == 204);
    check_error_body(
        post("/api/events/" + event.uuid + "/participants/Nobody/verify", R"({"password": "x"})"),
        404);
    // One wrong attempt was made above ("nope"); four more make five.
    for (int attempt = 0; attempt < 4; ++attempt) {
        check_error_body(post(verify, R"({"password": "wrong"})"), 403);
    }
    check_error_body(post(verify, R"({"password": "s3cret"})"), 429);
    check_error_body(del(path + "/Ann", {{"X-Participant-Password", "s3cret"}}), 429);
    CHECK(as_text(parse_json(get(path).body)[0]["availability"]) == day_with({4}));
}

TEST_CASE_METHOD(ServerFixture, "names without a password stay open to everyone, as in v1",
                 "[http][password]") {
    auto event = create_event();
    add_dates(event.uuid, 1);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    REQUIRE(post(path, schedule_body("Bo", {day_with({1})})).status == 201);
    REQUIRE(post(path, schedule_body("Bo", {day_with({2})})).status == 201);
    CHECK(del(path + "/Bo").status == 204);
    check_error_body(
        post(path, R"({"name": "Cy", "password": 5, "availability": [")" + day_with({1}) + "\"]}"),
        400);
}

TEST_CASE_METHOD(ServerFixture, "a 15-minute event speaks 96-character days", "[http][slots]") {
    auto created = post(
        "/api/events",
        R"({"title": "Quarter", "slotMinutes": 15, "startTime": "09:15", "endTime": "17:45"})");
    REQUIRE(created.status == 201);
    auto json = parse_json(created.body);
    CHECK(as_int(json["slotMinutes"]) == 15);
    const std::string uuid = as_text(json["uuid"]);
    add_dates(uuid, 1);
    const std::string path = "/api/events/" + uuid + "/schedules";
    check_error_body(post(path, schedule_body("Ann", {day_with({1})})), 400);
    std::string day(96, '0');
    day[37] = '1';
    REQUIRE(post(path, schedule_body("Ann", {day})).status == 201);
    auto event = parse_json(get("/api/events/" + uuid).body);
    const std::string date = day_from_today(1);
    CHECK(as_text(event["availability"][date.c_str()]).size() == 96);
    CHECK(event["availabilityCounts"][date.c_str()].Size() == 96);
    CHECK(as_int(event["availabilityCounts"][date.c_str()][37]) == 1);
    check_error_body(post("/api/events", R"({"title": "x", "slotMinutes": 20})"), 400);
    check_error_body(post("/api/events", R"({"title": "x", "slotMinutes": "15"})"), 400);
    check_error_body(
        post("/api/events", R"({"title": "x", "slotMinutes": 60, "startTime": "09:30"})"), 400);
}

TEST_CASE_METHOD(ServerFixture, "'if needed' answers count apart, in ifNeededCounts",
                 "[http][slots]") {
    auto event = create_event();
    add_dates(event.uuid, 1);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    REQUIRE(post(path, schedule_body("Ann", {day_with({18})})).status == 201);
    CHECK(get("/api/events/" + event.uuid).body.find("ifNeededCounts") == std::string::npos);
    std::string maybe = day_with({19});
    maybe[18] = '2';
    REQUIRE(post(path, schedule_body("Bo", {maybe})).status == 201);
    auto json = parse_json(get("/api/events/" + event.uuid).body);
    const std::string date = day_from_today(1);
    CHECK(as_int(json["availabilityCounts"][date.c_str()][18]) == 1);
    CHECK(as_int(json["ifNeededCounts"][date.c_str()][18]) == 1);
    CHECK(as_int(json["availabilityCounts"][date.c_str()][19]) == 1);
    CHECK(as_text(json["availability"][date.c_str()]).substr(18, 2) == "11");
    CHECK(as_text(parse_json(get(path + "?name=Bo").body)[0]["availability"]) == maybe);
}

TEST_CASE_METHOD(ServerFixture, "a weekday event is keyed MON to SUN wherever v1 uses a date",
                 "[http][weekdays]") {
    auto created = post("/api/events", R"({"title": "Weekly", "weekdays": ["WED", "MON"]})");
    REQUIRE(created.status == 201);
    auto json = parse_json(created.body);
    REQUIRE(json["weekdays"].Size() == 2);
    CHECK(as_text(json["weekdays"][0]) == "MON");
    CHECK(as_text(json["availability"]["MON"]) == std::string(48, '0'));
    const std::string uuid = as_text(json["uuid"]);
    check_error_body(get("/api/events/" + uuid + "/dates"), 400);
    check_error_body(
        post("/api/events/" + uuid + "/dates", R"({"additionalDates": ["2030-01-01"]})"), 400);
    const std::string path = "/api/events/" + uuid + "/schedules";
    REQUIRE(post(path, schedule_body("Ann", {day_with({18}), day_with({19})})).status == 201);
    auto rows = parse_json(get(path).body);
    CHECK(as_text(rows[0]["date"]) == "MON");
    CHECK(as_text(rows[1]["date"]) == "WED");
    auto patched =
        patch(path, R"({"name": "Ann", "date": "WED", "availability": ")" + day_with({20}) + "\"}");
    REQUIRE(patched.status == 200);
    CHECK(as_text(parse_json(patched.body)["date"]) == "WED");
    check_error_body(
        patch(path, R"({"name": "Ann", "date": "SUN", "availability": ")" + day_with({20}) + "\"}"),
        404);
    auto event = parse_json(get("/api/events/" + uuid).body);
    CHECK(as_int(event["availabilityCounts"]["WED"][20]) == 1);
    check_error_body(post("/api/events", R"({"title": "x", "weekdays": ["Someday"]})"), 400);
    check_error_body(post("/api/events", R"({"title": "x", "weekdays": "MON"})"), 400);
}

namespace {
constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
}  // namespace

TEST_CASE_METHOD(ServerFixture,
                 "the CSV export starts with a UTF-8 byte-order mark, so Excel reads Hangul names",
                 "[http][csv]") {
    auto event = create_event();
    add_dates(event.uuid, 1);
    REQUIRE(
        post("/api/events/" + event.uuid + "/schedules", schedule_body("김민지", {day_with({18})}))
            .status == 201);
    auto reply = get("/api/events/" + event.uuid + "/export.csv");
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type") == "text/csv; charset=utf-8");
    CHECK(reply.body.rfind(std::string(k_utf8_bom) + "name,date,start,end,state\r\n", 0) == 0);
    CHECK(reply.body.find("김민지,") != std::string::npos);
}

TEST_CASE_METHOD(ServerFixture,
                 "the CSV export round-trips names with commas, quotes and Hangul, within the "
                 "event's window",
                 "[http][csv]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    const std::vector<std::string> names = {"Kim, Min-ji", "Bo \"the boss\"", "김민지"};
    std::map<std::pair<std::string, std::string>, std::string> sent;
    for (std::size_t person = 0; person < names.size(); ++person) {
        std::string first = day_with({18, 19, 20});
        first[static_cast<std::size_t>(30 + person)] = '2';
        const std::string second = day_with({static_cast<int>(person), 47});
        REQUIRE(post(path, schedule_body(names[person], {first, second})).status == 201);
        sent[{names[person], day_from_today(1)}] = first;
        sent[{names[person], day_from_today(2)}] = second;
    }
    auto reply = get("/api/events/" + event.uuid + "/export.csv");
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type").rfind("text/csv", 0) == 0);
    // The byte-order mark first (Excel's sign of UTF-8), then the CSV.
    REQUIRE(reply.body.rfind(k_utf8_bom, 0) == 0);
    auto rows = read_csv(reply.body.substr(k_utf8_bom.size()));
    REQUIRE(rows.size() > 1);
    CHECK(rows[0] == std::vector<std::string>{"name", "date", "start", "end", "state"});
    std::map<std::pair<std::string, std::string>, std::string> rebuilt;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        REQUIRE(rows[i].size() == 5);
        auto& day = rebuilt[{rows[i][0], rows[i][1]}];
        if (day.empty()) {
            day = std::string(48, '?');
        }
        const int start =
            std::stoi(rows[i][2].substr(0, 2)) * 2 + (rows[i][2].substr(3) == "30" ? 1 : 0);
        const int end =
            std::stoi(rows[i][3].substr(0, 2)) * 2 + (rows[i][3].substr(3) == "30" ? 1 : 0);
        const char state = rows[i][4] == "available" ? '1' : rows[i][4] == "if-needed" ? '2' : '0';
        for (int slot = start; slot < end; ++slot) {
            day[static_cast<std::size_t>(slot)] = state;
        }
    }
    // The event's window is 09:00–18:00 (slots 18 to 36): the slots outside
    // it, which the page never asked about, are not in the export.
    for (auto& [key, day] : sent) {
        for (std::size_t slot = 0; slot < day.size(); ++slot) {
            if (slot < 18 || slot >= 36) {
                day[slot] = '?';
            }
        }
    }
    CHECK(rebuilt == sent);
    check_error_body(get("/api/events/89PKcffHuwBA9uCnGWraNZ/export.csv"), 404);
}

namespace {

// The statements sent by the cheapest of three runs of `request`. Any write
// moves the SQLite file's quiet mark, and the server writes on its own too
// (the expiry sweep at start-up): once, not three times in a row.
std::uint64_t cheapest_of_three(ServerFixture& fixture, const std::function<void()>& request) {
    std::uint64_t cheapest = ~std::uint64_t{0};
    for (int run = 0; run < 3; ++run) {
        const auto before = fixture.application().statements_sent();
        request();
        cheapest = std::min(cheapest, fixture.application().statements_sent() - before);
    }
    return cheapest;
}

}  // namespace

TEST_CASE_METHOD(ServerFixture,
                 "a poller with the current event gets 304 for its row alone (none on SQLite), and "
                 "any change gives a new ETag, even within the same second",
                 "[http][cache]") {
    auto event = create_event();
    add_dates(event.uuid, 3);
    REQUIRE(post("/api/events/" + event.uuid + "/schedules",
                 schedule_body("Ann", std::vector<std::string>(3, day_with({5}))))
                .status == 201);
    auto first = get("/api/events/" + event.uuid);
    REQUIRE(first.status == 200);
    const std::string etag = first.header("etag");
    REQUIRE_FALSE(etag.empty());
    CHECK(first.header("cache-control") == "no-cache");

    HttpReply unchanged;
    // The event's row, on MariaDB; on the SQLite file the server owns,
    // nothing: no write came since it was read.
    CHECK(cheapest_of_three(*this, [&] {
              unchanged = get("/api/events/" + event.uuid, {{"If-None-Match", etag}});
          }) == (on_mysql() ? 1u : 0u));
    CHECK(unchanged.status == 304);
    CHECK(unchanged.body.empty());
    CHECK(unchanged.header("etag") == etag);
    CHECK(get("/api/events/" + event.uuid, {{"If-None-Match", "W/" + etag}}).status == 304);

    // An answer, a title, another title: each a new ETag, a full body.
    std::vector<std::string> seen{etag};
    auto changed = [&]() {
        auto reply = get("/api/events/" + event.uuid, {{"If-None-Match", seen.back()}});
        CHECK(reply.status == 200);
        CHECK(std::find(seen.begin(), seen.end(), reply.header("etag")) == seen.end());
        seen.push_back(reply.header("etag"));
        return reply;
    };
    REQUIRE(post("/api/events/" + event.uuid + "/schedules",
                 schedule_body("Bo", std::vector<std::string>(3, day_with({6}))))
                .status == 201);
    CHECK(changed().body.find("Bo") != std::string::npos);
    const HeaderList organiser{{"X-Admin-Token", event.token}};
    REQUIRE(patch("/api/events/" + event.uuid, R"({"title": "Renamed once"})", organiser).status ==
            200);
    CHECK(changed().body.find("Renamed once") != std::string::npos);
    REQUIRE(patch("/api/events/" + event.uuid, R"({"title": "Renamed twice"})", organiser).status ==
            200);
    CHECK(changed().body.find("Renamed twice") != std::string::npos);
    CHECK(get("/api/events/" + event.uuid, {{"If-None-Match", seen.back()}}).status == 304);
}

TEST_CASE_METHOD(ServerFixture,
                 "the event's other reads are revised too: 304 for the row alone, per query",
                 "[http][cache]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    REQUIRE(post("/api/events/" + event.uuid + "/schedules",
                 schedule_body("Ann", std::vector<std::string>(2, day_with({20}))))
                .status == 201);
    for (const std::string read :
         {"/schedules", "/schedules?name=Ann", "/export.csv", "/grid?tz=Europe/Berlin",
          "/grid?tz=America/New_York", "/best-times?duration=60"}) {
        const std::string target = "/api/events/" + event.uuid + read;
        auto first = get(target);
        REQUIRE(first.status == 200);
        const std::string etag = first.header("etag");
        REQUIRE_FALSE(etag.empty());
        HttpReply again;
        CHECK(cheapest_of_three(*this, [&] {
                  again = get(target, {{"If-None-Match", etag}});
              }) == (on_mysql() ? 1u : 0u));
        CHECK(again.status == 304);
        CHECK(again.body.empty());
    }
    // Another zone is another body: its ETag differs, and a tag for one
    // query never answers another.
    const std::string base = "/api/events/" + event.uuid;
    const std::string berlin = get(base + "/grid?tz=Europe/Berlin").header("etag");
    const std::string york = get(base + "/grid?tz=America/New_York").header("etag");
    CHECK(berlin != york);
    CHECK(get(base + "/grid?tz=America/New_York", {{"If-None-Match", berlin}}).status == 200);
    // An answer changes every read's revision.
    const std::string schedules = get(base + "/schedules").header("etag");
    REQUIRE(
        post(base + "/schedules", schedule_body("Bo", std::vector<std::string>(2, day_with({21}))))
            .status == 201);
    auto changed = get(base + "/schedules", {{"If-None-Match", schedules}});
    CHECK(changed.status == 200);
    CHECK(changed.body.find("Bo") != std::string::npos);
    CHECK(get(base + "/grid?tz=Europe/Berlin", {{"If-None-Match", berlin}}).status == 200);
}

TEST_CASE_METHOD(ServerFixture,
                 "a large read is written out once per revision: sent again unchanged, never "
                 "older than the last write",
                 "[http][cache]") {
    auto event = create_event();
    add_dates(event.uuid, 2);
    const std::string base = "/api/events/" + event.uuid;
    REQUIRE(post(base + "/schedules",
                 schedule_body("Ann", std::vector<std::string>(2, day_with({20, 21}))))
                .status == 201);
    for (const std::string read : {"/schedules", "/schedules?name=Cy", "/export.csv",
                                   "/grid?tz=Asia/Seoul", "/best-times?limit=100"}) {
        INFO(read);
        auto first = get(base + read);
        REQUIRE(first.status == 200);
        auto again = get(base + read);
        CHECK(again.status == 200);
        CHECK(again.body == first.body);
        CHECK(again.header("etag") == first.header("etag"));
        // A new answer is in the next read, whichever read was kept.
        const std::string name =
            read == "/schedules?name=Cy" ? "Cy" : "Cy " + std::to_string(read.size());
        REQUIRE(post(base + "/schedules",
                     schedule_body(name, std::vector<std::string>(2, day_with({22}))))
                    .status == 201);
        auto after = get(base + read);
        CHECK(after.status == 200);
        CHECK(after.header("etag") != first.header("etag"));
        CHECK(after.body.find(name) != std::string::npos);
    }
}
