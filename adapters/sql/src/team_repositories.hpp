// The SQL implementations of team mode's ports.
#pragma once

#include "bistime/core/team_ports.hpp"
#include "database.hpp"

namespace bistime::sql::detail {

class SqlTeamRepository final : public TeamRepository {
  public:
    explicit SqlTeamRepository(Database& database) : db_(database) {}
    Result<Team> insert_team(const NewTeam& team) override;
    Result<std::optional<Team>> find_team(std::string_view uuid) override;
    Result<std::vector<Team>> find_teams_by_name(std::string_view name, std::size_t limit) override;
    Result<Team> change_team(RowId team_id, const Edit<Team>& edit, UnixSeconds now) override;
    Result<void> set_admin_code_hash(RowId team_id, std::string_view hash,
                                     UnixSeconds now) override;
    Result<void> delete_team(RowId team_id) override;

  private:
    Result<std::optional<Team>> find_where(const char* column, std::string_view value);
    Database& db_;
};

class SqlSubgroupRepository final : public SubgroupRepository {
  public:
    explicit SqlSubgroupRepository(Database& database) : db_(database) {}
    Result<std::vector<Subgroup>> list_subgroups(RowId team_id) override;
    Result<Subgroup> insert_subgroup(RowId subgroup_id, RowId team_id, std::string_view name,
                                     UnixSeconds now) override;
    Result<std::optional<Subgroup>> find_subgroup(RowId subgroup_id) override;
    Result<std::optional<Subgroup>> find_subgroup_by_name(RowId team_id,
                                                          std::string_view name) override;
    Result<Subgroup> rename_subgroup(RowId subgroup_id, std::string_view name,
                                     UnixSeconds now) override;
    Result<void> delete_subgroup(RowId subgroup_id) override;

  private:
    Database& db_;
};

class SqlMemberRepository final : public MemberRepository {
  public:
    explicit SqlMemberRepository(Database& database) : db_(database) {}
    Result<Member> insert_member(const NewMember& member) override;
    Result<std::vector<Member>> list_members(RowId team_id) override;
    Result<std::optional<Member>> find_member(RowId member_id) override;
    Result<std::vector<Member>> find_members_in_teams_named(std::string_view team_name,
                                                            std::string_view member_name,
                                                            std::size_t limit) override;
    Result<Member> update_member(RowId member_id, const MemberChange& change,
                                 UnixSeconds now) override;
    Result<void> delete_member(RowId member_id) override;

  private:
    Database& db_;
};

class SqlRegularEventRepository final : public RegularEventRepository {
  public:
    explicit SqlRegularEventRepository(Database& database) : db_(database) {}
    Result<std::vector<RegularEvent>> list_regular_events(RowId team_id) override;
    Result<RegularEvent> insert_regular_event(const NewRegularEvent& event) override;
    Result<std::optional<RegularEvent>> find_regular_event(std::string_view uuid) override;
    Result<RegularEvent> change_regular_event(RowId event_id, const Edit<RegularEvent>& edit,
                                              UnixSeconds now) override;
    Result<void> delete_regular_event(RowId event_id) override;

  private:
    Database& db_;
};

class SqlAttemptLog final : public AttemptLog {
  public:
    explicit SqlAttemptLog(Database& database) : db_(database) {}
    Result<RowId> reserve_attempt(std::string_view scope, std::string_view client, UnixSeconds now,
                                  std::span<const AttemptWindow> windows) override;
    Result<void> release_attempt(RowId attempt_id) override;

  private:
    Database& db_;
};

}  // namespace bistime::sql::detail
