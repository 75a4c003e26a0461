#include "rows.hpp"
#include "team_repositories.hpp"

namespace bistime::sql::detail {
namespace {

struct SubgroupRow {
    long long id = 0;
    long long team_id = 0;
    std::string team_uuid;
    std::string name;
    long long created = 0;
    long long updated = 0;

    static constexpr const char* k_columns =
        "SELECT s.id, s.team_id, t.uuid, s.name, s.created_at, s.updated_at"
        " FROM subgroups s JOIN teams t ON t.id = s.team_id";

    void bind(soci::statement& statement) {
        statement.exchange(soci::into(id));
        statement.exchange(soci::into(team_id));
        statement.exchange(soci::into(team_uuid));
        statement.exchange(soci::into(name));
        statement.exchange(soci::into(created));
        statement.exchange(soci::into(updated));
    }
    Subgroup to_entity() const { return Subgroup{id, team_id, team_uuid, name, created, updated}; }
};

template <typename... Params>
std::vector<Subgroup> fetch_subgroups(soci::session& sql, const std::string& where,
                                      Params&... params) {
    SubgroupRow row;
    std::vector<Subgroup> found;
    for_each_row(
        sql, std::string(SubgroupRow::k_columns) + where,
        [&](soci::statement& statement) { row.bind(statement); },
        [&] { found.push_back(row.to_entity()); }, params...);
    return found;
}

std::optional<Subgroup> first(std::vector<Subgroup> found) {
    if (found.empty()) {
        return std::nullopt;
    }
    return std::move(found.front());
}

}  // namespace

Result<std::vector<Subgroup>> SqlSubgroupRepository::list_subgroups(RowId team_id) {
    return db_.run("list subgroups", [&](soci::session& sql) -> Result<std::vector<Subgroup>> {
        long long id = team_id;
        return fetch_subgroups(sql, " WHERE s.team_id = :team ORDER BY s.name", id);
    });
}

Result<Subgroup> SqlSubgroupRepository::insert_subgroup(RowId subgroup_id, RowId team_id,
                                                        std::string_view name, UnixSeconds now) {
    return db_.run("insert subgroup", [&](soci::session& sql) -> Result<Subgroup> {
        long long id = subgroup_id;
        long long team = team_id;
        std::string text(name);
        long long stamp = now;
        sql << "INSERT INTO subgroups (id, team_id, name, created_at, updated_at) VALUES (:id,"
               " :team, :name, :created, :updated)",
            soci::use(id), soci::use(team), soci::use(text), soci::use(stamp), soci::use(stamp);
        auto found = first(fetch_subgroups(sql, " WHERE s.id = :id", id));
        if (!found) {
            return Error::not_found("subgroup not found");
        }
        return std::move(*found);
    });
}

Result<std::optional<Subgroup>> SqlSubgroupRepository::find_subgroup(RowId subgroup_id) {
    return db_.run("find subgroup", [&](soci::session& sql) -> Result<std::optional<Subgroup>> {
        long long id = subgroup_id;
        return first(fetch_subgroups(sql, " WHERE s.id = :id", id));
    });
}

Result<std::optional<Subgroup>> SqlSubgroupRepository::find_subgroup_by_name(
    RowId team_id, std::string_view name) {
    return db_.run("find subgroup", [&](soci::session& sql) -> Result<std::optional<Subgroup>> {
        long long team = team_id;
        std::string text(name);
        return first(
            fetch_subgroups(sql, " WHERE s.team_id = :team AND s.name = :name", team, text));
    });
}

Result<Subgroup> SqlSubgroupRepository::rename_subgroup(RowId subgroup_id, std::string_view name,
                                                        UnixSeconds now) {
    return db_.run("rename subgroup", [&](soci::session& sql) -> Result<Subgroup> {
        long long id = subgroup_id;
        std::string text(name);
        long long stamp = now;
        sql << "UPDATE subgroups SET name = :name, updated_at = :updated WHERE id = :id",
            soci::use(text), soci::use(stamp), soci::use(id);
        auto found = first(fetch_subgroups(sql, " WHERE s.id = :id", id));
        if (!found) {
            return Error::not_found("subgroup not found");
        }
        return std::move(*found);
    });
}

Result<void> SqlSubgroupRepository::delete_subgroup(RowId subgroup_id) {
    // The members' foreign key sets their subgroup to NULL in the same statement.
    return db_.transact("delete subgroup", [&](soci::session& sql) -> Result<void> {
        long long id = subgroup_id;
        sql << "DELETE FROM subgroups WHERE id = :id", soci::use(id);
        return {};
    });
}

}  // namespace bistime::sql::detail
