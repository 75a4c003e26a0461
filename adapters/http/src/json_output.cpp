#include "json_output.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

namespace bistime::http::detail {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(Writer& out, const std::string& text) {
    out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_timestamps(Writer& out, UnixSeconds created, UnixSeconds updated) {
    out.Key("createdAt");
    write_string(out, format_timestamp(created));
    out.Key("updatedAt");
    write_string(out, format_timestamp(updated));
}

void write_event_date(Writer& out, const EventDate& date) {
    out.StartObject();
    out.Key("id");
    out.Int64(date.id);
    out.Key("event");
    write_string(out, date.event_uuid);
    out.Key("date");
    write_string(out, date.date.to_string());
    write_timestamps(out, date.created_at, date.updated_at);
    out.EndObject();
}

void write_schedule(Writer& out, const Schedule& schedule) {
    out.StartObject();
    out.Key("id");
    out.Int64(schedule.id);
    out.Key("name");
    write_string(out, schedule.name);
    out.Key("event");
    out.Int64(schedule.event_id);
    out.Key("date");
    write_string(out, schedule.date.to_string());
    out.Key("availability");
    write_string(out, schedule.availability.to_string());
    write_timestamps(out, schedule.created_at, schedule.updated_at);
    out.EndObject();
}

std::string finish(const rapidjson::StringBuffer& buffer) {
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string format_timestamp(UnixSeconds seconds) {
    const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const std::int64_t of_day = seconds - days * 86400;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ",
                  CalendarDate::from_days_since_epoch(days).to_string().c_str(),
                  static_cast<int>(of_day / 3600), static_cast<int>(of_day / 60 % 60),
                  static_cast<int>(of_day % 60));
    return buffer;
}

std::string event_json(const EventDetails& details, const std::string* admin_token) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    const Event& event = details.event;
    out.StartObject();
    out.Key("id");
    out.Int64(event.id);
    out.Key("uuid");
    write_string(out, event.uuid);
    out.Key("associatedTeam");
    if (event.team_name) {
        write_string(out, *event.team_name);
    } else {
        out.Null();
    }
    out.Key("title");
    write_string(out, event.title);
    out.Key("startTime");
    write_string(out, event.window.start.to_string());
    out.Key("endTime");
    write_string(out, event.window.end.to_string());

    // Dates are ascending, so both maps list them in date order.
    out.Key("availability");
    if (details.dates.empty()) {
        out.Null();
    } else {
        out.StartObject();
        for (std::size_t day = 0; day < details.dates.size(); ++day) {
            out.Key(details.dates[day].date.to_string().c_str());
            write_string(out, legacy_count_string(details.overlap.counts_of_day(day)));
        }
        out.EndObject();
    }
    out.Key("availabilityCounts");
    if (details.dates.empty()) {
        out.Null();
    } else {
        out.StartObject();
        for (std::size_t day = 0; day < details.dates.size(); ++day) {
            out.Key(details.dates[day].date.to_string().c_str());
            out.StartArray();
            for (std::uint32_t count : details.overlap.counts_of_day(day)) {
                out.Uint(count);
            }
            out.EndArray();
        }
        out.EndObject();
    }
    out.Key("participants");
    out.StartArray();
    for (const std::string& name : details.participants) {
        write_string(out, name);
    }
    out.EndArray();
    write_timestamps(out, event.created_at, event.updated_at);
    if (admin_token != nullptr) {
        out.Key("adminToken");
        write_string(out, *admin_token);
    }
    out.EndObject();
    return finish(buffer);
}

std::string dates_page_json(const DatesPage& page, const std::string& page_url) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartObject();
    out.Key("count");
    out.Uint64(page.total);
    out.Key("next");
    if (page.has_next()) {
        write_string(out, page_url + "?page=" + std::to_string(page.number + 1));
    } else {
        out.Null();
    }
    out.Key("previous");
    if (page.has_previous()) {
        // As Django REST framework does, the first page's link has no query.
        write_string(out, page.number == 2 ? page_url
                                           : page_url + "?page=" + std::to_string(page.number - 1));
    } else {
        out.Null();
    }
    out.Key("results");
    out.StartArray();
    for (const EventDate& date : page.dates) {
        write_event_date(out, date);
    }
    out.EndArray();
    out.EndObject();
    return finish(buffer);
}

std::string schedule_json(const Schedule& schedule) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    write_schedule(out, schedule);
    return finish(buffer);
}

std::string schedules_json(const std::vector<Schedule>& schedules) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartArray();
    for (const Schedule& schedule : schedules) {
        write_schedule(out, schedule);
    }
    out.EndArray();
    return finish(buffer);
}

std::string feedback_json(const Feedback& feedback) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartObject();
    out.Key("id");
    out.Int64(feedback.id);
    out.Key("content");
    write_string(out, feedback.content);
    write_timestamps(out, feedback.created_at, feedback.updated_at);
    out.EndObject();
    return finish(buffer);
}

std::string error_json(int status, const std::string& detail, const std::vector<FieldError>& fields) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartObject();
    out.Key("code");
    out.Int(status);
    out.Key("detail");
    write_string(out, detail);
    if (!fields.empty()) {
        out.Key("errors");
        out.StartObject();
        for (const FieldError& field : fields) {
            write_string(out, field.field);
            write_string(out, field.message);
        }
        out.EndObject();
    }
    out.EndObject();
    return finish(buffer);
}

}  // namespace bistime::http::detail
