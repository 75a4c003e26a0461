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

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/names.hpp"
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

// What proves that a caller may find a team by its name: the team's admin
// code, or one of its members' name and password.
struct TeamNameProof {
    std::optional<std::string> admin_code = std::nullopt;
    std::optional<std::string> member_name = std::nullopt;
    std::optional<std::string> member_password = std::nullopt;
};

// Teams may share a name; a lookup by name checks the proof against at most
// this many of them (newest first), so that a crowd of namesakes cannot make
// one lookup run the slow hash without end.
inline constexpr std::size_t k_max_teams_checked_by_name = 10;

// What the team use cases need from outside.
struct TeamServicePorts {
    TeamAccess& access;
    TeamRepository& teams;
    SubgroupRepository& subgroups;
    const Clock& clock;
    RandomSource& random;
    const SecretHasher& hasher;
    const TimeZones& zones;
    MemberRepository& members;  // for a lookup by name proven with a member's password
    const NameRules& names;
};

class TeamService {
  public:
    explicit TeamService(const TeamServicePorts& ports);

    // Names need not be unique. Errors: invalid.
    Result<TeamWithCode> create_team(const CreateTeamInput& input);
    // Errors: not_found.
    Result<TeamDetails> get_team(std::string_view uuid);
    // The team of that name whose admin code, or whose member's password,
    // `proof` holds. Without a proof, with a wrong one, or with no team of
    // that name: not_found, all alike, so that a name tells a stranger
    // nothing. Each lookup with a proof counts as one attempt on the name
    // (SecretGuard), unless the proof is right. Errors: not_found,
    // too_many_attempts.
    Result<TeamDetails> find_team_by_name(std::string_view name, const TeamNameProof& proof);
    // Errors: not_found, unauthorized, forbidden, too_many_attempts, invalid.
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
    // Whether `proof` opens a team of the name `name` (normalized), and which.
    std::optional<Team> team_proven(const std::string& name, const TeamNameProof& proof,
                                    const std::vector<Team>& namesakes);
    // A hash no secret matches, checked when a name has no team, so that
    // such a lookup takes as long as one that has.
    const std::string& decoy_hash();

    TeamAccess& access_;
    TeamRepository& teams_;
    SubgroupRepository& subgroups_;
    const Clock& clock_;
    RandomSource& random_;
    const SecretHasher& hasher_;
    const TimeZones& zones_;
    MemberRepository& members_;
    const NameRules& names_;
    std::once_flag decoy_once_;
    std::string decoy_hash_;
};

}  // namespace bistime
