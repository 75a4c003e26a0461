#include "bistime/core/event_details.hpp"

#include <algorithm>
#include <unordered_map>

namespace bistime {

std::vector<std::string> people_of(const std::vector<Schedule>& schedules) {
    std::vector<std::string> people;
    people.reserve(schedules.size());
    for (const Schedule& schedule : schedules) {
        people.push_back(schedule.name);
    }
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    return people;
}

std::uint32_t person_index(const std::vector<std::string>& people, const std::string& name) {
    return static_cast<std::uint32_t>(std::lower_bound(people.begin(), people.end(), name) -
                                      people.begin());
}

namespace {

// FNV-1a, 64 bits: a revision needs to change with its input, not to resist
// an adversary (the event's own fields go in, nobody else's).
struct Fnv {
    std::uint64_t hash = 14695981039346656037ull;
    Fnv& text(std::string_view bytes) {
        for (unsigned char c : bytes) {
            hash = (hash ^ c) * 1099511628211ull;
        }
        hash = (hash ^ 0xffu) * 1099511628211ull;  // a separator no UTF-8 text holds
        return *this;
    }
    Fnv& number(std::int64_t value) { return text(std::to_string(value)); }
    Fnv& maybe(const std::optional<std::string>& value) {
        return value ? text(*value) : text("\x01");
    }
};

}  // namespace

std::string revision_of(const Event& event) {
    Fnv fnv;
    // Everything of the row that the event's JSON shows, and the version of
    // its dates and answers.
    fnv.text(event.uuid).text(event.title).maybe(event.team_uuid).maybe(event.team_name);
    fnv.number(event.window.start.minutes()).number(event.window.end.minutes());
    fnv.number(event.slot_minutes).number(event.weekdays ? 1 : 0).maybe(event.timezone);
    fnv.maybe(event.description).maybe(event.location).number(event.locked ? 1 : 0);
    fnv.number(event.closes_at.value_or(-1)).number(event.created_at).number(event.updated_at);
    if (event.decision) {
        fnv.text(event.decision->date.to_string())
            .number(event.decision->window.start.minutes())
            .number(event.decision->window.end.minutes());
    }
    fnv.number(event.answers_version);
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string text = "r";
    for (int shift = 60; shift >= 0; shift -= 4) {
        text.push_back(k_digits[(fnv.hash >> shift) & 0xf]);
    }
    return text;
}

std::optional<DecisionInstants> decision_instants(const EventAccess& access, const Event& event) {
    if (!event.decision || event.weekdays) {
        return std::nullopt;
    }
    const Decision& decision = *event.decision;
    const auto start = access.instant_of(event, decision.date, decision.window.start.minutes());
    const auto end = access.instant_of(event, decision.date, decision.window.end.minutes());
    if (!start || !end) {
        return std::nullopt;
    }
    return DecisionInstants{*start, *end};
}

namespace {

// The answers of one event from its dates (ascending) and schedules.
EventAnswers tally_answers(const Event& event, std::vector<EventDate> dates,
                           std::vector<Schedule> schedules) {
    EventAnswers answers;
    answers.event_id = event.id;
    answers.version = event.answers_version;
    answers.dates_version = event.dates_version;
    answers.dates = std::move(dates);
    answers.people = people_of(schedules);
    std::unordered_map<RowId, std::uint32_t> day_of_date;
    for (std::size_t i = 0; i < answers.dates.size(); ++i) {
        day_of_date.emplace(answers.dates[i].id, static_cast<std::uint32_t>(i));
    }
    const int slot_count = slots_per_day(event.slot_minutes);
    const std::size_t cells = answers.people.size() * answers.dates.size();
    answers.days.assign(cells, DayAvailability(slot_count));
    answers.rows.assign(cells, EventAnswers::k_no_row);
    std::vector<PersonDay> entries;
    entries.reserve(schedules.size());
    for (std::size_t row = 0; row < schedules.size(); ++row) {
        const Schedule& schedule = schedules[row];
        const auto day = day_of_date.find(schedule.date_id);
        if (day == day_of_date.end()) {
            continue;  // a date deleted between the reads
        }
        const std::uint32_t person = person_index(answers.people, schedule.name);
        entries.push_back({person, day->second, schedule.availability});
        const std::size_t cell = person * answers.dates.size() + day->second;
        answers.rows[cell] = static_cast<std::uint32_t>(row);
        if (schedule.availability.slot_count() == slot_count) {
            answers.days[cell] = schedule.availability;
        }
    }
    answers.overlap = AvailabilityOverlap::compute(answers.dates.size(), answers.people.size(),
                                                   entries, slot_count);
    answers.schedules = std::move(schedules);
    return answers;
}

}  // namespace

EventDetails EventDetailsReader::assemble(Event event, std::vector<EventDate> dates,
                                          std::vector<Schedule> schedules) const {
    EventAnswers answers = tally_answers(event, std::move(dates), std::move(schedules));
    EventDetails details{std::move(event), std::move(answers.dates), std::move(answers.people),
                         std::move(answers.overlap), std::nullopt};
    details.decision_instants = decision_instants(access_, details.event);
    return details;
}

Result<std::shared_ptr<const EventAnswers>> EventDetailsReader::answers_of(
    const Event& event) const {
    return cache_.find_or_load(
        event.id, event.answers_version, [&]() -> Result<std::shared_ptr<const EventAnswers>> {
            BISTIME_ASSIGN(auto dates, dates_.list_dates(event.id));
            BISTIME_ASSIGN(auto schedules, schedules_.list_schedules(event.id, std::nullopt));
            return std::shared_ptr<const EventAnswers>(std::make_shared<const EventAnswers>(
                tally_answers(event, std::move(dates), std::move(schedules))));
        });
}

Result<std::vector<EventDate>> EventDetailsReader::dates_of(const Event& event) const {
    // Answers written since the cache's copy leave its dates current: a
    // person's write needs the dates but not the others' answers. The look
    // is not counted as a hit or a miss: it is no read of the answers.
    if (auto kept = cache_.latest(event.id);
        kept && kept->second->dates_version == event.dates_version) {
        return kept->second->dates;
    }
    return dates_.list_dates(event.id);
}

namespace {

bool every_row_known(const std::vector<std::optional<ScheduleRepository::SeenRow>>& rows) {
    return std::all_of(rows.begin(), rows.end(), [](const auto& row) { return row.has_value(); });
}

}  // namespace

std::vector<std::optional<ScheduleRepository::SeenRow>> EventDetailsReader::rows_seen(
    const Event& event, const std::string& name, const std::vector<EventDate>& dates) const {
    std::vector<std::optional<ScheduleRepository::SeenRow>> seen = rows_read(event, name, dates);
    if (every_row_known(seen)) {
        return seen;
    }
    // A person who answered since the event was last read: where this server
    // wrote their rows, when it wrote one on every date.
    if (const auto written = cache_.written_rows().recall(event.id, name)) {
        std::vector<std::optional<ScheduleRepository::SeenRow>> rows(dates.size());
        for (std::size_t day = 0; day < dates.size(); ++day) {
            rows[day] = written->on(dates[day].id);
        }
        if (every_row_known(rows)) {
            return rows;
        }
    }
    return seen;
}

void EventDetailsReader::note_written(const Event& event, const std::string& name,
                                      const std::vector<Schedule>& rows) const {
    cache_.written_rows().remember(event.id, name, rows);
}

void EventDetailsReader::note_deleted(const Event& event, const std::string& name) const {
    cache_.written_rows().forget(event.id, name);
}

std::vector<std::optional<ScheduleRepository::SeenRow>> EventDetailsReader::rows_read(
    const Event& event, const std::string& name, const std::vector<EventDate>& dates) const {
    std::vector<std::optional<ScheduleRepository::SeenRow>> seen(dates.size());
    const auto kept = cache_.latest(event.id);
    if (!kept) {
        return seen;
    }
    const EventAnswers& answers = *kept->second;
    // Kept at other dates than the event's now, the rows are left unknown:
    // a change of dates is rare, and the write is then an upsert.
    const bool same_dates = std::equal(
        answers.dates.begin(), answers.dates.end(), dates.begin(), dates.end(),
        [](const EventDate& kept_date, const EventDate& date) { return kept_date.id == date.id; });
    const auto person = std::lower_bound(answers.people.begin(), answers.people.end(), name);
    if (!same_dates || person == answers.people.end() || *person != name ||
        answers.rows.size() != answers.people.size() * dates.size()) {
        return seen;
    }
    const auto first = static_cast<std::size_t>(person - answers.people.begin()) * dates.size();
    for (std::size_t day = 0; day < dates.size(); ++day) {
        const std::uint32_t row = answers.rows[first + day];
        if (row != EventAnswers::k_no_row) {
            const Schedule& schedule = answers.schedules[row];
            seen[day] = ScheduleRepository::SeenRow{schedule.id, schedule.created_at};
        }
    }
    return seen;
}

Result<EventDetails> EventDetailsReader::read(Event event) const {
    BISTIME_ASSIGN(std::shared_ptr<const EventAnswers> answers, answers_of(event));
    EventDetails details{std::move(event), answers->dates, answers->people, answers->overlap,
                         std::nullopt};
    details.decision_instants = decision_instants(access_, details.event);
    return details;
}

Result<std::vector<EventDetails>> EventDetailsReader::read_team(std::vector<Event> events,
                                                                RowId team_id) const {
    BISTIME_ASSIGN(auto dates, dates_.list_team_dates(team_id));
    BISTIME_ASSIGN(auto schedules, schedules_.list_team_schedules(team_id));
    std::unordered_map<RowId, std::vector<EventDate>> dates_by_event;
    for (EventDate& date : dates) {
        dates_by_event[date.event_id].push_back(std::move(date));
    }
    std::unordered_map<RowId, std::vector<Schedule>> schedules_by_event;
    for (Schedule& schedule : schedules) {
        schedules_by_event[schedule.event_id].push_back(std::move(schedule));
    }
    std::vector<EventDetails> details;
    details.reserve(events.size());
    for (Event& event : events) {
        const RowId id = event.id;
        details.push_back(assemble(std::move(event), std::move(dates_by_event[id]),
                                   std::move(schedules_by_event[id])));
    }
    return details;
}

}  // namespace bistime
