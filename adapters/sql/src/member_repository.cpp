#include "rows.hpp"
#include "team_repositories.hpp"

namespace bistime::sql::detail {
namespace {

std::string encode_week(const WeekAvailability& week) {
    std::string text;
    text.reserve(k_days_per_week * k_slots_per_day);
    for (const DayAvailability& day : week) {
        text += day.to_string();
    }
    return text;
}

WeekAvailability decode_week(const std::string& text) {
    std::vector<std::string> days;
    for (std::size_t day = 0;
         day < k_days_per_week && text.size() == k_days_per_week * k_slots_per_day; ++day) {
        days.push_back(text.substr(day * k_slots_per_day, k_slots_per_day));
    }
    auto week = parse_week(days);
    if (!week) {
        throw soci::soci_error("malformed week in storage");
    }
    return *week;
}

struct MemberRow {
    long long id = 0;
    long long team_id = 0;
    std::string team_uuid;
    std::string name;
    long long subgroup_id = 0;
    soci::indicator subgroup_ind = soci::i_null;
    std::string subgroup_name;
    soci::indicator subgroup_name_ind = soci::i_null;
    std::string week;
    long long created = 0;
    long long updated = 0;
    std::string password_hash;
    soci::indicator password_ind = soci::i_null;

    static constexpr const char* k_columns =
        "SELECT m.id, m.team_id, t.uuid, m.name, m.subgroup_id, s.name, m.week, m.created_at, "
        "m.updated_at, m.password_hash"
        " FROM members m JOIN teams t ON t.id = m.team_id LEFT JOIN subgroups s ON s.id = "
        "m.subgroup_id";

    void bind(soci::statement& statement) {
        statement.exchange(soci::into(id));
        statement.exchange(soci::into(team_id));
        statement.exchange(soci::into(team_uuid));
        statement.exchange(soci::into(name));
        statement.exchange(soci::into(subgroup_id, subgroup_ind));
        statement.exchange(soci::into(subgroup_name, subgroup_name_ind));
        statement.exchange(soci::into(week));
        statement.exchange(soci::into(created));
        statement.exchange(soci::into(updated));
        statement.exchange(soci::into(password_hash, password_ind));
    }
    Member to_entity() const {
        Member member;
        member.id = id;
        member.team_id = team_id;
        member.team_uuid = team_uuid;
        member.name = name;
        if (subgroup_ind == soci::i_ok) {
            member.subgroup_id = subgroup_id;
            member.subgroup_name = subgroup_name;
        }
        member.week = decode_week(week);
        if (password_ind == soci::i_ok) {
            member.password_hash = password_hash;
        }
        member.created_at = created;
        member.updated_at = updated;
        return member;
    }
};

template <typename... Params>
std::vector<Member> fetch_members(soci::session& sql, const std::string& where, Params&... params) {
    MemberRow row;
    std::vector<Member> found;
    for_each_row(
        sql, std::string(MemberRow::k_columns) + where,
        [&](soci::statement& statement) { row.bind(statement); },
        [&] { found.push_back(row.to_entity()); }, params...);
    return found;
}

}  // namespace

Result<Member> SqlMemberRepository::insert_member(const NewMember& input) {
    return db_.transact("insert member", [&](soci::session& sql) -> Result<Member> {
        long long team = input.team_id;
        std::string name = input.name;
        int taken = 0;
        sql << "SELECT COUNT(*) FROM members WHERE team_id = :team AND name = :name",
            soci::into(taken), soci::use(team), soci::use(name);
        if (taken > 0) {
            return Error::conflict("the team already has a member of that name");
        }
        if (input.max_members > 0) {
            // Newcomers to one team queue on its row, so that two cannot both
            // see room for one. (SQLite's write transactions already queue.)
            if (db_.dialect() == Dialect::mysql) {
                long long locked = 0;
                sql << "SELECT id FROM teams WHERE id = :team FOR UPDATE", soci::into(locked),
                    soci::use(team);
            }
            long long members = 0;
            sql << "SELECT COUNT(*) FROM members WHERE team_id = :team", soci::into(members),
                soci::use(team);
            if (members >= static_cast<long long>(input.max_members)) {
                return Error::conflict("the team is full: it already has " +
                                       std::to_string(input.max_members) + " members");
            }
        }
        long long subgroup = input.subgroup_id.value_or(0);
        soci::indicator subgroup_ind = input.subgroup_id ? soci::i_ok : soci::i_null;
        std::string week = encode_week(input.week);
        long long stamp = input.now;
        std::string hash = input.password_hash.value_or("");
        soci::indicator hash_ind = input.password_hash ? soci::i_ok : soci::i_null;
        long long id = input.id;
        sql << "INSERT INTO members (id, team_id, subgroup_id, name, week, created_at, updated_at,"
               " password_hash) VALUES (:id, :team, :subgroup, :name, :week, :created, :updated,"
               " :hash)",
            soci::use(id), soci::use(team), soci::use(subgroup, subgroup_ind), soci::use(name),
            soci::use(week), soci::use(stamp), soci::use(stamp), soci::use(hash, hash_ind);
        auto found = fetch_members(sql, " WHERE m.id = :id", id);
        if (found.empty()) {
            return Error::not_found("member not found");
        }
        return std::move(found.front());
    });
}

Result<std::vector<Member>> SqlMemberRepository::list_members(RowId team_id) {
    return db_.run("list members", [&](soci::session& sql) -> Result<std::vector<Member>> {
        long long team = team_id;
        return fetch_members(sql, " WHERE m.team_id = :team ORDER BY m.name", team);
    });
}

Result<std::optional<Member>> SqlMemberRepository::find_member(RowId member_id) {
    return db_.run("find member", [&](soci::session& sql) -> Result<std::optional<Member>> {
        long long id = member_id;
        auto found = fetch_members(sql, " WHERE m.id = :id", id);
        if (found.empty()) {
            return std::optional<Member>();
        }
        return std::optional<Member>(std::move(found.front()));
    });
}

Result<std::vector<Member>> SqlMemberRepository::find_members_in_teams_named(
    std::string_view team_name, std::string_view member_name, std::size_t limit) {
    return db_.run(
        "find members by team name", [&](soci::session& sql) -> Result<std::vector<Member>> {
            std::string team(team_name);
            std::string member(member_name);
            long long most = static_cast<long long>(limit);
            return fetch_members(
                sql, " WHERE t.name = :team AND m.name = :member ORDER BY m.id LIMIT :most", team,
                member, most);
        });
}

Result<Member> SqlMemberRepository::update_member(RowId member_id, const MemberChange& change,
                                                  UnixSeconds now) {
    return db_.transact("update member", [&](soci::session& sql) -> Result<Member> {
        long long id = member_id;
        long long stamp = now;
        if (change.subgroup_id) {
            long long subgroup = change.subgroup_id->value_or(0);
            soci::indicator subgroup_ind =
                change.subgroup_id->has_value() ? soci::i_ok : soci::i_null;
            sql << "UPDATE members SET subgroup_id = :subgroup, updated_at = :updated WHERE id = "
                   ":id",
                soci::use(subgroup, subgroup_ind), soci::use(stamp), soci::use(id);
        }
        if (change.password_hash) {
            // Only an open entry takes a password: two claims at once leave
            // the first.
            std::string hash = *change.password_hash;
            sql << "UPDATE members SET password_hash = :hash WHERE id = :id AND password_hash IS "
                   "NULL",
                soci::use(hash), soci::use(id);
        }
        if (change.week) {
            std::string week = encode_week(*change.week);
            sql << "UPDATE members SET week = :week, updated_at = :updated WHERE id = :id",
                soci::use(week), soci::use(stamp), soci::use(id);
        }
        auto found = fetch_members(sql, " WHERE m.id = :id", id);
        if (found.empty()) {
            return Error::not_found("member not found");
        }
        return std::move(found.front());
    });
}

Result<void> SqlMemberRepository::delete_member(RowId member_id) {
    return db_.run("delete member", [&](soci::session& sql) -> Result<void> {
        long long id = member_id;
        sql << "DELETE FROM members WHERE id = :id", soci::use(id);
        return {};
    });
}

}  // namespace bistime::sql::detail
