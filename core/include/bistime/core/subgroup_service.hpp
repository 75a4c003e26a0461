// SubgroupService: the subgroups a team sorts its members into — list and
// read them, and with the team's admin code create, rename and delete them.
// A name is unique within its team; deleting a subgroup unassigns its members.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "bistime/core/names.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/team_access.hpp"
#include "bistime/core/team_ports.hpp"

namespace bistime {

inline constexpr std::size_t k_max_subgroup_name_length = 50;

struct SubgroupServicePorts {
    TeamAccess& access;
    SubgroupRepository& subgroups;
    const Clock& clock;
    RandomSource& random;  // subgroups' ids
    const NameRules& names;
};

class SubgroupService {
  public:
    explicit SubgroupService(const SubgroupServicePorts& ports);

    // By name. Errors: not_found (team).
    Result<std::vector<Subgroup>> list_subgroups(std::string_view team_uuid);
    // Errors: not_found, unauthorized, forbidden, too_many_attempts,
    // invalid (name), conflict (name taken in the team).
    Result<Subgroup> create_subgroup(std::string_view team_uuid,
                                     std::optional<std::string_view> code, std::string_view name);
    // Errors: not_found.
    Result<Subgroup> get_subgroup(RowId subgroup_id);
    // Errors: as create_subgroup.
    Result<Subgroup> rename_subgroup(RowId subgroup_id, std::optional<std::string_view> code,
                                     std::string_view name);
    Result<void> delete_subgroup(RowId subgroup_id, std::optional<std::string_view> code);

  private:
    // The subgroup, when `code` is its team's admin code.
    Result<Subgroup> find_as_admin(RowId subgroup_id, std::optional<std::string_view> code);

    TeamAccess& access_;
    SubgroupRepository& subgroups_;
    const Clock& clock_;
    RandomSource& random_;
    const NameRules& names_;
};

}  // namespace bistime
