#include "bistime/ical/libical_reader.hpp"

#include <libical/ical.h>

#include <memory>
#include <mutex>
#include <string>

namespace bistime::ical {
namespace {

using ComponentPtr = std::unique_ptr<icalcomponent, void (*)(icalcomponent*)>;

// libical keeps process-wide state (its built-in time-zone cache and error
// variable); one parse at a time keeps that safe across worker threads.
std::mutex& libical_mutex() {
    static std::mutex mutex;
    return mutex;
}

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

struct Collected {
    std::vector<BusyInterval>* out;
    UnixSeconds from;
    UnixSeconds to;
};

void collect(icalcomponent*, struct icaltime_span* span, void* data) {
    auto* collected = static_cast<Collected*>(data);
    const UnixSeconds start = span->start;
    const UnixSeconds end = span->end > span->start ? span->end : span->start;
    if (end > collected->from && start < collected->to) {
        collected->out->push_back({start, end});
    }
}

}  // namespace

Result<std::vector<BusyInterval>> LibicalReader::busy_intervals(std::string_view calendar,
                                                                UnixSeconds from,
                                                                UnixSeconds to) const {
    const std::lock_guard lock(libical_mutex());
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
    std::vector<BusyInterval> busy;
    Collected collected{&busy, from, to};
    // Expand a little beyond the range: an occurrence starting before `from`
    // may still run into it.
    const icaltimetype range_start =
        icaltime_from_timet_with_zone(from - 7 * 86400, 0, icaltimezone_get_utc_timezone());
    const icaltimetype range_end =
        icaltime_from_timet_with_zone(to, 0, icaltimezone_get_utc_timezone());
    auto visit = [&](icalcomponent* event) {
        if (!is_busy(event)) {
            return;
        }
        const icaltimetype start = icalcomponent_get_dtstart(event);
        if (icaltime_is_null_time(start) || !icaltime_is_valid_time(start)) {
            return;
        }
        icalcomponent_foreach_recurrence(event, range_start, range_end, collect, &collected);
    };
    if (kind == ICAL_VEVENT_COMPONENT) {
        visit(root.get());
    } else {
        for (icalcomponent* event =
                 icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT);
             event != nullptr;
             event = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT)) {
            visit(event);
        }
    }
    return busy;
}

}  // namespace bistime::ical
