// TeamService: the use cases of a team itself — create it, read it, change
// or delete it with its admin code, verify and reset that code — and of its
// subgroups and regular weekly events.
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
#include "bistime/core/secret_guard.hpp"
#include "bistime/core/team.hpp"
#include "bistime/core/team_ports.hpp"

namespace bistime {

inline constexpr std::size_t k_admin_code_length = 6;
inline constexpr std::size_t k_team_handle_length = 22;  // after the "T"
inline constexpr std::size_t k_max_team_name_length = 100;
inline constexpr std::size_t k_max_security_answer_length = 50;
inline constexpr std::size_t k_max_custom_question_length = 200;
inline constexpr std::size_t k_max_subgroup_name_length = 50;
inline constexpr std::size_t k_max_description_length = 200;

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

struct TeamWithCode {
    Team team;
    std::string admin_code;  // shown once
};

struct RegularEventInput {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::int64_t> day;
    std::optional<std::string> start_time;
    std::optional<std::string> end_time;
};

// The security answer as compared: trimmed, ASCII letters folded to lower
// case, so "Kim" and " kim " match.
std::string normalize_security_answer(std::string_view answer);

// What the team use cases need from outside.
struct TeamServicePorts {
    TeamRepository& teams;
    SubgroupRepository& subgroups;
    RegularEventRepository& regular_events;
    AttemptLog& attempts;
    const Clock& clock;
    RandomSource& random;
    const SecretHasher& hasher;
    const TimeZones& zones;
    std::string default_zone;
};

// A team's regular events for a calendar: each weekly from its first
// occurrence (in the week it was created), in the team's zone, with the
// zone's offset changes over the calendar's span.
struct TeamCalendar {
    struct Entry {
        RegularEvent event;
        CalendarDate first_date;
    };
    Team team;
    std::string zone;
    std::vector<Entry> entries;
    UnixSeconds span_start = 0;
    int offset_at_start = 0;
    std::string name_at_start;
    std::vector<TimeZones::Transition> transitions;
};

class TeamService {
  public:
    explicit TeamService(const TeamServicePorts& ports);

    // Errors: invalid, conflict (name taken).
    Result<TeamWithCode> create_team(const CreateTeamInput& input);
    Result<Team> get_team(std::string_view uuid);
    Result<Team> find_team_by_name(std::string_view name);
    // Errors: not_found, unauthorized, forbidden, too_many_attempts, invalid, conflict.
    Result<Team> update_team(std::string_view uuid, std::optional<std::string_view> code,
                             const TeamPatch& patch);
    Result<void> delete_team(std::string_view uuid, std::optional<std::string_view> code);
    // Errors: not_found, unauthorized (no code), forbidden ("Wrong admin code"), too_many_attempts.
    Result<void> verify_admin_code(std::string_view uuid, std::optional<std::string_view> code);
    // A new admin code for the right security answer. Errors: not_found,
    // invalid (no answer), unauthorized (wrong answer), too_many_attempts.
    Result<TeamWithCode> reset_admin_code(std::string_view uuid,
                                          std::optional<std::string_view> answer);

    Result<std::vector<Subgroup>> list_subgroups(std::string_view team_uuid);
    Result<Subgroup> create_subgroup(std::string_view team_uuid,
                                     std::optional<std::string_view> code, std::string_view name);
    Result<Subgroup> get_subgroup(RowId subgroup_id);
    Result<Subgroup> rename_subgroup(RowId subgroup_id, std::optional<std::string_view> code,
                                     std::string_view name);
    Result<void> delete_subgroup(RowId subgroup_id, std::optional<std::string_view> code);

    Result<std::vector<RegularEvent>> list_regular_events(std::string_view team_uuid);
    Result<RegularEvent> create_regular_event(std::string_view team_uuid,
                                              std::optional<std::string_view> code,
                                              const RegularEventInput& input);
    Result<RegularEvent> get_regular_event(std::string_view uuid);
    Result<RegularEvent> update_regular_event(std::string_view uuid,
                                              std::optional<std::string_view> code,
                                              const RegularEventInput& patch);
    Result<void> delete_regular_event(std::string_view uuid, std::optional<std::string_view> code);
    // The team's regular events as weekly recurrences. Errors: not_found.
    Result<TeamCalendar> team_calendar(std::string_view team_uuid);

    // The team, when `code` is its admin code. Shared with the member use
    // cases. Errors: not_found, unauthorized, forbidden, too_many_attempts.
    Result<Team> authorize(std::string_view team_uuid, std::optional<std::string_view> code);

  private:
    Result<Team> authorize_team(Team team, std::optional<std::string_view> code);
    Result<std::string> hash_new_code(std::string& code);

    TeamRepository& teams_;
    SubgroupRepository& subgroups_;
    RegularEventRepository& regular_events_;
    SecretGuard guard_;
    const Clock& clock_;
    RandomSource& random_;
    const SecretHasher& hasher_;
    const TimeZones& zones_;
    std::string default_zone_;
};

// The team with that uuid. Errors: not_found ("team not found"), unavailable.
Result<Team> require_team(TeamRepository& teams, std::string_view uuid);

}  // namespace bistime
