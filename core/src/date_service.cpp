#include "bistime/core/date_service.hpp"

#include <algorithm>

#include "bistime/core/event_service.hpp"

namespace bistime {
namespace {

Result<void> require_dated(const Event& event) {
    if (event.weekdays) {
        return Error::invalid(
            "a weekday event has weekdays, not dates: they are fixed when it is created");
    }
    return {};
}

Error no_such_page() {
    return Error::not_found("invalid page");
}

}  // namespace

DateService::DateService(const DateServicePorts& ports)
    : access_(ports.access), events_(ports.events), dates_(ports.dates), unit_(ports.unit) {}

Result<DatesPage> DateService::page_of(const Event& event, std::size_t page) {
    if (page == 0) {
        return no_such_page();
    }
    BISTIME_ASSIGN(DatePage found,
                   dates_.page_dates(event.id, (page - 1) * k_dates_page_size, k_dates_page_size));
    if (page > 1 && found.dates.empty()) {
        return no_such_page();
    }
    return DatesPage{page, found.total, std::move(found.dates)};
}

Result<DatesPage> DateService::list_dates(std::string_view uuid, std::size_t page) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    BISTIME_TRY(require_dated(event));
    return page_of(event, page);
}

Result<DatesPage> DateService::add_dates(std::string_view uuid,
                                         const std::vector<std::string>& texts) {
    BISTIME_ASSIGN(Event event, access_.find(uuid));
    BISTIME_TRY(require_dated(event));
    std::vector<CalendarDate> dates;
    dates.reserve(texts.size());
    for (const std::string& text : texts) {
        auto date = CalendarDate::parse(text);
        if (!date) {
            return Error::invalid_field("additionalDates", date.error().message);
        }
        dates.push_back(*date);
    }
    // "Today" is the event's: its dates are wall-clock in its zone.
    const CalendarDate today = access_.today_of(event);
    for (const CalendarDate& date : dates) {
        if (date < today) {
            return Error::invalid_field("additionalDates",
                                        "date is in the past: " + date.to_string());
        }
    }
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    if (dates.size() > k_max_dates_per_event) {
        return Error::invalid_field("additionalDates", "an event has at most 366 dates");
    }
    BISTIME_TRY(dates_.add_dates(event.id, dates, k_max_dates_per_event, access_.clock().now()));
    return page_of(event, 1);
}

Result<void> DateService::delete_date(RowId date_id, std::optional<std::string_view> admin_token) {
    BISTIME_ASSIGN(auto date, dates_.find_date(date_id));
    if (!date) {
        return Error::not_found("date not found");
    }
    BISTIME_ASSIGN(Event event, access_.find_as_organiser(date->event_uuid, admin_token));
    BISTIME_TRY(require_dated(event));
    const CalendarDate day = date->date;
    // The event's row first, locked, then the date: the order decide() takes
    // them in, so a decision and a deletion of its date made at once never
    // leave a decision on a day that is gone.
    return unit_.run([&]() -> Result<void> {
        BISTIME_TRY(events_.change_event(
            event.id,
            [&](Event& stored) -> Result<void> {
                if (stored.decision && stored.decision->date == day) {
                    stored.decision.reset();
                }
                return {};
            },
            access_.clock().now()));
        return dates_.delete_date(date_id);
    });
}

}  // namespace bistime
