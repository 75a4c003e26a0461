// libFuzzer target: whole requests through the API's request logic, on real
// storage (SQLite in a temporary file), so that every route's decoding and
// rules meet arbitrary input. The input is "METHOD TARGET\n" then the body;
// in the target, {e} stands for an event and {t} for a team made at start,
// so that the fuzzer reaches routes about existing things.
//
// Besides crashes it checks the contract's promise: no answer is a 500.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "bistime/core/services.hpp"
#include "bistime/http/api_router.hpp"
#include "bistime/ical/libical_reader.hpp"
#include "bistime/ical/libical_writer.hpp"
#include "bistime/platform/icu_unicode_text.hpp"
#include "bistime/platform/sodium_random.hpp"
#include "bistime/platform/sodium_secret_hasher.hpp"
#include "bistime/platform/tz_database.hpp"
#include "bistime/platform/zoned_clock.hpp"
#include "bistime/sql/sql_storage.hpp"

namespace {

using namespace bistime;

struct Harness {
    Harness() {
        const auto path = std::filesystem::temp_directory_path() /
                          ("bistime-fuzz-router-" + std::to_string(::getpid()) + ".db");
        std::filesystem::remove(path);
        clock = platform::ZonedClock::create("Asia/Seoul").value();
        storage = sql::SqlStorage::open({"sqlite:" + path.string(), 1}).value();
        services = std::make_unique<Services>(
            storage->ports(),
            PlatformPorts{*clock, random, hasher, zones, calendars, calendar_writer, unicode},
            ServiceSettings{"Asia/Seoul", k_default_max_people, k_default_max_members, "",
                            std::size_t{8} << 20});
        http::RouterOptions options;
        options.create_rate = {};  // the fuzzer creates far more than a client may
        router = std::make_unique<http::ApiRouter>(*services, options);
        event_uuid = answer("POST", "/api/events", R"({"title":"Fuzz","startTime":"09:00"})");
        team_uuid = answer("POST", "/api/teams", R"({"name":"Fuzz team","securityAnswer":"x"})");
    }

    // Makes a thing and returns its uuid (crudely read from the JSON).
    std::string answer(const std::string& method, const std::string& target,
                       const std::string& body) {
        http::ApiRequest request{method, target, {{"content-type", "application/json"}}, body, ""};
        const auto response = router->handle(request);
        const auto at = response.body.find("\"uuid\":\"");
        if (at == std::string::npos) {
            return "none";
        }
        const auto start = at + 8;
        return response.body.substr(start, response.body.find('"', start) - start);
    }

    std::unique_ptr<platform::ZonedClock> clock;
    platform::SodiumRandom random;
    platform::SodiumSecretHasher hasher;
    platform::TzDatabase zones;
    ical::LibicalReader calendars;
    ical::LibicalWriter calendar_writer;
    platform::IcuUnicodeText unicode;
    std::unique_ptr<sql::SqlStorage> storage;
    std::unique_ptr<Services> services;
    std::unique_ptr<http::ApiRouter> router;
    std::string event_uuid;
    std::string team_uuid;
};

void replace_all(std::string& text, std::string_view from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Harness harness;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto line_end = input.find('\n');
    const std::string_view line = input.substr(0, line_end);
    const auto space = line.find(' ');
    if (space == std::string_view::npos || line_end == std::string_view::npos) {
        return 0;
    }
    http::ApiRequest request;
    request.method = std::string(line.substr(0, space));
    request.target = std::string(line.substr(space + 1));
    replace_all(request.target, "{e}", harness.event_uuid);
    replace_all(request.target, "{t}", harness.team_uuid);
    request.body = std::string(input.substr(line_end + 1));
    request.peer = "192.0.2.1";
    const bool calendar = request.target.find("/import") != std::string::npos;
    request.headers = {{"content-type", calendar ? "text/calendar" : "application/json"},
                       {"x-admin-code", "AAAAAA"}};
    const http::ApiResponse response = harness.router->handle(request);
    if (response.status >= 500 && response.status != 503) {
        std::abort();  // the contract: a client never causes a 5xx (503 is storage's)
    }
    return 0;
}
