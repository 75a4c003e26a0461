#include "bistime/core/subgroup_service.hpp"

#include "bistime/core/handles.hpp"

namespace bistime {
namespace {

// The store says conflict for any taken key; the client is told which.
template <typename T>
Result<T> name_taken_as_conflict(Result<T> stored) {
    if (!stored && stored.error().kind == ErrorKind::conflict) {
        return Error::conflict("the team already has a subgroup of that name");
    }
    return stored;
}

}  // namespace

SubgroupService::SubgroupService(const SubgroupServicePorts& ports)
    : access_(ports.access),
      subgroups_(ports.subgroups),
      clock_(ports.clock),
      random_(ports.random),
      names_(ports.names) {}

Result<std::vector<Subgroup>> SubgroupService::list_subgroups(std::string_view team_uuid) {
    BISTIME_ASSIGN(Team team, access_.find(team_uuid));
    return subgroups_.list_subgroups(team.id);
}

Result<Subgroup> SubgroupService::create_subgroup(std::string_view team_uuid,
                                                  std::optional<std::string_view> code,
                                                  std::string_view name) {
    BISTIME_ASSIGN(Team team, access_.find_as_admin(team_uuid, code));
    BISTIME_ASSIGN(std::string checked,
                   names_.require("name", name, 1, k_max_subgroup_name_length));
    return name_taken_as_conflict(
        subgroups_.insert_subgroup(make_random_id(random_), team.id, checked, clock_.now()));
}

Result<Subgroup> SubgroupService::get_subgroup(RowId subgroup_id) {
    BISTIME_ASSIGN(auto found, subgroups_.find_subgroup(subgroup_id));
    if (!found) {
        return Error::not_found("subgroup not found");
    }
    return std::move(*found);
}

Result<Subgroup> SubgroupService::find_as_admin(RowId subgroup_id,
                                                std::optional<std::string_view> code) {
    BISTIME_ASSIGN(Subgroup subgroup, get_subgroup(subgroup_id));
    BISTIME_TRY(access_.find_as_admin(subgroup.team_uuid, code));
    return subgroup;
}

Result<Subgroup> SubgroupService::rename_subgroup(RowId subgroup_id,
                                                  std::optional<std::string_view> code,
                                                  std::string_view name) {
    BISTIME_TRY(find_as_admin(subgroup_id, code));
    BISTIME_ASSIGN(std::string checked,
                   names_.require("name", name, 1, k_max_subgroup_name_length));
    return name_taken_as_conflict(subgroups_.rename_subgroup(subgroup_id, checked, clock_.now()));
}

Result<void> SubgroupService::delete_subgroup(RowId subgroup_id,
                                              std::optional<std::string_view> code) {
    BISTIME_TRY(find_as_admin(subgroup_id, code));
    return subgroups_.delete_subgroup(subgroup_id);
}

}  // namespace bistime
