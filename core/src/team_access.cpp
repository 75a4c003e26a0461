#include "bistime/core/team_access.hpp"

#include "bistime/core/text.hpp"

namespace bistime {
namespace {

// One count per team for its code and its answer: guessing either costs the same.
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

TeamAccess::TeamAccess(const TeamAccessPorts& ports)
    : teams_(ports.teams), hasher_(ports.hasher), guard_(ports.attempts, ports.clock) {}

Result<Team> TeamAccess::find(std::string_view uuid) const {
    BISTIME_ASSIGN(auto found, teams_.find_team(uuid));
    if (!found) {
        return Error::not_found("team not found");
    }
    return std::move(*found);
}

Result<Team> TeamAccess::find_as_admin(std::string_view uuid,
                                       std::optional<std::string_view> code) {
    BISTIME_ASSIGN(Team team, find(uuid));
    BISTIME_TRY(check_admin(team, code));
    return team;
}

Result<void> TeamAccess::check_admin(const Team& team, std::optional<std::string_view> code) {
    if (!code || code->empty()) {
        return Error::unauthorized("admin code required");
    }
    BISTIME_ASSIGN(const bool matched, guard_.check(attempt_scope(team), [&] {
        return hasher_.verify_password(*code, team.admin_code_hash);
    }));
    if (!matched) {
        return Error::forbidden("Wrong admin code");
    }
    return {};
}

Result<void> TeamAccess::check_member(const Member& member, const MemberCredentials& credentials) {
    if (!member.password_hash) {
        return {};
    }
    if (credentials.admin_code) {
        BISTIME_TRY(find_as_admin(member.team_uuid, credentials.admin_code));
        return {};
    }
    if (!credentials.password || credentials.password->empty()) {
        return Error::unauthorized("this member's entry is protected by a password");
    }
    BISTIME_ASSIGN(const bool matched, guard_.check("member:" + std::to_string(member.id), [&] {
        return hasher_.verify_password(*credentials.password, *member.password_hash);
    }));
    if (!matched) {
        return Error::forbidden("wrong password for this member");
    }
    return {};
}

Result<void> TeamAccess::check_security_answer(const Team& team,
                                               std::optional<std::string_view> answer) {
    if (!answer || trim(*answer).empty()) {
        return Error::invalid_field("securityAnswer", "securityAnswer is required");
    }
    const std::string normalized = normalize_security_answer(*answer);
    BISTIME_ASSIGN(const bool matched, guard_.check(attempt_scope(team), [&] {
        return hasher_.verify_password(normalized, team.security_answer_hash);
    }));
    if (!matched) {
        return Error::unauthorized("Wrong security answer");
    }
    return {};
}

}  // namespace bistime
