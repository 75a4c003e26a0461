// The CSV export against formula injection (OWASP "CSV Injection"): a cell
// that a spreadsheet would read as a formula — one that begins with =, +, -,
// @, a tab or a carriage return — goes out quoted, with a ' before its text,
// so that Excel, LibreOffice and Google Sheets show it as text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "server_fixture.hpp"

using namespace bistime::testing;

namespace {

// The export of a one-date event where each of `names` is free at 09:00;
// the names that the server refused (400) are left out of `accepted`.
std::string export_of(ServerFixture& server, const std::vector<std::string>& names,
                      std::vector<std::string>& accepted) {
    auto event = server.create_event();
    server.add_dates(event.uuid, 1);
    for (const std::string& name : names) {
        const auto put = server.post("/api/events/" + event.uuid + "/schedules",
                                     schedule_body(name, {day_with({18})}));
        INFO(name);
        REQUIRE((put.status == 201 || put.status == 400));
        if (put.status == 201) {
            accepted.push_back(name);
        }
    }
    auto reply = server.get("/api/events/" + event.uuid + "/export.csv");
    REQUIRE(reply.status == 200);
    return reply.body.substr(3);  // past the byte-order mark
}

// The distinct name cells of the rows (a person has a row per run), sorted.
std::vector<std::string> name_cells(const std::string& csv) {
    std::set<std::string> names;
    const auto rows = read_csv(csv);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        names.insert(rows[i].at(0));
    }
    return {names.begin(), names.end()};
}

}  // namespace

TEST_CASE_METHOD(ServerFixture,
                 "CSV cells that begin with =, +, - or @ go out quoted with a leading '",
                 "[http][csv]") {
    const std::vector<std::string> payloads = {"=1+1", "+cmd|' /C calc'!A0",
                                               "-2+3+cmd|' /C calc'!A0",
                                               "@SUM(1+1)*cmd|' /C calc'!A0", "=HYPERLINK(\"x\")"};
    std::vector<std::string> accepted;
    const std::string csv = export_of(*this, payloads, accepted);
    REQUIRE(accepted == payloads);
    for (const std::string& payload : payloads) {
        INFO(payload);
        // No line of the file begins with the formula's first character.
        CHECK(csv.find("\r\n" + payload.substr(0, 1)) == std::string::npos);
    }
    std::vector<std::string> expected;
    for (const std::string& payload : payloads) {
        expected.push_back("'" + payload);
    }
    std::sort(expected.begin(), expected.end());
    CHECK(name_cells(csv) == expected);
    // Quoted as a whole: the ' sits inside the quotes.
    CHECK(csv.find("\r\n\"'=1+1\",") != std::string::npos);
}

TEST_CASE_METHOD(ServerFixture,
                 "CSV cells that begin with a tab or a carriage return are neutralised too, when "
                 "such a name is accepted at all",
                 "[http][csv]") {
    const std::vector<std::string> payloads = {"\t=1+1", "\r=1+1"};
    std::vector<std::string> accepted;
    const std::string csv = export_of(*this, payloads, accepted);
    WARN(accepted.size() << " of 2 names with a leading tab or CR accepted");
    for (const std::string& name : name_cells(csv)) {
        CHECK(name.substr(0, 1) != "\t");
        CHECK(name.substr(0, 1) != "\r");
        CHECK(name.substr(0, 1) != "=");
    }
}

TEST_CASE_METHOD(ServerFixture,
                 "names that only look negative (-, -5, -Kim) are neutralised like formulas, and "
                 "other names are left as they are",
                 "[http][csv]") {
    const std::vector<std::string> names = {"-", "-5", "-Kim", "Kim-5", "1+1", "김민지"};
    std::vector<std::string> accepted;
    const std::string csv = export_of(*this, names, accepted);
    REQUIRE(accepted == names);
    const auto cells = name_cells(csv);
    std::vector<std::string> expected = {"'-", "'-5", "'-Kim", "Kim-5", "1+1", "김민지"};
    std::sort(expected.begin(), expected.end());
    CHECK(cells == expected);
    // A name that needs nothing is not quoted.
    CHECK(csv.find("\r\nKim-5,") != std::string::npos);
}
