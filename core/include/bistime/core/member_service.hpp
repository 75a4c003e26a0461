// MemberService: the use cases of a team's members — join the team with a
// weekly schedule, change it, leave (with the admin code) — and the team's
// availability: per weekday and slot, how many members (of the team or one
// subgroup) are free, and who.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/names.hpp"
#include "bistime/core/overlap.hpp"
#include "bistime/core/team_access.hpp"
#include "bistime/core/team_roster.hpp"

namespace bistime {

inline constexpr std::size_t k_max_member_name_length = 20;

struct CreateMemberInput {
    std::string team_uuid;
    std::optional<std::string> subgroup;  // a subgroup name of that team
    std::string name;
    std::vector<std::string> week;  // 7 day strings, Monday first
    // Protects the entry: later changes need it (or the team's admin code).
    std::optional<std::string> password = std::nullopt;
};

struct MemberPatch {
    // Present with a name: move to that subgroup; present and empty: unassign.
    std::optional<std::optional<std::string>> subgroup;
    std::optional<std::vector<std::string>> week;
};

// The team's week: day index 0..6 = Monday..Sunday; person index i = members[i].
struct TeamAvailability {
    std::vector<Member> members;
    AvailabilityOverlap overlap;
};

// What the member use cases need from outside.
// The members a team holds by default: its availability read lists names
// per slot, so it grows with members × 336 slots.
constexpr std::size_t k_default_max_members = 200;

struct MemberServicePorts {
    TeamAccess& access;
    TeamRosterCache& rosters;  // teams' members and weeks between reads
    SubgroupRepository& subgroups;
    MemberRepository& members;
    const Clock& clock;
    const CalendarReader& calendars;
    const TimeZones& zones;
    const SecretHasher& hasher;  // members' new passwords (TeamAccess checks them)
    RandomSource& random;        // members' ids
    const NameRules& names;
    std::string zone;  // the wall clock of members' weeks (the server's zone)
    // Members one team may hold; a newcomer past it gets Error{conflict}. 0: no limit.
    std::size_t max_members = k_default_max_members;
};

class MemberService {
  public:
    explicit MemberService(const MemberServicePorts& ports);

    // Errors: not_found (team), invalid (name, week, unknown subgroup), conflict (name taken in the
    // team).
    Result<Member> create_member(const CreateMemberInput& input);
    // By name; with a subgroup name, only its members. Errors: not_found (team, subgroup).
    Result<std::vector<Member>> list_members(std::string_view team_uuid,
                                             std::optional<std::string_view> subgroup);
    // Errors: not_found (team, or no member of that name).
    Result<Member> find_member_by_name(std::string_view team_uuid, std::string_view name);
    Result<Member> get_member(RowId member_id);
    // Errors: not_found, invalid; for a protected entry unauthorized (no
    // password or code), forbidden (wrong), too_many_attempts.
    Result<Member> update_member(RowId member_id, const MemberPatch& patch,
                                 const MemberCredentials& credentials = {});
    // Errors: not_found, unauthorized, forbidden, too_many_attempts.
    Result<void> delete_member(RowId member_id, std::optional<std::string_view> code);
    // Sets the member's week from the busy events of their calendar in the
    // week starting on Monday `week` (wall clock in the server's zone).
    // Errors: not_found; invalid (not a Monday, a malformed calendar); those
    // of a protected entry, as update_member.
    Result<Member> import_week(RowId member_id, std::string_view week, std::string_view calendar,
                               const MemberCredentials& credentials = {});
    // Errors: not_found (team, subgroup).
    Result<TeamAvailability> team_availability(std::string_view team_uuid,
                                               std::optional<std::string_view> subgroup);

  private:
    // The team's roster at its members_version: from the cache, else read.
    Result<std::shared_ptr<const TeamRoster>> roster_of(const Team& team);
    // The roster's members, those of the named subgroup only when one is
    // named. Errors: not_found (no such subgroup).
    Result<std::vector<Member>> members_in(const TeamRoster& roster,
                                           std::optional<std::string_view> subgroup) const;
    Result<std::optional<RowId>> resolve_subgroup(RowId team_id,
                                                  const std::optional<std::string>& name);
    // May these credentials change the member's entry? Sets `claim` to the
    // hash of a password that is to protect an open entry.
    Result<void> authorize_change(const Member& member, const MemberCredentials& credentials,
                                  std::optional<std::string>& claim);
    // The hash of a password for a member. Errors: invalid (length, spaces).
    Result<std::string> hash_new_password(std::string_view password) const;

    TeamAccess& access_;
    TeamRosterCache& rosters_;
    SubgroupRepository& subgroups_;
    MemberRepository& members_;
    const Clock& clock_;
    const CalendarReader& calendars_;
    const TimeZones& zones_;
    const SecretHasher& hasher_;
    RandomSource& random_;
    const NameRules& names_;
    std::string zone_;
    std::size_t max_members_;
};

}  // namespace bistime
