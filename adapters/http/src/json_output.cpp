#include "json_output.hpp"

#include "bistime/core/text.hpp"
#include "bistime/core/timestamp.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <span>

namespace bistime::http::detail {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Every body is valid UTF-8: stored text was checked on the way in, and
// anything else (a client's bytes echoed in an error, a parser's message) is
// repaired here rather than trusted.
void write_string(Writer& out, const std::string& text) {
    if (utf8_length(text)) {
        out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
        return;
    }
    const std::string repaired = valid_utf8(text);
    out.String(repaired.data(), static_cast<rapidjson::SizeType>(repaired.size()));
}

void write_names(Writer& out, const std::vector<std::string>& names) {
    out.StartArray();
    for (const std::string& name : names) {
        write_string(out, name);
    }
    out.EndArray();
}

// An ISO-8601 instant, or null.
void write_instant(Writer& out, const std::optional<UnixSeconds>& instant) {
    if (instant) {
        write_string(out, format_timestamp(*instant));
    } else {
        out.Null();
    }
}

void write_timestamps(Writer& out, UnixSeconds created, UnixSeconds updated) {
    out.Key("createdAt");
    write_string(out, format_timestamp(created));
    out.Key("updatedAt");
    write_string(out, format_timestamp(updated));
}

void write_window(Writer& out, const TimeWindow& window) {
    out.Key("startTime");
    write_string(out, window.start.to_string());
    out.Key("endTime");
    write_string(out, window.end.to_string());
}

void write_event_date(Writer& out, const EventDate& date) {
    out.StartObject();
    out.Key("id");
    out.Int64(date.id);
    out.Key("event");
    write_string(out, date.event_uuid);
    out.Key("date");
    write_string(out, date.date.to_string());
    write_timestamps(out, date.created_at, date.updated_at);
    out.EndObject();
}

void write_schedule(Writer& out, const Schedule& schedule) {
    out.StartObject();
    out.Key("id");
    out.Int64(schedule.id);
    out.Key("name");
    write_string(out, schedule.name);
    out.Key("event");
    out.Int64(schedule.event_id);
    out.Key("date");
    write_string(out, day_key(schedule.date));
    out.Key("availability");
    write_string(out, schedule.availability.to_string());
    write_timestamps(out, schedule.created_at, schedule.updated_at);
    out.EndObject();
}

std::string finish(const rapidjson::StringBuffer& buffer) {
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

namespace {
void write_event(Writer& out, const EventDetails& details, const std::string* admin_token) {
    const Event& event = details.event;
    out.StartObject();
    out.Key("id");
    out.Int64(event.id);
    out.Key("uuid");
    write_string(out, event.uuid);
    out.Key("associatedTeam");
    if (event.team_name) {
        write_string(out, *event.team_name);
    } else {
        out.Null();
    }
    // The team's uuid, for the event's invitees who fill in from their team
    // week: a team's name no longer finds it without a secret.
    if (event.team_uuid) {
        out.Key("team");
        write_string(out, *event.team_uuid);
    }
    out.Key("title");
    write_string(out, event.title);
    out.Key("startTime");
    write_string(out, event.window.start.to_string());
    out.Key("endTime");
    write_string(out, event.window.end.to_string());
    // Additions of v1 appear only when they differ from what v1 implies, so a
    // v1 client's bodies are unchanged.
    if (event.slot_minutes != k_slot_minutes) {
        out.Key("slotMinutes");
        out.Int(event.slot_minutes);
    }
    if (event.decision) {
        out.Key("decision");
        out.StartObject();
        out.Key("date");
        write_string(out, day_key(event.decision->date));
        write_window(out, event.decision->window);
        const auto& instants = details.decision_instants;
        out.Key("utcStart");
        write_instant(out, instants ? std::optional<UnixSeconds>(instants->start) : std::nullopt);
        out.Key("utcEnd");
        write_instant(out, instants ? std::optional<UnixSeconds>(instants->end) : std::nullopt);
        out.EndObject();
    }
    if (event.locked) {
        out.Key("locked");
        out.Bool(true);
    }
    if (event.closes_at) {
        out.Key("closesAt");
        write_string(out, format_timestamp(*event.closes_at));
    }
    if (event.timezone) {
        out.Key("timezone");
        write_string(out, *event.timezone);
    }
    if (event.weekdays) {
        out.Key("weekdays");
        out.StartArray();
        for (const EventDate& date : details.dates) {
            write_string(out, day_key(date.date));
        }
        out.EndArray();
    }
    if (event.description) {
        out.Key("description");
        write_string(out, *event.description);
    }
    if (event.location) {
        out.Key("location");
        write_string(out, *event.location);
    }

    // Dates are ascending, so both maps list them in date order.
    out.Key("availability");
    if (details.dates.empty()) {
        out.Null();
    } else {
        out.StartObject();
        for (std::size_t day = 0; day < details.dates.size(); ++day) {
            out.Key(day_key(details.dates[day].date).c_str());
            write_string(out, legacy_count_string(details.overlap.counts_of_day(day)));
        }
        out.EndObject();
    }
    out.Key("availabilityCounts");
    if (details.dates.empty()) {
        out.Null();
    } else {
        out.StartObject();
        for (std::size_t day = 0; day < details.dates.size(); ++day) {
            out.Key(day_key(details.dates[day].date).c_str());
            out.StartArray();
            for (std::uint32_t count : details.overlap.counts_of_day(day)) {
                out.Uint(count);
            }
            out.EndArray();
        }
        out.EndObject();
    }
    if (details.overlap.has_if_needed()) {
        out.Key("ifNeededCounts");
        out.StartObject();
        for (std::size_t day = 0; day < details.dates.size(); ++day) {
            out.Key(day_key(details.dates[day].date).c_str());
            out.StartArray();
            for (std::uint32_t count : details.overlap.if_needed_counts_of_day(day)) {
                out.Uint(count);
            }
            out.EndArray();
        }
        out.EndObject();
    }
    out.Key("participants");
    out.StartArray();
    for (const std::string& name : details.participants) {
        write_string(out, name);
    }
    out.EndArray();
    write_timestamps(out, event.created_at, event.updated_at);
    if (admin_token != nullptr) {
        out.Key("adminToken");
        write_string(out, *admin_token);
    }
    out.EndObject();
}
}  // namespace

std::string event_json(const EventDetails& details, const std::string* admin_token) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    write_event(out, details, admin_token);
    return finish(buffer);
}

std::string events_json(const std::vector<EventDetails>& events) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartArray();
    for (const EventDetails& details : events) {
        write_event(out, details, nullptr);
    }
    out.EndArray();
    return finish(buffer);
}

std::string dates_page_json(const DatesPage& page, const std::string& page_url) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartObject();
    out.Key("count");
    out.Uint64(page.total);
    out.Key("next");
    if (page.has_next()) {
        write_string(out, page_url + "?page=" + std::to_string(page.number + 1));
    } else {
        out.Null();
    }
    out.Key("previous");
    if (page.has_previous()) {
        // As Django REST framework does, the first page's link has no query.
        write_string(out, page.number == 2 ? page_url
                                           : page_url + "?page=" + std::to_string(page.number - 1));
    } else {
        out.Null();
    }
    out.Key("results");
    out.StartArray();
    for (const EventDate& date : page.dates) {
        write_event_date(out, date);
    }
    out.EndArray();
    out.EndObject();
    return finish(buffer);
}

std::string schedule_json(const Schedule& schedule) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    write_schedule(out, schedule);
    return finish(buffer);
}

std::string schedules_json(const std::vector<Schedule>& schedules) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartArray();
    for (const Schedule& schedule : schedules) {
        write_schedule(out, schedule);
    }
    out.EndArray();
    return finish(buffer);
}

namespace {

// A slot's answers, three people to a character: person 3k + j's state (0,
// 1 or 2, the digits of a schedule's availability) is bits 2j and 2j + 1 of
// character k's value in the base64url alphabet. A slot of a 300-person
// event is 100 bytes, where one digit per person took 300 and the people's
// names about 2,500; gzipped, about a quarter less than the digits.
constexpr std::string_view k_packed_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void pack_states(std::span<const std::uint32_t> available, std::span<const std::uint32_t> if_needed,
                 std::size_t people, std::string& packed) {
    packed.assign((people + 2) / 3, '\0');
    for (const std::uint32_t person : available) {
        packed[person / 3] = static_cast<char>(packed[person / 3] | (1 << (2 * (person % 3))));
    }
    for (const std::uint32_t person : if_needed) {
        packed[person / 3] = static_cast<char>(packed[person / 3] | (2 << (2 * (person % 3))));
    }
    for (char& character : packed) {
        character = k_packed_alphabet[static_cast<unsigned char>(character)];
    }
}

void write_grid_day(Writer& out, const EventGrid& grid, const GridDay& day) {
    std::string packed;
    out.StartObject();
    out.Key("date");
    write_string(out, day.date.to_string());
    out.Key("slots");
    out.StartArray();
    for (const GridSlot& slot : day.slots) {
        const auto available = grid.available(slot);
        const auto if_needed = grid.if_needed(slot);
        pack_states(available, if_needed, grid.people.size(), packed);
        out.StartObject();
        out.Key("start");
        write_string(out, slot.local_start.to_string());
        out.Key("utc");
        write_string(out, format_timestamp(slot.utc));
        out.Key("available");
        out.Uint64(available.size());
        out.Key("ifNeeded");
        out.Uint64(if_needed.size());
        out.Key("packedStates");
        write_string(out, packed);
        out.EndObject();
    }
    out.EndArray();
    out.EndObject();
}

// The grid, one viewer's day per piece between an opening and a closing piece.
class GridBody final : public PiecewiseBody {
  public:
    explicit GridBody(EventGrid grid) : grid_(std::move(grid)) {}
    std::size_t piece_count() const override { return grid_.days.size() + 2; }
    void write_piece(std::size_t index, std::string& out) const override {
        if (index == 0) {
            rapidjson::StringBuffer opening;
            Writer text(opening);
            text.StartObject();
            text.Key("timezone");
            write_string(text, grid_.timezone);
            text.Key("slotMinutes");
            text.Int(grid_.slot_minutes);
            text.Key("people");
            text.StartArray();
            for (const std::string& name : grid_.people) {
                write_string(text, name);
            }
            text.EndArray();
            text.Key("days");
            text.StartArray();
            // The writer holds the object and the array open; the days and
            // the closing piece complete them.
            out.append(opening.GetString(), opening.GetSize());
        } else if (index == piece_count() - 1) {
            out += "]}";
        } else {
            rapidjson::StringBuffer buffer;
            Writer day(buffer);
            write_grid_day(day, grid_, grid_.days[index - 1]);
            if (index > 1) {
                out += ',';
            }
            out.append(buffer.GetString(), buffer.GetSize());
        }
    }

  private:
    EventGrid grid_;
};

// An array of Schedules, a batch per piece.
class SchedulesBody final : public PiecewiseBody {
  public:
    static constexpr std::size_t k_batch = 512;
    explicit SchedulesBody(std::vector<Schedule> schedules) : schedules_(std::move(schedules)) {}
    std::size_t piece_count() const override {
        return (schedules_.size() + k_batch - 1) / k_batch + 2;
    }
    void write_piece(std::size_t index, std::string& out) const override {
        if (index == 0) {
            out += '[';
        } else if (index == piece_count() - 1) {
            out += ']';
        } else {
            const std::size_t first = (index - 1) * k_batch;
            const std::size_t last = std::min(first + k_batch, schedules_.size());
            for (std::size_t i = first; i < last; ++i) {
                rapidjson::StringBuffer buffer;
                Writer one(buffer);
                write_schedule(one, schedules_[i]);
                if (i > 0) {
                    out += ',';
                }
                out.append(buffer.GetString(), buffer.GetSize());
            }
        }
    }

  private:
    std::vector<Schedule> schedules_;
};

}  // namespace

std::shared_ptr<const PiecewiseBody> grid_body(EventGrid grid) {
    return std::make_shared<GridBody>(std::move(grid));
}

std::shared_ptr<const PiecewiseBody> schedules_body(std::vector<Schedule> schedules) {
    return std::make_shared<SchedulesBody>(std::move(schedules));
}

std::string whole_body(const PiecewiseBody& body) {
    std::string out;
    for (std::size_t i = 0; i < body.piece_count(); ++i) {
        body.write_piece(i, out);
    }
    return out;
}

std::string best_times_json(const std::vector<BestTime>& results) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartObject();
    out.Key("results");
    out.StartArray();
    for (const BestTime& best : results) {
        out.StartObject();
        out.Key("date");
        write_string(out, best.date);
        out.Key("start");
        write_string(out, best.start);
        out.Key("end");
        write_string(out, best.end);
        out.Key("utcStart");
        write_instant(out, best.utc_start);
        out.Key("utcEnd");
        write_instant(out, best.utc_end);
        out.Key("available");
        write_names(out, best.available);
        out.Key("ifNeeded");
        write_names(out, best.if_needed);
        out.Key("missing");
        write_names(out, best.missing);
        out.EndObject();
    }
    out.EndArray();
    out.EndObject();
    return finish(buffer);
}

std::string feedback_json(const Feedback& feedback) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartObject();
    out.Key("id");
    out.Int64(feedback.id);
    out.Key("content");
    write_string(out, feedback.content);
    write_timestamps(out, feedback.created_at, feedback.updated_at);
    out.EndObject();
    return finish(buffer);
}

std::string error_json(int status, const std::string& detail,
                       const std::vector<FieldError>& fields) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartObject();
    out.Key("code");
    out.Int(status);
    out.Key("detail");
    write_string(out, detail);
    if (!fields.empty()) {
        out.Key("errors");
        out.StartObject();
        for (const FieldError& field : fields) {
            write_string(out, field.field);
            write_string(out, field.message);
        }
        out.EndObject();
    }
    out.EndObject();
    return finish(buffer);
}

namespace {

void write_subgroup(Writer& out, const Subgroup& subgroup) {
    out.StartObject();
    out.Key("id");
    out.Int64(subgroup.id);
    out.Key("team");
    write_string(out, subgroup.team_uuid);
    out.Key("name");
    write_string(out, subgroup.name);
    write_timestamps(out, subgroup.created_at, subgroup.updated_at);
    out.EndObject();
}

void write_member(Writer& out, const Member& member) {
    out.StartObject();
    out.Key("id");
    out.Int64(member.id);
    out.Key("name");
    write_string(out, member.name);
    out.Key("team");
    write_string(out, member.team_uuid);
    out.Key("subgroup");
    if (member.subgroup_name) {
        write_string(out, *member.subgroup_name);
    } else {
        out.Null();
    }
    out.Key("weekSchedule");
    out.StartArray();
    for (const DayAvailability& day : member.week) {
        write_string(out, day.to_string());
    }
    out.EndArray();
    write_timestamps(out, member.created_at, member.updated_at);
    if (member.password_hash) {
        out.Key("protected");  // only then: v1 clients see the v1 object
        out.Bool(true);
    }
    out.EndObject();
}

void write_regular_event(Writer& out, const RegularEvent& event) {
    out.StartObject();
    out.Key("id");
    out.Int64(event.id);
    out.Key("uuid");
    write_string(out, event.uuid);
    out.Key("team");
    write_string(out, event.team_uuid);
    out.Key("title");
    write_string(out, event.title);
    out.Key("description");
    write_string(out, event.description);
    out.Key("day");
    out.Int(event.day);
    write_window(out, event.window);
    write_timestamps(out, event.created_at, event.updated_at);
    out.EndObject();
}

template <typename Item, typename Write>
std::string array_json(const std::vector<Item>& items, Write write) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartArray();
    for (const Item& item : items) {
        write(out, item);
    }
    out.EndArray();
    return finish(buffer);
}

template <typename Item, typename Write>
std::string object_json(const Item& item, Write write) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    write(out, item);
    return finish(buffer);
}

}  // namespace

std::string team_json(const Team& team, const std::vector<Subgroup>& subgroups,
                      const std::string* admin_code) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartObject();
    out.Key("id");
    out.Int64(team.id);
    out.Key("uuid");
    write_string(out, team.uuid);
    out.Key("name");
    write_string(out, team.name);
    out.Key("subgroups");
    out.StartArray();
    for (const Subgroup& subgroup : subgroups) {
        write_string(out, subgroup.name);
    }
    out.EndArray();
    // A custom question's text is the question; the original's clients read
    // both keys.
    out.Key("securityQuestion");
    write_string(out, team.custom_security_question
                          ? *team.custom_security_question
                          : security_question_text(team.security_question));
    out.Key("customSecurityQuestion");
    if (team.custom_security_question) {
        write_string(out, *team.custom_security_question);
    } else {
        out.Null();
    }
    write_window(out, team.window);
    if (team.timezone) {
        out.Key("timezone");
        write_string(out, *team.timezone);
    }
    write_timestamps(out, team.created_at, team.updated_at);
    if (admin_code != nullptr) {
        out.Key("adminCode");
        write_string(out, *admin_code);
    }
    out.EndObject();
    return finish(buffer);
}

std::string subgroup_json(const Subgroup& subgroup) {
    return object_json(subgroup, write_subgroup);
}
std::string subgroups_json(const std::vector<Subgroup>& subgroups) {
    return array_json(subgroups, write_subgroup);
}
std::string member_json(const Member& member) {
    return object_json(member, write_member);
}
std::string members_json(const std::vector<Member>& members) {
    return array_json(members, write_member);
}
std::string regular_event_json(const RegularEvent& event) {
    return object_json(event, write_regular_event);
}
std::string regular_events_json(const std::vector<RegularEvent>& events) {
    return array_json(events, write_regular_event);
}

std::string team_availability_json(const TeamAvailability& availability) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartObject();
    out.Key("members");
    out.Uint64(availability.members.size());
    out.Key("days");
    out.StartObject();
    for (std::size_t day = 0; day < k_days_per_week; ++day) {
        out.Key(k_weekday_keys[day]);
        out.StartObject();
        const auto counts = availability.overlap.counts_of_day(day);
        out.Key("availability");
        write_string(out, legacy_count_string(counts));
        out.Key("counts");
        out.StartArray();
        for (std::uint32_t count : counts) {
            out.Uint(count);
        }
        out.EndArray();
        out.Key("names");
        out.StartArray();
        for (int slot = 0; slot < availability.overlap.slots_per_day(); ++slot) {
            out.StartArray();
            for (std::uint32_t person : availability.overlap.people_available(day, slot)) {
                write_string(out, availability.members[person].name);
            }
            out.EndArray();
        }
        out.EndArray();
        out.EndObject();
    }
    out.EndObject();
    out.EndObject();
    return finish(buffer);
}

}  // namespace bistime::http::detail
