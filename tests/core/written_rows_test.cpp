// WrittenRows: where this server last wrote each person's rows, kept as
// hints for their next write; how the hints serve writes is specified with
// storage in tests/rules/answers_cache_storage_test.cpp.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "bistime/core/written_rows.hpp"

namespace {

using bistime::CalendarDate;
using bistime::DayAvailability;
using bistime::RowId;
using bistime::Schedule;

std::vector<Schedule> rows(RowId event, const std::string& name, std::vector<RowId> dates,
                           RowId first_id) {
    std::vector<Schedule> made;
    for (RowId date : dates) {
        made.push_back(Schedule{first_id++, event, date, *CalendarDate::from_ymd(2030, 1, 1), name,
                                DayAvailability(), 1000 + date, 2000});
    }
    return made;
}

}  // namespace

TEST_CASE("a person's rows are recalled by date, as last written", "[cache]") {
    bistime::WrittenRows written(1 << 16);
    written.remember(7, "Ann", rows(7, "Ann", {31, 32}, 100));
    auto recalled = written.recall(7, "Ann");
    REQUIRE(recalled != nullptr);
    REQUIRE(recalled->on(32));
    CHECK(recalled->on(32)->id == 101);
    CHECK(recalled->on(32)->created_at == 1032);
    CHECK_FALSE(recalled->on(33));
    written.remember(7, "Ann", rows(7, "Ann", {31, 32}, 200));  // the last write wins
    CHECK(written.recall(7, "Ann")->on(31)->id == 200);
    CHECK(written.recall(7, "Bo") == nullptr);
    CHECK(written.recall(8, "Ann") == nullptr);
}

TEST_CASE("names holding the key's separator never reach another event's person", "[cache]") {
    bistime::WrittenRows written(1 << 16);
    written.remember(1, "2/x", rows(1, "2/x", {5}, 10));
    written.remember(12, "x", rows(12, "x", {6}, 20));
    CHECK(written.recall(1, "2/x")->on(5)->id == 10);
    CHECK(written.recall(12, "x")->on(6)->id == 20);
    CHECK_FALSE(written.recall(1, "2/x")->on(6));
}

TEST_CASE("a deleted person's rows are forgotten", "[cache]") {
    bistime::WrittenRows written(1 << 16);
    written.remember(7, "Ann", rows(7, "Ann", {31}, 100));
    written.remember(7, "Bo", rows(7, "Bo", {31}, 101));
    written.forget(7, "Ann");
    CHECK(written.recall(7, "Ann") == nullptr);
    CHECK(written.recall(7, "Bo") != nullptr);
    CHECK(written.stats().entries == 1);
}

TEST_CASE("written rows keep to their bound, and none without one", "[cache]") {
    const std::size_t one = [] {
        bistime::WrittenRows probe(1 << 16);
        probe.remember(1, "p", rows(1, "p", {1, 2, 3}, 1));
        return probe.stats().bytes;
    }();
    REQUIRE(one > 0);
    bistime::WrittenRows written(one * 2);
    for (int person = 0; person < 10; ++person) {
        const std::string name = "p" + std::to_string(person);
        written.remember(1, name, rows(1, name, {1, 2, 3}, 1));
    }
    CHECK(written.stats().bytes <= one * 2);
    CHECK(written.stats().entries == 2);
    CHECK(written.recall(1, "p9") != nullptr);  // the latest stay
    CHECK(written.recall(1, "p0") == nullptr);
    bistime::WrittenRows none(0);
    none.remember(1, "p", rows(1, "p", {1}, 1));
    CHECK(none.recall(1, "p") == nullptr);
}
