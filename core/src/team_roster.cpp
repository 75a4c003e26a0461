#include "bistime/core/team_roster.hpp"

namespace bistime {

std::size_t TeamRoster::bytes() const {
    // The vectors' own arrays, and what their strings hold outside them.
    std::size_t total = sizeof(TeamRoster) + overlap.bytes() +
                        subgroups.capacity() * sizeof(Subgroup) +
                        members.capacity() * sizeof(Member);
    for (const Subgroup& subgroup : subgroups) {
        total += subgroup.team_uuid.capacity() + subgroup.name.capacity();
    }
    for (const Member& member : members) {
        total += member.team_uuid.capacity() + member.name.capacity() +
                 member.subgroup_name.value_or("").capacity() +
                 member.password_hash.value_or("").capacity();
    }
    return total;
}

}  // namespace bistime
