#include "bistime/ical/libical_reader.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>

#include "bistime/core/deadline.hpp"
#include "libical_lock.hpp"

namespace bistime::ical {
namespace {

using ComponentPtr = std::unique_ptr<icalcomponent, void (*)(icalcomponent*)>;

using detail::libical_mutex;

// The first parse error libical recorded in the tree, as text.
std::string first_error(icalcomponent* component) {
    for (icalproperty* property =
             icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY);
         property != nullptr;
         property = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        return icalproperty_get_xlicerror(property);
    }
    for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT);
         child != nullptr;
         child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        std::string error = first_error(child);
        if (!error.empty()) {
            return error;
        }
    }
    return "";
}

bool is_busy(icalcomponent* event) {
    if (icalproperty* transp = icalcomponent_get_first_property(event, ICAL_TRANSP_PROPERTY);
        transp != nullptr && icalproperty_get_transp(transp) == ICAL_TRANSP_TRANSPARENT) {
        return false;
    }
    return icalcomponent_get_status(event) != ICAL_STATUS_CANCELLED;
}

using Clock = std::chrono::steady_clock;

// Expands the events of one calendar into busy intervals within a budget of
// steps and time shared by all of them.
class Expansion {
  public:
    Expansion(UnixSeconds from, UnixSeconds to, Clock::time_point due)
        : from_(from), to_(to), due_(due) {}

    // Errors: invalid (a bound passed), unavailable (the request's deadline).
    Result<void> add(icalcomponent* event) {
        icaltimetype start = icalcomponent_get_dtstart(event);
        if (icaltime_is_null_time(start) || !icaltime_is_valid_time(start)) {
            return {};
        }
        const icaltimetype end = icalcomponent_get_dtend(event);
        const UnixSeconds length = icaltime_is_null_time(end) ? 0 : seconds(end) - seconds(start);
        const bool recurs =
            icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) != nullptr ||
            icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY) != nullptr;
        if (!recurs) {
            emit(seconds(start), length);
            return {};
        }
        // DTSTART is always an occurrence (RFC 5545), whether or not a rule
        // lists it; a rule that does only repeats it, and merging folds that.
        if (!icalproperty_recurrence_is_excluded(event, &start, &start)) {
            emit(seconds(start), length);
        }
        // An occurrence that starts this long before `from` may still reach it.
        const UnixSeconds earliest = from_ - std::max<UnixSeconds>(length, 0);
        for (icalproperty* rule = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY);
             rule != nullptr; rule = icalcomponent_get_next_property(event, ICAL_RRULE_PROPERTY)) {
            const icalrecurrencetype recurrence = icalproperty_get_rrule(rule);
            if (periods_before(recurrence, start) > LibicalReader::k_max_recurrence_steps) {
                return too_many_steps();
            }
            if (scans_per_occurrence(recurrence) > LibicalReader::k_max_scan_per_occurrence) {
                return Error::invalid(
                    "a recurrence rule repeats too often for its BY parts (an HOURLY rule "
                    "filtered by month, or a SECONDLY one by hour, say); export the calendar "
                    "with daily or coarser rules");
            }
            std::unique_ptr<icalrecur_iterator, void (*)(icalrecur_iterator*)> steps(
                icalrecur_iterator_new(recurrence, start), icalrecur_iterator_free);
            if (steps == nullptr) {
                continue;  // a rule libical cannot iterate adds nothing
            }
            if (recurrence.count == 0 && seconds(start) < earliest) {
                // Without a COUNT nothing before the range matters: start the
                // walk there instead of at DTSTART (libical refuses this for
                // COUNT rules, which periods_before bounded instead).
                icaltimetype from = icaltime_from_timet_with_zone(
                    earliest, 0,
                    start.zone != nullptr ? start.zone : icaltimezone_get_utc_timezone());
                from.is_date = start.is_date;
                icalrecur_iterator_set_start(steps.get(), from);
            }
            for (icaltimetype at = icalrecur_iterator_next(steps.get()); !icaltime_is_null_time(at);
                 at = icalrecur_iterator_next(steps.get())) {
                if (auto spent = step(); !spent) {
                    return spent;
                }
                const UnixSeconds begins = seconds(at);
                if (begins >= to_) {
                    break;
                }
                if (begins + length > earliest &&
                    !icalproperty_recurrence_is_excluded(event, &start, &at)) {
                    emit(begins, length);
                }
            }
        }
        for (icalproperty* date = icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY);
             date != nullptr; date = icalcomponent_get_next_property(event, ICAL_RDATE_PROPERTY)) {
            if (auto spent = step(); !spent) {
                return spent;
            }
            const icaldatetimeperiodtype when = icalproperty_get_rdate(date);
            if (!icaltime_is_null_time(when.time)) {
                emit(seconds(when.time), length);
            } else if (!icaltime_is_null_time(when.period.start)) {
                const UnixSeconds begins = seconds(when.period.start);
                const UnixSeconds ends = icaltime_is_null_time(when.period.end)
                                             ? begins + length
                                             : seconds(when.period.end);
                emit(begins, ends - begins);
            }
        }
        return {};
    }

    std::vector<BusyInterval> take() { return std::move(busy_); }

  private:
    static UnixSeconds seconds(const icaltimetype& time) {
        return icaltime_as_timet_with_zone(
            time, time.zone != nullptr ? time.zone : icaltimezone_get_utc_timezone());
    }

    void emit(UnixSeconds start, UnixSeconds length) {
        const UnixSeconds end = start + std::max<UnixSeconds>(length, 0);
        if (end > from_ && start < to_) {
            busy_.push_back({start, end});
        }
    }

    // The shortest length of one period of a frequency, in seconds (a month
    // is at least 28 days).
    static long period_seconds(icalrecurrencetype_frequency frequency) {
        switch (frequency) {
            case ICAL_SECONDLY_RECURRENCE:
                return 1;
            case ICAL_MINUTELY_RECURRENCE:
                return 60;
            case ICAL_HOURLY_RECURRENCE:
                return 3600;
            case ICAL_DAILY_RECURRENCE:
                return 86400;
            case ICAL_WEEKLY_RECURRENCE:
                return 7 * 86400;
            case ICAL_MONTHLY_RECURRENCE:
                return 28 * 86400;
            default:
                return 365 * 86400;
        }
    }

    // How many periods of its frequency a rule walks from DTSTART before it
    // reaches the range (or its UNTIL): the least number of steps libical
    // takes, found without taking them. A COUNT stops it sooner.
    long periods_before(const icalrecurrencetype& rule, const icaltimetype& start) const {
        long period = period_seconds(rule.freq);
        period *= std::max<short>(rule.interval, 1);
        UnixSeconds until = from_;
        if (!icaltime_is_null_time(rule.until)) {
            until = std::min(until, seconds(rule.until));
        }
        if (rule.count == 0) {
            return 0;  // the walk starts at the range (set_start)
        }
        long periods = std::max<long>(0, static_cast<long>((until - seconds(start)) / period));
        return std::min<long>(periods, rule.count);
    }

    // How many periods of its frequency libical may walk inside one
    // icalrecur_iterator_next, looking for a time every BY part accepts: up to
    // the span of the coarsest BY part. A SECONDLY rule with BYMONTH walks a
    // year of seconds for one occurrence — no bound on calls can stop that.
    static long scans_per_occurrence(const icalrecurrencetype& rule) {
        const long period = period_seconds(rule.freq);
        if (period >= 86400) {
            return 1;  // daily and coarser step at least a day at a time
        }
        const auto has = [](const short* parts) { return parts[0] != ICAL_RECURRENCE_ARRAY_MAX; };
        const auto ordinal_day = [&] {
            for (int i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX;
                 ++i) {
                if (icalrecurrencetype_day_position(rule.by_day[i]) != 0) {
                    return true;
                }
            }
            return false;
        };
        long span = period;
        if (has(rule.by_month) || has(rule.by_year_day) || has(rule.by_week_no) ||
            has(rule.by_set_pos) || has(rule.by_month_day) || ordinal_day()) {
            span = 366L * 86400;
        } else if (has(rule.by_day)) {
            span = 7L * 86400;
        } else if (has(rule.by_hour)) {
            span = 86400;
        } else if (has(rule.by_minute)) {
            span = 3600;
        } else if (has(rule.by_second)) {
            span = 60;
        }
        return span / (period * std::max<short>(rule.interval, 1));
    }

    static Error too_many_steps() {
        return Error::invalid("the calendar's recurrence rules take more than " +
                              std::to_string(LibicalReader::k_max_recurrence_steps) +
                              " steps to reach the event's dates; export a shorter range of the "
                              "calendar");
    }

    Result<void> step() {
        if (++steps_ > LibicalReader::k_max_recurrence_steps) {
            return too_many_steps();
        }
        if (steps_ % 4096 == 0 && Clock::now() >= due_) {
            if (Deadline::passed()) {
                return Error::unavailable("the request ran out of time");
            }
            return Error::invalid(
                "the calendar's recurrence rules take too long to expand; export a shorter "
                "range of the calendar");
        }
        return {};
    }

    UnixSeconds from_;
    UnixSeconds to_;
    Clock::time_point due_;
    long steps_ = 0;
    std::vector<BusyInterval> busy_;
};

}  // namespace

Result<std::vector<BusyInterval>> LibicalReader::busy_intervals(std::string_view calendar,
                                                                UnixSeconds from,
                                                                UnixSeconds to) const {
    // Others' calendars take at most k_max_expansion each; waiting for them
    // is bounded too, and by what is left of the request's time.
    const std::unique_lock lock(
        libical_mutex(), std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::min<Clock::duration>(k_max_lock_wait, Deadline::remaining())));
    if (!lock.owns_lock()) {
        return Error::unavailable("the server is busy reading other calendars; try again");
    }
    const auto budget = std::min<Clock::duration>(k_max_expansion, Deadline::remaining());
    const std::string text(calendar);
    ComponentPtr root(icalparser_parse_string(text.c_str()), icalcomponent_free);
    if (root == nullptr) {
        return Error::invalid("not an iCalendar document");
    }
    const icalcomponent_kind kind = icalcomponent_isa(root.get());
    if (kind != ICAL_VCALENDAR_COMPONENT && kind != ICAL_VEVENT_COMPONENT) {
        return Error::invalid("the calendar must be a VCALENDAR");
    }
    if (const std::string error = first_error(root.get()); !error.empty()) {
        return Error::invalid("malformed calendar: " + error);
    }
    Expansion expansion(from, to, Clock::now() + budget);
    if (kind == ICAL_VEVENT_COMPONENT) {
        if (is_busy(root.get())) {
            if (auto added = expansion.add(root.get()); !added) {
                return added.error();
            }
        }
        return expansion.take();
    }
    for (icalcomponent* event =
             icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT);
         event != nullptr;
         event = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT)) {
        if (is_busy(event)) {
            if (auto added = expansion.add(event); !added) {
                return added.error();
            }
        }
    }
    return expansion.take();
}

}  // namespace bistime::ical
