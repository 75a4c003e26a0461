#include "bistime/core/timestamp.hpp"

#include <catch2/catch.hpp>

using namespace bistime;

TEST_CASE("an instant is written ISO-8601 in UTC with seconds", "[core]") {
    CHECK(format_timestamp(0) == "1970-01-01T00:00:00Z");
    CHECK(format_timestamp(1795511102) == "2026-11-24T09:05:02Z");
    CHECK(format_timestamp(-1) == "1969-12-31T23:59:59Z");
}

TEST_CASE("an instant is read with Z or an offset, seconds and fraction optional", "[core]") {
    CHECK(*parse_timestamp("2026-11-24T09:05:02Z") == 1795511102);
    CHECK(*parse_timestamp("2026-11-24T18:05:02+09:00") == 1795511102);
    CHECK(*parse_timestamp("2026-11-24T04:05:02.250-05:00") == 1795511102);
    CHECK(*parse_timestamp("2026-11-24T09:05Z") == 1795511100);
}

TEST_CASE("anything else is not an instant", "[core]") {
    for (const char* text :
         {"", "2026-11-24", "2026-11-24 09:05:02Z", "2026-11-24T09:05:02", "2026-02-30T00:00:00Z",
          "2026-11-24T24:00:00Z", "2026-11-24T09:05:02+9", "yesterday"}) {
        INFO(text);
        CHECK_FALSE(parse_timestamp(text, "closesAt").ok());
    }
}
