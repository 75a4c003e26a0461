// A request's identity in the logs: its X-Request-Id, and the line written
// for it once answered (text or JSON). Kept apart from the socket code so
// that both are plain functions, tested on their own.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace bistime::http::detail {

// The client's X-Request-Id when it is a token of 1 to 128 characters
// [A-Za-z0-9._:-] (safe to echo and to log as it is); otherwise a new one,
// 16 hexadecimal digits, unique within the process and unlikely to repeat
// across processes. Not a secret: a fast generator serves.
std::string request_id_from(std::string_view offered);

// What one log line says. `path` carries no query (a query may hold a name).
struct RequestRecord {
    std::string_view method;
    std::string_view path;
    std::string_view route;  // the route pattern, "-" when none matched
    int status = 0;
    std::chrono::steady_clock::duration took{};
    std::string_view client;
    std::string_view request_id;
};

// "2026-12-02T15:04:05.123Z 203.0.113.7 GET /api/events/x 200 1.2ms id=…";
// the client's bytes (method, path) with control characters replaced.
std::string text_log_line(const RequestRecord& record);
// {"time":…,"client":…,"method":…,"path":…,"route":…,"status":…,
//  "duration_ms":…,"request_id":…}, strings JSON-escaped.
std::string json_log_line(const RequestRecord& record);

}  // namespace bistime::http::detail
