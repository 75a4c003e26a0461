#include <charconv>

#include "csv_output.hpp"
#include "ics_output.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "routes.hpp"

namespace bistime::http::detail {
namespace {

std::optional<std::string_view> admin_token(const RouteContext& context) {
    return request_secret(context.request, "x-admin-token");
}

// A participant's password: the X-Participant-Password header, else the body's
// `password` field (already read into `from_body`).
Password participant_password(const RouteContext& context,
                              const std::optional<std::string>& from_body) {
    if (context.request.has_header("x-participant-password")) {
        return std::string_view(context.request.header("x-participant-password"));
    }
    if (from_body) {
        return std::string_view(*from_body);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> path_id(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0) {
        return std::nullopt;
    }
    return value;
}

ApiResponse post_event(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto title = body->string_field("title");
    auto start = body->string_field("startTime");
    auto end = body->string_field("endTime");
    auto team = body->string_field("associatedTeam");
    auto description = body->string_field("description");
    auto location = body->string_field("location");
    auto timezone = body->string_field("timezone");
    auto closes_at = body->string_field("closesAt");
    for (const auto* field :
         {&title, &start, &end, &team, &description, &location, &timezone, &closes_at}) {
        if (!*field) {
            return error_response(field->error());
        }
    }
    auto slot_minutes = body->int_field("slotMinutes");
    if (!slot_minutes) {
        return error_response(slot_minutes.error());
    }
    auto weekdays = body->string_array_field("weekdays");
    if (!weekdays) {
        return error_response(weekdays.error());
    }
    if (!*title) {
        return error_response(missing_field("title"));
    }
    CreateEventInput input;
    input.title = **title;
    input.start_time = *start;
    input.end_time = *end;
    input.associated_team = *team;
    input.description = *description;
    input.location = *location;
    input.slot_minutes = *slot_minutes;
    input.weekdays = *weekdays;
    input.timezone = *timezone;
    input.closes_at = *closes_at;
    auto created = services.events.create_event(input);
    if (!created) {
        return error_response(created.error());
    }
    return json_response(201, event_json(created->details, &created->admin_token));
}

ApiResponse get_event(const ApiServices& services, const RouteContext& context) {
    auto details = services.events.get_event(context.params[0]);
    return respond(details, 200, [](const auto& value) { return event_json(value); });
}

ApiResponse patch_event(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto title = body->string_field("title");
    auto start = body->string_field("startTime");
    auto end = body->string_field("endTime");
    auto description = body->string_field("description");
    auto location = body->string_field("location");
    auto closes_at = body->string_field("closesAt");
    for (const auto* field : {&title, &start, &end, &description, &location, &closes_at}) {
        if (!*field) {
            return error_response(field->error());
        }
    }
    EventPatch changes;
    changes.title = *title;
    changes.start_time = *start;
    changes.end_time = *end;
    changes.description = *description;
    changes.location = *location;
    changes.closes_at = *closes_at;
    if (body->is_null("closesAt")) {
        changes.closes_at = "";  // null removes the closing time
    }
    auto updated = services.events.update_event(context.params[0], admin_token(context), changes);
    return respond(updated, 200, [](const auto& value) { return event_json(value); });
}

ApiResponse delete_event(const ApiServices& services, const RouteContext& context) {
    auto deleted = services.events.delete_event(context.params[0], admin_token(context));
    return respond_empty(deleted);
}

ApiResponse get_dates(const ApiServices& services, const RouteContext& context) {
    std::size_t page = 1;
    if (auto text = context.target.query_value("page")) {
        auto number = path_id(*text);
        if (!number || *number > 100000) {
            return error_response(404, "invalid page");
        }
        page = static_cast<std::size_t>(*number);
    }
    auto found = services.events.list_dates(context.params[0], page);
    if (!found) {
        return error_response(found.error());
    }
    return json_response(200, dates_page_json(*found, context.base_url + context.target.path));
}

ApiResponse post_dates(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto dates = body->string_array_field("additionalDates");
    if (!dates) {
        return error_response(dates.error());
    }
    if (!*dates) {
        return error_response(missing_field("additionalDates"));
    }
    auto page = services.events.add_dates(context.params[0], **dates);
    if (!page) {
        return error_response(page.error());
    }
    return json_response(201, dates_page_json(*page, context.base_url + context.target.path));
}

ApiResponse delete_date(const ApiServices& services, const RouteContext& context) {
    auto id = path_id(context.params[0]);
    if (!id) {
        return error_response(404, "date not found");
    }
    auto deleted = services.events.delete_date(*id, admin_token(context));
    return respond_empty(deleted);
}

ApiResponse get_schedules(const ApiServices& services, const RouteContext& context) {
    auto found =
        services.schedules.list_schedules(context.params[0], context.target.query_value("name"));
    return respond_in_pieces(std::move(found), 200,
                             [](auto value) { return schedules_body(std::move(value)); });
}

ApiResponse post_schedules(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto name = body->string_field("name");
    if (!name) {
        return error_response(name.error());
    }
    auto days = body->days_field("availability");
    if (!days) {
        return error_response(days.error());
    }
    auto password = body->string_field("password");
    if (!password) {
        return error_response(password.error());
    }
    if (!*name) {
        return error_response(missing_field("name"));
    }
    if (!*days) {
        return error_response(missing_field("availability"));
    }
    auto stored = services.schedules.put_schedules(context.params[0], **name, **days,
                                                   participant_password(context, *password));
    return respond(stored, 201, [](const auto& value) { return schedules_json(value); });
}

ApiResponse patch_schedule(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto name = body->string_field("name");
    auto day = body->day_field("availability");
    // `date` is an EventDate id, or (an addition) the day's key: "2026-12-01", "MON".
    auto date_key = body->string_field("date");
    std::optional<std::string> key;
    if (date_key && *date_key &&
        (*date_key)->find_first_not_of("0123456789") != std::string::npos) {
        key = **date_key;
    }
    auto date = key ? Result<std::optional<std::int64_t>>(std::optional<std::int64_t>(0))
                    : body->id_field("date");
    auto password = body->string_field("password");
    if (!password) {
        return error_response(password.error());
    }
    if (!name) {
        return error_response(name.error());
    }
    if (!day) {
        return error_response(day.error());
    }
    if (!date) {
        return error_response(date.error());
    }
    for (const auto& [present, field] :
         {std::pair{name->has_value(), "name"}, std::pair{day->has_value(), "availability"},
          std::pair{date->has_value(), "date"}}) {
        if (!present) {
            return error_response(missing_field(field));
        }
    }
    std::int64_t date_id = **date;
    if (key) {
        auto found = services.schedules.find_day(context.params[0], *key);
        if (!found) {
            return error_response(found.error());
        }
        date_id = *found;
    }
    auto stored = services.schedules.patch_schedule(context.params[0], **name, date_id, **day,
                                                    participant_password(context, *password));
    if (!stored) {
        return error_response(stored.error());
    }
    return json_response(stored->created ? 201 : 200, schedule_json(stored->schedule));
}

ApiResponse delete_person(const ApiServices& services, const RouteContext& context) {
    // The organiser's token removes anyone; otherwise the person's own password rules.
    const auto token =
        context.request.has_header("x-admin-token") ? admin_token(context) : std::nullopt;
    auto deleted = services.schedules.delete_person(context.params[0], context.params[1],
                                                    participant_password(context, {}), token);
    return respond_empty(deleted);
}

ApiResponse post_feedback(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto content = body->required_string("content");
    if (!content) {
        return error_response(content.error());
    }
    auto stored = services.feedback.add_feedback(*content);
    return respond(stored, 201, [](const auto& value) { return feedback_json(value); });
}

ApiResponse post_schedules_from_member(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto member_id = body->id_field("memberId");
    if (!member_id) {
        return error_response(member_id.error());
    }
    if (!*member_id) {
        return error_response(missing_field("memberId"));
    }
    auto password = body->string_field("password");
    if (!password) {
        return error_response(password.error());
    }
    auto member = services.members.get_member(**member_id);
    if (!member) {
        return error_response(member.error());
    }
    auto stored = services.schedules.fill_from_member(context.params[0], *member,
                                                      participant_password(context, *password));
    return respond(stored, 201, [](const auto& value) { return schedules_json(value); });
}

ApiResponse put_decision(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto date = body->string_field("date");
    auto start = body->string_field("startTime");
    auto end = body->string_field("endTime");
    for (const auto& [field, name] :
         {std::pair{&date, "date"}, std::pair{&start, "startTime"}, std::pair{&end, "endTime"}}) {
        if (!*field) {
            return error_response(field->error());
        }
        if (!**field) {
            return error_response(missing_field(name));
        }
    }
    auto decided =
        services.events.decide(context.params[0], admin_token(context), {**date, **start, **end});
    return respond(decided, 200, [](const auto& value) { return event_json(value); });
}

ApiResponse delete_decision(const ApiServices& services, const RouteContext& context) {
    auto cleared = services.events.clear_decision(context.params[0], admin_token(context));
    return respond(cleared, 200, [](const auto& value) { return event_json(value); });
}

ApiResponse put_lock(const ApiServices& services, const RouteContext& context) {
    auto locked = services.events.set_locked(context.params[0], admin_token(context), true);
    return respond(locked, 200, [](const auto& value) { return event_json(value); });
}

ApiResponse delete_lock(const ApiServices& services, const RouteContext& context) {
    auto unlocked = services.events.set_locked(context.params[0], admin_token(context), false);
    return respond(unlocked, 200, [](const auto& value) { return event_json(value); });
}

ApiResponse get_csv(const ApiServices& services, const RouteContext& context) {
    auto schedules = services.schedules.list_schedules(context.params[0], std::nullopt);
    if (!schedules) {
        return error_response(schedules.error());
    }
    ApiResponse response = json_response(200, schedules_csv(*schedules));
    response.content_type = "text/csv; charset=utf-8";
    // The uuid named an existing event, so it holds only handle letters.
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"bistime-" + context.params[0] + ".csv\"");
    return response;
}

namespace {

// An optional integer query parameter. Errors: invalid, naming it.
Result<std::optional<std::int64_t>> query_integer(const RouteContext& context, const char* name) {
    const auto text = context.target.query_value(name);
    if (!text) {
        return std::optional<std::int64_t>();
    }
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (text->empty() || error != std::errc() || end != text->data() + text->size()) {
        return Error::invalid_field(name, std::string(name) + " must be a whole number");
    }
    return std::optional<std::int64_t>(value);
}

}  // namespace

ApiResponse get_best_times(const ApiServices& services, const RouteContext& context) {
    BestTimesInput input;
    for (const auto& [target, name] :
         {std::pair{&input.duration_minutes, "duration"}, std::pair{&input.min_people, "minPeople"},
          std::pair{&input.limit, "limit"}}) {
        auto value = query_integer(context, name);
        if (!value) {
            return error_response(value.error());
        }
        *target = *value;
    }
    if (auto required = context.target.query_value("required")) {
        std::size_t start = 0;
        while (start <= required->size()) {
            const auto comma = std::min(required->find(',', start), required->size());
            if (comma > start) {
                input.required.push_back(required->substr(start, comma - start));
            }
            start = comma + 1;
        }
    }
    input.timezone = context.target.query_value("tz");
    auto results = services.events.best_times(context.params[0], input);
    return respond(results, 200, [](const auto& value) { return best_times_json(value); });
}

ApiResponse get_calendar(const ApiServices& services, const RouteContext& context) {
    auto event = services.events.get_event(context.params[0]);
    if (!event) {
        return error_response(event.error());
    }
    if (!event->event.decision) {
        return error_response(404, "the event has no decision yet");
    }
    if (!event->decision_instants) {
        return error_response(404, "a weekday event's decision has no date for a calendar");
    }
    std::string link = context.options.event_link;
    if (const auto at = link.find("{uuid}"); at != std::string::npos) {
        link.replace(at, 6, event->event.uuid);
    }
    ApiResponse response = json_response(200, decision_ics(*event, link));
    response.content_type = "text/calendar; charset=utf-8";
    return response;
}

ApiResponse import_schedule(const ApiServices& services, const RouteContext& context) {
    const auto name = context.target.query_value("name");
    if (!name) {
        return error_response(Error::invalid_field("name", "the name query parameter is required"));
    }
    auto stored = services.schedules.import_calendar(context.params[0], *name, context.request.body,
                                                     participant_password(context, std::nullopt));
    return respond(stored, 201, [](const auto& value) { return schedules_json(value); });
}

ApiResponse get_grid(const ApiServices& services, const RouteContext& context) {
    const auto zone = context.target.query_value("tz");
    auto grid = services.events.grid(context.params[0],
                                     zone ? std::optional<std::string_view>(*zone) : std::nullopt);
    return respond_in_pieces(std::move(grid), 200,
                             [](auto value) { return grid_body(std::move(value)); });
}

ApiResponse verify_participant(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto password = body->string_field("password");
    if (!password) {
        return error_response(password.error());
    }
    auto verified = services.schedules.verify_participant(context.params[0], context.params[1],
                                                          participant_password(context, *password));
    return respond_empty(verified);
}

}  // namespace bistime::http::detail
