// EventDetails: an event as clients read it — its dates, the people who
// answered and the overlap of their availability — and the reader that
// assembles it from storage in a constant number of reads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bistime/core/answers_cache.hpp"
#include "bistime/core/event.hpp"
#include "bistime/core/event_access.hpp"
#include "bistime/core/overlap.hpp"
#include "bistime/core/ports.hpp"

namespace bistime {

// The real instants of a decision, when the event has dates (not weekdays)
// and the wall-clock times exist in its zone.
struct DecisionInstants {
    UnixSeconds start = 0;
    UnixSeconds end = 0;
};

// An event as clients see it: its dates (ascending), the distinct names of
// people with a schedule (sorted by their UTF-8 bytes), and the overlap of
// their availability, with day index i = dates[i] and person index j =
// participants[j].
struct EventDetails {
    Event event;
    std::vector<EventDate> dates;
    std::vector<std::string> participants;
    AvailabilityOverlap overlap;
    std::optional<DecisionInstants> decision_instants;
};

// A short text that changes whenever anything an event's details show
// changes: a hash of the event's row (what clients see of it) and its
// answers_version. Known from the row alone, so a client that has the
// current details can be told so without them being read or written out.
std::string revision_of(const Event& event);

// A read of an event's data for a client that may already have it: the
// event's revision, and the value unless the client's revision was current.
template <typename T>
struct Revised {
    std::string revision;
    std::optional<T> value;  // absent: unchanged since the client's revision
};

// `read()` unless `known` is `event`'s revision — then nothing is read.
template <typename T, typename Read>
Result<Revised<T>> read_if_changed(const Event& event, std::optional<std::string_view> known,
                                   Read&& read) {
    Revised<T> answer{revision_of(event), std::nullopt};
    if (known && *known == answer.revision) {
        return answer;
    }
    BISTIME_ASSIGN(T value, read());
    answer.value = std::move(value);
    return answer;
}

// The distinct names of `schedules`, sorted: the people of an event, whose
// positions are the person indices of its overlap and rankings.
std::vector<std::string> people_of(const std::vector<Schedule>& schedules);
// The index of `name` in `people` (sorted). Precondition: it is there.
std::uint32_t person_index(const std::vector<std::string>& people, const std::string& name);

// The instants of `event`'s decision in its zone; nullopt for a weekday event,
// no decision, or a decision at a time its zone skips.
std::optional<DecisionInstants> decision_instants(const EventAccess& access, const Event& event);

class EventDetailsReader {
  public:
    EventDetailsReader(const EventAccess& access, EventDateRepository& dates,
                       ScheduleRepository& schedules, AnswersCache& cache)
        : access_(access), dates_(dates), schedules_(schedules), cache_(cache) {}

    // The event's dates and answers at its answers_version: from the cache,
    // or read (two reads) and kept there.
    Result<std::shared_ptr<const EventAnswers>> answers_of(const Event& event) const;
    // The event's dates: from the cache when it holds the event's answers at
    // any version of the event's current dates_version, else one read (which
    // does not load the answers).
    Result<std::vector<EventDate>> dates_of(const Event& event) const;
    // Where `name` had a row on each of `dates` (the event's current ones)
    // when the cache last held the event's answers, at whichever version, or
    // else where this server last wrote them (WrittenRows): hints for a
    // write of that person's days, which storage checks.
    std::vector<std::optional<ScheduleRepository::SeenRow>> rows_seen(
        const Event& event, const std::string& name, const std::vector<EventDate>& dates) const;
    // Tell the hints above of `rows` just written for `name`, and of a
    // person's rows deleted.
    void note_written(const Event& event, const std::string& name,
                      const std::vector<Schedule>& rows) const;
    void note_deleted(const Event& event, const std::string& name) const;
    // The event with its answers_of().
    Result<EventDetails> read(Event event) const;
    // The same for every event of a team, in three reads whatever their number.
    Result<std::vector<EventDetails>> read_team(std::vector<Event> events, RowId team_id) const;

  private:
    // rows_seen() as the cached answers show them.
    std::vector<std::optional<ScheduleRepository::SeenRow>> rows_read(
        const Event& event, const std::string& name, const std::vector<EventDate>& dates) const;
    EventDetails assemble(Event event, std::vector<EventDate> dates,
                          std::vector<Schedule> schedules) const;

    const EventAccess& access_;
    EventDateRepository& dates_;
    ScheduleRepository& schedules_;
    AnswersCache& cache_;
};

}  // namespace bistime
