#include "bistime/core/team.hpp"
#include "bistime/core/team_service.hpp"

#include <catch2/catch.hpp>

using namespace bistime;

TEST_CASE("a week has seven days of 48 slots, Monday first", "[core][team]") {
    std::vector<std::string> days(7, std::string(48, '0'));
    days[0][18] = '1';
    days[6][47] = '1';
    auto week = parse_week(days);
    REQUIRE(week.ok());
    CHECK((*week)[0].is_available(18));
    CHECK((*week)[6].is_available(47));
    CHECK_FALSE((*week)[1].is_available(18));
    CHECK(std::string(k_weekday_keys[0]) == "MON");
    CHECK(std::string(k_weekday_keys[6]) == "SUN");
}

TEST_CASE("a week of any other shape is invalid", "[core][team]") {
    CHECK_FALSE(parse_week(std::vector<std::string>(6, std::string(48, '0'))).ok());
    CHECK_FALSE(parse_week(std::vector<std::string>(8, std::string(48, '0'))).ok());
    auto days = std::vector<std::string>(7, std::string(48, '0'));
    days[3] = std::string(47, '0');
    auto week = parse_week(days);
    REQUIRE_FALSE(week.ok());
    CHECK(week.error().field_errors.at(0).field == "weekSchedule");
}

TEST_CASE("security answers compare trimmed and without ASCII case", "[core][team]") {
    CHECK(normalize_security_answer("  Kim ") == "kim");
    CHECK(normalize_security_answer("KIM") == normalize_security_answer("kim"));
    CHECK(normalize_security_answer("김민지") == "김민지");
    CHECK(normalize_security_answer("Kim Lee") != normalize_security_answer("KimLee"));
}

TEST_CASE("the three fixed security questions have their texts", "[core][team]") {
    CHECK(security_question_text(1).find("maths teacher") != std::string::npos);
    CHECK(security_question_text(2).find("cousin") != std::string::npos);
    CHECK(security_question_text(3).find("pet") != std::string::npos);
    CHECK(security_question_text(0).empty());
    CHECK(security_question_text(4).empty());
}
