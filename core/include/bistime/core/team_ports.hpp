// The storage ports of team mode, and the attempt log that throttles guesses
// at secrets. Same conventions as ports.hpp: Results, never exceptions;
// uniqueness violations are Error{conflict}; safe to call concurrently.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/team.hpp"

namespace bistime {

struct NewTeam {
    std::string uuid;
    std::string name;
    int security_question = 1;
    std::optional<std::string> custom_security_question;
    std::string security_answer_hash;
    std::string admin_code_hash;
    TimeWindow window;
    UnixSeconds now = 0;
    std::optional<std::string> timezone;
};

class TeamRepository {
  public:
    virtual ~TeamRepository() = default;
    // Names are not unique: several teams may share one. Errors: conflict
    // (uuid taken).
    virtual Result<Team> insert_team(const NewTeam& team) = 0;
    virtual Result<std::optional<Team>> find_team(std::string_view uuid) = 0;
    // The teams of exactly that name, newest first, at most `limit`.
    virtual Result<std::vector<Team>> find_teams_by_name(std::string_view name,
                                                         std::size_t limit) = 0;
    // Changes the team (see Edit in ports.hpp) and stores its name and
    // window. Errors: not_found; the edit's.
    virtual Result<Team> change_team(RowId team_id, const Edit<Team>& edit, UnixSeconds now) = 0;
    virtual Result<void> set_admin_code_hash(RowId team_id, std::string_view hash,
                                             UnixSeconds now) = 0;
    // Deletes the team with its subgroups, members, regular events and
    // events (their dates and schedules too), atomically.
    virtual Result<void> delete_team(RowId team_id) = 0;
};

class SubgroupRepository {
  public:
    virtual ~SubgroupRepository() = default;
    // By name.
    virtual Result<std::vector<Subgroup>> list_subgroups(RowId team_id) = 0;
    // Stores it with the id `subgroup_id` (drawn by the core). Errors:
    // conflict (name taken in the team, or the id taken).
    virtual Result<Subgroup> insert_subgroup(RowId subgroup_id, RowId team_id,
                                             std::string_view name, UnixSeconds now) = 0;
    virtual Result<std::optional<Subgroup>> find_subgroup(RowId subgroup_id) = 0;
    virtual Result<std::optional<Subgroup>> find_subgroup_by_name(RowId team_id,
                                                                  std::string_view name) = 0;
    // Errors: conflict (name taken in the team).
    virtual Result<Subgroup> rename_subgroup(RowId subgroup_id, std::string_view name,
                                             UnixSeconds now) = 0;
    // Deletes it; its members become unassigned.
    virtual Result<void> delete_subgroup(RowId subgroup_id) = 0;
};

struct NewMember {
    RowId team_id = 0;
    std::optional<RowId> subgroup_id;
    std::string name;
    WeekAvailability week;
    UnixSeconds now = 0;
    std::optional<std::string> password_hash = std::nullopt;  // the member protects their entry
    std::size_t max_members = 0;  // the team's limit, checked with the insert; 0: none
    RowId id = 0;                 // drawn by the core (make_random_id)
};

// What a member update changes: each field only when present; subgroup_id
// present and empty unassigns.
struct MemberChange {
    std::optional<std::optional<RowId>> subgroup_id;
    std::optional<WeekAvailability> week;
    std::optional<std::string> password_hash = std::nullopt;  // protects an entry that was open
};

class MemberRepository {
  public:
    virtual ~MemberRepository() = default;
    // Errors: conflict, saying which: the name is taken in the team (the
    // unique key settles races), or the team already has `max_members`
    // (decided in the insert's transaction).
    virtual Result<Member> insert_member(const NewMember& member) = 0;
    // Every member of the team with subgroup names, by name.
    virtual Result<std::vector<Member>> list_members(RowId team_id) = 0;
    virtual Result<std::optional<Member>> find_member(RowId member_id) = 0;
    // The members named `member_name` in the teams named `team_name`, at
    // most `limit`.
    virtual Result<std::vector<Member>> find_members_in_teams_named(std::string_view team_name,
                                                                    std::string_view member_name,
                                                                    std::size_t limit) = 0;
    virtual Result<Member> update_member(RowId member_id, const MemberChange& change,
                                         UnixSeconds now) = 0;
    virtual Result<void> delete_member(RowId member_id) = 0;
};

struct NewRegularEvent {
    std::string uuid;
    RowId team_id = 0;
    std::string title;
    std::string description;
    int day = 0;
    TimeWindow window;
    UnixSeconds now = 0;
};

class RegularEventRepository {
  public:
    virtual ~RegularEventRepository() = default;
    // By day, then start time.
    virtual Result<std::vector<RegularEvent>> list_regular_events(RowId team_id) = 0;
    virtual Result<RegularEvent> insert_regular_event(const NewRegularEvent& event) = 0;
    virtual Result<std::optional<RegularEvent>> find_regular_event(std::string_view uuid) = 0;
    // Changes the regular event (see Edit in ports.hpp) and stores its
    // title, description, day and window. Errors: not_found; the edit's.
    virtual Result<RegularEvent> change_regular_event(RowId event_id,
                                                      const Edit<RegularEvent>& edit,
                                                      UnixSeconds now) = 0;
    virtual Result<void> delete_regular_event(RowId event_id) = 0;
};

// How many attempts a client may make on one secret within a span of time.
struct AttemptWindow {
    UnixSeconds seconds = 0;
    std::size_t limit = 0;
};

// Counts attempts at a secret per scope ("team:12") and client in sliding
// windows, in storage, so that several server processes share it and a
// restart keeps it.
class AttemptLog {
  public:
    virtual ~AttemptLog() = default;
    // Records an attempt by `client` on `scope` at `now`, unless within one
    // of `windows` the client already made `limit` attempts on the scope:
    // then the error is too_many_attempts, with retry_after_seconds saying
    // when the attempt that blocks ages out of its window. Other clients'
    // attempts never count. Reserving before the secret is checked means
    // concurrent guesses cannot slip past a limit. Entries older than the
    // longest window, of every scope, are pruned.
    virtual Result<RowId> reserve_attempt(std::string_view scope, std::string_view client,
                                          UnixSeconds now,
                                          std::span<const AttemptWindow> windows) = 0;
    // Forgets one attempt: a correct secret does not count as a failure.
    virtual Result<void> release_attempt(RowId attempt_id) = 0;
};

}  // namespace bistime
