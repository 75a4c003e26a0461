#include "bistime/core/member_service.hpp"

#include "bistime/core/calendar_import.hpp"
#include "bistime/core/schedule_service.hpp"
#include "bistime/core/text.hpp"

namespace bistime {

MemberService::MemberService(const MemberServicePorts& ports)
    : teams_(ports.teams),
      team_store_(ports.team_store),
      subgroups_(ports.subgroups),
      members_(ports.members),
      clock_(ports.clock),
      calendars_(ports.calendars),
      zones_(ports.zones),
      hasher_(ports.hasher),
      guard_(ports.attempts, ports.clock),
      zone_(ports.zone),
      max_members_(ports.max_members) {}

Result<std::optional<RowId>> MemberService::resolve_subgroup(
    RowId team_id, const std::optional<std::string>& name) {
    if (!name) {
        return std::optional<RowId>();
    }
    auto found = subgroups_.find_subgroup_by_name(team_id, trim(*name));
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return Error::invalid_field("subgroup",
                                    "the team has no subgroup named " + std::string(trim(*name)));
    }
    return std::optional<RowId>((*found)->id);
}

Result<Member> MemberService::create_member(const CreateMemberInput& input) {
    auto team = require_team(team_store_, input.team_uuid);
    if (!team) {
        return team.error();
    }
    auto name = require_text("name", input.name, 1, k_max_member_name_length);
    if (!name) {
        return name.error();
    }
    auto week = parse_week(input.week);
    if (!week) {
        return week.error();
    }
    auto subgroup = resolve_subgroup(team->id, input.subgroup);
    if (!subgroup) {
        return subgroup.error();
    }
    std::optional<std::string> password_hash;
    if (input.password) {
        auto hashed = hash_new_password(*input.password);
        if (!hashed) {
            return hashed.error();
        }
        password_hash = std::move(*hashed);
    }
    auto stored = members_.insert_member({team->id, *subgroup, std::move(*name), *week,
                                          clock_.now(), std::move(password_hash), max_members_});
    return stored;
}

Result<std::vector<Member>> MemberService::list_members(std::string_view team_uuid,
                                                        std::optional<std::string_view> subgroup) {
    auto team = require_team(team_store_, team_uuid);
    if (!team) {
        return team.error();
    }
    std::optional<RowId> subgroup_id;
    if (subgroup) {
        auto found = subgroups_.find_subgroup_by_name(team->id, trim(*subgroup));
        if (!found) {
            return found.error();
        }
        if (!*found) {
            return Error::not_found("subgroup not found");
        }
        subgroup_id = (*found)->id;
    }
    auto members = members_.list_members(team->id);
    if (!members || !subgroup_id) {
        return members;
    }
    std::vector<Member> chosen;
    for (Member& member : *members) {
        if (member.subgroup_id == subgroup_id) {
            chosen.push_back(std::move(member));
        }
    }
    return chosen;
}

Result<Member> MemberService::find_member_by_name(std::string_view team_uuid,
                                                  std::string_view name) {
    auto members = list_members(team_uuid, std::nullopt);
    if (!members) {
        return members.error();
    }
    const std::string_view wanted = trim(name);
    for (Member& member : *members) {
        if (member.name == wanted) {
            return std::move(member);
        }
    }
    return Error::not_found("member not found");
}

Result<Member> MemberService::get_member(RowId member_id) {
    auto found = members_.find_member(member_id);
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return Error::not_found("member not found");
    }
    return std::move(**found);
}

Result<void> MemberService::authorize_change(const Member& member,
                                             const MemberCredentials& credentials,
                                             std::optional<std::string>& claim) {
    if (!member.password_hash) {
        if (credentials.password) {
            auto hashed = hash_new_password(*credentials.password);
            if (!hashed) {
                return hashed.error();
            }
            claim = std::move(*hashed);
        }
        return {};
    }
    if (credentials.admin_code) {
        auto team = teams_.authorize(member.team_uuid, credentials.admin_code);
        if (!team) {
            return team.error();
        }
        return {};
    }
    if (!credentials.password || credentials.password->empty()) {
        return Error::unauthorized("this member's entry is protected by a password");
    }
    auto matched = guard_.check("member:" + std::to_string(member.id), [&] {
        return hasher_.verify_password(*credentials.password, *member.password_hash);
    });
    if (!matched) {
        return matched.error();
    }
    if (!*matched) {
        return Error::forbidden("wrong password for this member");
    }
    return {};
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
    auto member = get_member(member_id);
    if (!member) {
        return member.error();
    }
    MemberChange change;
    if (auto allowed = authorize_change(*member, credentials, change.password_hash); !allowed) {
        return allowed.error();
    }
    if (patch.subgroup) {
        auto subgroup = resolve_subgroup(member->team_id, *patch.subgroup);
        if (!subgroup) {
            return subgroup.error();
        }
        change.subgroup_id = *subgroup;
    }
    if (patch.week) {
        auto week = parse_week(*patch.week);
        if (!week) {
            return week.error();
        }
        change.week = *week;
    }
    return members_.update_member(member_id, change, clock_.now());
}

Result<void> MemberService::delete_member(RowId member_id, std::optional<std::string_view> code) {
    auto member = get_member(member_id);
    if (!member) {
        return member.error();
    }
    if (auto team = teams_.authorize(member->team_uuid, code); !team) {
        return team.error();
    }
    return members_.delete_member(member_id);
}

Result<Member> MemberService::import_week(RowId member_id, std::string_view week,
                                          std::string_view calendar,
                                          const MemberCredentials& credentials) {
    auto monday = CalendarDate::parse(week);
    if (!monday || monday->weekday() != 0) {
        return Error::invalid_field("week", "week must be the date of a Monday, YYYY-MM-DD");
    }
    auto member = get_member(member_id);
    if (!member) {
        return member.error();
    }
    MemberChange change;
    if (auto allowed = authorize_change(*member, credentials, change.password_hash); !allowed) {
        return allowed.error();
    }
    const UnixSeconds from = (monday->days_since_epoch() - 1) * 86400;
    const UnixSeconds to = (monday->days_since_epoch() + 8) * 86400;
    auto busy = calendars_.busy_intervals(calendar, from, to);
    if (!busy) {
        return busy.error();
    }
    const auto merged = merge_busy(std::move(*busy));
    WeekAvailability days;
    for (int day = 0; day < k_days_per_week; ++day) {
        const auto date = CalendarDate::from_days_since_epoch(monday->days_since_epoch() + day);
        days[static_cast<std::size_t>(day)] =
            free_slots(merged, zones_, zone_, date, k_slot_minutes, 0, k_slots_per_day);
    }
    change.week = days;
    return members_.update_member(member_id, change, clock_.now());
}

Result<TeamAvailability> MemberService::team_availability(
    std::string_view team_uuid, std::optional<std::string_view> subgroup) {
    auto members = list_members(team_uuid, subgroup);
    if (!members) {
        return members.error();
    }
    std::vector<PersonDay> entries;
    entries.reserve(members->size() * k_days_per_week);
    for (std::uint32_t person = 0; person < members->size(); ++person) {
        for (std::uint32_t day = 0; day < k_days_per_week; ++day) {
            entries.push_back({person, day, (*members)[person].week[day]});
        }
    }
    auto overlap = AvailabilityOverlap::compute(k_days_per_week, members->size(), entries);
    return TeamAvailability{std::move(*members), std::move(overlap)};
}

}  // namespace bistime
