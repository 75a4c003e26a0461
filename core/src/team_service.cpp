#include "bistime/core/team_service.hpp"

#include "bistime/core/handles.hpp"
#include "bistime/core/text.hpp"

namespace bistime {

TeamService::TeamService(const TeamServicePorts& ports)
    : access_(ports.access),
      teams_(ports.teams),
      subgroups_(ports.subgroups),
      clock_(ports.clock),
      random_(ports.random),
      hasher_(ports.hasher),
      zones_(ports.zones),
      members_(ports.members),
      names_(ports.names) {}

Result<TeamDetails> TeamService::details_of(Team team) {
    BISTIME_ASSIGN(auto subgroups, subgroups_.list_subgroups(team.id));
    return TeamDetails{std::move(team), std::move(subgroups)};
}

Result<std::string> TeamService::hash_new_code(std::string& code) {
    code = make_handle(random_, k_admin_code_length);
    return hasher_.hash_password(code);
}

Result<TeamWithCode> TeamService::create_team(const CreateTeamInput& input) {
    BISTIME_ASSIGN(std::string name, names_.require("name", input.name, 1, k_max_team_name_length));
    const std::int64_t question = input.security_question.value_or(1);
    if (question < k_custom_security_question || question > k_last_security_question) {
        return Error::invalid_field("securityQuestion", "securityQuestion must be 0 to 3");
    }
    std::optional<std::string> custom;
    if (question == k_custom_security_question) {
        BISTIME_ASSIGN(custom, require_text("customSecurityQuestion",
                                            input.custom_security_question.value_or(""), 1,
                                            k_max_custom_question_length));
    }
    BISTIME_ASSIGN(std::string answer,
                   require_text("securityAnswer", input.security_answer.value_or(""), 1,
                                k_max_security_answer_length));
    BISTIME_ASSIGN(TimeWindow window,
                   TimeWindow::parse_over(TimeWindow{}, input.start_time, input.end_time));
    if (input.timezone && !zones_.is_known(*input.timezone)) {
        return Error::invalid_field("timezone", "unknown time zone: " + *input.timezone);
    }
    BISTIME_ASSIGN(std::string answer_hash,
                   hasher_.hash_password(normalize_security_answer(answer)));
    std::string code;
    BISTIME_ASSIGN(std::string code_hash, hash_new_code(code));
    NewTeam team{make_handle(random_, k_team_handle_length, "T"),
                 std::move(name),
                 static_cast<int>(question),
                 std::move(custom),
                 std::move(answer_hash),
                 std::move(code_hash),
                 window,
                 clock_.now(),
                 input.timezone};
    BISTIME_ASSIGN(Team stored, teams_.insert_team(team));
    // A new team has no subgroups yet: nothing more to read.
    TeamWithCode created;
    created.team = std::move(stored);
    created.admin_code = std::move(code);
    return created;
}

Result<TeamDetails> TeamService::get_team(std::string_view uuid) {
    BISTIME_ASSIGN(Team team, access_.find(uuid));
    return details_of(std::move(team));
}

const std::string& TeamService::decoy_hash() {
    std::call_once(decoy_once_, [&] {
        auto hashed = hasher_.hash_password(make_handle(random_, k_admin_code_length));
        decoy_hash_ = hashed ? std::move(*hashed) : std::string();
    });
    return decoy_hash_;
}

std::optional<Team> TeamService::team_proven(const std::string& name, const TeamNameProof& proof,
                                             const std::vector<Team>& namesakes) {
    if (proof.admin_code && !proof.admin_code->empty()) {
        for (const Team& team : namesakes) {
            if (hasher_.verify_password(*proof.admin_code, team.admin_code_hash)) {
                return team;
            }
        }
        if (namesakes.empty()) {
            hasher_.verify_password(*proof.admin_code, decoy_hash());
        }
        return std::nullopt;
    }
    auto members = members_.find_members_in_teams_named(
        name, names_.normalize(proof.member_name.value_or("")), k_max_teams_checked_by_name);
    if (!members) {
        return std::nullopt;
    }
    bool checked = false;
    for (const Member& member : *members) {
        if (!member.password_hash) {
            continue;  // an open entry proves nothing
        }
        checked = true;
        if (hasher_.verify_password(*proof.member_password, *member.password_hash)) {
            for (const Team& team : namesakes) {
                if (team.id == member.team_id) {
                    return team;
                }
            }
            auto team = access_.find(member.team_uuid);
            return team ? std::optional<Team>(std::move(*team)) : std::nullopt;
        }
    }
    if (!checked) {
        hasher_.verify_password(*proof.member_password, decoy_hash());
    }
    return std::nullopt;
}

Result<TeamDetails> TeamService::find_team_by_name(std::string_view name,
                                                   const TeamNameProof& proof) {
    const bool by_code = proof.admin_code && !proof.admin_code->empty();
    const bool by_member =
        proof.member_name && proof.member_password && !proof.member_password->empty();
    if (!by_code && !by_member) {
        return Error::not_found("team not found");
    }
    const std::string wanted = names_.normalize(name);
    BISTIME_ASSIGN(std::vector<Team> namesakes,
                   teams_.find_teams_by_name(wanted, k_max_teams_checked_by_name));
    // Guesses at a name's secrets are counted on the name: a stranger has no
    // team to count them on, and must not learn whether there is one.
    std::optional<Team> found;
    BISTIME_ASSIGN(const bool matched,
                   access_.check_secret("team-name:" + hasher_.hash_token(wanted), [&] {
                       found = team_proven(wanted, proof, namesakes);
                       return found.has_value();
                   }));
    if (!matched) {
        return Error::not_found("team not found");
    }
    return details_of(std::move(*found));
}

Result<TeamDetails> TeamService::update_team(std::string_view uuid,
                                             std::optional<std::string_view> code,
                                             const TeamPatch& patch) {
    BISTIME_ASSIGN(Team found, access_.find_as_admin(uuid, code));
    std::optional<std::string> name;
    if (patch.name) {
        BISTIME_ASSIGN(name, names_.require("name", *patch.name, 1, k_max_team_name_length));
    }
    // Applied to the row as it stands: a rename and a change of hours made
    // at the same time both stay.
    const auto edit = [&](Team& team) -> Result<void> {
        if (name) {
            team.name = *name;
        }
        BISTIME_ASSIGN(team.window,
                       TimeWindow::parse_over(team.window, patch.start_time, patch.end_time));
        return {};
    };
    BISTIME_ASSIGN(Team updated, teams_.change_team(found.id, edit, clock_.now()));
    return details_of(std::move(updated));
}

Result<void> TeamService::delete_team(std::string_view uuid, std::optional<std::string_view> code) {
    BISTIME_ASSIGN(Team team, access_.find_as_admin(uuid, code));
    return teams_.delete_team(team.id);
}

Result<void> TeamService::verify_admin_code(std::string_view uuid,
                                            std::optional<std::string_view> code) {
    BISTIME_TRY(access_.find_as_admin(uuid, code));
    return {};
}

Result<TeamWithCode> TeamService::reset_admin_code(std::string_view uuid,
                                                   std::optional<std::string_view> answer) {
    BISTIME_ASSIGN(Team team, access_.find(uuid));
    BISTIME_TRY(access_.check_security_answer(team, answer));
    std::string code;
    BISTIME_ASSIGN(std::string code_hash, hash_new_code(code));
    const UnixSeconds now = clock_.now();
    BISTIME_TRY(teams_.set_admin_code_hash(team.id, code_hash, now));
    team.admin_code_hash = std::move(code_hash);
    team.updated_at = now;
    BISTIME_ASSIGN(TeamDetails details, details_of(std::move(team)));
    TeamWithCode reset;
    static_cast<TeamDetails&>(reset) = std::move(details);
    reset.admin_code = std::move(code);
    return reset;
}

}  // namespace bistime
