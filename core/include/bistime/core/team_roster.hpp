// TeamRoster: a team's subgroups and members (with their weeks) and the
// overlap of those weeks, kept in memory between reads (TeamRosterCache) the
// way AnswersCache keeps an event's answers.
//
// Storage bumps a team's members_version in the same transaction as every
// write to its members or subgroups, and the version comes with the team's
// row, which every team read loads anyway. A roster is used only for the
// version it was built from, so a read on any server sees every write
// acknowledged before it began: reading an unchanged team's members or
// availability costs the team's row alone, whatever the number of members.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bistime/core/overlap.hpp"
#include "bistime/core/team.hpp"
#include "bistime/core/versioned_cache.hpp"

namespace bistime {

struct TeamRoster {
    RowId team_id = 0;
    std::int64_t version = 0;
    std::vector<Subgroup> subgroups;
    std::vector<Member> members;  // by name; person index i is members[i]
    AvailabilityOverlap overlap;  // every member's week, day index = weekday

    std::size_t bytes() const;
};

// Keyed by team id, at its members_version.
using TeamRosterCache = VersionedCache<RowId, std::int64_t, TeamRoster>;

}  // namespace bistime
