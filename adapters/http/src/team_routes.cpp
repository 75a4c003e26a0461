// The routes of team mode: each reads the request, calls one use case and
// writes its answer.
#include <array>

#include "json_input.hpp"
#include "json_output.hpp"
#include "routes.hpp"

namespace bistime::http::detail {
namespace {

std::optional<std::string_view> admin_code(const RouteContext& context) {
    return request_secret(context.request, "x-admin-code");
}

std::string team_body(const TeamDetails& details) {
    return team_json(details.team, details.subgroups);
}

std::string team_with_code_body(const TeamWithCode& created) {
    return team_json(created.team, created.subgroups, &created.admin_code);
}

std::string member_body(const Member& member) {
    return member_json(member);
}

Result<RegularEventInput> regular_event_input(const JsonBody& body) {
    RegularEventInput input;
    BISTIME_ASSIGN(input.title, body.string_field("title"));
    BISTIME_ASSIGN(input.description, body.string_field("description"));
    BISTIME_ASSIGN(input.start_time, body.string_field("startTime"));
    BISTIME_ASSIGN(input.end_time, body.string_field("endTime"));
    BISTIME_ASSIGN(input.day, body.int_field("day"));
    return input;
}

}  // namespace

Result<ApiResponse> post_team(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    CreateTeamInput input;
    BISTIME_ASSIGN(auto name, body.string_field("name"));
    BISTIME_ASSIGN(input.custom_security_question, body.string_field("customSecurityQuestion"));
    BISTIME_ASSIGN(input.security_answer, body.string_field("securityAnswer"));
    BISTIME_ASSIGN(input.start_time, body.string_field("startTime"));
    BISTIME_ASSIGN(input.end_time, body.string_field("endTime"));
    BISTIME_ASSIGN(input.timezone, body.string_field("timezone"));
    BISTIME_ASSIGN(input.security_question, body.int_field("securityQuestion"));
    if (!name) {
        return missing_field("name");
    }
    input.name = std::move(*name);
    return respond(services.teams.create_team(input), HttpStatus::created, team_with_code_body);
}

Result<ApiResponse> find_team(Services& services, const RouteContext& context) {
    auto name = context.target.query_value("name");
    if (!name) {
        return Error::invalid_field("name", "the name query parameter is required");
    }
    // The proof: the admin code (X-Admin-Code or a bearer token), or a
    // member's name (?member=) and password (X-Member-Password). Secrets
    // travel in headers, never in the query, which logs keep.
    TeamNameProof proof;
    if (auto code = admin_code(context)) {
        proof.admin_code = std::string(*code);
    }
    if (auto member = context.target.query_value("member")) {
        proof.member_name = std::string(*member);
    }
    if (context.request.has_header("x-member-password")) {
        proof.member_password = std::string(context.request.header("x-member-password"));
    }
    return respond(services.teams.find_team_by_name(*name, proof), HttpStatus::ok, team_body);
}

Result<ApiResponse> get_team(Services& services, const RouteContext& context) {
    return respond(services.teams.get_team(context.params[0]), HttpStatus::ok, team_body);
}

Result<ApiResponse> patch_team(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    TeamPatch patch;
    BISTIME_ASSIGN(patch.name, body.string_field("name"));
    BISTIME_ASSIGN(patch.start_time, body.string_field("startTime"));
    BISTIME_ASSIGN(patch.end_time, body.string_field("endTime"));
    return respond(services.teams.update_team(context.params[0], admin_code(context), patch),
                   HttpStatus::ok, team_body);
}

Result<ApiResponse> delete_team(Services& services, const RouteContext& context) {
    return respond_empty(services.teams.delete_team(context.params[0], admin_code(context)));
}

Result<ApiResponse> verify_admin_code(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(auto code, body.string_field("adminCode"));
    const std::optional<std::string_view> given =
        code ? std::optional<std::string_view>(*code) : admin_code(context);
    return respond_empty(services.teams.verify_admin_code(context.params[0], given));
}

Result<ApiResponse> reset_admin_code(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(auto answer, body.string_field("securityAnswer"));
    return respond(
        services.teams.reset_admin_code(
            context.params[0], answer ? std::optional<std::string_view>(*answer) : std::nullopt),
        HttpStatus::ok, team_with_code_body);
}

Result<ApiResponse> get_team_events(Services& services, const RouteContext& context) {
    return respond(services.events.team_events(context.params[0]), HttpStatus::ok,
                   [](const auto& value) { return events_json(value); });
}

Result<ApiResponse> get_subgroups(Services& services, const RouteContext& context) {
    return respond(services.subgroups.list_subgroups(context.params[0]), HttpStatus::ok,
                   [](const auto& value) { return subgroups_json(value); });
}

Result<ApiResponse> post_subgroup(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(std::string name, body.required_string("name"));
    return respond(services.subgroups.create_subgroup(context.params[0], admin_code(context), name),
                   HttpStatus::created, [](const auto& value) { return subgroup_json(value); });
}

Result<ApiResponse> get_subgroup(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(const std::int64_t id, path_id(context.params[0], "subgroup"));
    return respond(services.subgroups.get_subgroup(id), HttpStatus::ok,
                   [](const auto& value) { return subgroup_json(value); });
}

Result<ApiResponse> patch_subgroup(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(const std::int64_t id, path_id(context.params[0], "subgroup"));
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(std::string name, body.required_string("name"));
    return respond(services.subgroups.rename_subgroup(id, admin_code(context), name),
                   HttpStatus::ok, [](const auto& value) { return subgroup_json(value); });
}

Result<ApiResponse> delete_subgroup(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(const std::int64_t id, path_id(context.params[0], "subgroup"));
    return respond_empty(services.subgroups.delete_subgroup(id, admin_code(context)));
}

Result<ApiResponse> get_regular_events(Services& services, const RouteContext& context) {
    return respond(services.regular_events.list_regular_events(context.params[0]), HttpStatus::ok,
                   [](const auto& value) { return regular_events_json(value); });
}

Result<ApiResponse> post_regular_event(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(RegularEventInput input, regular_event_input(body));
    return respond(
        services.regular_events.create_regular_event(context.params[0], admin_code(context), input),
        HttpStatus::created, [](const auto& value) { return regular_event_json(value); });
}

Result<ApiResponse> get_regular_event(Services& services, const RouteContext& context) {
    return respond(services.regular_events.get_regular_event(context.params[0]), HttpStatus::ok,
                   [](const auto& value) { return regular_event_json(value); });
}

Result<ApiResponse> patch_regular_event(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(RegularEventInput input, regular_event_input(body));
    return respond(
        services.regular_events.update_regular_event(context.params[0], admin_code(context), input),
        HttpStatus::ok, [](const auto& value) { return regular_event_json(value); });
}

Result<ApiResponse> delete_regular_event(Services& services, const RouteContext& context) {
    return respond_empty(
        services.regular_events.delete_regular_event(context.params[0], admin_code(context)));
}

Result<ApiResponse> post_member(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(auto team, body.string_field("team"));
    BISTIME_ASSIGN(auto subgroup, body.string_field("subgroup"));
    BISTIME_ASSIGN(auto name, body.string_field("name"));
    BISTIME_ASSIGN(auto password, body.string_field("password"));
    BISTIME_ASSIGN(auto week, body.days_field("weekSchedule"));
    if (!team) {
        return missing_field("team");
    }
    if (!name) {
        return missing_field("name");
    }
    if (!week) {
        return missing_field("weekSchedule");
    }
    return respond(services.members.create_member({*team, subgroup, *name, *week, password}),
                   HttpStatus::created, member_body);
}

namespace {

Result<ApiResponse> find_member_by_name(Services& services, const RouteContext& context) {
    return respond(services.members.find_member_by_name(context.params[0],
                                                        *context.target.query_value("name")),
                   HttpStatus::ok, member_body);
}

Result<ApiResponse> list_members(Services& services, const RouteContext& context) {
    return respond(
        services.members.list_members(context.params[0], context.target.query_value("subgroup")),
        HttpStatus::ok, [](const auto& value) { return members_json(value); });
}

}  // namespace

// One route, two use cases: ?name= finds one member, else the list.
Result<ApiResponse> get_members(Services& services, const RouteContext& context) {
    return context.target.query_value("name") ? find_member_by_name(services, context)
                                              : list_members(services, context);
}

Result<ApiResponse> get_member(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(const std::int64_t id, path_id(context.params[0], "member"));
    return respond(services.members.get_member(id), HttpStatus::ok, member_body);
}

Result<ApiResponse> patch_member(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(const std::int64_t id, path_id(context.params[0], "member"));
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(auto subgroup, body.string_field("subgroup"));
    MemberPatch patch;
    BISTIME_ASSIGN(patch.week, body.days_field("weekSchedule"));
    BISTIME_ASSIGN(auto password, body.string_field("password"));
    if (subgroup) {
        patch.subgroup = std::optional<std::string>(*subgroup);
    } else if (body.is_null("subgroup")) {
        patch.subgroup = std::optional<std::string>();  // null unassigns
    }
    return respond(services.members.update_member(id, patch, member_credentials(context, password)),
                   HttpStatus::ok, member_body);
}

Result<ApiResponse> delete_member(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(const std::int64_t id, path_id(context.params[0], "member"));
    return respond_empty(services.members.delete_member(id, admin_code(context)));
}

Result<ApiResponse> import_member_week(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(const std::int64_t id, path_id(context.params[0], "member"));
    const auto week = context.target.query_value("week");
    if (!week) {
        return Error::invalid_field("week", "the week query parameter is required");
    }
    return respond(services.members.import_week(id, *week, context.request.body,
                                                member_credentials(context, std::nullopt)),
                   HttpStatus::ok, member_body);
}

Result<ApiResponse> get_team_calendar(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(std::string calendar, services.regular_events.team_calendar(context.params[0]));
    return calendar_response(std::move(calendar), context.params[0]);
}

Result<ApiResponse> get_team_availability(Services& services, const RouteContext& context) {
    return respond(services.members.team_availability(context.params[0],
                                                      context.target.query_value("subgroup")),
                   HttpStatus::ok, [](const auto& value) { return team_availability_json(value); });
}

}  // namespace bistime::http::detail
