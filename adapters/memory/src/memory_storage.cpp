#include "bistime/memory/memory_storage.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace bistime::memory {
namespace {

// The rows. They refer to each other by id, as in the SQL schema; what the
// entities show of other rows (an event's team, a member's subgroup name) is
// looked up when they are read. Copyable: a unit of work keeps a copy to
// restore when it fails.
struct Rows {
    struct EventRow {
        Event event;
        std::optional<RowId> team_id;
    };
    struct MemberRow {
        Member member;  // subgroup_name and team_uuid filled when read
    };
    struct Participant {
        RowId event_id = 0;
        std::string name;
        std::string hash;
    };
    struct Attempt {
        RowId id = 0;
        std::string scope;
        std::string client;
        UnixSeconds at = 0;
    };

    RowId next_id = 1;
    std::map<RowId, EventRow> events;
    std::map<RowId, EventDate> dates;
    std::map<RowId, Schedule> schedules;
    std::vector<Participant> participants;
    std::vector<Feedback> feedback;
    std::map<RowId, Team> teams;
    std::map<RowId, Subgroup> subgroups;
    std::map<RowId, MemberRow> members;
    std::map<RowId, RegularEvent> regular_events;
    std::vector<Attempt> attempts;

    RowId take_id() { return next_id++; }

    Event read_event(const EventRow& row) const {
        Event event = row.event;
        event.protected_names = std::count_if(
            participants.begin(), participants.end(),
            [&](const Participant& participant) { return participant.event_id == event.id; });
        event.team_uuid.reset();
        event.team_name.reset();
        if (row.team_id) {
            if (auto team = teams.find(*row.team_id); team != teams.end()) {
                event.team_uuid = team->second.uuid;
                event.team_name = team->second.name;
            }
        }
        return event;
    }

    const EventRow* find_event_row(std::string_view uuid) const {
        for (const auto& [id, row] : events) {
            if (row.event.uuid == uuid) {
                return &row;
            }
        }
        return nullptr;
    }

    Member read_member(const MemberRow& row) const {
        Member member = row.member;
        member.subgroup_name.reset();
        if (member.subgroup_id) {
            if (auto subgroup = subgroups.find(*member.subgroup_id); subgroup != subgroups.end()) {
                member.subgroup_name = subgroup->second.name;
            } else {
                member.subgroup_id.reset();
            }
        }
        if (auto team = teams.find(member.team_id); team != teams.end()) {
            member.team_uuid = team->second.uuid;
        }
        return member;
    }

    std::vector<Schedule> schedules_where(const auto& keep) const {
        std::vector<Schedule> found;
        for (const auto& [id, schedule] : schedules) {
            if (keep(schedule)) {
                found.push_back(schedule);
            }
        }
        std::sort(found.begin(), found.end(), [](const Schedule& a, const Schedule& b) {
            return std::tie(a.event_id, a.date, a.name) < std::tie(b.event_id, b.date, b.name);
        });
        return found;
    }

    // Deletes the event's dates, schedules and protected names.
    void delete_event_rows(RowId event_id) {
        std::erase_if(dates, [&](const auto& entry) { return entry.second.event_id == event_id; });
        std::erase_if(schedules,
                      [&](const auto& entry) { return entry.second.event_id == event_id; });
        std::erase_if(participants, [&](const Participant& p) { return p.event_id == event_id; });
        events.erase(event_id);
    }

    std::size_t people_in(RowId event_id) const {
        std::set<std::string> names;
        for (const auto& [id, schedule] : schedules) {
            if (schedule.event_id == event_id) {
                names.insert(schedule.name);
            }
        }
        return names.size();
    }

    // The SQL adapter's rule for newcomers to a full event.
    Result<void> admit_person(RowId event_id, std::string_view name, std::size_t max_people) const {
        if (max_people == 0) {
            return {};
        }
        for (const auto& [id, schedule] : schedules) {
            if (schedule.event_id == event_id && schedule.name == name) {
                return {};
            }
        }
        if (people_in(event_id) >= max_people) {
            return Error::conflict("the event is full: it already has " +
                                   std::to_string(max_people) + " people");
        }
        return {};
    }

    // As the SQL adapter: every write to an event's dates or answers bumps
    // its version, and a write to its dates its dates_version too.
    void bump_version(RowId event_id) {
        if (auto event = events.find(event_id); event != events.end()) {
            ++event->second.event.answers_version;
        }
    }
    void bump_dates_version(RowId event_id) {
        if (auto event = events.find(event_id); event != events.end()) {
            ++event->second.event.answers_version;
            ++event->second.event.dates_version;
        }
    }

    // And every write to a team's members or subgroups bumps its
    // members_version.
    void bump_members_version(RowId team_id) {
        if (auto team = teams.find(team_id); team != teams.end()) {
            ++team->second.members_version;
        }
    }

    Schedule* find_schedule(RowId date_id, std::string_view name) {
        for (auto& [id, schedule] : schedules) {
            if (schedule.date_id == date_id && schedule.name == name) {
                return &schedule;
            }
        }
        return nullptr;
    }
};

// The rows and the one lock over them. Recursive, so that a unit of work
// holds it across the repository calls it makes.
struct Tables : Rows {
    std::recursive_mutex mutex;
    int unit_depth = 0;  // units running on the thread that holds the lock
};

using Lock = std::lock_guard<std::recursive_mutex>;

class Events final : public EventRepository {
  public:
    explicit Events(Tables& t) : t_(t) {}

    Result<Event> insert_event(const NewEvent& input) override {
        const Lock lock(t_.mutex);
        if (t_.find_event_row(input.uuid) != nullptr) {
            return Error::conflict("insert event: already exists");
        }
        Tables::EventRow row;
        if (input.team_uuid) {
            auto team = std::find_if(t_.teams.begin(), t_.teams.end(), [&](const auto& entry) {
                return entry.second.uuid == *input.team_uuid;
            });
            if (team == t_.teams.end()) {
                return Error::not_found("team not found");
            }
            row.team_id = team->first;
        }
        Event& event = row.event;
        event.id = t_.take_id();
        event.uuid = input.uuid;
        event.title = input.title;
        event.window = input.window;
        event.slot_minutes = input.slot_minutes;
        event.weekdays = input.weekdays;
        event.timezone = input.timezone;
        event.closes_at = input.closes_at;
        event.description = input.description;
        event.location = input.location;
        event.admin_token_hash = input.admin_token_hash;
        event.created_at = input.now;
        event.updated_at = input.now;
        const RowId id = event.id;
        t_.events.emplace(id, row);
        return t_.read_event(t_.events.at(id));
    }

    // Memory has nothing dearer to leave out.
    Result<std::optional<Event>> find_event_to_write(std::string_view uuid) override {
        return find_event(uuid);
    }

    Result<std::optional<Event>> find_event(std::string_view uuid) override {
        const Lock lock(t_.mutex);
        const auto* row = t_.find_event_row(uuid);
        if (row == nullptr) {
            return std::optional<Event>();
        }
        return std::optional<Event>(t_.read_event(*row));
    }

    // The mutex is held from the read to the store: the edit sees the row
    // as it stands, and no other write comes between.
    Result<Event> change_event(RowId event_id, const Edit<Event>& edit, UnixSeconds now) override {
        const Lock lock(t_.mutex);
        auto found = t_.events.find(event_id);
        if (found == t_.events.end()) {
            return Error::not_found("event not found");
        }
        Event event = t_.read_event(found->second);
        BISTIME_TRY(edit(event));
        Event& stored = found->second.event;
        stored.title = event.title;
        stored.window = event.window;
        stored.description = event.description;
        stored.location = event.location;
        stored.decision = event.decision;
        stored.locked = event.locked;
        stored.closes_at = event.closes_at;
        stored.updated_at = now;
        return t_.read_event(found->second);
    }

    Result<void> delete_event(RowId event_id) override {
        const Lock lock(t_.mutex);
        t_.delete_event_rows(event_id);
        return {};
    }

    Result<std::vector<Event>> list_team_events(RowId team_id) override {
        const Lock lock(t_.mutex);
        std::vector<Event> found;
        for (const auto& [id, row] : t_.events) {
            if (row.team_id == team_id) {
                found.push_back(t_.read_event(row));
            }
        }
        std::sort(found.begin(), found.end(), [](const Event& a, const Event& b) {
            return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
        });
        return found;
    }

    Result<std::size_t> delete_expired_events(CalendarDate last_day_before,
                                              UnixSeconds updated_before) override {
        const Lock lock(t_.mutex);
        std::vector<RowId> expired;
        for (const auto& [id, row] : t_.events) {
            std::optional<CalendarDate> last;
            for (const auto& [date_id, date] : t_.dates) {
                if (date.event_id == id && (!last || *last < date.date)) {
                    last = date.date;
                }
            }
            const bool past = !row.event.weekdays && last && *last < last_day_before;
            const bool stale =
                (row.event.weekdays || !last) && row.event.updated_at < updated_before;
            if (past || stale) {
                expired.push_back(id);
            }
        }
        for (const RowId id : expired) {
            t_.delete_event_rows(id);
        }
        return expired.size();
    }

  private:
    Tables& t_;
};

class Dates final : public EventDateRepository {
  public:
    explicit Dates(Tables& t) : t_(t) {}

    Result<std::vector<EventDate>> list_dates(RowId event_id) override {
        const Lock lock(t_.mutex);
        return dates_of(event_id);
    }

    Result<DatePage> page_dates(RowId event_id, std::size_t offset, std::size_t limit) override {
        const Lock lock(t_.mutex);
        auto all = dates_of(event_id);
        DatePage page;
        page.total = all.size();
        for (std::size_t i = offset; i < all.size() && i < offset + limit; ++i) {
            page.dates.push_back(all[i]);
        }
        return page;
    }

    Result<void> add_dates(RowId event_id, std::span<const CalendarDate> dates,
                           std::size_t max_total, UnixSeconds now) override {
        const Lock lock(t_.mutex);
        auto event = t_.events.find(event_id);
        if (event == t_.events.end()) {
            return Error::not_found("event not found");
        }
        std::set<CalendarDate> present;
        for (const auto& date : dates_of(event_id)) {
            present.insert(date.date);
        }
        std::set<CalendarDate> fresh;
        for (const CalendarDate& date : dates) {
            if (!present.contains(date)) {
                fresh.insert(date);
            }
        }
        if (present.size() + fresh.size() > max_total) {
            return Error::invalid_field(
                "additionalDates", "an event has at most " + std::to_string(max_total) + " dates");
        }
        for (const CalendarDate& date : fresh) {
            const RowId id = t_.take_id();
            t_.dates.emplace(id, EventDate{id, event_id, event->second.event.uuid, date, now, now});
        }
        t_.bump_dates_version(event_id);
        return {};
    }

    Result<std::optional<EventDate>> find_date(RowId date_id) override {
        const Lock lock(t_.mutex);
        auto found = t_.dates.find(date_id);
        if (found == t_.dates.end()) {
            return std::optional<EventDate>();
        }
        return std::optional<EventDate>(found->second);
    }

    Result<void> delete_date(RowId date_id) override {
        const Lock lock(t_.mutex);
        if (auto date = t_.dates.find(date_id); date != t_.dates.end()) {
            t_.bump_dates_version(date->second.event_id);
        }
        std::erase_if(t_.schedules,
                      [&](const auto& entry) { return entry.second.date_id == date_id; });
        t_.dates.erase(date_id);
        return {};
    }

    Result<std::vector<EventDate>> list_team_dates(RowId team_id) override {
        const Lock lock(t_.mutex);
        std::vector<EventDate> found;
        for (const auto& [id, row] : t_.events) {
            if (row.team_id == team_id) {
                auto dates = dates_of(id);
                found.insert(found.end(), dates.begin(), dates.end());
            }
        }
        return found;
    }

  private:
    // With the mutex held.
    std::vector<EventDate> dates_of(RowId event_id) const {
        std::vector<EventDate> found;
        for (const auto& [id, date] : t_.dates) {
            if (date.event_id == event_id) {
                found.push_back(date);
            }
        }
        std::sort(found.begin(), found.end(),
                  [](const EventDate& a, const EventDate& b) { return a.date < b.date; });
        return found;
    }

    Tables& t_;
};

class Schedules final : public ScheduleRepository {
  public:
    explicit Schedules(Tables& t) : t_(t) {}

    Result<std::vector<Schedule>> list_schedules(RowId event_id,
                                                 std::optional<std::string_view> name) override {
        const Lock lock(t_.mutex);
        return t_.schedules_where([&](const Schedule& schedule) {
            return schedule.event_id == event_id && (!name || schedule.name == *name);
        });
    }

    Result<std::vector<Schedule>> put_schedules(RowId event_id, std::string_view name,
                                                std::span<const DayEntry> days, UnixSeconds now,
                                                std::size_t max_people) override {
        const Lock lock(t_.mutex);
        if (auto admitted = t_.admit_person(event_id, name, max_people); !admitted) {
            return admitted.error();
        }
        for (const DayEntry& day : days) {
            auto date = t_.dates.find(day.date_id);
            if (date == t_.dates.end() || date->second.event_id != event_id) {
                return Error::conflict("put schedules: refers to something gone");
            }
        }
        for (const DayEntry& day : days) {
            store(event_id, day.date_id, name, day.availability, now);
        }
        t_.bump_version(event_id);
        return t_.schedules_where([&](const Schedule& schedule) {
            return schedule.event_id == event_id && schedule.name == name;
        });
    }

    Result<Upserted> upsert_schedule(RowId event_id, RowId date_id, std::string_view name,
                                     DayAvailability availability, UnixSeconds now,
                                     std::size_t max_people) override {
        const Lock lock(t_.mutex);
        if (auto admitted = t_.admit_person(event_id, name, max_people); !admitted) {
            return admitted.error();
        }
        auto date = t_.dates.find(date_id);
        if (date == t_.dates.end() || date->second.event_id != event_id) {
            return Error::not_found("date not found in this event");
        }
        const bool created = t_.find_schedule(date_id, name) == nullptr;
        t_.bump_version(event_id);
        return Upserted{store(event_id, date_id, name, availability, now), created};
    }

    Result<std::size_t> delete_person(RowId event_id, std::string_view name) override {
        const Lock lock(t_.mutex);
        const auto deleted = std::erase_if(t_.schedules, [&](const auto& entry) {
            return entry.second.event_id == event_id && entry.second.name == name;
        });
        std::erase_if(t_.participants, [&](const Tables::Participant& p) {
            return p.event_id == event_id && p.name == name;
        });
        t_.bump_version(event_id);
        return static_cast<std::size_t>(deleted);
    }

    Result<std::vector<Schedule>> list_team_schedules(RowId team_id) override {
        const Lock lock(t_.mutex);
        return t_.schedules_where([&](const Schedule& schedule) {
            auto event = t_.events.find(schedule.event_id);
            return event != t_.events.end() && event->second.team_id == team_id;
        });
    }

  private:
    // With the mutex held: creates or replaces the (date, name) row.
    Schedule store(RowId event_id, RowId date_id, std::string_view name,
                   const DayAvailability& availability, UnixSeconds now) {
        if (Schedule* existing = t_.find_schedule(date_id, name)) {
            existing->availability = availability;
            existing->updated_at = now;
            return *existing;
        }
        const RowId id = t_.take_id();
        Schedule schedule{
            id,           event_id, date_id, t_.dates.at(date_id).date, std::string(name),
            availability, now,      now};
        t_.schedules.emplace(id, schedule);
        return schedule;
    }

    Tables& t_;
};

class Participants final : public ParticipantRepository {
  public:
    explicit Participants(Tables& t) : t_(t) {}

    Result<std::optional<std::string>> find_password_hash(RowId event_id,
                                                          std::string_view name) override {
        const Lock lock(t_.mutex);
        for (const auto& participant : t_.participants) {
            if (participant.event_id == event_id && participant.name == name) {
                return std::optional<std::string>(participant.hash);
            }
        }
        return std::optional<std::string>();
    }

    Result<std::string> claim_name(RowId event_id, std::string_view name, std::string_view hash,
                                   UnixSeconds) override {
        const Lock lock(t_.mutex);
        for (const auto& participant : t_.participants) {
            if (participant.event_id == event_id && participant.name == name) {
                return participant.hash;
            }
        }
        if (!t_.events.contains(event_id)) {
            return Error::conflict("claim name: refers to something gone");
        }
        t_.participants.push_back({event_id, std::string(name), std::string(hash)});
        return std::string(hash);
    }

  private:
    Tables& t_;
};

class Feedbacks final : public FeedbackRepository {
  public:
    explicit Feedbacks(Tables& t) : t_(t) {}

    Result<Feedback> insert_feedback(std::string_view content, UnixSeconds now) override {
        const Lock lock(t_.mutex);
        t_.feedback.push_back({t_.take_id(), std::string(content), now, now});
        return t_.feedback.back();
    }

  private:
    Tables& t_;
};

class Teams final : public TeamRepository {
  public:
    explicit Teams(Tables& t) : t_(t) {}

    Result<Team> insert_team(const NewTeam& input) override {
        const Lock lock(t_.mutex);
        for (const auto& [id, team] : t_.teams) {
            if (team.uuid == input.uuid) {
                return Error::conflict("insert team: already exists");
            }
        }
        Team team;
        team.id = t_.take_id();
        team.uuid = input.uuid;
        team.name = input.name;
        team.security_question = input.security_question;
        team.custom_security_question = input.custom_security_question;
        team.security_answer_hash = input.security_answer_hash;
        team.admin_code_hash = input.admin_code_hash;
        team.window = input.window;
        team.timezone = input.timezone;
        team.created_at = input.now;
        team.updated_at = input.now;
        t_.teams.emplace(team.id, team);
        return team;
    }

    Result<std::optional<Team>> find_team(std::string_view uuid) override {
        const Lock lock(t_.mutex);
        return find([&](const Team& team) { return team.uuid == uuid; });
    }

    Result<std::vector<Team>> find_teams_by_name(std::string_view name,
                                                 std::size_t limit) override {
        const Lock lock(t_.mutex);
        std::vector<Team> found;
        // Newest first, as ids grow.
        for (auto it = t_.teams.rbegin(); it != t_.teams.rend() && found.size() < limit; ++it) {
            if (it->second.name == name) {
                found.push_back(it->second);
            }
        }
        return found;
    }

    Result<Team> change_team(RowId team_id, const Edit<Team>& edit, UnixSeconds now) override {
        const Lock lock(t_.mutex);
        auto found = t_.teams.find(team_id);
        if (found == t_.teams.end()) {
            return Error::not_found("team not found");
        }
        Team team = found->second;
        BISTIME_TRY(edit(team));
        found->second.name = team.name;
        found->second.window = team.window;
        found->second.updated_at = now;
        return found->second;
    }

    Result<void> set_admin_code_hash(RowId team_id, std::string_view hash,
                                     UnixSeconds now) override {
        const Lock lock(t_.mutex);
        if (auto found = t_.teams.find(team_id); found != t_.teams.end()) {
            found->second.admin_code_hash = std::string(hash);
            found->second.updated_at = now;
        }
        return {};
    }

    Result<void> delete_team(RowId team_id) override {
        const Lock lock(t_.mutex);
        std::vector<RowId> events;
        for (const auto& [id, row] : t_.events) {
            if (row.team_id == team_id) {
                events.push_back(id);
            }
        }
        for (const RowId id : events) {
            t_.delete_event_rows(id);
        }
        std::erase_if(t_.members,
                      [&](const auto& entry) { return entry.second.member.team_id == team_id; });
        std::erase_if(t_.subgroups,
                      [&](const auto& entry) { return entry.second.team_id == team_id; });
        std::erase_if(t_.regular_events,
                      [&](const auto& entry) { return entry.second.team_id == team_id; });
        t_.teams.erase(team_id);
        return {};
    }

  private:
    std::optional<Team> find(const auto& matches) const {
        for (const auto& [id, team] : t_.teams) {
            if (matches(team)) {
                return team;
            }
        }
        return std::nullopt;
    }

    Tables& t_;
};

class Subgroups final : public SubgroupRepository {
  public:
    explicit Subgroups(Tables& t) : t_(t) {}

    Result<std::vector<Subgroup>> list_subgroups(RowId team_id) override {
        const Lock lock(t_.mutex);
        std::vector<Subgroup> found;
        for (const auto& [id, subgroup] : t_.subgroups) {
            if (subgroup.team_id == team_id) {
                found.push_back(subgroup);
            }
        }
        std::sort(found.begin(), found.end(),
                  [](const Subgroup& a, const Subgroup& b) { return a.name < b.name; });
        return found;
    }

    Result<Subgroup> insert_subgroup(RowId subgroup_id, RowId team_id, std::string_view name,
                                     UnixSeconds now) override {
        const Lock lock(t_.mutex);
        auto team = t_.teams.find(team_id);
        if (team == t_.teams.end()) {
            return Error::conflict("insert subgroup: refers to something gone");
        }
        if (taken(team_id, name, 0)) {
            return Error::conflict("insert subgroup: already exists");
        }
        if (t_.subgroups.contains(subgroup_id)) {
            return Error::conflict("insert subgroup: the id is taken");
        }
        Subgroup subgroup{subgroup_id, team_id, team->second.uuid, std::string(name), now, now};
        t_.subgroups.emplace(subgroup.id, subgroup);
        t_.bump_members_version(team_id);
        return subgroup;
    }

    Result<std::optional<Subgroup>> find_subgroup(RowId subgroup_id) override {
        const Lock lock(t_.mutex);
        auto found = t_.subgroups.find(subgroup_id);
        if (found == t_.subgroups.end()) {
            return std::optional<Subgroup>();
        }
        return std::optional<Subgroup>(found->second);
    }

    Result<std::optional<Subgroup>> find_subgroup_by_name(RowId team_id,
                                                          std::string_view name) override {
        const Lock lock(t_.mutex);
        for (const auto& [id, subgroup] : t_.subgroups) {
            if (subgroup.team_id == team_id && subgroup.name == name) {
                return std::optional<Subgroup>(subgroup);
            }
        }
        return std::optional<Subgroup>();
    }

    Result<Subgroup> rename_subgroup(RowId subgroup_id, std::string_view name,
                                     UnixSeconds now) override {
        const Lock lock(t_.mutex);
        auto found = t_.subgroups.find(subgroup_id);
        if (found == t_.subgroups.end()) {
            return Error::not_found("subgroup not found");
        }
        if (taken(found->second.team_id, name, subgroup_id)) {
            return Error::conflict("rename subgroup: already exists");
        }
        found->second.name = std::string(name);
        found->second.updated_at = now;
        t_.bump_members_version(found->second.team_id);
        return found->second;
    }

    Result<void> delete_subgroup(RowId subgroup_id) override {
        const Lock lock(t_.mutex);
        for (auto& [id, row] : t_.members) {
            if (row.member.subgroup_id == subgroup_id) {
                row.member.subgroup_id.reset();
            }
        }
        if (auto found = t_.subgroups.find(subgroup_id); found != t_.subgroups.end()) {
            t_.bump_members_version(found->second.team_id);
            t_.subgroups.erase(found);
        }
        return {};
    }

  private:
    bool taken(RowId team_id, std::string_view name, RowId except) const {
        return std::any_of(t_.subgroups.begin(), t_.subgroups.end(), [&](const auto& entry) {
            return entry.first != except && entry.second.team_id == team_id &&
                   entry.second.name == name;
        });
    }

    Tables& t_;
};

class Members final : public MemberRepository {
  public:
    explicit Members(Tables& t) : t_(t) {}

    Result<Member> insert_member(const NewMember& input) override {
        const Lock lock(t_.mutex);
        std::size_t in_team = 0;
        for (const auto& [id, row] : t_.members) {
            if (row.member.team_id == input.team_id) {
                if (row.member.name == input.name) {
                    return Error::conflict("the team already has a member of that name");
                }
                ++in_team;
            }
        }
        if (input.max_members > 0 && in_team >= input.max_members) {
            return Error::conflict("the team is full: it already has " +
                                   std::to_string(input.max_members) + " members");
        }
        if (!t_.teams.contains(input.team_id)) {
            return Error::conflict("insert member: refers to something gone");
        }
        if (t_.members.contains(input.id)) {
            return Error::conflict("insert member: the id is taken");
        }
        Tables::MemberRow row;
        Member& member = row.member;
        member.id = input.id;
        member.team_id = input.team_id;
        member.name = input.name;
        member.subgroup_id = input.subgroup_id;
        member.week = input.week;
        member.password_hash = input.password_hash;
        member.created_at = input.now;
        member.updated_at = input.now;
        const RowId id = member.id;
        t_.members.emplace(id, row);
        t_.bump_members_version(input.team_id);
        return t_.read_member(t_.members.at(id));
    }

    Result<std::vector<Member>> list_members(RowId team_id) override {
        const Lock lock(t_.mutex);
        std::vector<Member> found;
        for (const auto& [id, row] : t_.members) {
            if (row.member.team_id == team_id) {
                found.push_back(t_.read_member(row));
            }
        }
        std::sort(found.begin(), found.end(),
                  [](const Member& a, const Member& b) { return a.name < b.name; });
        return found;
    }

    Result<std::optional<Member>> find_member(RowId member_id) override {
        const Lock lock(t_.mutex);
        auto found = t_.members.find(member_id);
        if (found == t_.members.end()) {
            return std::optional<Member>();
        }
        return std::optional<Member>(t_.read_member(found->second));
    }

    Result<std::vector<Member>> find_members_in_teams_named(std::string_view team_name,
                                                            std::string_view member_name,
                                                            std::size_t limit) override {
        const Lock lock(t_.mutex);
        std::vector<Member> found;
        for (const auto& [id, row] : t_.members) {
            auto team = t_.teams.find(row.member.team_id);
            if (found.size() < limit && row.member.name == member_name && team != t_.teams.end() &&
                team->second.name == team_name) {
                found.push_back(t_.read_member(row));
            }
        }
        return found;
    }

    Result<Member> update_member(RowId member_id, const MemberChange& change,
                                 UnixSeconds now) override {
        const Lock lock(t_.mutex);
        auto found = t_.members.find(member_id);
        if (found == t_.members.end()) {
            return Error::not_found("member not found");
        }
        Member& member = found->second.member;
        if (change.subgroup_id) {
            member.subgroup_id = *change.subgroup_id;
            member.updated_at = now;
        }
        if (change.password_hash && !member.password_hash) {
            member.password_hash = change.password_hash;
        }
        if (change.week) {
            member.week = *change.week;
            member.updated_at = now;
        }
        t_.bump_members_version(member.team_id);
        return t_.read_member(found->second);
    }

    Result<void> delete_member(RowId member_id) override {
        const Lock lock(t_.mutex);
        if (auto found = t_.members.find(member_id); found != t_.members.end()) {
            t_.bump_members_version(found->second.member.team_id);
            t_.members.erase(found);
        }
        return {};
    }

  private:
    Tables& t_;
};

class RegularEvents final : public RegularEventRepository {
  public:
    explicit RegularEvents(Tables& t) : t_(t) {}

    Result<std::vector<RegularEvent>> list_regular_events(RowId team_id) override {
        const Lock lock(t_.mutex);
        std::vector<RegularEvent> found;
        for (const auto& [id, event] : t_.regular_events) {
            if (event.team_id == team_id) {
                found.push_back(event);
            }
        }
        std::sort(found.begin(), found.end(), [](const RegularEvent& a, const RegularEvent& b) {
            return std::tuple(a.day, a.window.start.minutes(), a.id) <
                   std::tuple(b.day, b.window.start.minutes(), b.id);
        });
        return found;
    }

    Result<RegularEvent> insert_regular_event(const NewRegularEvent& input) override {
        const Lock lock(t_.mutex);
        auto team = t_.teams.find(input.team_id);
        if (team == t_.teams.end()) {
            return Error::conflict("insert regular event: refers to something gone");
        }
        RegularEvent event;
        event.id = t_.take_id();
        event.uuid = input.uuid;
        event.team_id = input.team_id;
        event.team_uuid = team->second.uuid;
        event.title = input.title;
        event.description = input.description;
        event.day = input.day;
        event.window = input.window;
        event.created_at = input.now;
        event.updated_at = input.now;
        t_.regular_events.emplace(event.id, event);
        return event;
    }

    Result<std::optional<RegularEvent>> find_regular_event(std::string_view uuid) override {
        const Lock lock(t_.mutex);
        for (const auto& [id, event] : t_.regular_events) {
            if (event.uuid == uuid) {
                return std::optional<RegularEvent>(event);
            }
        }
        return std::optional<RegularEvent>();
    }

    Result<RegularEvent> change_regular_event(RowId event_id, const Edit<RegularEvent>& edit,
                                              UnixSeconds now) override {
        const Lock lock(t_.mutex);
        auto found = t_.regular_events.find(event_id);
        if (found == t_.regular_events.end()) {
            return Error::not_found("regular event not found");
        }
        RegularEvent event = found->second;
        BISTIME_TRY(edit(event));
        found->second.title = event.title;
        found->second.description = event.description;
        found->second.day = event.day;
        found->second.window = event.window;
        found->second.updated_at = now;
        return found->second;
    }

    Result<void> delete_regular_event(RowId event_id) override {
        const Lock lock(t_.mutex);
        t_.regular_events.erase(event_id);
        return {};
    }

  private:
    Tables& t_;
};

class Attempts final : public AttemptLog {
  public:
    explicit Attempts(Tables& t) : t_(t) {}

    Result<RowId> reserve_attempt(std::string_view scope, std::string_view client, UnixSeconds now,
                                  std::span<const AttemptWindow> windows) override {
        const Lock lock(t_.mutex);
        UnixSeconds longest = 0;
        for (const AttemptWindow& window : windows) {
            longest = std::max(longest, window.seconds);
        }
        std::erase_if(t_.attempts,
                      [&](const Tables::Attempt& attempt) { return attempt.at <= now - longest; });
        std::vector<UnixSeconds> times;  // the client's, newest first
        for (const auto& attempt : t_.attempts) {
            if (attempt.scope == scope && attempt.client == client) {
                times.push_back(attempt.at);
            }
        }
        std::sort(times.begin(), times.end(), std::greater<>());
        long long wait = 0;
        for (const AttemptWindow& window : windows) {
            const auto within = static_cast<std::size_t>(
                std::count_if(times.begin(), times.end(),
                              [&](UnixSeconds at) { return at > now - window.seconds; }));
            if (window.limit > 0 && within >= window.limit) {
                wait = std::max<long long>(wait, times[window.limit - 1] + window.seconds - now);
            }
        }
        if (wait > 0) {
            Error refused{ErrorKind::too_many_attempts, "too many attempts; try again later", {}};
            refused.retry_after_seconds = wait;
            return refused;
        }
        const RowId id = t_.take_id();
        t_.attempts.push_back({id, std::string(scope), std::string(client), now});
        return id;
    }

    Result<void> release_attempt(RowId attempt_id) override {
        const Lock lock(t_.mutex);
        std::erase_if(t_.attempts,
                      [&](const Tables::Attempt& attempt) { return attempt.id == attempt_id; });
        return {};
    }

  private:
    Tables& t_;
};

// One unit at a time holds the lock for its whole run; a copy of the rows
// taken at its start is put back when it fails. A unit inside another joins it.
class Units final : public UnitOfWork {
  public:
    explicit Units(Tables& tables) : t_(tables) {}

    Result<void> run(const std::function<Result<void>()>& work) override {
        const Lock lock(t_.mutex);
        if (t_.unit_depth > 0) {
            return work();
        }
        Rows before = t_;
        ++t_.unit_depth;
        Result<void> done;
        try {
            done = work();
        } catch (...) {
            --t_.unit_depth;
            static_cast<Rows&>(t_) = std::move(before);
            throw;
        }
        --t_.unit_depth;
        if (!done) {
            static_cast<Rows&>(t_) = std::move(before);
        }
        return done;
    }

  private:
    Tables& t_;
};

}  // namespace

struct MemoryStorage::Impl {
    Tables tables;
    Events events{tables};
    Dates dates{tables};
    Schedules schedules{tables};
    Feedbacks feedback{tables};
    Participants participants{tables};
    Teams teams{tables};
    Subgroups subgroups{tables};
    Members members{tables};
    RegularEvents regular_events{tables};
    Attempts attempts{tables};
    Units units{tables};
};

MemoryStorage::MemoryStorage() : impl_(std::make_unique<Impl>()) {}
MemoryStorage::~MemoryStorage() = default;

EventRepository& MemoryStorage::events() {
    return impl_->events;
}
EventDateRepository& MemoryStorage::dates() {
    return impl_->dates;
}
ScheduleRepository& MemoryStorage::schedules() {
    return impl_->schedules;
}
FeedbackRepository& MemoryStorage::feedback() {
    return impl_->feedback;
}
ParticipantRepository& MemoryStorage::participants() {
    return impl_->participants;
}
TeamRepository& MemoryStorage::teams() {
    return impl_->teams;
}
SubgroupRepository& MemoryStorage::subgroups() {
    return impl_->subgroups;
}
MemberRepository& MemoryStorage::members() {
    return impl_->members;
}
RegularEventRepository& MemoryStorage::regular_events() {
    return impl_->regular_events;
}
AttemptLog& MemoryStorage::attempts() {
    return impl_->attempts;
}
UnitOfWork& MemoryStorage::units() {
    return impl_->units;
}
StoragePorts MemoryStorage::ports() {
    return {events(),    dates(),   schedules(),      participants(), feedback(), teams(),
            subgroups(), members(), regular_events(), attempts(),     units()};
}

}  // namespace bistime::memory
