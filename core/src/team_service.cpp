#include "bistime/core/team_service.hpp"

#include "bistime/core/handles.hpp"
#include "bistime/core/text.hpp"

namespace bistime {
namespace {

std::string attempt_scope(const Team& team) {
    return "team:" + std::to_string(team.id);
}

}  // namespace

std::string normalize_security_answer(std::string_view answer) {
    std::string folded(trim(answer));
    for (char& c : folded) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return folded;
}

Result<Team> require_team(TeamRepository& teams, std::string_view uuid) {
    auto found = teams.find_team(uuid);
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return Error::not_found("team not found");
    }
    return std::move(**found);
}

TeamService::TeamService(const TeamServicePorts& ports)
    : teams_(ports.teams),
      subgroups_(ports.subgroups),
      regular_events_(ports.regular_events),
      guard_(ports.attempts, ports.clock),
      clock_(ports.clock),
      random_(ports.random),
      hasher_(ports.hasher),
      zones_(ports.zones),
      default_zone_(ports.default_zone) {}

Result<TeamCalendar> TeamService::team_calendar(std::string_view team_uuid) {
    auto team = require_team(teams_, team_uuid);
    if (!team) {
        return team.error();
    }
    auto events = regular_events_.list_regular_events(team->id);
    if (!events) {
        return events.error();
    }
    TeamCalendar calendar;
    calendar.zone = team->timezone.value_or(default_zone_);
    CalendarDate earliest = zones_.to_local(calendar.zone, clock_.now()).date;
    for (RegularEvent& event : *events) {
        const CalendarDate created = zones_.to_local(calendar.zone, event.created_at).date;
        const auto monday = created.days_since_epoch() - created.weekday();
        const auto first = CalendarDate::from_days_since_epoch(monday + event.day);
        earliest = std::min(earliest, first);
        calendar.entries.push_back({std::move(event), first});
    }
    // Ten years of the zone's changes from the first occurrence on.
    calendar.span_start = (earliest.days_since_epoch() - 1) * 86400;
    const UnixSeconds span_end = calendar.span_start + 10LL * 366 * 86400;
    calendar.offset_at_start = zones_.offset_at(calendar.zone, calendar.span_start);
    calendar.name_at_start = zones_.name_at(calendar.zone, calendar.span_start);
    calendar.transitions = zones_.transitions(calendar.zone, calendar.span_start, span_end);
    calendar.team = std::move(*team);
    return calendar;
}

Result<std::string> TeamService::hash_new_code(std::string& code) {
    code = make_handle(random_, k_admin_code_length);
    return hasher_.hash_password(code);
}

Result<TeamWithCode> TeamService::create_team(const CreateTeamInput& input) {
    auto name = require_text("name", input.name, 1, k_max_team_name_length);
    if (!name) {
        return name.error();
    }
    const std::int64_t question = input.security_question.value_or(1);
    if (question < k_custom_security_question || question > k_last_security_question) {
        return Error::invalid_field("securityQuestion", "securityQuestion must be 0 to 3");
    }
    std::optional<std::string> custom;
    if (question == k_custom_security_question) {
        auto text =
            require_text("customSecurityQuestion", input.custom_security_question.value_or(""), 1,
                         k_max_custom_question_length);
        if (!text) {
            return text.error();
        }
        custom = std::move(*text);
    }
    auto answer = require_text("securityAnswer", input.security_answer.value_or(""), 1,
                               k_max_security_answer_length);
    if (!answer) {
        return answer.error();
    }
    auto window = TimeWindow::parse_over(TimeWindow{}, input.start_time, input.end_time);
    if (!window) {
        return window.error();
    }
    if (input.timezone && !zones_.is_known(*input.timezone)) {
        return Error::invalid_field("timezone", "unknown time zone: " + *input.timezone);
    }
    auto answer_hash = hasher_.hash_password(normalize_security_answer(*answer));
    if (!answer_hash) {
        return answer_hash.error();
    }
    std::string code;
    auto code_hash = hash_new_code(code);
    if (!code_hash) {
        return code_hash.error();
    }
    NewTeam team{"",
                 std::move(*name),
                 static_cast<int>(question),
                 std::move(custom),
                 std::move(*answer_hash),
                 std::move(*code_hash),
                 *window,
                 clock_.now(),
                 input.timezone};
    team.uuid = make_handle(random_, k_team_handle_length, "T");
    auto stored = teams_.insert_team(team);
    if (!stored) {
        if (stored.error().kind == ErrorKind::conflict) {
            return Error::conflict("a team with that name already exists");
        }
        return stored.error();
    }
    return TeamWithCode{std::move(*stored), std::move(code)};
}

Result<Team> TeamService::get_team(std::string_view uuid) {
    return require_team(teams_, uuid);
}

Result<Team> TeamService::find_team_by_name(std::string_view name) {
    auto found = teams_.find_team_by_name(trim(name));
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return Error::not_found("team not found");
    }
    return std::move(**found);
}

Result<Team> TeamService::authorize_team(Team team, std::optional<std::string_view> code) {
    if (!code || code->empty()) {
        return Error::unauthorized("admin code required");
    }
    auto matched = guard_.check(
        attempt_scope(team), [&] { return hasher_.verify_password(*code, team.admin_code_hash); });
    if (!matched) {
        return matched.error();
    }
    if (!*matched) {
        return Error::forbidden("Wrong admin code");
    }
    return team;
}

Result<Team> TeamService::authorize(std::string_view team_uuid,
                                    std::optional<std::string_view> code) {
    auto team = require_team(teams_, team_uuid);
    if (!team) {
        return team.error();
    }
    return authorize_team(std::move(*team), code);
}

Result<Team> TeamService::update_team(std::string_view uuid, std::optional<std::string_view> code,
                                      const TeamPatch& patch) {
    auto team = authorize(uuid, code);
    if (!team) {
        return team.error();
    }
    if (patch.name) {
        auto name = require_text("name", *patch.name, 1, k_max_team_name_length);
        if (!name) {
            return name.error();
        }
        team->name = std::move(*name);
    }
    auto window = TimeWindow::parse_over(team->window, patch.start_time, patch.end_time);
    if (!window) {
        return window.error();
    }
    team->window = *window;
    auto updated = teams_.update_team(*team, clock_.now());
    if (!updated && updated.error().kind == ErrorKind::conflict) {
        return Error::conflict("a team with that name already exists");
    }
    return updated;
}

Result<void> TeamService::delete_team(std::string_view uuid, std::optional<std::string_view> code) {
    auto team = authorize(uuid, code);
    if (!team) {
        return team.error();
    }
    return teams_.delete_team(team->id);
}

Result<void> TeamService::verify_admin_code(std::string_view uuid,
                                            std::optional<std::string_view> code) {
    auto team = authorize(uuid, code);
    if (!team) {
        return team.error();
    }
    return {};
}

Result<TeamWithCode> TeamService::reset_admin_code(std::string_view uuid,
                                                   std::optional<std::string_view> answer) {
    auto team = require_team(teams_, uuid);
    if (!team) {
        return team.error();
    }
    if (!answer || trim(*answer).empty()) {
        return Error::invalid_field("securityAnswer", "securityAnswer is required");
    }
    const std::string normalized = normalize_security_answer(*answer);
    auto matched = guard_.check(attempt_scope(*team), [&] {
        return hasher_.verify_password(normalized, team->security_answer_hash);
    });
    if (!matched) {
        return matched.error();
    }
    if (!*matched) {
        return Error::unauthorized("Wrong security answer");
    }
    std::string code;
    auto code_hash = hash_new_code(code);
    if (!code_hash) {
        return code_hash.error();
    }
    const UnixSeconds now = clock_.now();
    if (auto stored = teams_.set_admin_code_hash(team->id, *code_hash, now); !stored) {
        return stored.error();
    }
    team->admin_code_hash = std::move(*code_hash);
    team->updated_at = now;
    return TeamWithCode{std::move(*team), std::move(code)};
}

Result<std::vector<Subgroup>> TeamService::list_subgroups(std::string_view team_uuid) {
    auto team = require_team(teams_, team_uuid);
    if (!team) {
        return team.error();
    }
    return subgroups_.list_subgroups(team->id);
}

Result<Subgroup> TeamService::create_subgroup(std::string_view team_uuid,
                                              std::optional<std::string_view> code,
                                              std::string_view name) {
    auto team = authorize(team_uuid, code);
    if (!team) {
        return team.error();
    }
    auto checked = require_text("name", name, 1, k_max_subgroup_name_length);
    if (!checked) {
        return checked.error();
    }
    auto stored = subgroups_.insert_subgroup(team->id, *checked, clock_.now());
    if (!stored && stored.error().kind == ErrorKind::conflict) {
        return Error::conflict("the team already has a subgroup of that name");
    }
    return stored;
}

Result<Subgroup> TeamService::get_subgroup(RowId subgroup_id) {
    auto found = subgroups_.find_subgroup(subgroup_id);
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return Error::not_found("subgroup not found");
    }
    return std::move(**found);
}

Result<Subgroup> TeamService::rename_subgroup(RowId subgroup_id,
                                              std::optional<std::string_view> code,
                                              std::string_view name) {
    auto subgroup = get_subgroup(subgroup_id);
    if (!subgroup) {
        return subgroup.error();
    }
    if (auto team = authorize(subgroup->team_uuid, code); !team) {
        return team.error();
    }
    auto checked = require_text("name", name, 1, k_max_subgroup_name_length);
    if (!checked) {
        return checked.error();
    }
    auto renamed = subgroups_.rename_subgroup(subgroup_id, *checked, clock_.now());
    if (!renamed && renamed.error().kind == ErrorKind::conflict) {
        return Error::conflict("the team already has a subgroup of that name");
    }
    return renamed;
}

Result<void> TeamService::delete_subgroup(RowId subgroup_id, std::optional<std::string_view> code) {
    auto subgroup = get_subgroup(subgroup_id);
    if (!subgroup) {
        return subgroup.error();
    }
    if (auto team = authorize(subgroup->team_uuid, code); !team) {
        return team.error();
    }
    return subgroups_.delete_subgroup(subgroup_id);
}

namespace {

// Applies a regular event's fields over `event`; absent fields keep their value.
Result<void> apply_regular_event(RegularEvent& event, const RegularEventInput& input) {
    if (input.title) {
        auto title = require_text("title", *input.title, 1, 100);
        if (!title) {
            return title.error();
        }
        event.title = std::move(*title);
    }
    if (input.description) {
        auto description =
            require_text("description", *input.description, 0, k_max_description_length);
        if (!description) {
            return description.error();
        }
        event.description = std::move(*description);
    }
    if (input.day) {
        if (*input.day < 0 || *input.day >= k_days_per_week) {
            return Error::invalid_field("day", "day must be 0 (Monday) to 6 (Sunday)");
        }
        event.day = static_cast<int>(*input.day);
    }
    auto window = TimeWindow::parse_over(event.window, input.start_time, input.end_time);
    if (!window) {
        return window.error();
    }
    event.window = *window;
    return {};
}

}  // namespace

Result<std::vector<RegularEvent>> TeamService::list_regular_events(std::string_view team_uuid) {
    auto team = require_team(teams_, team_uuid);
    if (!team) {
        return team.error();
    }
    return regular_events_.list_regular_events(team->id);
}

Result<RegularEvent> TeamService::create_regular_event(std::string_view team_uuid,
                                                       std::optional<std::string_view> code,
                                                       const RegularEventInput& input) {
    auto team = authorize(team_uuid, code);
    if (!team) {
        return team.error();
    }
    if (!input.title) {
        return Error::invalid_field("title", "title is required");
    }
    if (!input.day) {
        return Error::invalid_field("day", "day is required");
    }
    RegularEvent event;
    if (auto applied = apply_regular_event(event, input); !applied) {
        return applied.error();
    }
    return regular_events_.insert_regular_event({make_handle(random_, k_team_handle_length, "R"),
                                                 team->id, event.title, event.description,
                                                 event.day, event.window, clock_.now()});
}

Result<RegularEvent> TeamService::get_regular_event(std::string_view uuid) {
    auto found = regular_events_.find_regular_event(uuid);
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return Error::not_found("regular event not found");
    }
    return std::move(**found);
}

Result<RegularEvent> TeamService::update_regular_event(std::string_view uuid,
                                                       std::optional<std::string_view> code,
                                                       const RegularEventInput& patch) {
    auto event = get_regular_event(uuid);
    if (!event) {
        return event.error();
    }
    if (auto team = authorize(event->team_uuid, code); !team) {
        return team.error();
    }
    if (auto applied = apply_regular_event(*event, patch); !applied) {
        return applied.error();
    }
    return regular_events_.update_regular_event(*event, clock_.now());
}

Result<void> TeamService::delete_regular_event(std::string_view uuid,
                                               std::optional<std::string_view> code) {
    auto event = get_regular_event(uuid);
    if (!event) {
        return event.error();
    }
    if (auto team = authorize(event->team_uuid, code); !team) {
        return team.error();
    }
    return regular_events_.delete_regular_event(event->id);
}

}  // namespace bistime
