// FixedClock: a Clock whose time the test sets, so rules about "today" can be
// checked on any day the suite runs.
#pragma once

#include <atomic>

#include "bistime/core/ports.hpp"

namespace bistime::testing {

class FixedClock final : public Clock {
  public:
    explicit FixedClock(CalendarDate today) : today_days_(today.days_since_epoch()) {}
    // 09:00 UTC of today, plus whatever advance() added.
    UnixSeconds now() const override {
        return today_days_.load() * 86400 + 9 * 3600 + extra_seconds_.load();
    }
    CalendarDate today() const override {
        return CalendarDate::from_days_since_epoch(today_days_.load());
    }
    void set_today(CalendarDate today) {
        today_days_ = today.days_since_epoch();
        extra_seconds_ = 0;
    }
    // Moves now() on by `seconds` within today (today() stays).
    void advance(UnixSeconds seconds) { extra_seconds_ += seconds; }

  private:
    std::atomic<std::int64_t> today_days_;
    std::atomic<std::int64_t> extra_seconds_{0};
};

// A date `days` after `from`, as text.
inline std::string date_after(CalendarDate from, int days) {
    return CalendarDate::from_days_since_epoch(from.days_since_epoch() + days).to_string();
}

}  // namespace bistime::testing
