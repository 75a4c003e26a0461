#include "bistime/core/member_service.hpp"

#include <algorithm>

#include "bistime/core/calendar_import.hpp"
#include "bistime/core/handles.hpp"
#include "bistime/core/schedule_service.hpp"
#include "bistime/core/text.hpp"

namespace bistime {
namespace {

// The overlap of the members' weeks; person index i is members[i].
AvailabilityOverlap overlap_of(const std::vector<Member>& members) {
    std::vector<PersonDay> entries;
    entries.reserve(members.size() * k_days_per_week);
    for (std::uint32_t person = 0; person < members.size(); ++person) {
        for (std::uint32_t day = 0; day < k_days_per_week; ++day) {
            entries.push_back({person, day, members[person].week[day]});
        }
    }
    return AvailabilityOverlap::compute(k_days_per_week, members.size(), entries);
}

}  // namespace

MemberService::MemberService(const MemberServicePorts& ports)
    : access_(ports.access),
      rosters_(ports.rosters),
      subgroups_(ports.subgroups),
      members_(ports.members),
      clock_(ports.clock),
      calendars_(ports.calendars),
      zones_(ports.zones),
      hasher_(ports.hasher),
      random_(ports.random),
      names_(ports.names),
      zone_(ports.zone),
      max_members_(ports.max_members) {}

Result<std::optional<RowId>> MemberService::resolve_subgroup(
    RowId team_id, const std::optional<std::string>& name) {
    if (!name) {
        return std::optional<RowId>();
    }
    const std::string wanted = names_.normalize(*name);
    BISTIME_ASSIGN(auto found, subgroups_.find_subgroup_by_name(team_id, wanted));
    if (!found) {
        return Error::invalid_field("subgroup",
                                    "the team has no subgroup named " + valid_utf8(wanted));
    }
    return std::optional<RowId>(found->id);
}

Result<Member> MemberService::create_member(const CreateMemberInput& input) {
    BISTIME_ASSIGN(Team team, access_.find(input.team_uuid));
    BISTIME_ASSIGN(std::string name,
                   names_.require("name", input.name, 1, k_max_member_name_length));
    BISTIME_ASSIGN(WeekAvailability week, parse_week(input.week));
    BISTIME_ASSIGN(std::optional<RowId> subgroup, resolve_subgroup(team.id, input.subgroup));
    std::optional<std::string> password_hash;
    if (input.password) {
        BISTIME_ASSIGN(password_hash, hash_new_password(*input.password));
    }
    return members_.insert_member({team.id, subgroup, std::move(name), week, clock_.now(),
                                   std::move(password_hash), max_members_,
                                   make_random_id(random_)});
}

Result<std::shared_ptr<const TeamRoster>> MemberService::roster_of(const Team& team) {
    return rosters_.find_or_load(
        team.id, team.members_version, [&]() -> Result<std::shared_ptr<const TeamRoster>> {
            auto roster = std::make_shared<TeamRoster>();
            roster->team_id = team.id;
            roster->version = team.members_version;
            BISTIME_ASSIGN(roster->subgroups, subgroups_.list_subgroups(team.id));
            BISTIME_ASSIGN(roster->members, members_.list_members(team.id));
            roster->overlap = overlap_of(roster->members);
            return std::shared_ptr<const TeamRoster>(std::move(roster));
        });
}

Result<std::vector<Member>> MemberService::members_in(
    const TeamRoster& roster, std::optional<std::string_view> subgroup) const {
    if (!subgroup) {
        return roster.members;
    }
    const std::string wanted = names_.normalize(*subgroup);
    const auto named = std::find_if(roster.subgroups.begin(), roster.subgroups.end(),
                                    [&](const Subgroup& group) { return group.name == wanted; });
    if (named == roster.subgroups.end()) {
        return Error::not_found("subgroup not found");
    }
    std::vector<Member> members;
    for (const Member& member : roster.members) {
        if (member.subgroup_id == named->id) {
            members.push_back(member);
        }
    }
    return members;
}

Result<std::vector<Member>> MemberService::list_members(std::string_view team_uuid,
                                                        std::optional<std::string_view> subgroup) {
    BISTIME_ASSIGN(Team team, access_.find(team_uuid));
    BISTIME_ASSIGN(auto roster, roster_of(team));
    return members_in(*roster, subgroup);
}

Result<Member> MemberService::find_member_by_name(std::string_view team_uuid,
                                                  std::string_view name) {
    BISTIME_ASSIGN(std::vector<Member> members, list_members(team_uuid, std::nullopt));
    const std::string wanted = names_.normalize(name);
    for (Member& member : members) {
        if (member.name == wanted) {
            return std::move(member);
        }
    }
    return Error::not_found("member not found");
}

Result<Member> MemberService::get_member(RowId member_id) {
    BISTIME_ASSIGN(auto found, members_.find_member(member_id));
    if (!found) {
        return Error::not_found("member not found");
    }
    return std::move(*found);
}

Result<void> MemberService::authorize_change(const Member& member,
                                             const MemberCredentials& credentials,
                                             std::optional<std::string>& claim) {
    if (!member.password_hash) {
        if (credentials.password) {
            BISTIME_ASSIGN(claim, hash_new_password(*credentials.password));
        }
        return {};
    }
    return access_.check_member(member, credentials);
}

Result<std::string> MemberService::hash_new_password(std::string_view password) const {
    auto checked = require_text("password", password, 1, k_max_password_length);
    if (!checked || *checked != password) {
        return Error::invalid_field(
            "password", "password must be 1 to 100 characters, without surrounding spaces");
    }
    return hasher_.hash_password(password);
}

Result<Member> MemberService::update_member(RowId member_id, const MemberPatch& patch,
                                            const MemberCredentials& credentials) {
    BISTIME_ASSIGN(Member member, get_member(member_id));
    MemberChange change;
    BISTIME_TRY(authorize_change(member, credentials, change.password_hash));
    if (patch.subgroup) {
        BISTIME_ASSIGN(change.subgroup_id, resolve_subgroup(member.team_id, *patch.subgroup));
    }
    if (patch.week) {
        BISTIME_ASSIGN(change.week, parse_week(*patch.week));
    }
    return members_.update_member(member_id, change, clock_.now());
}

Result<void> MemberService::delete_member(RowId member_id, std::optional<std::string_view> code) {
    BISTIME_ASSIGN(Member member, get_member(member_id));
    BISTIME_TRY(access_.find_as_admin(member.team_uuid, code));
    return members_.delete_member(member_id);
}

Result<Member> MemberService::import_week(RowId member_id, std::string_view week,
                                          std::string_view calendar,
                                          const MemberCredentials& credentials) {
    auto monday = CalendarDate::parse(week);
    if (!monday || monday->weekday() != 0) {
        return Error::invalid_field("week", "week must be the date of a Monday, YYYY-MM-DD");
    }
    BISTIME_ASSIGN(Member member, get_member(member_id));
    MemberChange change;
    BISTIME_TRY(authorize_change(member, credentials, change.password_hash));
    const UnixSeconds from = (monday->days_since_epoch() - 1) * 86400;
    const UnixSeconds to = (monday->days_since_epoch() + 8) * 86400;
    BISTIME_ASSIGN(auto busy, calendars_.busy_intervals(calendar, from, to));
    const auto merged = merge_busy(std::move(busy));
    WeekAvailability days;
    for (int day = 0; day < k_days_per_week; ++day) {
        days[static_cast<std::size_t>(day)] = free_slots(
            merged, zones_, zone_, monday->plus_days(day), k_slot_minutes, 0, k_slots_per_day);
    }
    change.week = days;
    return members_.update_member(member_id, change, clock_.now());
}

Result<TeamAvailability> MemberService::team_availability(
    std::string_view team_uuid, std::optional<std::string_view> subgroup) {
    BISTIME_ASSIGN(Team team, access_.find(team_uuid));
    BISTIME_ASSIGN(auto roster, roster_of(team));
    if (!subgroup) {
        return TeamAvailability{roster->members, roster->overlap};
    }
    BISTIME_ASSIGN(std::vector<Member> members, members_in(*roster, subgroup));
    auto overlap = overlap_of(members);
    return TeamAvailability{std::move(members), std::move(overlap)};
}

}  // namespace bistime
