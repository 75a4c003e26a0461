#include "bistime/core/availability_queries.hpp"

#include <algorithm>
#include <unordered_map>

#include "bistime/core/best_times.hpp"
#include "bistime/core/text.hpp"

namespace bistime {
namespace {

// "HH:MM" of a wall-clock minute, down to the finest slot (a zone with a
// 45-minute offset shows the slot it falls in).
std::string clock_text(int minutes) {
    auto time = TimeOfDay::from_minutes(minutes - minutes % k_finest_slot_minutes);
    return time ? time->to_string() : std::string("00:00");
}

std::vector<std::string> names_of(const std::vector<std::string>& people,
                                  const std::vector<std::uint32_t>& indices) {
    std::vector<std::string> names;
    names.reserve(indices.size());
    for (std::uint32_t person : indices) {
        names.push_back(people[person]);
    }
    return names;
}

}  // namespace

AvailabilityQueries::AvailabilityQueries(const AvailabilityQueryPorts& ports)
    : access_(ports.access),
      names_(ports.names),
      details_(ports.access, ports.dates, ports.schedules, ports.cache) {}

Result<std::vector<BestTime>> AvailabilityQueries::best_times(std::string_view uuid,
                                                              const BestTimesInput& input) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    return best_times_of(event, input);
}

Result<Revised<std::vector<BestTime>>> AvailabilityQueries::best_times_if_changed(
    std::string_view uuid, const BestTimesInput& input,
    std::optional<std::string_view> known_revision) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    return read_if_changed<std::vector<BestTime>>(event, known_revision,
                                                  [&] { return best_times_of(event, input); });
}

Result<std::vector<BestTime>> AvailabilityQueries::best_times_of(const Event& event,
                                                                 const BestTimesInput& input) {
    // The question, spelled so that two different ones never meet.
    std::string key = revision_of(event);
    const auto add = [&key](std::string_view part) {
        key += '\x1f';
        key += part;
    };
    const auto number = [](const std::optional<std::int64_t>& value) {
        return value ? std::to_string(*value) : std::string("-");
    };
    add(number(input.duration_minutes));
    add(number(input.min_people));
    add(number(input.limit));
    add(input.timezone ? "z" + *input.timezone : std::string("-"));
    for (const std::string& name : input.required) {
        add(name);
    }
    {
        const std::lock_guard lock(memo_mutex_);
        if (const auto found = memo_index_.find(key); found != memo_index_.end()) {
            memo_.splice(memo_.begin(), memo_, found->second);
            return *found->second->second;
        }
    }
    BISTIME_ASSIGN(std::vector<BestTime> ranked, rank_best_times(event, input));
    const std::lock_guard lock(memo_mutex_);
    if (memo_index_.find(key) == memo_index_.end()) {
        memo_.emplace_front(key, std::make_shared<const std::vector<BestTime>>(ranked));
        memo_index_.emplace(std::move(key), memo_.begin());
        if (memo_.size() > k_memo_entries) {
            memo_index_.erase(memo_.back().first);
            memo_.pop_back();
        }
    }
    return ranked;
}

Result<std::vector<BestTime>> AvailabilityQueries::rank_best_times(const Event& event,
                                                                   const BestTimesInput& input) {
    const int size = event.slot_minutes;
    const std::int64_t duration = input.duration_minutes.value_or(size);
    const int window_minutes = event.window.end.minutes() - event.window.start.minutes();
    if (duration <= 0 || duration % size != 0 || duration > window_minutes) {
        return Error::invalid_field("duration", "duration must be a multiple of " +
                                                    std::to_string(size) +
                                                    " minutes, at most the event's daily window");
    }
    const std::int64_t min_people = input.min_people.value_or(1);
    const std::int64_t limit = input.limit.value_or(10);
    if (min_people < 0 || min_people > 100000) {
        return Error::invalid_field("minPeople", "minPeople must be 0 or more");
    }
    if (limit < 1 || limit > 100) {
        return Error::invalid_field("limit", "limit must be 1 to 100");
    }
    const std::string& event_zone = access_.zone_of(event);
    const std::string viewer = input.timezone.value_or(event_zone);
    if (!access_.zones().is_known(viewer)) {
        return Error::invalid_field("tz", "unknown time zone: " + viewer);
    }
    BISTIME_ASSIGN(std::shared_ptr<const EventAnswers> answers, details_.answers_of(event));
    const std::vector<std::string>& people = answers->people;
    const std::vector<EventDate>& dates = answers->dates;

    WindowQuery query;
    query.length = static_cast<int>(duration / size);
    query.first_slot = event.window.start.slot(size);
    query.end_slot = event.window.end.slot(size);
    query.min_people = static_cast<std::size_t>(min_people);
    query.limit = static_cast<std::size_t>(limit);
    for (const std::string& name : input.required) {
        const std::string wanted = names_.normalize(name);
        if (!std::binary_search(people.begin(), people.end(), wanted)) {
            return Error::invalid_field("required", "no one named " + wanted + " has answered");
        }
        query.required.push_back(person_index(people, wanted));
    }

    const auto ranked =
        rank_windows(answers->days, people.size(), dates.size(), slots_per_day(size), query);

    std::vector<BestTime> results;
    for (const RankedWindow& window : ranked) {
        const CalendarDate date = dates[window.day].date;
        const int start = window.first_slot * size;
        const int end = start + static_cast<int>(duration);
        BestTime best;
        best.available = names_of(people, window.available);
        best.if_needed = names_of(people, window.if_needed);
        for (std::uint32_t person = 0; person < people.size(); ++person) {
            if (!std::binary_search(window.available.begin(), window.available.end(), person) &&
                !std::binary_search(window.if_needed.begin(), window.if_needed.end(), person)) {
                best.missing.push_back(people[person]);
            }
        }
        if (event.weekdays) {
            best.date = day_key(date);
            best.start = TimeOfDay::from_slot(window.first_slot, size).to_string();
            best.end = TimeOfDay::from_slot(window.first_slot + query.length, size).to_string();
            results.push_back(std::move(best));
            continue;
        }
        const auto utc_start = access_.instant_of(event, date, start);
        const auto utc_end = access_.instant_of(event, date, end);
        if (!utc_start || !utc_end) {
            continue;  // the window crosses a time the event's zone skips
        }
        const LocalMoment local_start = access_.zones().to_local(viewer, *utc_start);
        const LocalMoment local_end = access_.zones().to_local(viewer, *utc_end);
        const bool ends_at_midnight = local_end.minutes == 0 && local_end.date > local_start.date;
        best.date = local_start.date.to_string();
        best.start = clock_text(local_start.minutes);
        best.end = ends_at_midnight ? "24:00" : clock_text(local_end.minutes);
        best.utc_start = utc_start;
        best.utc_end = utc_end;
        results.push_back(std::move(best));
    }
    return results;
}

Result<EventGrid> AvailabilityQueries::grid(std::string_view uuid,
                                            std::optional<std::string_view> viewer_zone) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    return grid_of(event, viewer_zone);
}

Result<Revised<EventGrid>> AvailabilityQueries::grid_if_changed(
    std::string_view uuid, std::optional<std::string_view> viewer_zone,
    std::optional<std::string_view> known_revision) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    return read_if_changed<EventGrid>(event, known_revision,
                                      [&] { return grid_of(event, viewer_zone); });
}

Result<EventGrid> AvailabilityQueries::grid_of(const Event& event,
                                               std::optional<std::string_view> viewer_zone) {
    if (event.weekdays) {
        return Error::invalid("a weekday event has no real instants to show in a time zone");
    }
    EventGrid grid;
    grid.timezone = viewer_zone ? std::string(*viewer_zone) : access_.zone_of(event);
    if (!access_.zones().is_known(grid.timezone)) {
        return Error::invalid_field("tz", "unknown time zone: " + grid.timezone);
    }
    BISTIME_ASSIGN(EventDetails details, details_.read(event));
    const int size = details.event.slot_minutes;
    grid.slot_minutes = size;
    const auto& window = details.event.window;
    for (std::size_t day = 0; day < details.dates.size(); ++day) {
        for (int slot = window.start.slot(size); slot < window.end.slot(size); ++slot) {
            const auto instant =
                access_.instant_of(details.event, details.dates[day].date, slot * size);
            if (!instant) {
                continue;  // skipped by a clock change
            }
            const LocalMoment seen = access_.zones().to_local(grid.timezone, *instant);
            if (grid.days.empty() || grid.days.back().date != seen.date) {
                grid.days.push_back({seen.date, {}});
            }
            auto start =
                TimeOfDay::from_minutes(seen.minutes - seen.minutes % k_finest_slot_minutes);
            grid.days.back().slots.push_back({start ? *start : TimeOfDay::start_of_day(), *instant,
                                              static_cast<std::uint32_t>(day), slot});
        }
    }
    grid.people = std::move(details.participants);
    grid.who = std::move(details.overlap);
    return grid;
}

}  // namespace bistime
