// DateService: the candidate dates of an event — list them a page at a time,
// add them, and (with the admin token) delete one with its schedules. A
// weekday event has weekdays fixed at creation, not dates: every route here
// answers invalid for it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/event_access.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"

namespace bistime {

inline constexpr std::size_t k_dates_page_size = 20;

// A page of dates: `number` is 1-based, `total` counts every date of the event.
struct DatesPage {
    std::size_t number = 1;
    std::size_t total = 0;
    std::vector<EventDate> dates;
    bool has_next() const { return number * k_dates_page_size < total; }
    bool has_previous() const { return number > 1; }
};

struct DateServicePorts {
    EventAccess& access;
    EventRepository& events;
    EventDateRepository& dates;
    UnitOfWork& unit;
};

class DateService {
  public:
    explicit DateService(const DateServicePorts& ports);

    // Errors: not_found (event, or a page past the last; page 1 always
    // exists, page 0 never), invalid (a weekday event).
    Result<DatesPage> list_dates(std::string_view uuid, std::size_t page);
    // Adds dates (present ones are skipped) and returns page 1. Errors:
    // not_found; invalid ("invalid date format: X", a date before today in
    // the event's zone, more than 366 dates in all, a weekday event).
    Result<DatesPage> add_dates(std::string_view uuid, const std::vector<std::string>& dates);
    // Deletes one date and its schedules; a decision on that date goes with
    // it, in the same unit of work (a decision for a day no longer asked
    // about would mislead). Errors: not_found (no such date), unauthorized,
    // forbidden, too_many_attempts, invalid (a weekday event).
    Result<void> delete_date(RowId date_id, std::optional<std::string_view> admin_token);

  private:
    Result<DatesPage> page_of(const Event& event, std::size_t page);

    EventAccess& access_;
    EventRepository& events_;
    EventDateRepository& dates_;
    UnitOfWork& unit_;
};

}  // namespace bistime
