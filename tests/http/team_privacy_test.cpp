// Issue 26, items 9, 10 and 11 over HTTP: ids that cannot be counted through,
// teams found by name only with a secret, names that are text people can see
// (NFC, trimmed, no controls or invisible characters), and correct secrets
// that are never throttled however many arrive at once.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

std::atomic<int> privacy_counter{0};

struct Team {
    std::string uuid;
    std::string code;
    std::string name;
};

std::string week_body() {
    std::string days;
    for (int day = 0; day < 7; ++day) {
        days += std::string(day == 0 ? "[" : ", ") + "\"" + std::string(48, '0') + "\"";
    }
    return days + "]";
}

// What each payload is: the characters the attacker put into names.
struct Payload {
    const char* what;
    const char* bytes;
};
const Payload k_payloads[] = {
    {"NUL", "\0"},
    {"ESC", "\x1B"},
    {"U+202E right-to-left override", "\xE2\x80\xAE"},
    {"U+2066 left-to-right isolate", "\xE2\x81\xA6"},
    {"U+0085 next line", "\xC2\x85"},
    {"U+FEFF zero-width no-break space", "\xEF\xBB\xBF"},
    {"U+200B zero-width space", "\xE2\x80\x8B"},
    {"U+00AD soft hyphen", "\xC2\xAD"},
    {"U+2028 line separator", "\xE2\x80\xA8"},
};

std::string with_payload(const Payload& payload, const std::string& around) {
    // "\0" is one byte that std::string's C-string constructor would drop.
    const std::string bytes =
        payload.bytes[0] == '\0' ? std::string(1, '\0') : std::string(payload.bytes);
    return around + bytes + around;
}

const std::string k_rene_nfc = "Ren\xC3\xA9";   // é as one code point
const std::string k_rene_nfd = "Rene\xCC\x81";  // e + combining acute

class PrivacyFixture : public ServerFixture {
  public:
    std::string unique_name(const std::string& stem) {
        return stem + " " + std::to_string(::getpid()) + "-" + std::to_string(privacy_counter++);
    }
    Team create_team(const std::string& name) {
        auto reply = post("/api/teams",
                          R"({"name": )" + json_string(name) + R"(, "securityAnswer": "Kim"})");
        REQUIRE(reply.status == 201);
        auto json = parse_json(reply.body);
        return {as_text(json["uuid"]), as_text(json["adminCode"]), as_text(json["name"])};
    }
    HttpReply add_member(const Team& team, const std::string& name,
                         const std::string& password = "") {
        const std::string secret =
            password.empty() ? "" : R"(, "password": )" + json_string(password);
        return post("/api/teams/members", R"({"team": ")" + team.uuid + R"(", "name": )" +
                                              json_string(name) + secret + R"(, "weekSchedule": )" +
                                              week_body() + "}");
    }
    HttpReply find_by_name(const std::string& name, const HeaderList& headers = {},
                           const std::string& member = "") {
        std::string target = "/api/teams?name=" + url_encode(name);
        if (!member.empty()) {
            target += "&member=" + url_encode(member);
        }
        return get(target, headers);
    }
    static std::string url_encode(const std::string& text) {
        static const char* k_hex = "0123456789ABCDEF";
        std::string out;
        for (unsigned char c : text) {
            if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_') {
                out += static_cast<char>(c);
            } else {
                out += '%';
                out += k_hex[c >> 4];
                out += k_hex[c & 15];
            }
        }
        return out;
    }
    std::size_t member_count(const Team& team) {
        auto reply = get("/api/teams/" + team.uuid + "/members");
        REQUIRE(reply.status == 200);
        return parse_json(reply.body).GetArray().Size();
    }
};

// Refused with 400, the error naming `field`.
void check_refused(const HttpReply& reply, const std::string& field) {
    INFO(reply.body);
    check_error_body(reply, 400);
    auto json = parse_json(reply.body);
    REQUIRE(json.HasMember("errors"));
    CHECK(json["errors"].HasMember(field.c_str()));
}

}  // namespace

TEST_CASE_METHOD(PrivacyFixture,
                 "member and subgroup ids are random over the 53-bit range, never sequential",
                 "[http][team][privacy]") {
    auto team = create_team(unique_name("Ids"));
    std::vector<std::int64_t> member_ids;
    std::vector<std::int64_t> subgroup_ids;
    for (int k = 0; k < 20; ++k) {
        auto member = add_member(team, "M" + std::to_string(k));
        REQUIRE(member.status == 201);
        member_ids.push_back(as_int(parse_json(member.body)["id"]));
        auto subgroup =
            post("/api/teams/" + team.uuid + "/subgroups",
                 R"({"name": "G)" + std::to_string(k) + "\"}", {{"X-Admin-Code", team.code}});
        REQUIRE(subgroup.status == 201);
        subgroup_ids.push_back(as_int(parse_json(subgroup.body)["id"]));
    }
    for (auto* ids : {&member_ids, &subgroup_ids}) {
        std::sort(ids->begin(), ids->end());
        CHECK(std::adjacent_find(ids->begin(), ids->end(), [](std::int64_t a, std::int64_t b) {
                  return b - a <= 1;
              }) == ids->end());
        CHECK(ids->front() > 0);
        CHECK(ids->back() < (std::int64_t{1} << 53));
        // 20 draws over 2^53 all below 2^40 would happen about once in 2^260.
        CHECK(ids->back() > (std::int64_t{1} << 40));
        INFO("smallest " << ids->front() << ", largest " << ids->back());
    }
}

TEST_CASE_METHOD(PrivacyFixture, "counting member and subgroup ids from 1 finds nothing",
                 "[http][team][privacy]") {
    auto team = create_team(unique_name("Counted"));
    REQUIRE(add_member(team, "Ann").status == 201);
    REQUIRE(post("/api/teams/" + team.uuid + "/subgroups", R"({"name": "Design"})",
                 {{"X-Admin-Code", team.code}})
                .status == 201);
    int revealed = 0;
    for (int id = 1; id <= 64; ++id) {
        for (const char* kind : {"members", "subgroups"}) {
            auto reply = get("/api/teams/" + std::string(kind) + "/" + std::to_string(id));
            if (reply.status != 404) {
                ++revealed;
            }
        }
    }
    CHECK(revealed == 0);
}

TEST_CASE_METHOD(PrivacyFixture,
                 "a team is found by name only with its admin code or a member's password",
                 "[http][team][privacy]") {
    auto team = create_team(unique_name("Robotics Club"));
    REQUIRE(add_member(team, "Ann", "ann-secret").status == 201);
    REQUIRE(add_member(team, "Bob").status == 201);
    check_error_body(find_by_name(team.name), 404);
    check_error_body(find_by_name(team.name, {{"X-Admin-Code", "WRONG1"}}), 404);
    check_error_body(find_by_name(team.name, {{"X-Member-Password", "guess"}}, "Ann"), 404);
    // An open entry has no password to prove anything with.
    check_error_body(find_by_name(team.name, {{"X-Member-Password", ""}}, "Bob"), 404);
    auto by_code = find_by_name(team.name, {{"X-Admin-Code", team.code}});
    REQUIRE(by_code.status == 200);
    CHECK(as_text(parse_json(by_code.body)["uuid"]) == team.uuid);
    auto by_password = find_by_name(team.name, {{"X-Member-Password", "ann-secret"}}, "Ann");
    REQUIRE(by_password.status == 200);
    CHECK(as_text(parse_json(by_password.body)["uuid"]) == team.uuid);
    check_error_body(get("/api/teams"), 400);
}

TEST_CASE_METHOD(PrivacyFixture, "two teams may share a name; the secret says which is meant",
                 "[http][team][privacy]") {
    const std::string name = unique_name("Robotics Club");
    auto first = create_team(name);
    auto second_reply =
        post("/api/teams", R"({"name": )" + json_string(name) + R"(, "securityAnswer": "Lee"})");
    REQUIRE(second_reply.status == 201);
    auto json = parse_json(second_reply.body);
    Team second{as_text(json["uuid"]), as_text(json["adminCode"]), name};
    CHECK(second.uuid != first.uuid);
    for (const Team* team : {&first, &second}) {
        auto found = find_by_name(name, {{"X-Admin-Code", team->code}});
        REQUIRE(found.status == 200);
        CHECK(as_text(parse_json(found.body)["uuid"]) == team->uuid);
    }
    // Renaming into a name in use is no conflict either.
    auto other = create_team(unique_name("Chess Club"));
    CHECK(patch("/api/teams/" + other.uuid, R"({"name": )" + json_string(name) + "}",
                {{"X-Admin-Code", other.code}})
              .status == 200);
}

TEST_CASE_METHOD(PrivacyFixture,
                 "names with controls, bidi overrides or invisible characters are refused, "
                 "naming the field, and nothing is stored",
                 "[http][names]") {
    auto team = create_team(unique_name("Names"));
    auto event = create_event();
    add_dates(event.uuid, 1);
    const HeaderList code{{"X-Admin-Code", team.code}};
    for (const Payload& payload : k_payloads) {
        INFO(payload.what);
        const std::string name = with_payload(payload, "Ab");
        check_refused(post("/api/teams",
                           R"({"name": )" + json_string(name) + R"(, "securityAnswer": "Kim"})"),
                      "name");
        check_refused(
            patch("/api/teams/" + team.uuid, R"({"name": )" + json_string(name) + "}", code),
            "name");
        check_refused(add_member(team, name), "name");
        check_refused(post("/api/teams/" + team.uuid + "/subgroups",
                           R"({"name": )" + json_string(name) + "}", code),
                      "name");
        check_refused(post("/api/teams/" + team.uuid + "/regular-events",
                           R"({"title": )" + json_string(name) + R"(, "day": 1})", code),
                      "title");
        check_refused(post("/api/events", R"({"title": )" + json_string(name) + "}"), "title");
        check_refused(post("/api/events/" + event.uuid + "/schedules",
                           schedule_body(name, {std::string(48, '1')})),
                      "name");
    }
    CHECK(member_count(team) == 0);
    CHECK(parse_json(get("/api/teams/" + team.uuid + "/subgroups").body).GetArray().Size() == 0);
    CHECK(parse_json(get("/api/teams/" + team.uuid + "/regular-events").body).GetArray().Size() ==
          0);
    CHECK(parse_json(get("/api/events/" + event.uuid + "/schedules").body).GetArray().Size() == 0);
}

TEST_CASE_METHOD(PrivacyFixture, "a name in NFC and in NFD is one person", "[http][names]") {
    auto team = create_team(unique_name("Accents"));
    auto first = add_member(team, k_rene_nfc);
    REQUIRE(first.status == 201);
    check_error_body(add_member(team, k_rene_nfd), 409);
    CHECK(member_count(team) == 1);
    auto found = get("/api/teams/" + team.uuid + "/members?name=" + url_encode(k_rene_nfd));
    REQUIRE(found.status == 200);
    CHECK(as_text(parse_json(found.body)["name"]) == k_rene_nfc);

    auto event = create_event();
    add_dates(event.uuid, 1);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    REQUIRE(post(path, schedule_body(k_rene_nfd, {std::string(48, '1')})).status == 201);
    REQUIRE(post(path, schedule_body(k_rene_nfc, {std::string(48, '0')})).status == 201);
    auto listed = parse_json(get(path).body);
    REQUIRE(listed.GetArray().Size() == 1);
    CHECK(as_text(listed[0]["name"]) == k_rene_nfc);
}

TEST_CASE_METHOD(PrivacyFixture, "best times require a person named in NFD as stored in NFC",
                 "[http][names]") {
    auto event = create_event();
    add_dates(event.uuid, 1);
    const std::string path = "/api/events/" + event.uuid;
    REQUIRE(post(path + "/schedules", schedule_body(k_rene_nfc, {std::string(48, '1')})).status ==
            201);
    CHECK(get(path + "/best-times?duration=30&required=" + url_encode(k_rene_nfd)).status == 200);
}

TEST_CASE_METHOD(PrivacyFixture, "a person answered in NFC is removed by the name in NFD",
                 "[http][names]") {
    auto event = create_event();
    add_dates(event.uuid, 1);
    const std::string path = "/api/events/" + event.uuid + "/schedules";
    REQUIRE(post(path, schedule_body(k_rene_nfc, {std::string(48, '1')})).status == 201);
    CHECK(del(path + "/" + url_encode(k_rene_nfd), {{"X-Admin-Token", event.token}}).status == 204);
    CHECK(parse_json(get(path).body).GetArray().Size() == 0);
}

TEST_CASE_METHOD(PrivacyFixture, "names are trimmed of surrounding Unicode white space",
                 "[http][names]") {
    const std::string core = unique_name("Spaced");
    // U+00A0 no-break space, U+3000 ideographic space, U+2003 em space, a tab.
    auto team = create_team("\xC2\xA0\t" + core + "\xE3\x80\x80\xE2\x80\x83");
    CHECK(team.name == core);
    auto member = add_member(team, "\xE3\x80\x80" + k_rene_nfd + "\xC2\xA0");
    REQUIRE(member.status == 201);
    CHECK(as_text(parse_json(member.body)["name"]) == k_rene_nfc);
    check_refused(add_member(team, "\xC2\xA0\xE3\x80\x80"), "name");
}

TEST_CASE_METHOD(PrivacyFixture, "8 parallel requests with the correct admin code all succeed",
                 "[http][team][throttle]") {
    auto team = create_team(unique_name("Parallel"));
    const std::string path = "/api/teams/" + team.uuid + "/admin/verify";
    std::vector<int> statuses(8, 0);
    std::vector<std::thread> clients;
    for (std::size_t k = 0; k < statuses.size(); ++k) {
        clients.emplace_back([&, k] {
            HttpConnection connection(port());
            statuses[k] =
                connection.request("POST", path, R"({"adminCode": ")" + team.code + "\"}").status;
        });
    }
    for (auto& client : clients) {
        client.join();
    }
    CHECK(statuses == std::vector<int>(8, 204));
}

TEST_CASE_METHOD(PrivacyFixture,
                 "8 parallel wrong admin codes: at most 5 are checked, the rest throttled",
                 "[http][team][throttle]") {
    auto team = create_team(unique_name("Guessed"));
    const std::string path = "/api/teams/" + team.uuid + "/admin/verify";
    std::vector<int> statuses(8, 0);
    std::vector<std::thread> clients;
    for (std::size_t k = 0; k < statuses.size(); ++k) {
        clients.emplace_back([&, k] {
            HttpConnection connection(port());
            statuses[k] = connection.request("POST", path, R"({"adminCode": "WRONG1"})").status;
        });
    }
    for (auto& client : clients) {
        client.join();
    }
    CHECK(std::count(statuses.begin(), statuses.end(), 403) == 5);
    CHECK(std::count(statuses.begin(), statuses.end(), 429) == 3);
    // And the right code while the failures stand is throttled like any attempt.
    CHECK(post(path, R"({"adminCode": ")" + team.code + "\"}").status == 429);
}
