// TeamService: the use cases of a team itself — create it, read it, change
// or delete it with its admin code, verify and reset that code. Its
// subgroups and regular events have services of their own
// (subgroup_service.hpp, regular_event_service.hpp); the rules they share
// are in TeamAccess.
//
// The admin code is 6 letters of the handle alphabet, shown only when made;
// it and the security answer are stored as Argon2id hashes. Every check of
// the code or the answer is throttled per team (SecretGuard).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/ports.hpp"
#include "bistime/core/team.hpp"
#include "bistime/core/team_access.hpp"
#include "bistime/core/team_ports.hpp"

namespace bistime {

inline constexpr std::size_t k_admin_code_length = 6;
inline constexpr std::size_t k_team_handle_length = 22;  // after the "T"
inline constexpr std::size_t k_max_team_name_length = 100;
inline constexpr std::size_t k_max_security_answer_length = 50;
inline constexpr std::size_t k_max_custom_question_length = 200;

struct CreateTeamInput {
    std::string name;
    std::optional<std::int64_t> security_question;  // default 1
    std::optional<std::string> custom_security_question;
    std::optional<std::string> security_answer;
    std::optional<std::string> start_time;
    std::optional<std::string> end_time;
    std::optional<std::string> timezone;  // IANA; default the server's
};

struct TeamPatch {
    std::optional<std::string> name;
    std::optional<std::string> start_time;
    std::optional<std::string> end_time;
};

// A team as clients see it: the team and its subgroups (by name).
struct TeamDetails {
    Team team;
    std::vector<Subgroup> subgroups;
};

struct TeamWithCode : TeamDetails {
    std::string admin_code;  // shown once
};

// What the team use cases need from outside.
struct TeamServicePorts {
    TeamAccess& access;
    TeamRepository& teams;
    SubgroupRepository& subgroups;
    const Clock& clock;
    RandomSource& random;
    const SecretHasher& hasher;
    const TimeZones& zones;
};

class TeamService {
  public:
    explicit TeamService(const TeamServicePorts& ports);

    // Errors: invalid, conflict (name taken).
    Result<TeamWithCode> create_team(const CreateTeamInput& input);
    // Errors: not_found.
    Result<TeamDetails> get_team(std::string_view uuid);
    Result<TeamDetails> find_team_by_name(std::string_view name);
    // Errors: not_found, unauthorized, forbidden, too_many_attempts, invalid, conflict.
    Result<TeamDetails> update_team(std::string_view uuid, std::optional<std::string_view> code,
                                    const TeamPatch& patch);
    Result<void> delete_team(std::string_view uuid, std::optional<std::string_view> code);
    // Errors: not_found, unauthorized (no code), forbidden ("Wrong admin code"), too_many_attempts.
    Result<void> verify_admin_code(std::string_view uuid, std::optional<std::string_view> code);
    // A new admin code for the right security answer. Errors: not_found,
    // invalid (no answer), unauthorized (wrong answer), too_many_attempts.
    Result<TeamWithCode> reset_admin_code(std::string_view uuid,
                                          std::optional<std::string_view> answer);

  private:
    Result<TeamDetails> details_of(Team team);
    // A fresh admin code in `code`, and its hash.
    Result<std::string> hash_new_code(std::string& code);

    TeamAccess& access_;
    TeamRepository& teams_;
    SubgroupRepository& subgroups_;
    const Clock& clock_;
    RandomSource& random_;
    const SecretHasher& hasher_;
    const TimeZones& zones_;
};

}  // namespace bistime
