// The entities of team mode (Phase 2): a team, its subgroups, its members'
// recurring weekly availability, and its regular weekly events.
//
// Plain data, like event.hpp: rules live in the services, storage and wire
// formats in the adapters.
#pragma once

#include <cstdint>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "bistime/core/day_availability.hpp"
#include "bistime/core/event.hpp"
#include "bistime/core/result.hpp"
#include "bistime/core/time_of_day.hpp"

namespace bistime {

inline constexpr int k_days_per_week = 7;
// Monday first, as everywhere in team mode.
inline constexpr std::array<const char*, k_days_per_week> k_weekday_keys = {
    "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};

// A member's recurring week: day 0 is Monday.
using WeekAvailability = std::array<DayAvailability, k_days_per_week>;

// Reads seven 48-character day strings. Errors: invalid (field "weekSchedule").
Result<WeekAvailability> parse_week(const std::vector<std::string>& days);

// The fixed security questions; 0 means the team wrote its own.
inline constexpr int k_custom_security_question = 0;
inline constexpr int k_last_security_question = 3;
// The text of a fixed question (1..3); "" for any other number.
std::string security_question_text(int question);

struct Team {
    RowId id = 0;
    std::string uuid;  // "T" + 22 letters
    std::string name;
    int security_question = 1;
    std::optional<std::string> custom_security_question;
    std::string security_answer_hash;  // Argon2id; never leaves the server
    std::string admin_code_hash;       // Argon2id; never leaves the server
    TimeWindow window;
    std::optional<std::string> timezone;  // IANA zone of its weeks; none: the server's
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;
    // Bumped with every write to the team's members or subgroups, in the
    // same transaction (TeamRoster).
    std::int64_t members_version = 0;
};

struct Subgroup {
    RowId id = 0;
    RowId team_id = 0;
    std::string team_uuid;
    std::string name;
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;
};

struct Member {
    RowId id = 0;
    RowId team_id = 0;
    std::string team_uuid;
    std::string name;
    std::optional<RowId> subgroup_id;
    std::optional<std::string> subgroup_name;
    WeekAvailability week;
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;
    // The Argon2id hash of the member's password, when they protected their
    // entry; never shown.
    std::optional<std::string> password_hash;
};

struct RegularEvent {
    RowId id = 0;
    std::string uuid;  // "R" + 22 letters
    RowId team_id = 0;
    std::string team_uuid;
    std::string title;
    std::string description;
    int day = 0;  // 0 = Monday … 6 = Sunday
    TimeWindow window;
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;
};

}  // namespace bistime
