// TeamAccess: the rules every use case on a team shares — finding the team,
// checking its admin code and a protected member's password, each throttled
// per client (SecretGuard).
//
// Used by the team, subgroup, regular-event, member and team-event use cases,
// so that none of them reaches into another service for it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/secret_guard.hpp"
#include "bistime/core/team.hpp"
#include "bistime/core/team_ports.hpp"

namespace bistime {

// Who changes a member's entry (or answers for them). An open entry (no
// password) takes changes from anyone, as in v1, and a password given then
// protects it. A protected entry needs its password or the team's admin code.
struct MemberCredentials {
    std::optional<std::string_view> password;
    std::optional<std::string_view> admin_code;
};

struct TeamAccessPorts {
    TeamRepository& teams;
    const SecretHasher& hasher;
    AttemptLog& attempts;  // wrong codes and answers, counted per client
    const Clock& clock;
};

class TeamAccess {
  public:
    explicit TeamAccess(const TeamAccessPorts& ports);

    // The team with that uuid. Errors: not_found ("team not found"), unavailable.
    Result<Team> find(std::string_view uuid) const;
    // The team, when `code` is its admin code. Errors: not_found,
    // unauthorized (no code), forbidden ("Wrong admin code"), too_many_attempts.
    Result<Team> find_as_admin(std::string_view uuid, std::optional<std::string_view> code);
    // The code check alone, for a team already read.
    Result<void> check_admin(const Team& team, std::optional<std::string_view> code);
    // Lets a change to a member's entry through, or a write made for them (an
    // event's answers filled from their week): an open entry (no password)
    // always; a protected one with its password or the team's admin code,
    // the code checked when given. Errors: unauthorized (neither given),
    // forbidden (wrong), too_many_attempts (the member's password counted per
    // member and client, the code as by check_admin).
    Result<void> check_member(const Member& member, const MemberCredentials& credentials);
    // Checks `answer` against the team's security answer under the same
    // throttle. Errors: invalid (none), unauthorized (wrong), too_many_attempts.
    Result<void> check_security_answer(const Team& team, std::optional<std::string_view> answer);
    // Runs `matches` (checks of a secret) under the throttle of `scope`, as
    // the checks above are: for proofs that are not one team's (a lookup by
    // name). Returns whether it matched. Errors: too_many_attempts.
    Result<bool> check_secret(std::string_view scope, const std::function<bool()>& matches) {
        return guard_.check(scope, matches);
    }

  private:
    TeamRepository& teams_;
    const SecretHasher& hasher_;
    SecretGuard guard_;
};

// The security answer as compared: trimmed, ASCII letters folded to lower
// case, so "Kim" and " kim " match.
std::string normalize_security_answer(std::string_view answer);

}  // namespace bistime
