// The HTTP suite's fixture: the real bistime-server Application, started once
// per test executable on an ephemeral loopback port, on SQLite (a temporary
// file) or, with BISTIME_HTTP_BACKEND=mysql, on BISTIME_TEST_MYSQL_HTTP_URL.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "bistime/app/application.hpp"
#include "bistime/core/calendar_date.hpp"
#include "http_client.hpp"

namespace bistime::testing {

class ServerFixture {
  public:
    ServerFixture();

    std::uint16_t port() const;
    app::Application& application();

    HttpReply get(const std::string& target, const HeaderList& headers = {});
    HttpReply post(const std::string& target, const std::string& body,
                   const HeaderList& headers = {});
    HttpReply patch(const std::string& target, const std::string& body,
                    const HeaderList& headers = {});
    HttpReply del(const std::string& target, const HeaderList& headers = {});

    struct CreatedEvent {
        std::string uuid;
        std::string token;
        std::int64_t id = 0;
    };
    // POST /api/events with a 09:00–18:00 window; fails the test unless 201.
    CreatedEvent create_event(const std::string& title = "Study group");
    // POST dates `count` consecutive days from `first_offset` days after today.
    void add_dates(const std::string& uuid, int count, int first_offset = 1);
    // The server's today (its default zone, Asia/Seoul), shifted by `days`.
    static std::string day_from_today(int days);
};

// Reads a CSV body (RFC 4180) into rows of fields, independently of the
// server's writer.
std::vector<std::vector<std::string>> read_csv(const std::string& text);

// Parses a reply body; fails the test when it is not JSON.
rapidjson::Document parse_json(const std::string& body);
// A JSON value as text or integer; fails the test when it is of another type.
// (Catch cannot print rapidjson values, so tests compare these instead.)
std::string as_text(const rapidjson::Value& value);
std::int64_t as_int(const rapidjson::Value& value);
// Checks the contract's error body: {"code": status, "detail": non-empty}.
void check_error_body(const HttpReply& reply, int status);
// A 48-character day with these slots set.
std::string day_with(std::initializer_list<int> slots);
// The body of POST …/schedules: `name`'s answers, a day string per date.
std::string schedule_body(const std::string& name, const std::vector<std::string>& days);
// A gzip body unzipped; fails the test when it is not gzip.
std::string gunzip(const std::string& bytes);
// Whether the suite runs on MariaDB (BISTIME_HTTP_BACKEND=mysql), not SQLite.
bool on_mysql();
// Builds a JSON string literal (quoted, escaped).
std::string json_string(const std::string& text);

}  // namespace bistime::testing
