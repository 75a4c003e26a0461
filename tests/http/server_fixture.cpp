#include "server_fixture.hpp"

#include <zlib.h>

#include <unistd.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "bistime/platform/zoned_clock.hpp"

namespace bistime::testing {
namespace {

std::string database_url() {
    if (on_mysql()) {
        const char* url = std::getenv("BISTIME_TEST_MYSQL_HTTP_URL");
        if (url == nullptr || *url == '\0') {
            throw std::runtime_error(
                "BISTIME_TEST_MYSQL_HTTP_URL is not set (scripts/test.sh sets it)");
        }
        return url;
    }
    const auto path = std::filesystem::temp_directory_path() /
                      ("bistime-http-tests-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    return "sqlite:" + path.string();
}

app::Application& shared_application() {
    static std::unique_ptr<app::Application> application = [] {
        app::ServerConfig config;
        config.port = 0;
        config.database = database_url();
        config.db_pool = 4;
        config.io_threads = 2;
        config.cors_origins = {"https://app.bistime.example"};
        config.event_link = "https://bistime.example/events/{uuid}";
        config.log_requests = false;
        config.timezone = "Asia/Seoul";  // day_from_today() counts in it
        // The suite creates far more than a client may; rate limits have
        // their own server in rate_limit_test.cpp.
        config.create_burst = 0;
        auto started = app::Application::start(config);
        if (!started) {
            throw std::runtime_error("cannot start the server: " + started.error().message);
        }
        return std::move(*started);
    }();
    return *application;
}

}  // namespace

std::string schedule_body(const std::string& name, const std::vector<std::string>& days) {
    std::string list;
    for (const auto& day : days) {
        list += (list.empty() ? "\"" : ", \"") + day + "\"";
    }
    return R"({"name": )" + json_string(name) + R"(, "availability": [)" + list + "]}";
}

std::string gunzip(const std::string& bytes) {
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    std::string out;
    int status = Z_OK;
    while (status == Z_OK) {
        const std::size_t before = out.size();
        out.resize(before + 65536);
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + before);
        stream.avail_out = 65536;
        status = inflate(&stream, Z_NO_FLUSH);
        out.resize(before + 65536 - stream.avail_out);
    }
    inflateEnd(&stream);
    REQUIRE(status == Z_STREAM_END);
    return out;
}

bool on_mysql() {
    const char* backend = std::getenv("BISTIME_HTTP_BACKEND");
    return backend != nullptr && std::string(backend) == "mysql";
}

ServerFixture::ServerFixture() {
    shared_application();
}

std::uint16_t ServerFixture::port() const {
    return shared_application().port();
}
app::Application& ServerFixture::application() {
    return shared_application();
}

HttpReply ServerFixture::get(const std::string& target, const HeaderList& headers) {
    return http_request(port(), "GET", target, "", headers);
}
HttpReply ServerFixture::post(const std::string& target, const std::string& body,
                              const HeaderList& headers) {
    return http_request(port(), "POST", target, body, headers);
}
HttpReply ServerFixture::patch(const std::string& target, const std::string& body,
                               const HeaderList& headers) {
    return http_request(port(), "PATCH", target, body, headers);
}
HttpReply ServerFixture::del(const std::string& target, const HeaderList& headers) {
    return http_request(port(), "DELETE", target, "", headers);
}

ServerFixture::CreatedEvent ServerFixture::create_event(const std::string& title) {
    auto reply = post("/api/events", R"({"title": )" + json_string(title) +
                                         R"(, "startTime": "09:00", "endTime": "18:00"})");
    REQUIRE(reply.status == 201);
    auto json = parse_json(reply.body);
    return {json["uuid"].GetString(), json["adminToken"].GetString(), json["id"].GetInt64()};
}

void ServerFixture::add_dates(const std::string& uuid, int count, int first_offset) {
    std::string dates;
    for (int i = 0; i < count; ++i) {
        dates += (i ? ", \"" : "\"") + day_from_today(first_offset + i) + "\"";
    }
    auto reply = post("/api/events/" + uuid + "/dates", R"({"additionalDates": [)" + dates + "]}");
    REQUIRE(reply.status == 201);
}

std::string ServerFixture::day_from_today(int days) {
    static const auto clock = std::move(platform::ZonedClock::create("Asia/Seoul").value());
    return CalendarDate::from_days_since_epoch(clock->today().days_since_epoch() + days)
        .to_string();
}

rapidjson::Document parse_json(const std::string& body) {
    rapidjson::Document document;
    document.Parse(body.c_str());
    INFO(body);
    REQUIRE_FALSE(document.HasParseError());
    return document;
}

std::string as_text(const rapidjson::Value& value) {
    REQUIRE(value.IsString());
    return std::string(value.GetString(), value.GetStringLength());
}

std::int64_t as_int(const rapidjson::Value& value) {
    REQUIRE(value.IsInt64());
    return value.GetInt64();
}

void check_error_body(const HttpReply& reply, int status) {
    INFO(reply.body);
    REQUIRE(reply.status == status);
    CHECK(reply.header("content-type").rfind("application/json", 0) == 0);
    auto json = parse_json(reply.body);
    REQUIRE(json.IsObject());
    REQUIRE(json.HasMember("code"));
    CHECK(json["code"].GetInt() == status);
    REQUIRE(json.HasMember("detail"));
    REQUIRE(json["detail"].IsString());
    CHECK(json["detail"].GetStringLength() > 0);
}

std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
            ++i;
        } else {
            field.push_back(c);
        }
    }
    if (rows.back().empty()) {
        rows.pop_back();
    }
    return rows;
}

std::string day_with(std::initializer_list<int> slots) {
    std::string text(48, '0');
    for (int slot : slots) {
        text[static_cast<std::size_t>(slot)] = '1';
    }
    return text;
}

std::string json_string(const std::string& text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
    return buffer.GetString();
}

}  // namespace bistime::testing
