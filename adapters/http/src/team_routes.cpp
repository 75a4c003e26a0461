#include <array>

#include "ics_output.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "routes.hpp"

namespace bistime::http::detail {
namespace {

std::optional<std::string_view> admin_code(const RouteContext& context) {
    return request_secret(context.request, "x-admin-code");
}

// Who changes a member's entry: their password (the X-Member-Password header,
// else the body's `password`, already read into `from_body`) and the admin
// code, when given.
MemberCredentials member_credentials(const RouteContext& context,
                                     const std::optional<std::string>& from_body) {
    MemberCredentials credentials;
    if (context.request.has_header("x-member-password")) {
        credentials.password = context.request.header("x-member-password");
    } else if (from_body) {
        credentials.password = *from_body;
    }
    credentials.admin_code = admin_code(context);
    return credentials;
}

// Team responses carry the team's subgroup names.
ApiResponse team_response(const ApiServices& services, int status, const Team& team,
                          const std::string* code = nullptr) {
    auto subgroups = services.teams.list_subgroups(team.uuid);
    if (!subgroups) {
        return error_response(subgroups.error());
    }
    return json_response(status, team_json(team, *subgroups, code));
}

// Reads the fields a route names as strings, stopping at the first type error.
template <std::size_t N>
Result<std::array<std::optional<std::string>, N>> string_fields(
    const JsonBody& body, const std::array<const char*, N>& names) {
    std::array<std::optional<std::string>, N> values;
    for (std::size_t i = 0; i < N; ++i) {
        auto value = body.string_field(names[i]);
        if (!value) {
            return value.error();
        }
        values[i] = std::move(*value);
    }
    return values;
}

Result<RegularEventInput> regular_event_input(const JsonBody& body) {
    auto texts = string_fields<4>(body, {"title", "description", "startTime", "endTime"});
    if (!texts) {
        return texts.error();
    }
    auto day = body.int_field("day");
    if (!day) {
        return day.error();
    }
    auto& [title, description, start, end] = *texts;
    return RegularEventInput{title, description, *day, start, end};
}

}  // namespace

ApiResponse post_team(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto texts = string_fields<6>(*body, {"name", "customSecurityQuestion", "securityAnswer",
                                          "startTime", "endTime", "timezone"});
    if (!texts) {
        return error_response(texts.error());
    }
    auto question = body->int_field("securityQuestion");
    if (!question) {
        return error_response(question.error());
    }
    auto& [name, custom, answer, start, end, zone] = *texts;
    if (!name) {
        return error_response(missing_field("name"));
    }
    auto created = services.teams.create_team({*name, *question, custom, answer, start, end, zone});
    if (!created) {
        return error_response(created.error());
    }
    return team_response(services, 201, created->team, &created->admin_code);
}

ApiResponse find_team(const ApiServices& services, const RouteContext& context) {
    auto name = context.target.query_value("name");
    if (!name) {
        return error_response(Error::invalid_field("name", "the name query parameter is required"));
    }
    auto team = services.teams.find_team_by_name(*name);
    if (!team) {
        return error_response(team.error());
    }
    return team_response(services, 200, *team);
}

ApiResponse get_team(const ApiServices& services, const RouteContext& context) {
    auto team = services.teams.get_team(context.params[0]);
    if (!team) {
        return error_response(team.error());
    }
    return team_response(services, 200, *team);
}

ApiResponse patch_team(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto texts = string_fields<3>(*body, {"name", "startTime", "endTime"});
    if (!texts) {
        return error_response(texts.error());
    }
    auto& [name, start, end] = *texts;
    auto team =
        services.teams.update_team(context.params[0], admin_code(context), {name, start, end});
    if (!team) {
        return error_response(team.error());
    }
    return team_response(services, 200, *team);
}

ApiResponse delete_team(const ApiServices& services, const RouteContext& context) {
    auto deleted = services.teams.delete_team(context.params[0], admin_code(context));
    return respond_empty(deleted);
}

ApiResponse verify_admin_code(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto code = body->string_field("adminCode");
    if (!code) {
        return error_response(code.error());
    }
    std::optional<std::string_view> given =
        *code ? std::optional<std::string_view>(**code) : admin_code(context);
    auto verified = services.teams.verify_admin_code(context.params[0], given);
    return respond_empty(verified);
}

ApiResponse reset_admin_code(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto answer = body->string_field("securityAnswer");
    if (!answer) {
        return error_response(answer.error());
    }
    auto reset = services.teams.reset_admin_code(
        context.params[0], *answer ? std::optional<std::string_view>(**answer) : std::nullopt);
    if (!reset) {
        return error_response(reset.error());
    }
    return team_response(services, 200, reset->team, &reset->admin_code);
}

ApiResponse get_team_events(const ApiServices& services, const RouteContext& context) {
    auto team = services.teams.get_team(context.params[0]);
    if (!team) {
        return error_response(team.error());
    }
    auto events = services.events.team_events(team->id);
    return respond(events, 200, [](const auto& value) { return events_json(value); });
}

ApiResponse get_subgroups(const ApiServices& services, const RouteContext& context) {
    auto subgroups = services.teams.list_subgroups(context.params[0]);
    return respond(subgroups, 200, [](const auto& value) { return subgroups_json(value); });
}

ApiResponse post_subgroup(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto name = body->required_string("name");
    if (!name) {
        return error_response(name.error());
    }
    auto subgroup = services.teams.create_subgroup(context.params[0], admin_code(context), *name);
    return respond(subgroup, 201, [](const auto& value) { return subgroup_json(value); });
}

ApiResponse get_subgroup(const ApiServices& services, const RouteContext& context) {
    auto id = path_id(context.params[0]);
    if (!id) {
        return error_response(404, "subgroup not found");
    }
    auto subgroup = services.teams.get_subgroup(*id);
    return respond(subgroup, 200, [](const auto& value) { return subgroup_json(value); });
}

ApiResponse patch_subgroup(const ApiServices& services, const RouteContext& context) {
    auto id = path_id(context.params[0]);
    if (!id) {
        return error_response(404, "subgroup not found");
    }
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto name = body->required_string("name");
    if (!name) {
        return error_response(name.error());
    }
    auto subgroup = services.teams.rename_subgroup(*id, admin_code(context), *name);
    return respond(subgroup, 200, [](const auto& value) { return subgroup_json(value); });
}

ApiResponse delete_subgroup(const ApiServices& services, const RouteContext& context) {
    auto id = path_id(context.params[0]);
    if (!id) {
        return error_response(404, "subgroup not found");
    }
    auto deleted = services.teams.delete_subgroup(*id, admin_code(context));
    return respond_empty(deleted);
}

ApiResponse get_regular_events(const ApiServices& services, const RouteContext& context) {
    auto events = services.teams.list_regular_events(context.params[0]);
    return respond(events, 200, [](const auto& value) { return regular_events_json(value); });
}

ApiResponse post_regular_event(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto input = regular_event_input(*body);
    if (!input) {
        return error_response(input.error());
    }
    auto event =
        services.teams.create_regular_event(context.params[0], admin_code(context), *input);
    return respond(event, 201, [](const auto& value) { return regular_event_json(value); });
}

ApiResponse get_regular_event(const ApiServices& services, const RouteContext& context) {
    auto event = services.teams.get_regular_event(context.params[0]);
    return respond(event, 200, [](const auto& value) { return regular_event_json(value); });
}

ApiResponse patch_regular_event(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto input = regular_event_input(*body);
    if (!input) {
        return error_response(input.error());
    }
    auto event =
        services.teams.update_regular_event(context.params[0], admin_code(context), *input);
    return respond(event, 200, [](const auto& value) { return regular_event_json(value); });
}

ApiResponse delete_regular_event(const ApiServices& services, const RouteContext& context) {
    auto deleted = services.teams.delete_regular_event(context.params[0], admin_code(context));
    return respond_empty(deleted);
}

ApiResponse post_member(const ApiServices& services, const RouteContext& context) {
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto texts = string_fields<4>(*body, {"team", "subgroup", "name", "password"});
    if (!texts) {
        return error_response(texts.error());
    }
    auto week = body->days_field("weekSchedule");
    if (!week) {
        return error_response(week.error());
    }
    auto& [team, subgroup, name, password] = *texts;
    for (const auto& [present, field] :
         {std::pair{team.has_value(), "team"}, std::pair{name.has_value(), "name"},
          std::pair{week->has_value(), "weekSchedule"}}) {
        if (!present) {
            return error_response(missing_field(field));
        }
    }
    auto member = services.members.create_member({*team, subgroup, *name, **week, password});
    return respond(member, 201, [](const auto& value) { return member_json(value); });
}

ApiResponse get_members(const ApiServices& services, const RouteContext& context) {
    if (auto name = context.target.query_value("name")) {
        auto member = services.members.find_member_by_name(context.params[0], *name);
        if (!member) {
            return error_response(member.error());
        }
        return json_response(200, member_json(*member));
    }
    auto members =
        services.members.list_members(context.params[0], context.target.query_value("subgroup"));
    return respond(members, 200, [](const auto& value) { return members_json(value); });
}

ApiResponse get_member(const ApiServices& services, const RouteContext& context) {
    auto id = path_id(context.params[0]);
    if (!id) {
        return error_response(404, "member not found");
    }
    auto member = services.members.get_member(*id);
    return respond(member, 200, [](const auto& value) { return member_json(value); });
}

ApiResponse patch_member(const ApiServices& services, const RouteContext& context) {
    auto id = path_id(context.params[0]);
    if (!id) {
        return error_response(404, "member not found");
    }
    auto body = JsonBody::parse(context.request.body);
    if (!body) {
        return error_response(body.error());
    }
    auto subgroup = body->string_field("subgroup");
    if (!subgroup) {
        return error_response(subgroup.error());
    }
    auto week = body->days_field("weekSchedule");
    if (!week) {
        return error_response(week.error());
    }
    auto password = body->string_field("password");
    if (!password) {
        return error_response(password.error());
    }
    MemberPatch patch;
    if (*subgroup) {
        patch.subgroup = std::optional<std::string>(**subgroup);
    } else if (body->is_null("subgroup")) {
        patch.subgroup = std::optional<std::string>();  // null unassigns
    }
    patch.week = *week;
    auto member =
        services.members.update_member(*id, patch, member_credentials(context, *password));
    return respond(member, 200, [](const auto& value) { return member_json(value); });
}

ApiResponse delete_member(const ApiServices& services, const RouteContext& context) {
    auto id = path_id(context.params[0]);
    if (!id) {
        return error_response(404, "member not found");
    }
    auto deleted = services.members.delete_member(*id, admin_code(context));
    return respond_empty(deleted);
}

ApiResponse import_member_week(const ApiServices& services, const RouteContext& context) {
    auto id = path_id(context.params[0]);
    if (!id) {
        return error_response(404, "member not found");
    }
    const auto week = context.target.query_value("week");
    if (!week) {
        return error_response(Error::invalid_field("week", "the week query parameter is required"));
    }
    auto member = services.members.import_week(*id, *week, context.request.body,
                                               member_credentials(context, std::nullopt));
    return respond(member, 200, [](const auto& value) { return member_json(value); });
}

ApiResponse get_team_calendar(const ApiServices& services, const RouteContext& context) {
    auto calendar = services.teams.team_calendar(context.params[0]);
    if (!calendar) {
        return error_response(calendar.error());
    }
    ApiResponse response = json_response(200, team_calendar_ics(*calendar));
    response.content_type = "text/calendar; charset=utf-8";
    return response;
}

ApiResponse get_team_availability(const ApiServices& services, const RouteContext& context) {
    auto availability = services.members.team_availability(context.params[0],
                                                           context.target.query_value("subgroup"));
    return respond(availability, 200,
                   [](const auto& value) { return team_availability_json(value); });
}

}  // namespace bistime::http::detail
